/**
 * TEST STAND-IN for a KurrentDB server — no KurrentDB server can run on the CI machine, so the
 * adapter's contract suite runs against this in CI and against a real server whenever
 * KURRENTDB_CONNECTION_STRING is set (README: "What CI cannot check").
 *
 * It models only the server behaviour the adapter relies on, as KurrentDB documents it: atomic
 * appends checked against the stream state; a re-sent event id is an idempotent success;
 * reading a missing stream fails with stream-not-found; $all is ordered by (commit, prepare),
 * read inclusively from a position and subscribed exclusively; filters by stream-name prefix or
 * regex; system streams start with `$`. It is never wired into the service.
 */
import type { AppendStreamState, EventData, Filter, ReadPosition, ReadRevision } from '@kurrent/kurrentdb-client';
import { KurrentClient, KurrentRecordedEvent, KurrentResolvedEvent, KurrentSubscription, STREAM_NOT_FOUND, WRONG_EXPECTED_VERSION } from '../kurrent-client';
import { LogPosition } from '../positions';

class StandInError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

type Recorded = KurrentRecordedEvent & { position: LogPosition };

const after = (a: LogPosition, b: LogPosition) => a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);

export class KurrentStandInServer {
  private readonly log: Recorded[] = [];
  private readonly wakers = new Set<() => void>();
  private nextCommit = 1_000n;
  private failures = new Set<(error: Error) => void>();

  constructor() {
    // A real server's $all starts with system events; the adapter must never hand these on.
    this.write('$settings', [{ id: 'system-0', type: '$settings', data: {}, metadata: undefined }]);
  }

  client(): KurrentClient {
    return new StandInClient(this);
  }

  /** Events handed out by stream reads, per stream: what a test counts to show a cost does not grow. */
  readonly eventsRead = new Map<string, number>();

  countRead(stream: string): void {
    this.eventsRead.set(stream, (this.eventsRead.get(stream) ?? 0) + 1);
  }

  /** Drops every live subscription with an error, as a server restart or leader change would. */
  dropSubscriptions(): void {
    for (const fail of [...this.failures]) fail(new StandInError('unavailable', 'connection lost'));
  }

  stream(name: string): Recorded[] {
    return this.log.filter((e) => e.streamId === name);
  }

  all(): Recorded[] {
    return this.log;
  }

  append(name: string, events: EventData[], state: AppendStreamState) {
    const existing = this.stream(name);
    const current = existing.length ? existing[existing.length - 1].revision : null;
    if (existing.length && events.every((e) => existing.some((x) => x.id === e.id))) {
      return { nextExpectedRevision: current as bigint, position: existing[existing.length - 1].position };
    }
    if (!stateHolds(state, current)) {
      throw new StandInError(WRONG_EXPECTED_VERSION, `${name}: expected ${String(state)}, is at ${String(current)}`);
    }
    const written = this.write(name, events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })));
    return { nextExpectedRevision: written[written.length - 1].revision, position: written[written.length - 1].position };
  }

  waitForAppend(): Promise<void> {
    return new Promise((resolve) => this.wakers.add(resolve));
  }

  onFailure(fail: (error: Error) => void): () => void {
    this.failures.add(fail);
    return () => this.failures.delete(fail);
  }

  private write(name: string, events: Pick<KurrentRecordedEvent, 'id' | 'type' | 'data' | 'metadata'>[]): Recorded[] {
    const base = this.stream(name).length;
    const commit = (this.nextCommit += 1_000n);
    // One commit position per append, a prepare position per event: the packing must keep both.
    const written = events.map((e, i) => ({ ...e, streamId: name, revision: BigInt(base + i), position: { commit, prepare: commit - 500n + BigInt(i) } }));
    this.log.push(...written);
    for (const wake of [...this.wakers]) wake();
    this.wakers.clear();
    return written;
  }
}

function stateHolds(state: AppendStreamState, current: bigint | null): boolean {
  if (state === 'any') return true;
  if (state === 'no_stream') return current === null;
  if (state === 'stream_exists') return current !== null;
  return current === state;
}

function matches(filter: Filter | undefined, e: Recorded): boolean {
  if (!filter) return true;
  if ('prefixes' in filter) return filter.prefixes.some((p) => e.streamId.startsWith(p));
  return new RegExp(filter.regex).test(e.streamId);
}

class StandInClient implements KurrentClient {
  private disposed = false;

  constructor(private readonly server: KurrentStandInServer) {}

  async appendToStream(name: string, events: EventData[], options: { streamState: AppendStreamState }) {
    this.assertOpen();
    await Promise.resolve(); // a network round trip: concurrent callers interleave here
    return this.server.append(name, events, options.streamState);
  }

  async *readStream(name: string, options: { fromRevision?: ReadRevision; direction?: 'forwards' | 'backwards'; maxCount?: number | bigint } = {}) {
    this.assertOpen();
    const events = this.server.stream(name);
    if (!events.length) throw new StandInError(STREAM_NOT_FOUND, `${name} not found`);
    // fromRevision is inclusive, in the direction of the read ('start'/'end' or a revision).
    const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : null;
    const backwards = options.direction === 'backwards';
    const inRange = events.filter((e) => from === null || (backwards ? e.revision <= from : e.revision >= from));
    const ordered = backwards ? [...inRange].reverse() : inRange;
    for (const event of ordered.slice(0, Number(options.maxCount ?? ordered.length))) {
      this.server.countRead(name);
      yield { event };
    }
  }

  async *readAll(options: { fromPosition?: ReadPosition; maxCount?: number | bigint; filter?: Filter }) {
    this.assertOpen();
    const from = typeof options.fromPosition === 'object' ? options.fromPosition : null;
    const page = this.server.all().filter((e) => (!from || !after(from, e.position)) && matches(options.filter, e));
    yield* page.slice(0, Number(options.maxCount ?? page.length)).map((event) => ({ event }));
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }): KurrentSubscription {
    this.assertOpen();
    const server = this.server;
    let last = typeof options.fromPosition === 'object' ? options.fromPosition : null;
    let ended = false;
    let failure: Error | null = null;
    let interrupt: () => void = () => undefined;
    const stopFailing = server.onFailure((error) => { failure = error; interrupt(); });
    async function* live(): AsyncGenerator<KurrentResolvedEvent> {
      try {
        while (!ended) {
          if (failure) throw failure;
          const next = server.all().find((e) => (!last || after(e.position, last)) && matches(options.filter, e));
          if (next) {
            last = next.position;
            yield { event: next };
            continue;
          }
          await new Promise<void>((resolve) => { interrupt = resolve; void server.waitForAppend().then(resolve); });
        }
      } finally {
        stopFailing();
      }
    }
    const iterator = live();
    return {
      [Symbol.asyncIterator]: () => iterator,
      async unsubscribe() { ended = true; interrupt(); },
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private assertOpen(): void {
    if (this.disposed) throw new StandInError('unavailable', 'client disposed');
  }
}
