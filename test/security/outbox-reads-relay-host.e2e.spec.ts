/**
 * In production the outbox is served by apps/relay, not the API (docs/deployment.md): a page read
 * there is audited on the patient's record-read trail just the same. The API (no relay, no outbox
 * endpoints) and the relay host share one data directory here, as they share one store there.
 */
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@dnr/config';
import { recordReadStream, SqliteEventStore } from '@dnr/event-store';
import { createHttpApp } from '@dnr/http';
import { RelayAppModule } from '../../apps/relay/src/relay-app.module';
import { Call, callerFor } from '../support/http';
import { GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService, TEST_SECRET } from '../support/service';
import { eventually } from '../support/until';

let api: Service;
let relay: NestFastifyApplication;
let relayCall: Call;
beforeAll(async () => {
  api = await startService({ OUTBOX_ENDPOINTS: 'off' });
  const loaded = loadConfig({ DATA_DIR: api.dataDir, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', RELAY: 'on' });
  if (!loaded.ok) throw new Error(loaded.message);
  relay = await createHttpApp(RelayAppModule.forConfig(loaded.config), loaded.config);
  await relay.listen(0, '127.0.0.1');
  relayCall = callerFor((await relay.getUrl()).replace('[::1]', '127.0.0.1'));
});
afterAll(async () => { await relay.close(); await api.close(); });

it("a page read from the relay host writes who and which messages to the patient's record-read stream before it leaves", async () => {
  const p = await registerPatient(api);
  await api.call('POST', `/v1/patients/${p}/decisions`, { role: 'physician', body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } });
  await api.call('POST', `/v1/patients/${p}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP } });
  const poller = await mintToken('nurse', { sub: 'poller', org: HOSPITAL.sor });
  await eventually(() => relayCall('GET', `/v1/outbox?patientId=${p}`, { token: poller }), (r) => r.body?.length === 3, 'the discharge projected by the relay host');

  const page = await relayCall('GET', '/v1/outbox', { token: await mintToken('nurse', { sub: 'relay-reader', org: HOSPITAL.sor }) });
  expect(page.status).toBe(200);
  const store = new SqliteEventStore(join(api.dataDir, 'events.db'));
  const lines = (await store.readStream(recordReadStream(p))).map((e) => ({ type: e.type, ...(e.payload as object) }));
  await store.close();
  expect(lines).toContainEqual(expect.objectContaining({
    type: 'OutboxRead', by: expect.objectContaining({ sub: 'relay-reader', org: HOSPITAL.sor }), via: 'outbox',
    messageIds: (page.body as Array<{ messageId: string; patientId: string }>).filter((m) => m.patientId === p).map((m) => m.messageId),
  }));
});
