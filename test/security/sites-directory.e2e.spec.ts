/**
 * Security review 2026-12, finding: the sites directory could be hijacked. The outbox addresses
 * every message from the directory (the directory's EAN wins over the handover's), so whoever can
 * change a site's EAN there redirects every later message to that site — for every patient, each
 * carrying a CPR — to a location number of their choosing. Two ways in were open:
 * - a handover naming a known SOR with another EAN overwrote what an earlier handover had said;
 * - PUT /v1/sites/{sor} let any physician or nurse, of any organisation, replace any site's EAN.
 * Now a handover may add an unknown site and fill in what is missing (a phone), never change a
 * known site; a known site's EAN is changed by its own organisation's staff (token `org` = the
 * SOR) or by the operator's SOR export load; and every entry says who changed it last.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from '../support/service';
import { eventually } from '../support/until';
import { ROOT } from '../durability/processes';

let s: Service;
beforeAll(async () => { s = await startService({ RELAY: 'on' }); });
afterAll(async () => { await s.close(); });

/** A valid location number (GS1 check digit) that belongs to nobody here: where an attacker would have the messages go. */
const FAKE_EAN = '5790000999996';
/** Another organisation: a physician there has a valid token, and nothing to do with the GP. */
const STRANGER_ORG = '953741000016999';
const siteOf = (sor: string) => s.call('GET', `/v1/sites/${sor}`, { role: 'care_worker' });

async function discharge(patientId: string, token: string, generalPractitioner: object, from: object = HOSPITAL): Promise<void> {
  const r = await s.call('POST', `/v1/patients/${patientId}/handovers`, { token, body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from, to: NURSING_HOME, generalPractitioner } });
  expect(r.status).toBe(201);
}

describe('a handover never changes a known site', () => {
  it("a stranger's handover naming a known GP with a fake EAN changes nothing: the next message to that GP about an earlier patient goes to its own EAN (R7.5)", async () => {
    const gp = { ...GP, sor: '1234561000016114', name: 'Lægehuset ved Åen' };
    const hospitalNurse = await mintToken('nurse', { sub: 'nurse-h', org: HOSPITAL.sor });
    const patient = await registerPatient(s);
    await discharge(patient, hospitalNurse, gp); // the GP is told, and remembered in the directory
    await eventually(() => siteOf(gp.sor), (r) => r.status === 200, 'the GP remembered from the first handover');

    // A physician of another organisation records a handover of a patient of their own, naming the GP's SOR.
    const stranger = await mintToken('physician', { sub: 'mallory', org: STRANGER_ORG });
    const strangersWard = { sector: 'hospital', sor: STRANGER_ORG, ean: '5790000888887', name: 'Afdeling X', phone: '70 00 00 00' };
    const theirs = await registerPatient(s);
    await discharge(theirs, stranger, { ...gp, ean: FAKE_EAN, name: 'Falsk lægehus', sector: 'municipality', phone: '70 11 11 11' }, strangersWard);
    await eventually(() => s.call('GET', `/v1/outbox?patientId=${theirs}`, { token: stranger }), (r) => r.body.length === 3, "the stranger's handover projected");

    // The first patient's physician decides: everyone told before is told again (R7.5), the GP among them.
    const physician = await mintToken('physician', { org: HOSPITAL.sor });
    expect((await s.call('POST', `/v1/patients/${patient}/decisions`, { token: physician, body: { basis: 'physician', decidedAt: '2026-03-03T10:00:00+01:00', grounds: ['irreversibly_dying'] } })).status).toBe(201);
    const toGp = await eventually(
      () => s.call('GET', `/v1/outbox?patientId=${patient}&kind=korrespondancemeddelelse`, { token: physician }).then((r) => (r.body as any[]).find((m) => m.recipient.sor === gp.sor)),
      (m) => m?.attempts > 0, 'the decision sent to the GP');
    expect(toGp.recipient).toMatchObject({ sor: gp.sor, ean: GP.ean, name: gp.name });
    // The entry is as the first handover gave it, and says so.
    expect((await siteOf(gp.sor)).body).toMatchObject({ ...gp, source: 'handover', changedBy: { sub: 'nurse-h', org: HOSPITAL.sor, role: 'nurse' } });
  });

  it('a handover adds an unknown site, and fills in a phone the directory lacks, recording who', async () => {
    const sor = '1234561000016225';
    const withoutPhone = { sector: 'general_practice', sor, ean: GP.ean, name: 'Lægerne i Vestergade' };
    const nurse = await mintToken('nurse', { sub: 'nurse-1', org: HOSPITAL.sor });
    await discharge(await registerPatient(s), nurse, withoutPhone);
    expect((await eventually(() => siteOf(sor), (r) => r.status === 200, 'added')).body).toMatchObject({ ...withoutPhone, source: 'handover', changedBy: { sub: 'nurse-1' } });
    expect((await siteOf(sor)).body).not.toHaveProperty('phone');

    const physician = await mintToken('physician', { sub: 'physician-2', org: HOSPITAL.sor });
    await discharge(await registerPatient(s), physician, { ...withoutPhone, phone: '98 11 22 33' });
    const filled = await eventually(() => siteOf(sor), (r) => r.body.phone !== undefined, 'the phone filled in');
    expect(filled.body).toMatchObject({ ...withoutPhone, phone: '98 11 22 33', changedBy: { sub: 'physician-2', org: HOSPITAL.sor, role: 'physician' } });
  });
});

