/**
 * kill -9 the whole service (API + in-process relay) in the middle of a 2,000-command load,
 * restart it on the same data: every command that got a 201 is in the store, nothing else is
 * (beyond the commands in flight at the kill), and the outbox owes exactly what the store implies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messagesOwed, upcast } from '@dnr/domain';
import { SqliteEventStore } from '@dnr/event-store';
import { freshCpr, HOSPITAL, mintToken, NURSING_HOME } from '../support/service';
import { buildOnce, caller, freePort, Running, startApi } from './processes';

const dataDir = mkdtempSync(join(tmpdir(), 'dnr-kill-'));
let port = 0;
let service: Running | null = null;
let call: ReturnType<typeof caller>;

async function startServiceProcess(): Promise<void> {
  service = await startApi({ DATA_DIR: dataDir, RELAY: 'on', WRITE_RATE_LIMIT_PER_MINUTE: '0' }, port); // load, not the budget, is under test
}

beforeAll(async () => {
  buildOnce();
  port = await freePort();
  call = caller(port);
  await startServiceProcess();
});
afterAll(() => {
  service?.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('after kill -9 mid-load: every 201 is stored, nothing unasked is, and the outbox owes what the store implies', async () => {
  const token = await mintToken('nurse');
  const patients: string[] = [];
  for (let i = 0; i < 20; i++) patients.push((await call('POST', '/v1/patients', { cpr: freshCpr(), name: 'Karen Jensen' }, token)).body.patientId);

  const accepted = new Set<string>();
  const inFlight = new Set<string>();
  let next = 0;
  let done = 0;
  const command = (n: number) => n % 10 === 0
    ? { path: 'handovers', body: { kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: { ...NURSING_HOME, sor: `9537410${n}` } } }
    : { path: 'condition-improvements', body: { at: '2026-03-02T10:00:00+01:00', dischargeable: false, note: `req-${n}` } };
  const tag = (n: number) => (n % 10 === 0 ? `9537410${n}` : `req-${n}`);
  const workers = Array.from({ length: 16 }, async () => {
    while (next < 2000) {
      const n = next++;
      const { path, body } = command(n);
      inFlight.add(tag(n));
      try {
        const r = await call('POST', `/v1/patients/${patients[n % 20]}/${path}`, body, token);
        if (r.status === 201) accepted.add(tag(n));
        inFlight.delete(tag(n));
        done++;
      } catch {
        return; // the service died under us: this request stays "in flight"
      }
    }
  });
  while (done < 600) await new Promise((r) => setTimeout(r, 5));
  service!.process.kill('SIGKILL');
  await Promise.all(workers);
  expect(accepted.size).toBeGreaterThanOrEqual(600);
  expect(accepted.size).toBeLessThan(2000);

  await startServiceProcess();
  const stored = new Set<string>();
  for (const p of patients) {
    for (const e of (await call('GET', `/v1/patients/${p}/events`, undefined, token)).body.slice(1)) {
      stored.add(e.type === 'HandedOverTo' ? e.data.to.sor : e.data.note);
    }
  }
  for (const t of accepted) expect(stored).toContain(t);
  const unasked = [...stored].filter((t) => !accepted.has(t) && !inFlight.has(t));
  expect(unasked).toEqual([]);

  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  const streams = new Map<string, ReturnType<typeof upcast>[]>();
  for (const e of await store.readAll(null, 1_000_000, 'patient-')) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), upcast(e.payload)]);
  await store.close();
  const owed = new Set([...streams].flatMap(([id, s]) => messagesOwed(s, id.slice('patient-'.length)).map((m) => m.messageId)));
  const outboxIds = async () => {
    const ids = new Set<string>();
    for (const p of patients) for (const m of (await call('GET', `/v1/outbox?patientId=${p}`, undefined, token)).body) ids.add(m.messageId);
    return ids;
  };
  const start = Date.now();
  let ids = await outboxIds();
  while (ids.size < owed.size && Date.now() - start < 60_000) {
    await new Promise((r) => setTimeout(r, 200));
    ids = await outboxIds();
  }
  expect([...ids].sort()).toEqual([...owed].sort());
}, 300_000);
