/**
 * The event store port. Streams hold a patient's events (`patient-<patientId>`) or other
 * per-patient records (`lookup-<patientId>`); versions are 1-based; global positions are
 * decimal strings so adapters with 64-bit positions (KurrentDB) fit the same port.
 */

export interface EventToAppend {
  eventId: string;
  type: string;
  /** The full event as the domain defines it (envelope and data). */
  payload: unknown;
  metadata?: Record<string, unknown>;
}

export interface AppendOptions {
  /**
   * The event ids are new (random — an audit line): they cannot repeat an earlier append, so an
   * adapter need not look for them before appending. Leave it unset where ids are derived (an
   * Idempotency-Key), so a retried append is recognised.
   */
  freshEventIds?: boolean;
}

export interface StoredEvent {
  streamId: string;
  version: number;
  position: string;
  eventId: string;
  type: string;
  payload: unknown;
  metadata: Record<string, unknown> | null;
}

/** `no_stream`: the stream must not exist; a number: the stream must be at exactly that version; `any`: no check. */
export type ExpectedVersion = number | 'no_stream' | 'any';

/** Whether a stream at version `current` (0: no stream) is where the append expects it (the embedded stores' check). */
export function expectedVersionHolds(expected: ExpectedVersion, current: number): boolean {
  return expected === 'any' || (expected === 'no_stream' ? 0 : expected) === current;
}

export interface AppendResult {
  /** The stream's version after the append. */
  version: number;
  position: string;
}

export class WrongExpectedVersionError extends Error {
  constructor(readonly streamId: string, readonly expected: ExpectedVersion, readonly actual: number) {
    super(`stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
  }
}

/** An event with this id is already stored: a retried append (idempotent by event id). */
export class DuplicateEventError extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} is already stored`);
  }
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  /** Position after which to start; null from the very beginning. */
  after: string | null;
  /** Only streams whose name starts with this prefix. */
  streamPrefix: string;
  /**
   * Called in order with one or more consecutive events (a page where the adapter reads pages);
   * the subscription waits for the promise before it reads on.
   */
  onEvents: (events: StoredEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

export interface EventStore {
  append(streamId: string, events: EventToAppend[], expected: ExpectedVersion, options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string): Promise<StoredEvent[]>;
  /** A page of a stream, newest first: at most `limit` events with a version below `before` (all, when absent). */
  readStreamBackwards(streamId: string, page: { before?: number; limit: number }): Promise<StoredEvent[]>;
  /** Current version of the stream; 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  findEvent(streamId: string, eventId: string): Promise<StoredEvent | null>;
  readAll(after: string | null, limit: number, streamPrefix?: string): Promise<StoredEvent[]>;
  subscribe(options: SubscribeOptions): Subscription;
  /**
   * In-process notice of appends, where the adapter can give one (the embedded SQLite store):
   * lets a relay on another thread wake at once instead of at its next poll. Adapters whose
   * subscriptions are pushed by a server (KurrentDB) leave it out.
   */
  watchAppends?(streamPrefix: string, listener: (streamIds: string[]) => void): () => void;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export const patientStream = (patientId: string) => `patient-${patientId}`;
export const lookupStream = (patientId: string) => `lookup-${patientId}`;
/** Who read a patient's whole record (GET …/events): the CPR and every instrument's details. */
export const recordReadStream = (patientId: string) => `record-read-${patientId}`;
