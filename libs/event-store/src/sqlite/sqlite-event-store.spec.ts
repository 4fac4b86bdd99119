import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { DuplicateEventError, WrongExpectedVersionError } from '../event-store.port';
import { PAGE_OF_STREAMS_WITH_PREFIX, SqliteEventStore } from './sqlite-event-store';
import { SqliteWriter } from './sqlite-writer';
import { until } from '../../../../test/support/until';

describeEventStoreContract('SQLite (real file, WAL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-store-'));
  return {
    open: async () => new SqliteEventStore(join(dir, 'events.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite group commit on the writer thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-writer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const event = (eventId: string) => ({ eventId, type: 'Noted', payload: { eventId } });

  it('appends asked for together (one group commit) each get their own outcome: a refused one takes nothing else with it', async () => {
    const store = new SqliteEventStore(join(dir, 'batch.db'));
    await store.append('s-0', [event('e-0')], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('s-1', [event('e-1'), event('e-2')], 'no_stream'),
      store.append('s-2', [event('e-3'), event('e-0')], 'no_stream'), // e-0 is stored already: all of this append is refused
      store.append('s-0', [event('e-4')], 'no_stream'), // s-0 exists
      store.append('s-0', [event('e-5')], 1),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream('s-1')).map((e) => e.eventId)).toEqual(['e-1', 'e-2']);
    expect(await store.readStream('s-2')).toEqual([]); // e-3 went with the refused append
    expect((await store.readStream('s-0')).map((e) => e.eventId)).toEqual(['e-0', 'e-5']);
    await store.close();
  });

  it('close commits the appends already asked for', async () => {
    const file = join(dir, 'close.db');
    const store = new SqliteEventStore(file);
    const appended = store.append('s', [event('a'), event('b')], 'no_stream');
    await store.close();
    await expect(appended).resolves.toEqual(expect.objectContaining({ version: 2 }));
    const reopened = new SqliteEventStore(file);
    expect(await reopened.streamVersion('s')).toBe(2);
    await reopened.close();
  });

  it('a payload that cannot be encoded refuses that append alone', async () => {
    const store = new SqliteEventStore(join(dir, 'encode.db'));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const [bad, good] = await Promise.allSettled([
      store.append('s', [{ eventId: 'x', type: 'Noted', payload: circular }], 'no_stream'),
      store.append('t', [event('y')], 'no_stream'),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good.status).toBe('fulfilled');
    await store.close();
  });

  it("a writer thread that dies is reported as an unknown outcome, and the next commit starts a new thread instead of hanging", async () => {
    const dying = join(dir, 'dying-writer.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const writer = new SqliteWriter(join(dir, 'dying.db'), dying);
    const batch = [{ streamId: 's', expected: 'any' as const, events: [{ eventId: 'e', type: 'Noted', payload: '{}', metadata: null }] }];
    await expect(writer.commit(batch)).rejects.toThrow('event store writer thread exited (code 3); the commit\'s outcome is unknown');
    await expect(writer.commit(batch)).rejects.toThrow('exited (code 3)');
    await writer.close();
  });

  it('a reply to another commit is never taken as this one\'s answer, nor a reply for a batch of another size', async () => {
    const stray = join(dir, 'stray-writer.js');
    writeFileSync(stray, [
      "const { parentPort } = require('node:worker_threads');",
      "parentPort.on('message', (m) => {",
      "  if (m.batch.length === 1) { parentPort.postMessage({ type: 'committed', id: m.id + 1, outcomes: [{ ok: { version: 1, position: '1' } }] }); setTimeout(() => process.exit(4), 50); }",
      "  else parentPort.postMessage({ type: 'committed', id: m.id, outcomes: [] });",
      '});',
    ].join('\n'));
    const writer = new SqliteWriter(join(dir, 'stray.db'), stray);
    const one = [{ streamId: 's', expected: 'any' as const, events: [{ eventId: 'e', type: 'Noted', payload: '{}', metadata: null }] }];
    await expect(writer.commit(one)).rejects.toThrow('exited (code 4)');
    await expect(writer.commit([...one, ...one])).rejects.toThrow('answered for another batch');
    await writer.close();
  });

  it('an append after close is refused, not written behind a closed store', async () => {
    const store = new SqliteEventStore(join(dir, 'closed.db'));
    await store.append('s', [event('before')], 'no_stream');
    await store.close();
    await expect(store.append('s', [event('after')], 1)).rejects.toThrow('the event store is closed');
    const reopened = new SqliteEventStore(join(dir, 'closed.db'));
    expect((await reopened.readStream('s')).map((e) => e.eventId)).toEqual(['before']);
    await reopened.close();
  });

  it('another connection told of an append to a stream its subscription follows reads it at once, not at its next poll', async () => {
    const file = join(dir, 'elsewhere.db');
    const writer = new SqliteEventStore(file);
    const reader = new SqliteEventStore(file, { pollMs: 600_000 }); // a poll that never comes within this test
    const seen: string[] = [];
    const subscription = reader.subscribe({ after: null, streamPrefix: 'patient-', onEvents: async (events) => { seen.push(...events.map((e) => e.eventId)); } });
    await new Promise((resolve) => setImmediate(resolve)); // its first read (of an empty store) is done; it now waits
    await writer.append('patient-1', [event('x-1')], 'no_stream');
    reader.appendedElsewhere(['patient-1']);
    await until(() => seen.length > 0, 4_000, 'the subscription to read the append');
    expect(seen).toEqual(['x-1']);
    await subscription.stop();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('a watcher that throws takes nothing with it: its append is answered and the next ones go on', async () => {
    const store = new SqliteEventStore(join(dir, 'watcher.db'));
    store.watchAppends('s', () => { throw new Error('a broken watcher'); });
    await expect(store.append('s', [event('w-1')], 'no_stream')).resolves.toEqual(expect.objectContaining({ version: 1 }));
    await expect(store.append('s', [event('w-2')], 1)).resolves.toEqual(expect.objectContaining({ version: 2 }));
    await store.close();
  });
});

describe('A page of the streams with one prefix (what the relay reads after its checkpoint)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-page-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks the positions after the checkpoint and stops at the limit: no sort of every event the prefix matches (whose cost grew with the store)', async () => {
    const file = join(dir, 'plan.db');
    const store = new SqliteEventStore(file);
    await store.append('patient-1', [{ eventId: 'p-1', type: 'Noted', payload: {} }], 'no_stream');
    const db = new Database(file, { readonly: true });
    const plan = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${PAGE_OF_STREAMS_WITH_PREFIX}`).all(0, 'patient-', 'patient.', 500).map((row) => row.detail);
    db.close();
    await store.close();
    expect(plan).toEqual([expect.stringContaining('USING INTEGER PRIMARY KEY (rowid>?)')]);
  });

  it('holds exactly the events of the prefix after the position, in position order, up to the limit', async () => {
    const store = new SqliteEventStore(join(dir, 'page.db'));
    const e = (eventId: string) => [{ eventId, type: 'Noted', payload: {} }];
    await store.append('patient-a', e('1'), 'no_stream');
    await store.append('lookups-a', e('2'), 'no_stream');
    await store.append('patient-b', e('3'), 'no_stream');
    await store.append('patienten', e('4'), 'no_stream'); // shares the letters, not the prefix
    await store.append('patient-a', e('5'), 1);
    await store.append('patient-c', e('6'), 'no_stream');
    const first = await store.readAll(null, 2, 'patient-');
    expect(first.map((x) => x.eventId)).toEqual(['1', '3']);
    const next = await store.readAll(first[1].position, 10, 'patient-');
    expect(next.map((x) => x.eventId)).toEqual(['5', '6']);
    await store.close();
  });

  it('a short page reads to the head as that read saw it, so the next one starts after the lookup records it walked over; a full page, after its last event', async () => {
    const store = new SqliteEventStore(join(dir, 'read-to.db'));
    const e = (eventId: string) => [{ eventId, type: 'Noted', payload: {} }];
    await store.append('patient-a', e('p1'), 'no_stream');
    await store.append('patient-b', e('p2'), 'no_stream');
    for (let i = 1; i <= 5; i += 1) await store.append('lookup-a', e(`l${i}`), i === 1 ? 'no_stream' : i - 1);
    const head = (await store.readAll(null, 100)).at(-1)?.position;
    const full = await store.readPage(null, 1, 'patient-');
    expect({ events: full.events.map((x) => x.eventId), readTo: full.readTo }).toEqual({ events: ['p1'], readTo: full.events[0].position });
    const short = await store.readPage(full.readTo, 10, 'patient-');
    expect({ events: short.events.map((x) => x.eventId), readTo: short.readTo }).toEqual({ events: ['p2'], readTo: head });
    await store.append('patient-a', e('p3'), 1);
    expect((await store.readPage(short.readTo, 10, 'patient-')).events.map((x) => x.eventId)).toEqual(['p3']);
    await store.close();
  });
});
