/**
 * R7.3b a change by time alone, through the HTTP API: a registered refusal recorded pending is
 * published on the feed when it takes effect — by the relay's clock, with no new event. The
 * service runs without its relay thread (whose clock is the machine's); the relay runs here on the
 * same DATA_DIR with a clock the test moves, and the feed is read over HTTP.
 */
import { join } from 'node:path';
import { addDays, danishDateOf, DeliveryPolicy, startOfDanishDay } from '@dnr/domain';
import { SqliteEventStore } from '@dnr/event-store';
import { DropFolderTransport } from '@dnr/messaging';
import { Relay } from '../libs/outbox/src/relay/relay';
import { openOutboxStore } from '../libs/outbox/src/relay/relay-parts';
import { OutboxStore } from '../libs/outbox/src/store/outbox-store';
import { freshCpr, Service, startService } from './support/service';
import { eventually } from './support/until';

const policy: DeliveryPolicy = { resendAfterMs: 60_000, maxResends: 2, firstRetryMs: 1_000, maxRetryMs: 4_000 };
let s: Service;
let store: SqliteEventStore;
let outbox: OutboxStore;
let relay: Relay;
let now = Date.now();

beforeAll(async () => {
  s = await startService({ RELAY: 'off', OUTBOX_ENDPOINTS: 'on' });
  store = new SqliteEventStore(join(s.dataDir, 'events.db'));
  outbox = openOutboxStore(s.dataDir);
  relay = new Relay(store, outbox, new DropFolderTransport(join(s.dataDir, 'outbox'), join(s.dataDir, 'status-feed')), { policy, now: () => now, log: () => undefined });
  relay.start();
});
afterAll(async () => {
  await relay.stop();
  outbox.close();
  await store.close();
  await s.close();
});

const feedOf = async (patientId: string) => ((await s.call('GET', '/v1/status-feed?limit=1000', { role: 'paramedic' })).body as any[]).filter((e) => e.patientId === patientId);

it('R5.1 a registered refusal recorded pending: one entry with ATTEMPT_CPR now, one with DNACPR ("by": "time") when the relay\'s clock reaches 00:00 Danish time on day + 7 — and no more', async () => {
  const patientId = (await s.call('POST', '/v1/patients', { role: 'nurse', body: { cpr: freshCpr('1950-01-01'), name: 'Karen Jensen' } })).body.patientId;
  const registeredAt = addDays(danishDateOf(Date.now()), -6); // in force from 00:00 tomorrow
  const decidedAt = new Date(Date.now() - 60 * 60_000).toISOString();
  const decided = await s.call('POST', `/v1/patients/${patientId}/decisions`, { role: 'nurse', body: { basis: 'register', decidedAt, registeredAt } });
  expect(decided.status).toBe(201);

  const first = await eventually(() => feedOf(patientId), (e) => e.length === 1, 'the registration on the feed');
  expect(first[0]).toMatchObject({ causedBy: decided.body.eventId, status: { status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' } });
  expect(first[0]).not.toHaveProperty('by');

  const inForce = startOfDanishDay(addDays(registeredAt, 7));
  now = inForce - 1_000;
  await new Promise((r) => setTimeout(r, 1_500)); // the relay's clock looks again: not yet
  expect(await feedOf(patientId)).toHaveLength(1);

  now = inForce;
  const both = await eventually(() => feedOf(patientId), (e) => e.length === 2, 'the change by time on the feed');
  expect(both[1]).toMatchObject({ causedBy: decided.body.eventId, by: 'time', status: { status: 'DNACPR', basis: 'register' } });
  expect(Date.parse(both[1].at)).toBe(inForce);
  expect(both[1].status.flags.map((f: { code: string }) => f.code)).not.toContain('REGISTER_PENDING');

  now = inForce + 3 * 86_400_000;
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await feedOf(patientId)).toHaveLength(2);
  // the lookup at that instant agrees with what the feed published
  const lookup = await s.call('GET', `/v1/patients/${patientId}/resuscitation-status?at=${encodeURIComponent(new Date(inForce).toISOString())}`, { role: 'paramedic' });
  expect(lookup.body.status).toBe('DNACPR');
});
