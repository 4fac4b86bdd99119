/** Production auth: RS256/ES256 against a JWKS URL, issuer and audience checked; HS256 and alg "none" refused. */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mintToken, Service, startService } from './support/service';

let jwks: Server;
let s: Service;
let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
let ec: Awaited<ReturnType<typeof generateKeyPair>>;
const ISSUER = 'https://idp.region.example';
const AUDIENCE = 'dnr-api';

beforeAll(async () => {
  rsa = await generateKeyPair('RS256');
  ec = await generateKeyPair('ES256');
  const keys = [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256', use: 'sig' }, { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256', use: 'sig' }];
  jwks = createServer((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ keys })); });
  await new Promise<void>((ok) => jwks.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  s = await startService({ AUTH_JWKS_URL: url, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE });
});
afterAll(async () => {
  await s.close();
  jwks.close();
});

const claims = { name: 'Læge Lise', role: 'physician', org: '265071000016002' };
const sign = (alg: 'RS256' | 'ES256', overrides: { iss?: string; aud?: string; exp?: string | number; iat?: number } = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg, kid: alg === 'RS256' ? 'rsa' : 'ec' }).setSubject('u1').setIssuedAt(overrides.iat)
    .setIssuer(overrides.iss ?? ISSUER).setAudience(overrides.aud ?? AUDIENCE).setExpirationTime(overrides.exp ?? '5m')
    .sign(alg === 'RS256' ? rsa.privateKey : ec.privateKey);

describe('JWKS mode', () => {
  it.each(['RS256', 'ES256'] as const)('refuses a %s token issued in the future (iat ten years ahead, an hour\'s lifetime), as in HS256 mode (review of the HTTP edge)', async (alg) => {
    const iat = Math.floor(Date.now() / 1000) + 10 * 365 * 86_400;
    const r = await s.call('GET', '/v1/outbox', { token: await sign(alg, { iat, exp: iat + 3600 }) });
    expect(r).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', detail: 'the token is issued in the future' } });
  });

  it.each(['RS256', 'ES256'] as const)('accepts a valid %s token', async (alg) => {
    const r = await s.call('POST', '/v1/patients', { token: await sign(alg), body: { cpr: '0101481234', name: 'Karen Jensen' } });
    expect(r.status).toBe(200);
    const status = await s.call('GET', `/v1/patients/${r.body.patientId}/resuscitation-status`, { token: await sign(alg) });
    expect(status).toMatchObject({ status: 200, body: { status: 'ATTEMPT_CPR' } });
  });

  it('refuses HS256 (even with a valid-looking token), alg "none", a wrong issuer or audience, and an expired token', async () => {
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'u1', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url')}.`;
    const tokens = [await mintToken('physician'), none, await sign('RS256', { iss: 'https://evil.example' }), await sign('RS256', { aud: 'other' }), await sign('ES256', { exp: '-10m' })];
    for (const token of tokens) {
      const r = await s.call('POST', '/v1/patients', { token, body: { cpr: '0101481234', name: 'Karen Jensen' } });
      expect(r).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    }
  });
});
