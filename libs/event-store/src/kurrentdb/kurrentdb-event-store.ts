/**
 * The event store on KurrentDB (EventStoreDB's successor), for deployments that outgrow one
 * machine: a cluster gives replication, and the relay follows $all with a server-side filter.
 *
 * Translations at this border, so nothing outside it sees KurrentDB types:
 *  - versions: the port's are 1-based (0 = no stream); KurrentDB revisions are 0-based bigints;
 *  - positions: (commit, prepare) packed into one decimal string (positions.ts);
 *  - a retried append: KurrentDB treats a re-sent event id as an idempotent success; the port
 *    reports it as DuplicateEventError so the caller can answer with the stored event.
 */
import { ANY, jsonEvent, NO_STREAM, START, streamNameFilter } from '@kurrent/kurrentdb-client';
import type { AppendStreamState, Filter } from '@kurrent/kurrentdb-client';
import {
  AppendOptions, AppendResult, DuplicateEventError, EventStore, EventToAppend, ExpectedVersion, StoredEvent, SubscribeOptions, Subscription,
  WrongExpectedVersionError,
} from '../event-store.port';
import { errorKind, KurrentClient, KurrentRecordedEvent, STREAM_NOT_FOUND, WRONG_EXPECTED_VERSION } from './kurrent-client';
import { decodePosition, encodePosition, samePosition } from './positions';
import { kurrentSubscription } from './kurrent-subscription';

export class KurrentDbEventStore implements EventStore {
  constructor(private readonly client: KurrentClient) {}

  async append(streamId: string, events: EventToAppend[], expected: ExpectedVersion, options: AppendOptions = {}): Promise<AppendResult> {
    // Only derived ids can repeat: a status lookup's audit line (fresh id) must not read the whole lookup history first.
    if (!options.freshEventIds) await this.refuseKnownEventIds(streamId, events);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), { streamState: toStreamState(expected) });
      return {
        version: Number(result.nextExpectedRevision) + 1,
        position: result.position ? encodePosition(result.position) : await this.positionOf(streamId),
      };
    } catch (error) {
      if (errorKind(error) === WRONG_EXPECTED_VERSION) {
        throw new WrongExpectedVersionError(streamId, expected, await this.streamVersion(streamId));
      }
      throw error;
    }
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return this.collect(this.client.readStream(streamId));
  }

  async readStreamBackwards(streamId: string, page: { before?: number; limit: number }): Promise<StoredEvent[]> {
    // Port versions are 1-based, KurrentDB revisions 0-based: "below version v" starts at revision v - 2.
    if (page.before !== undefined && page.before <= 1) return [];
    const fromRevision = page.before === undefined ? 'end' : BigInt(page.before - 2);
    return this.collect(this.client.readStream(streamId, { direction: 'backwards', fromRevision, maxCount: page.limit }));
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.lastEvent(streamId))?.version ?? 0;
  }

  async findEvent(streamId: string, eventId: string): Promise<StoredEvent | null> {
    // Patient streams hold tens of events; a scan is cheaper than an index the server does not have.
    return (await this.readStream(streamId)).find((e) => e.eventId === eventId) ?? null;
  }

  async readAll(after: string | null, limit: number, streamPrefix?: string): Promise<StoredEvent[]> {
    const from = after === null ? null : decodePosition(after);
    // KurrentDB reads $all from a position inclusively; the port reads after it.
    const page = await this.collect(this.client.readAll({
      fromPosition: from ?? START,
      maxCount: from ? limit + 1 : limit,
      filter: userStreams(streamPrefix),
    }));
    return page.filter((e) => !from || !samePosition(decodePosition(e.position), from)).slice(0, limit);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return kurrentSubscription(this.client, options, userStreams(options.streamPrefix), toStored);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async refuseKnownEventIds(streamId: string, events: EventToAppend[]): Promise<void> {
    const known = new Set((await this.readStream(streamId)).map((e) => e.eventId));
    const repeated = events.find((e) => known.has(e.eventId));
    if (repeated) throw new DuplicateEventError(repeated.eventId);
  }

  /** Servers before 22.6 answer an append without its position; read it back instead of guessing. */
  private async positionOf(streamId: string): Promise<string> {
    return (await this.lastEvent(streamId) as StoredEvent).position;
  }

  private async lastEvent(streamId: string): Promise<StoredEvent | undefined> {
    const [last] = await this.collect(this.client.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }));
    return last;
  }

  private async collect(read: AsyncIterable<{ event?: KurrentRecordedEvent }>): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of read) if (resolved.event) out.push(toStored(resolved.event));
    } catch (error) {
      if (errorKind(error) !== STREAM_NOT_FOUND) throw error;
    }
    return out;
  }
}

function toStreamState(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === 0) return NO_STREAM;
  return BigInt(expected - 1);
}

function toEventData(e: EventToAppend) {
  // The event id is the caller's (deterministic for commands), so a retried append is recognisable.
  return jsonEvent({ id: e.eventId, type: e.type, data: e.payload as Record<string, never>, metadata: e.metadata as Record<string, never> | undefined });
}

/** Our streams only: a prefix filter, or (unprefixed) every stream that is not a `$` system stream. */
function userStreams(prefix?: string): Filter {
  return prefix ? streamNameFilter({ prefixes: [prefix] }) : streamNameFilter({ regex: '^[^$]' });
}

function toStored(e: KurrentRecordedEvent): StoredEvent {
  if (!e.position) throw new Error(`KurrentDB returned ${e.streamId}@${e.revision} without a log position (server older than 22.6?)`);
  return {
    streamId: e.streamId,
    version: Number(e.revision) + 1,
    position: encodePosition(e.position),
    eventId: e.id,
    type: e.type,
    payload: e.data,
    metadata: (e.metadata as Record<string, unknown> | undefined) ?? null,
  };
}
