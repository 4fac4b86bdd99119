/**
 * What the console needs from the service before anyone signs in: /console/config.json, and the
 * development sign-in — there with the development secret on loopback, and nowhere else (404).
 */
import { decodeJwt } from 'jose';
import { DEFAULT_JWT_SECRET } from '@dnr/config';
import { freshCpr, HOSPITAL, Service, startService } from './support/service';

const nurse = { role: 'nurse', org: HOSPITAL.sor, name: 'Sygeplejerske Sara Holm', orgName: HOSPITAL.name, sector: 'hospital' };

describe('development secret on loopback: the development sign-in exists', () => {
  let s: Service;
  beforeAll(async () => { s = await startService({ AUTH_JWT_SECRET: DEFAULT_JWT_SECRET }); });
  afterAll(async () => { await s.close(); });

  it('the console is told to offer it', async () =>
    expect(await s.call('GET', '/console/config.json', { token: null })).toMatchObject({ status: 200, body: { development: true, oidc: null } }));

  it('mints a token with the chosen role, organisation and name, valid for 8 hours, that the API accepts', async () => {
    const r = await s.call('POST', '/console/development-token', { token: null, body: nurse });
    expect(r.status).toBe(200);
    const claims = decodeJwt(r.body.token);
    expect(claims).toMatchObject({ role: 'nurse', org: HOSPITAL.sor, name: nurse.name, orgName: HOSPITAL.name, sector: 'hospital' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(8 * 3600);
    const registered = await s.call('POST', '/v1/patients', { token: r.body.token, body: { cpr: freshCpr(), name: 'Karen Jensen' } });
    expect([200, 201]).toContain(registered.status);
  });

  it.each([
    ['a role that is not staff', { ...nurse, role: 'relative' }],
    ['an organisation that is not a SOR id', { ...nurse, org: 'Aalborg' }],
    ['a blank name', { ...nurse, name: '  ' }],
    ['an unknown field', { ...nurse, admin: true }],
    ['an organisation in the form of a CPR number', { ...nurse, org: '0101481234' }],
    ['a name with a right-to-left override', { ...nurse, name: 'Karen \u202EnesneJ' }],
    ['a name of a Hangul filler', { ...nurse, name: '\u3164' }],
  ])('400 for %s', async (_what, body) =>
    expect(await s.call('POST', '/console/development-token', { token: null, body })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } }));

  // A cross-site HTML form can post these without a preflight: the service parses JSON only (review of the HTTP edge).
  it.each([
    ['a form', 'application/x-www-form-urlencoded', new URLSearchParams(nurse).toString()],
    ['text that is JSON', 'text/plain', JSON.stringify(nurse)],
    ['a multipart form', 'multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="role"\r\n\r\nnurse\r\n--x--\r\n`],
  ])('%s mints no token: 415', async (_what, type, rawBody) => {
    const r = await s.call('POST', '/console/development-token', { token: null, rawBody, headers: { 'content-type': type } });
    expect(r).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(r.body).not.toHaveProperty('token');
  });
});

describe('any other secret, or JWKS: no development sign-in (404)', () => {
  it('with a secret of its own', async () => {
    const s = await startService();
    try {
      expect(await s.call('POST', '/console/development-token', { token: null, body: nurse })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      expect((await s.call('GET', '/console/config.json', { token: null })).body).toEqual({ development: false, oidc: null });
    } finally {
      await s.close();
    }
  });

  it('in JWKS mode: the console signs in at the issuer with CONSOLE_OIDC_CLIENT_ID, and may call only that origin besides its own', async () => {
    const s = await startService({
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json', AUTH_ISSUER: 'https://login.region.example/realms/dnr', AUTH_AUDIENCE: 'dnr-api', CONSOLE_OIDC_CLIENT_ID: 'dnr-console',
    });
    try {
      expect((await s.call('POST', '/console/development-token', { token: null, body: nurse })).status).toBe(404);
      const config = await s.call('GET', '/console/config.json', { token: null });
      expect(config.body).toEqual({ development: false, oidc: { issuer: 'https://login.region.example/realms/dnr', clientId: 'dnr-console', scope: 'openid profile' } });
      expect(config.headers.get('content-security-policy')).toMatch(/connect-src 'self' https:\/\/login\.region\.example(;|$)/);
    } finally {
      await s.close();
    }
  });
});
