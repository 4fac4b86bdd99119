/**
 * The part of `@kurrent/kurrentdb-client` the adapter uses, named so that the same adapter code
 * runs against the real client (production, or any machine with a KurrentDB server) and against
 * the in-memory stand-in in `testing/kurrent-stand-in.ts` (CI here, where no server can run).
 */
import type { AppendStreamState, EventData, Filter, ReadPosition, ReadRevision } from '@kurrent/kurrentdb-client';
import type { LogPosition } from './positions';

export interface KurrentRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: LogPosition;
}

export interface KurrentResolvedEvent {
  event?: KurrentRecordedEvent;
}

export interface KurrentSubscription extends AsyncIterable<KurrentResolvedEvent> {
  unsubscribe(): Promise<void>;
}

export interface KurrentClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { streamState: AppendStreamState },
  ): Promise<{ nextExpectedRevision: bigint; position?: LogPosition }>;
  readStream(
    streamName: string,
    options?: { fromRevision?: ReadRevision; direction?: 'forwards' | 'backwards'; maxCount?: number | bigint },
  ): AsyncIterable<KurrentResolvedEvent>;
  readAll(options: { fromPosition?: ReadPosition; maxCount?: number | bigint; filter?: Filter }): AsyncIterable<KurrentResolvedEvent>;
  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }): KurrentSubscription;
  dispose(): Promise<void>;
}

/** The client's own error kinds, matched by their `type` tag (stable across the client's realms and versions). */
export const errorKind = (error: unknown): string | undefined => (error as { type?: unknown } | null)?.type as string | undefined;
export const WRONG_EXPECTED_VERSION = 'wrong-expected-version';
export const STREAM_NOT_FOUND = 'stream-not-found';
