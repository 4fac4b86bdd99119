/**
 * 7. Cost growth, printed as curves:
 * - lookup latency against the stream's length (10, 100, 1,000, 10,000 events): a lookup assesses
 *   the status kept with the remembered stream, so the length must not show;
 * - lookup latency against the patient's lookup history (0 and 100,000 audit lines): the audit
 *   line is appended without reading the history, so the history must not show;
 * - message latency against the backlog before it (0, 1,000, 10,000 owed messages): a handover's
 *   201 until its korrespondancemeddelelse is delivered, with the relay started on that backlog.
 * Lookups are paced (open loop, 300 req/s) and every one is by another caller, so each writes its
 * own audit line.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { messageIdOf } from '@dnr/domain';
import { EventStore, lookupStream, newEventId, SqliteEventStore } from '@dnr/event-store';
import { GP, HOSPITAL, mintToken, NURSING_HOME } from '../test/support/service';
import { until } from '../test/support/until';
import { failIfErrors } from './lookup.bench';
import { openLoop, OpenLoopResult } from './open-loop';
import { seedPatients } from './seed';
import { outboxPageFigures } from './outbox-page.bench';
import { Figure, fmt, load, startService, tempDir } from './support';

const RATE = 300;
const LENGTHS = [10, 100, 1_000, 10_000];
const HISTORY = 100_000;
const BACKLOGS = [0, 1_000, 10_000];

export async function growthFigures(seconds: number): Promise<Figure[]> {
  const window = Math.min(seconds, 5);
  return [...await byStreamLength(window), ...await byLookupHistory(window), ...await byBacklog(), ...outboxPageFigures()];
}

async function byStreamLength(window: number): Promise<Figure[]> {
  const service = await startService({ DATA_DIR: tempDir('growth-length'), RELAY: 'off' });
  const results: OpenLoopResult[] = [];
  for (const length of LENGTHS) {
    const [patientId] = await seedPatients(service.url, 1); // registration and a decision: 2 events
    await lengthen(service.url, patientId, length - 2);
    results.push(await lookups(service.url, patientId, window));
  }
  await service.stop();
  const curve = LENGTHS.map((n, i) => `${fmt(n)} events: p50 ${fmt(results[i].p50, 2)} ms, p99 ${fmt(results[i].p99, 1)} ms`).join('; ');
  const growth = results[results.length - 1].p50 / results[0].p50;
  return [{ name: '7 lookup latency vs stream length', measured: curve, reference: `p50 at 10 events ${fmt(results[0].p50, 2)} ms`, ratio: `${fmt(growth, 2)} × at ${fmt(LENGTHS[LENGTHS.length - 1])}`, target: 'the length must not show (≤ 1.2 ×)', met: growth <= 1.2 }];
}

async function byLookupHistory(window: number): Promise<Figure[]> {
  const dataDir = tempDir('growth-history');
  const service = await startService({ DATA_DIR: dataDir, RELAY: 'off' });
  const [quiet, busy] = await seedPatients(service.url, 2);
  await writeHistory(dataDir, busy, HISTORY);
  const none = await lookups(service.url, quiet, window);
  const full = await lookups(service.url, busy, window);
  await service.stop();
  const ratio = full.p50 / none.p50;
  return [{
    name: '7 lookup latency vs lookup history', measured: `${fmt(HISTORY)} audit lines: p50 ${fmt(full.p50, 2)} ms, p99 ${fmt(full.p99, 1)} ms`,
    reference: `none: p50 ${fmt(none.p50, 2)} ms, p99 ${fmt(none.p99, 1)} ms`, ratio: `${fmt(ratio, 2)} ×`, target: 'history must not show (≤ 1.2 ×)', met: ratio <= 1.2,
  }];
}

async function byBacklog(): Promise<Figure[]> {
  const latencies: number[] = [];
  for (const backlog of BACKLOGS) latencies.push(await messageLatencyBehind(backlog));
  const curve = BACKLOGS.map((n, i) => `${fmt(n)} owed: ${fmt(latencies[i] / 1000, 2)} s`).join('; ');
  return [{ name: '7 message latency vs backlog', measured: curve, reference: `no backlog ${fmt(latencies[0], 0)} ms`, ratio: `${fmt(latencies[2] / Math.max(latencies[0], 1), 0)} × at 10,000`, target: '(curve; messages go out oldest first)', met: true }];
}

/** Lookups of one patient at RATE by a new caller each time (every answer writes its own audit line). */
async function lookups(url: string, patientId: string, seconds: number): Promise<OpenLoopResult> {
  const tokens = await Promise.all(Array.from({ length: RATE * seconds }, (_, n) => mintToken('paramedic', { sub: `crew-${randomUUID()}-${n}` })));
  let i = 0;
  const result = await openLoop({ url, rate: RATE, seconds, next: () => ({ path: `/v1/patients/${patientId}/resuscitation-status`, headers: { authorization: `Bearer ${tokens[i++ % tokens.length]}` } }) });
  failIfErrors('growth lookups', [{ non2xx: result.non2xx, errors: result.errors }]);
  return result;
}

