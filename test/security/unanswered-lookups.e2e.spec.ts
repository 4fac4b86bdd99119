/**
 * Security review 2026-12, finding: a status look-up by CPR that found nobody (POST
 * /v1/patients/status-lookups, 404) wrote nothing, so anyone with a token could probe CPR numbers
 * without a trace. Who looked up whom is health information, found or not: the probe is written
 * to the patient's own lookup audit (the stream named by the patientId pseudonym, never the CPR)
 * before the 404 leaves, marked `"status": null, "found": false`, and coalesced like status reads.
 * When the patient is registered later, GET …/lookups shows it. Nothing is refused or slowed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { lookupStream, SqliteEventStore } from '@dnr/event-store';
import { Pseudonymizer } from '../../apps/api/src/patients/pseudonym';
import { freshCpr, mintToken, Service, startService } from '../support/service';

let s: Service;
beforeAll(async () => { s = await startService(); });
afterAll(async () => { await s.close(); });

const CREW_ORG = '953741000016777';
const probe = (service: Service, cpr: string, token: string) => service.call('POST', '/v1/patients/status-lookups', { token, body: { cpr } });
const register = async (service: Service, cpr: string) => {
  const r = await service.call('POST', '/v1/patients', { role: 'nurse', body: { cpr, name: 'Inger Holm' } });
  expect(r.status).toBe(200);
  return r.body.patientId as string;
};

it('a probe of an unregistered CPR answers 404 without the number, and is on the lookup trail once the patient is registered', async () => {
  const cpr = freshCpr('1948-11-02');
  const crew = await mintToken('paramedic', { sub: 'crew-7', org: CREW_ORG });
  const r = await probe(s, cpr, crew);
  expect(r).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  expect(JSON.stringify(r.body)).not.toContain(cpr.slice(0, 6));

  const patientId = await register(s, cpr);
  expect(patientId).toBe(s.app.get(Pseudonymizer).patientIdOf(cpr));
  const trail = await s.call('GET', `/v1/patients/${patientId}/lookups`, { role: 'physician' });
  expect(trail.status).toBe(200);
  expect(trail.body).toEqual([expect.objectContaining({ by: { sub: 'crew-7', name: 'Test paramedic', role: 'paramedic', org: CREW_ORG }, status: null, found: false, version: 0 })]);
  expect(JSON.stringify(trail.body)).not.toContain(cpr.slice(0, 6));

  // A look-up after the registration is an ordinary line, after the probe (newest first), without the marker.
  expect((await probe(s, cpr, crew)).status).toBe(200);
  const [answered, unanswered] = (await s.call('GET', `/v1/patients/${patientId}/lookups`, { role: 'physician' })).body;
  expect(answered).toMatchObject({ status: 'ATTEMPT_CPR', version: 1 });
  expect(answered).not.toHaveProperty('found');
  expect(unanswered).toMatchObject({ status: null, found: false });
});

it('identical probes by the same caller are each answered 404 and coalesce into one line with a count; another caller is a line of its own', async () => {
  const service = await startService();
  const cpr = freshCpr('1952-04-19');
  const crew = await mintToken('paramedic', { sub: 'crew-8', org: CREW_ORG });
  try {
    for (let i = 0; i < 50; i++) expect((await probe(service, cpr, crew)).status).toBe(404);
    expect((await probe(service, cpr, await mintToken('care_worker', { sub: 'carer-1', org: CREW_ORG }))).status).toBe(404);
    const patientId = await register(service, cpr);
    const trail = (await service.call('GET', `/v1/patients/${patientId}/lookups`, { role: 'nurse' })).body;
    expect(trail.map((line: any) => [line.by.sub, line.found])).toEqual([['carer-1', false], ['crew-8', false]]);
  } finally {
    await service.app.close(); // closing the windows writes their counts
  }
  try {
    const patientId = service.app.get(Pseudonymizer).patientIdOf(cpr);
    const store = new SqliteEventStore(join(service.dataDir, 'events.db'));
    const lines = (await store.readStream(lookupStream(patientId))).map((e) => e.payload as any);
    await store.close();
    expect(lines.filter((l) => l.by.sub === 'crew-8')).toEqual([
      expect.objectContaining({ status: null, found: false }),
      expect.objectContaining({ status: null, found: false, repeats: 49, since: lines[0].at }),
    ]);
    // The CPR is in no stream's name: the probe went to the pseudonym's lookup stream.
    const db = new Database(join(service.dataDir, 'events.db'), { readonly: true });
    const streams = db.prepare<[], { stream_id: string }>('SELECT DISTINCT stream_id FROM events').all().map((r) => r.stream_id);
    db.close();
    expect(streams).toContain(lookupStream(patientId));
    expect(streams.filter((name) => name.includes(cpr.slice(0, 6)))).toEqual([]);
  } finally {
    rmSync(service.dataDir, { recursive: true, force: true });
  }
});
