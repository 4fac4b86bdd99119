/**
 * Security re-attack 3 (2026-12): the newest surfaces — the sites directory and how handovers feed
 * it, unanswered CPR look-ups, the outbox read audit, the status feed, the console's development
 * sign-in. Every test here reproduced a finding and failed on the code before its fix; each says what should
 * happen instead.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_JWT_SECRET } from '@dnr/config';
import { lookupStream } from '@dnr/event-store';
import { Pseudonymizer } from '../../apps/api/src/patients/pseudonym';
import { freshCpr, GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from '../support/service';
import { eventually } from '../support/until';

/** Another organisation: its staff have valid tokens and nothing to do with the hospital or the patient. */
const STRANGER_ORG = '953741000016999';
/** An ambulance service (prehospital). */
const CREW_ORG = '953741000016777';
const CREW_STATION = { sector: 'prehospital', sor: CREW_ORG, ean: '5790000888887', name: 'Ambulance Nord, station 7', phone: '70 10 20 30' };

let s: Service;
beforeAll(async () => { s = await startService({ RELAY: 'on' }); });
afterAll(async () => { await s.close(); });

/** Reads until `accept` holds or `ms` pass, without failing: what came to be, for an assertion after. */
async function settle<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 4000): Promise<T> {
  const end = Date.now() + ms;
  let value = await read();
  while (!accept(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

async function registered(on: Service, cpr: string, name = 'Inger Holm'): Promise<string> {
  const r = await on.call('POST', '/v1/patients', { role: 'nurse', body: { cpr, name } });
  expect(r.status).toBe(200);
  return r.body.patientId;
}

function lookupLines(dataDir: string, patientId?: string): Array<{ stream_id: string; payload: string }> {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  try {
    return patientId === undefined
      ? db.prepare<[], { stream_id: string; payload: string }>("SELECT stream_id, payload FROM events WHERE stream_id LIKE 'lookup-%'").all()
      : db.prepare<[string], { stream_id: string; payload: string }>('SELECT stream_id, payload FROM events WHERE stream_id = ?').all(lookupStream(patientId));
  } finally {
    db.close();
  }
}

describe('handovers: who may put messages in whose name', () => {
  it('HIGH: a paramedic turns any patientId from the status feed into the CPR and name (GET …/events refuses paramedics) by recording an admission from their own station', async () => {
    const cpr = freshCpr('1941-09-17');
    const patientId = await registered(s, cpr, 'Inger Holm');
    expect((await s.call('POST', `/v1/patients/${patientId}/decisions`, { role: 'physician', body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } })).status).toBe(201);

    const crew = await mintToken('paramedic', { sub: 'crew-harvest', org: CREW_ORG, sector: 'prehospital' });
    // The feed is for health professionals, paramedics included, and carries patientIds (no CPR).
    const feed = await eventually(() => s.call('GET', '/v1/status-feed?after=0&limit=1000', { token: crew }), (r) => (r.body as any[]).some((e) => e.patientId === patientId), 'the decision on the feed');
    expect(JSON.stringify(feed.body)).not.toContain(cpr);
    // The whole record is for physicians and nurses only.
    expect((await s.call('GET', `/v1/patients/${patientId}/events`, { token: crew })).status).toBe(403);

    // An "admission" from the crew's own station to any hospital, by patientId alone: nobody asked the crew for the CPR.
    const answers: string[] = [];
    const admission = await s.call('POST', `/v1/patients/${patientId}/handovers`, { token: crew, body: { kind: 'admission', at: '2026-03-02T10:00:00+01:00', from: CREW_STATION, to: HOSPITAL } });
    answers.push(JSON.stringify(admission.body));
    const outbox = await settle(() => s.call('GET', `/v1/outbox?patientId=${patientId}`, { token: crew }), (r) => (r.body as any[]).length > 0);
    answers.push(JSON.stringify(outbox.body));

    // Should: a paramedic who never had the CPR does not get it (and its name) from the outbox of a handover they made up.
    expect({ cprShown: answers.some((a) => a.includes(cpr)), nameShown: answers.some((a) => a.includes('Inger Holm')) }).toEqual({ cprShown: false, nameShown: false });
  });

  it("MEDIUM: a stranger records a discharge from the hospital: messages go out in the hospital's name and letter sections land in the hospital's EHR drop folder", async () => {
    const stranger = await mintToken('physician', { sub: 'mallory', org: STRANGER_ORG });
    const patientId = await registerPatient(s);
    const r = await s.call('POST', `/v1/patients/${patientId}/handovers`, { token: stranger, body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP } });
    const hospital = await mintToken('nurse', { sub: 'hospital-nurse', org: HOSPITAL.sor });
    const inHospitalsName = r.status === 201
      ? (await eventually(() => s.call('GET', `/v1/outbox?patientId=${patientId}`, { token: hospital }), (o) => (o.body as any[]).length === 3, 'the messages owed')).body
        .map((m: any) => ({ kind: m.kind, sender: m.sender.sor, deliverTo: m.deliverTo?.sor ?? null }))
      : [];
    // Should: a handover is recorded by staff at one of its ends (token org = from.sor or to.sor); anyone else 403, nothing written.
    expect({ status: r.status, inHospitalsName }).toEqual({ status: 403, inHospitalsName: [] });
  });

  it('LOW: a handover from a site to the same site (same SOR, another EAN) is accepted — api.md "`from` and `to` must differ"', async () => {
    const patientId = await registerPatient(s);
    const sameSiteOtherEan = { ...HOSPITAL, ean: '5790000999996', name: 'Aalborg Universitetshospital, en anden afdeling' };
    const r = await s.call('POST', `/v1/patients/${patientId}/handovers`, { role: 'nurse', body: { kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: sameSiteOtherEan } });
    // The directory is keyed by SOR and wins over the handover's EAN: the message would go from the hospital to itself.
    // Should: 400 VALIDATION_FAILED at `to`, as for an identical from and to.
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('registration is a CPR probe too', () => {
  it('MEDIUM: registering a known CPR under a guessed name answers its patientId and whether the name matches, and leaves no line on the lookup trail', async () => {
    const cpr = freshCpr('1939-05-05');
    const patientId = await registered(s, cpr, 'Inger Holm');
    const prober = await mintToken('care_worker', { sub: 'prober', org: STRANGER_ORG });
    const wrong = await s.call('POST', '/v1/patients', { token: prober, body: { cpr, name: 'Ukendt Navn' } });
    const right = await s.call('POST', '/v1/patients', { token: prober, body: { cpr, name: 'Inger Holm' } });
    expect(wrong.body).toEqual({ patientId, nameDiffers: true }); // known, and not by that name
    expect(right.body).toEqual({ patientId }); // …but by this one
    // Should: who probed whom is on the trail, as for POST …/status-lookups ("a CPR probe leaves a trace").
    const trail = (await s.call('GET', `/v1/patients/${patientId}/lookups`, { role: 'physician' })).body as any[];
    expect(trail.filter((l) => l.by.sub === 'prober')).not.toEqual([]);
  });
});

describe('unanswered CPR look-ups', () => {
  it('MEDIUM: one caller writes a new durable audit stream per distinct unknown CPR, past any write budget (measured: 900 a second, about 1.3 kB each, from one care_worker token)', async () => {
    const own = await startService({ WRITE_RATE_LIMIT_PER_MINUTE: '10' });
    try {
      const carer = await mintToken('care_worker', { sub: 'carer-flood', org: STRANGER_ORG });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await own.call('POST', '/v1/patients/status-lookups', { token: carer, body: { cpr: freshCpr('1933-02-11') } })).status);
      expect(statuses.every((st) => st === 404 || st === 429)).toBe(true);
      // Should: a caller cannot write more audit lines than their write budget (10 a minute here) by probing numbers nobody registered.
      expect(lookupLines(own.dataDir).length).toBeLessThanOrEqual(10);
    } finally {
      await own.close();
    }
  });

  it('LOW: a CPR whose birth date lies in the future is 404 with an audit line, where registration calls it invalid (400)', async () => {
    const unborn = '0101505234'; // 7th digit 5, year 50: born 1 January 2050
    expect((await s.call('POST', '/v1/patients', { role: 'nurse', body: { cpr: unborn, name: 'Ingen' } })).status).toBe(400);
    const r = await s.call('POST', '/v1/patients/status-lookups', { role: 'paramedic', body: { cpr: unborn } });
    const written = lookupLines(s.dataDir, s.app.get(Pseudonymizer).patientIdOf(unborn)).length;
    // Should (api.md Conventions: 400 VALIDATION_FAILED for an invalid CPR; "Nothing is written when a request fails"): 400, nothing written.
    expect({ status: r.status, written }).toEqual({ status: 400, written: 0 });
  });
});

describe('the sites directory', () => {
  it("MEDIUM: a stranger who puts a SOR first owns its address: the hospital's later discharge names the GP with the right EAN, and the epikrise silently goes to the stranger's", async () => {
    const sor = '1234561000016882';
    const fakeEan = '5790000999996';
    const stranger = await mintToken('nurse', { sub: 'mallory', org: STRANGER_ORG });
    // Allowed by the rule: nobody had put this SOR yet.
    expect((await s.call('PUT', `/v1/sites/${sor}`, { token: stranger, body: { sector: 'general_practice', ean: fakeEan, name: 'Lægehuset (falsk)', phone: '70 66 66 66' } })).status).toBe(200);

    const hospital = await mintToken('nurse', { sub: 'hospital-nurse', org: HOSPITAL.sor });
    const patientId = await registerPatient(s);
    const gp = { ...GP, sor };
    expect((await s.call('POST', `/v1/patients/${patientId}/handovers`, { token: hospital, body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: gp } })).status).toBe(201);
    const epikrise = await eventually(() => s.call('GET', `/v1/outbox?patientId=${patientId}&kind=epikrise`, { token: hospital }).then((r) => (r.body as any[])[0]), (m) => m !== undefined, 'the epikrise owed');
    const settled = await settle(() => s.call('GET', `/v1/outbox?patientId=${patientId}&kind=epikrise`, { token: hospital }).then((r) => (r.body as any[])[0]), (m) => m.attempts > 0 || m.state === 'escalated');
    // Should: a message is not addressed to an EAN that contradicts the handover's and that neither the site's own
    // organisation nor the operator ever confirmed — it waits (escalated, the conflict named) instead of going out.
    expect({ addressedTo: settled.recipient.ean, goesOut: settled.state !== 'escalated' }).not.toEqual({ addressedTo: fakeEan, goesOut: true });
    expect(epikrise.messageId).toBe(settled.messageId);
  });

  it("LOW: a stranger's PUT that changes nothing rewrites changedBy, erasing who set the site's EAN", async () => {
    const sor = '1234561000016771';
    const site = { sector: 'general_practice', ean: GP.ean, name: 'Lægehuset ved Torvet', phone: '98 76 54 32' };
    const owner = await mintToken('physician', { sub: 'gp-owner', org: sor });
    expect((await s.call('PUT', `/v1/sites/${sor}`, { token: owner, body: site })).status).toBe(200);
    const stranger = await mintToken('nurse', { sub: 'mallory', org: STRANGER_ORG });
    await s.call('PUT', `/v1/sites/${sor}`, { token: stranger, body: site });
    // Should: a PUT that changes nothing is no change; the entry still names whoever last changed it.
    expect((await s.call('GET', `/v1/sites/${sor}`, { role: 'care_worker' })).body.changedBy).toMatchObject({ sub: 'gp-owner', org: sor });
  });
});

describe('development secret on loopback', () => {
  let dev: Service;
  beforeAll(async () => { dev = await startService({ AUTH_JWT_SECRET: DEFAULT_JWT_SECRET }); });
  afterAll(async () => { await dev.close(); });

  /** As a browser sends it after DNS rebinding: a page of the attacker's domain, which now resolves to 127.0.0.1. */
  function postWithHost(host: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
    const url = new URL(dev.url);
    const data = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers: { host, origin: `http://${host}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { text += c; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(data);
    });
  }

  it('MEDIUM: any web page reaches it by DNS rebinding — the Host header is not checked, and the development sign-in mints it a token', async () => {
    const port = new URL(dev.url).port;
    const body = { role: 'physician', org: HOSPITAL.sor, name: 'Rebound' };
    expect((await postWithHost(`127.0.0.1:${port}`, '/console/development-token', body)).status).toBe(200); // the loopback user's own sign-in works
    const rebound = await postWithHost(`dnr.rebind.example:${port}`, '/console/development-token', body);
    // Should: while the public development secret is in use (loopback only), a request naming any other host is refused (e.g. 421), no token minted.
    expect({ refused: rebound.status >= 400, minted: rebound.text.includes('"token"') }).toEqual({ refused: true, minted: false });
  });
});