/** `count` more events on one stream through the API: sector changes, improvements and re-evaluations, a minute apart. */
async function lengthen(url: string, patientId: string, count: number): Promise<void> {
  const nurse = await mintToken('nurse');
  const physician = await mintToken('physician');
  const events = (await (await fetch(`${url}/v1/patients/${patientId}/events`, { headers: { authorization: `Bearer ${nurse}` } })).json()) as Array<{ data: { decisionId?: string } }>;
  const decisionId = events[1].data.decisionId as string;
  const start = Date.parse('2026-03-02T00:00:00Z');
  for (let n = 0; n < count; n += 1) {
    const at = new Date(start + n * 60_000).toISOString();
    const [path, token, body] = n % 3 === 0
      ? ['handovers', nurse, { kind: n % 2 ? 'admission' : 'discharge', at, from: n % 2 ? NURSING_HOME : HOSPITAL, to: n % 2 ? HOSPITAL : NURSING_HOME, generalPractitioner: GP }]
      : n % 3 === 1
        ? ['condition-improvements', nurse, { at, dischargeable: false }]
        : [`decisions/${decisionId}/revisions`, physician, { action: 'reaffirm', reason: 'Revurderet', revisedAt: at }];
    const r = await fetch(`${url}/v1/patients/${patientId}/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (r.status !== 201) throw new Error(`lengthening the stream: ${r.status} ${await r.text()}`);
  }
}

/** The audit lines of earlier lookups, appended as the service appends them (same adapter, same file, same stream). */
async function writeHistory(dataDir: string, patientId: string, lines: number): Promise<void> {
  const store: EventStore = new SqliteEventStore(join(dataDir, 'events.db'));
  const entry = { at: '2026-03-01T10:00:00.000Z', by: { sub: 'crew', name: 'Crew', role: 'paramedic', org: '1' }, status: 'DNACPR', version: 2, askedAt: '2026-03-01T11:00:00+01:00', askedKnownAt: '2026-03-01T11:00:00+01:00' };
  for (let written = 0; written < lines; written += 1_000) {
    const batch = Array.from({ length: 1_000 }, () => ({ eventId: newEventId(), type: 'StatusLookedUp', payload: entry }));
    await store.append(lookupStream(patientId), batch, 'any', { freshEventIds: true });
  }
  await store.close();
}

/** With `backlog` messages owed before it, how long a new handover's korrespondancemeddelelse takes to go out after the relay starts. */
async function messageLatencyBehind(backlog: number): Promise<number> {
  const dataDir = tempDir('growth-backlog');
  const before = await startService({ DATA_DIR: dataDir, RELAY: 'off' });
  const nurse = await mintToken('nurse', { org: HOSPITAL.sor });
  try {
    const patients = await seedPatients(before.url, Math.max(1, Math.min(1_000, Math.ceil(backlog / 3))));
    await owe(before.url, patients, Math.ceil(backlog / 3), nurse);
  } finally {
    await before.stop(); // a failed seeding must not leave a service running beside the figures that follow
  }
  const service = await startService({ DATA_DIR: dataDir, RELAY: 'on' });
  const [patientId] = await seedPatients(service.url, 1);
  const started = Date.now();
  const r = await fetch(`${service.url}/v1/patients/${patientId}/handovers`, { method: 'POST', headers: { authorization: `Bearer ${nurse}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME }) });
  if (r.status !== 201) throw new Error(`handover: ${r.status}`);
  // This handover's own message, by its id: until round 6 the "new" patient was the backlog's first (its CPR number
  // came round again) and the wait ended when that patient's earlier messages had gone out — 3–4 s behind 10,000.
  const messageId = messageIdOf(((await r.json()) as { eventId: string }).eventId, 'korrespondancemeddelelse', NURSING_HOME.sor);
  await until(async () => {
    const messages = (await (await fetch(`${service.url}/v1/outbox?patientId=${patientId}`, { headers: { authorization: `Bearer ${nurse}` } })).json()) as Array<{ messageId: string; state: string }>;
    return messages.some((m) => m.messageId === messageId && (m.state === 'sent' || m.state === 'acknowledged'));
  }, 600_000, 'the new message delivered');
  const latency = Date.now() - started;
  await service.stop();
  return latency;
}

async function owe(url: string, patients: string[], discharges: number, token: string): Promise<void> {
  if (discharges === 0) return;
  let n = 0;
  const result = await load({
    url, seconds: 600, connections: 16, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, amount: discharges,
    next: () => ({ path: `/v1/patients/${patients[n++ % patients.length]}/handovers`, body: JSON.stringify({ kind: 'discharge', at: new Date(Date.parse('2026-03-01T10:00:00Z') + (n % 10_000) * 60_000).toISOString(), from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }) }),
  });
  failIfErrors('growth backlog', [result]);
}