describe('PUT /v1/sites/{sor}: a known site\'s EAN is its own organisation\'s to change', () => {
  const site = { sector: 'general_practice', ean: GP.ean, name: 'Lægehuset i Gaden', phone: '98 76 54 32' };

  it('a physician of another organisation changing a known EAN: 403 ROLE_NOT_ALLOWED saying who may, nothing written', async () => {
    const sor = '1234561000016336';
    expect((await s.call('PUT', `/v1/sites/${sor}`, { role: 'nurse', body: site })).status).toBe(200);
    const stranger = await mintToken('physician', { sub: 'mallory', org: STRANGER_ORG });
    const r = await s.call('PUT', `/v1/sites/${sor}`, { token: stranger, body: { ...site, ean: FAKE_EAN } });
    expect(r).toMatchObject({ status: 403, contentType: expect.stringMatching(/application\/problem\+json/), body: { code: 'ROLE_NOT_ALLOWED' } });
    expect(r.body.detail).toMatch(/only staff of the site's own organisation .* may change the EAN, name, sector or phone of a site already in the directory/);
    expect((await siteOf(sor)).body).toMatchObject({ ...site, sor });
  });

  it('a stranger may create an unknown site and fill in the phone a known one lacks, not change the phone it has; each entry says who changed it last', async () => {
    const sor = '1234561000016447';
    const { phone: _phone, ...withoutPhone } = site;
    const stranger = await mintToken('nurse', { sub: 'nurse-x', org: STRANGER_ORG });
    expect(await s.call('PUT', `/v1/sites/${sor}`, { token: stranger, body: withoutPhone })).toMatchObject({ status: 200, body: { ...withoutPhone, sor, changedBy: { sub: 'nurse-x', org: STRANGER_ORG, role: 'nurse' } } });
    const other = await mintToken('physician', { sub: 'physician-y', org: HOSPITAL.sor });
    const put = await s.call('PUT', `/v1/sites/${sor}`, { token: other, body: site });
    expect(put).toMatchObject({ status: 200, body: { phone: site.phone, changedBy: { sub: 'physician-y', org: HOSPITAL.sor, role: 'physician' } } });
    expect(Date.parse(put.body.changedBy.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(Object.keys(put.body.changedBy).sort()).toEqual(['at', 'org', 'role', 'sub']); // who, not what they read: never a name or a CPR
    const changed = await s.call('PUT', `/v1/sites/${sor}`, { token: stranger, body: { ...site, phone: '98 00 00 01' } });
    expect(changed).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    expect((await siteOf(sor)).body).toMatchObject({ phone: site.phone, changedBy: { sub: 'physician-y' } });
  });

  it("the site's own staff (token org = the SOR) change its EAN: 200, and the next message goes to the new one", async () => {
    const sor = '1234561000016558';
    expect((await s.call('PUT', `/v1/sites/${sor}`, { role: 'nurse', body: site })).status).toBe(200);
    const own = await mintToken('physician', { sub: 'gp-1', org: sor });
    const newEan = '5790000888887';
    expect(await s.call('PUT', `/v1/sites/${sor}`, { token: own, body: { ...site, ean: newEan } })).toMatchObject({ status: 200, body: { ean: newEan, changedBy: { sub: 'gp-1', org: sor } } });
    const patientId = await registerPatient(s);
    await discharge(patientId, await mintToken('nurse'), { ...site, sor, ean: GP.ean });
    const epikrise = await eventually(
      () => s.call('GET', `/v1/outbox?patientId=${patientId}&kind=epikrise`).then((r) => (r.body as any[])[0]),
      (m) => m?.attempts > 0, 'the epikrise sent');
    expect(epikrise.recipient).toMatchObject({ sor, ean: newEan });
  });

  it('the operator\'s SOR export load may still change anything, and says so', async () => {
    const sor = '1234561000016669';
    expect((await s.call('PUT', `/v1/sites/${sor}`, { role: 'nurse', body: site })).status).toBe(200);
    const file = join(s.dataDir, 'sor-export-sec.csv');
    writeFileSync(file, ['sor;ean;name;sector;phone', `${sor};5790000888887;Lægehuset i Gaden;general_practice;98 76 54 32`].join('\n'));
    execFileSync(process.execPath, [join(ROOT, 'dist/apps/relay/src/load-sites.js'), file], { env: { ...process.env, DATA_DIR: s.dataDir, AUTH_JWT_SECRET: 'x'.repeat(40) }, stdio: 'pipe' });
    expect((await siteOf(sor)).body).toMatchObject({ ean: '5790000888887', source: 'operator', changedBy: { role: 'operator' } });
  });
});

describe('an entry nobody vouches for does not decide where a message goes (reattack-3)', () => {
  it("a stranger puts a GP first with a fake EAN; the hospital's discharge names the GP with its own: the epikrise waits, naming both EANs, until the GP's own staff set the entry — then it goes to theirs", async () => {
    const sor = '1234561000016770';
    const stranger = await mintToken('nurse', { sub: 'mallory', org: STRANGER_ORG });
    expect((await s.call('PUT', `/v1/sites/${sor}`, { token: stranger, body: { sector: 'general_practice', ean: FAKE_EAN, name: 'Lægehuset (falsk)' } })).body).toMatchObject({ confirmed: false });
    const hospital = await mintToken('nurse', { sub: 'hospital-nurse', org: HOSPITAL.sor });
    const patientId = await registerPatient(s);
    await discharge(patientId, hospital, { ...GP, sor });
    const epikrise = () => s.call('GET', `/v1/outbox?patientId=${patientId}&kind=epikrise`, { token: hospital }).then((r) => (r.body as any[])[0]);
    const held = await eventually(epikrise, (m) => m?.state === 'escalated', 'the epikrise held');
    expect(held).toMatchObject({ attempts: 0, escalation: { reason: 'UNADDRESSED' }, recipient: { sor, ean: GP.ean } });
    expect(held.lastError).toContain(`meddelelsen angiver ${GP.ean}, stedregistret ${FAKE_EAN}`);

    const own = await mintToken('physician', { sub: 'gp-1', org: sor });
    expect((await s.call('PUT', `/v1/sites/${sor}`, { token: own, body: { sector: 'general_practice', ean: GP.ean, name: GP.name, phone: GP.phone } })).body).toMatchObject({ confirmed: true });
    const sent = await eventually(epikrise, (m) => m?.attempts > 0, 'the epikrise sent once the GP set its entry');
    expect(sent.recipient).toMatchObject({ sor, ean: GP.ean });
  });
});

it('the OpenAPI document says who may change a known EAN', async () => {
  const put = (await s.call('GET', '/openapi.json', { token: null })).body.paths['/v1/sites/{sor}'].put;
  expect(put.description).toMatch(/its EAN, .* is changed only by staff of the site's own organisation/);
  expect(put.responses['403']).toBeDefined();
  expect(put.requestBody.content['application/json'].schema).toMatchObject({ required: expect.arrayContaining(['sector', 'ean', 'name']), additionalProperties: false });
});
