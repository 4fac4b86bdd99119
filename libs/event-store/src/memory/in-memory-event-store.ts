/**
 * An EventStore in memory, for fast handler and relay tests (it passes the same contract suite
 * as the SQLite and KurrentDB adapters). Never wired into the service: nothing here is durable.
 * The log lives apart from the store, so a test can "close and reopen" onto the same events.
 */
import {
  AppendOptions, AppendResult, DuplicateEventError, EventStore, EventToAppend, ExpectedVersion, expectedVersionHolds, StoredEvent,
  SubscribeOptions, Subscription, WrongExpectedVersionError,
} from '../event-store.port';
import { pollingSubscription } from '../sqlite/polling-subscription';

export class InMemoryLog {
  readonly events: StoredEvent[] = [];
  readonly streams = new Map<string, StoredEvent[]>();
  readonly eventIds = new Set<string>();
}

export class InMemoryEventStore implements EventStore {
  private readonly wakers = new Map<() => void, string>();
  private readonly watchers = new Set<(streamIds: string[]) => void>();

  constructor(private readonly log = new InMemoryLog()) {}

  async append(streamId: string, events: EventToAppend[], expected: ExpectedVersion, _options?: AppendOptions): Promise<AppendResult> {
    await Promise.resolve(); // like a real store, an append is answered later: concurrent callers interleave here
    const stream = this.log.streams.get(streamId) ?? [];
    const current = stream.length;
    if (!expectedVersionHolds(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);
    const repeated = events.find((e) => this.log.eventIds.has(e.eventId));
    if (repeated) throw new DuplicateEventError(repeated.eventId);
    const stored = events.map((e, i) => ({
      streamId, version: current + i + 1, position: String(this.log.events.length + i + 1), eventId: e.eventId, type: e.type,
      payload: structuredClone(e.payload), metadata: e.metadata ? structuredClone(e.metadata) : null,
    }));
    this.log.streams.set(streamId, [...stream, ...stored]);
    this.log.events.push(...stored);
    for (const e of stored) this.log.eventIds.add(e.eventId);
    for (const [wake, prefix] of this.wakers) if (streamId.startsWith(prefix)) wake();
    for (const watch of this.watchers) watch([streamId]);
    return { version: current + events.length, position: stored[stored.length - 1]?.position ?? String(this.log.events.length) };
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return [...(this.log.streams.get(streamId) ?? [])];
  }

  async readStreamBackwards(streamId: string, page: { before?: number; limit: number }): Promise<StoredEvent[]> {
    const before = page.before ?? Number.MAX_SAFE_INTEGER;
    return (this.log.streams.get(streamId) ?? []).filter((e) => e.version < before).reverse().slice(0, page.limit);
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.log.streams.get(streamId)?.length ?? 0;
  }

  async findEvent(streamId: string, eventId: string): Promise<StoredEvent | null> {
    return this.log.streams.get(streamId)?.find((e) => e.eventId === eventId) ?? null;
  }

  async readAll(after: string | null, limit: number, streamPrefix?: string): Promise<StoredEvent[]> {
    const from = after === null ? 0 : Number(after);
    return this.log.events.slice(from).filter((e) => !streamPrefix || e.streamId.startsWith(streamPrefix)).slice(0, limit);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return pollingSubscription(this, options, (wake) => {
      this.wakers.set(wake, options.streamPrefix);
      return () => this.wakers.delete(wake);
    });
  }

  watchAppends(streamPrefix: string, listener: (streamIds: string[]) => void): () => void {
    const watcher = (ids: string[]) => { if (ids.some((s) => s.startsWith(streamPrefix))) listener(ids); };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  async close(): Promise<void> {
    this.wakers.clear();
    this.watchers.clear();
  }
}
