/** The sites directory (api.md "Sites", R7.3a): filled from handovers, kept by physicians and nurses, loadable from a SOR export file. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from './support/service';
import { eventually } from './support/until';
import { ROOT } from './durability/processes';

let s: Service;
beforeAll(async () => { s = await startService({ RELAY: 'on' }); });
afterAll(async () => { await s.close(); });

describe('every site named in a handover is remembered', () => {
  it('from, to and the GP of a discharge are in the directory', async () => {
    const patientId = await registerPatient(s);
    await s.call('POST', `/v1/patients/${patientId}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: { ...HOSPITAL, phone: '+45 97 66 00 00' }, to: NURSING_HOME, generalPractitioner: GP } });
    const gp = await eventually(() => s.call('GET', `/v1/sites/${GP.sor}`, { role: 'care_worker' }), (r) => r.status === 200, 'the GP in the directory');
    expect(gp.body).toMatchObject({ ...GP, source: 'handover' });
    expect((await s.call('GET', `/v1/sites/${HOSPITAL.sor}`)).body).toMatchObject({ sor: HOSPITAL.sor, phone: '+45 97 66 00 00' });
  });
});

describe('PUT /v1/sites/{sor}', () => {
  const site = { sector: 'municipality', ean: '5790001348120', name: 'Hjemmeplejen Vest', phone: '72 36 00 00' };

  it('a nurse puts a site; it reads back as an operator entry; a later handover does not overwrite it', async () => {
    const put = await s.call('PUT', '/v1/sites/953741000016111', { role: 'nurse', body: site });
    expect(put).toMatchObject({ status: 200, body: { sor: '953741000016111', ...site, source: 'operator' } });
    const patientId = await registerPatient(s);
    await s.call('POST', `/v1/patients/${patientId}/handovers`, { role: 'nurse', body: { kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: { ...site, sor: '953741000016111', name: 'Et andet navn' } } });
    await eventually(() => s.call('GET', `/v1/outbox?patientId=${patientId}`), (r) => r.body.length === 1, 'the handover projected');
    expect((await s.call('GET', '/v1/sites/953741000016111')).body).toMatchObject({ name: 'Hjemmeplejen Vest', source: 'operator' });
  });

  it('a care worker or paramedic may not keep the directory (403); nothing is written', async () => {
    for (const role of ['care_worker', 'paramedic']) {
      expect(await s.call('PUT', '/v1/sites/953741000016222', { role, body: site })).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    }
    expect((await s.call('GET', '/v1/sites/953741000016222')).status).toBe(404);
  });

  it('a bad EAN, an unknown field or a SOR that is not digits is 400, and writes nothing', async () => {
    expect(await s.call('PUT', '/v1/sites/953741000016333', { role: 'nurse', body: { ...site, ean: '5790001348121' } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await s.call('PUT', '/v1/sites/953741000016333', { role: 'nurse', body: { ...site, extra: 1 } })).status).toBe(400);
    expect((await s.call('PUT', '/v1/sites/abc', { role: 'nurse', body: site })).status).toBe(400);
    expect((await s.call('GET', '/v1/sites/953741000016333')).status).toBe(404);
  });

  it('needs a token', async () => expect((await s.call('GET', `/v1/sites/${GP.sor}`, { token: null })).status).toBe(401));
});

describe('loading sites from a SOR export file', () => {
  it('loads the valid lines, reports and skips the others', async () => {
    const file = join(s.dataDir, 'sor-export.csv');
    writeFileSync(file, ['sor;ean;name;sector;phone', '953741000016444;5790001348120;Plejecenter Egebo;municipality;72 36 11 11', '953741000016555;123;Forkert EAN;municipality;'].join('\n'));
    let output = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'dist/apps/relay/src/load-sites.js'), file], { env: { ...process.env, DATA_DIR: s.dataDir, AUTH_JWT_SECRET: 'x'.repeat(40) }, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout) + String((error as { stderr?: string }).stderr);
      expect((error as { status?: number }).status).toBe(1); // some lines were skipped
    }
    expect(output).toContain('line 3: skipped');
    expect(output).toContain('1 of 2 sites loaded');
    expect((await s.call('GET', '/v1/sites/953741000016444', { token: await mintToken('nurse') })).body).toMatchObject({ name: 'Plejecenter Egebo', phone: '72 36 11 11', source: 'operator' });
    expect((await s.call('GET', '/v1/sites/953741000016555')).status).toBe(404);
  });
});
