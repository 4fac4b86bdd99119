/**
 * Sign-in in a real browser. Production: OpenID Connect, authorization code with PKCE, against a
 * stand-in issuer started here (support/stand-in-issuer.ts says why): the console leaves for the
 * issuer, comes back with a code, exchanges it with its verifier, and uses the access token — which
 * the service verifies against the issuer's JWKS — while nothing lands in storage, cookies or the
 * history. Development: the sign-in screen offered only with the development secret on loopback.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Browser, historyUrls, notDanishOnScreen, openBrowser, seriousAxeViolations, STORAGE } from './support/browser';
import { ConsoleService, freshCpr, HOSPITAL, startConsoleService } from './support/service';
import { StandInIssuer, startStandInIssuer } from './support/stand-in-issuer';

let browser: Browser;
beforeAll(async () => { browser = await openBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('production: OpenID Connect with PKCE at the issuer of AUTH_JWKS_URL', () => {
  let issuer: StandInIssuer;
  let s: ConsoleService;

  beforeAll(async () => {
    let origin = '';
    issuer = await startStandInIssuer({
      clientId: 'dnr-console', audience: 'dnr-api', consoleOrigin: () => origin,
      user: { sub: 'idp-user-42', name: 'Sygeplejerske Sara Holm', role: 'nurse', org: HOSPITAL.sor, orgName: 'Aalborg Universitetshospital' },
    });
    s = await startConsoleService({
      AUTH_JWT_SECRET: randomBytes(24).toString('hex'), AUTH_JWKS_URL: issuer.jwksUrl, AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: 'dnr-api', CONSOLE_OIDC_CLIENT_ID: 'dnr-console',
    });
    origin = s.url;
  });
  afterAll(async () => {
    await s?.stop();
    await issuer?.close();
  });

  it('signs in through the issuer, keeps the token in memory only, and the service accepts it', async () => {
    const token = await issuer.accessToken();
    const cpr = freshCpr();
    await s.call('POST', '/v1/patients', { cpr, name: 'Karen Jensen' }, token);

    const { page, requests, errors } = await browser.page();
    await page.goto(`${s.url}/console/`);
    expect(await page.getByLabel('Rolle').count()).toBe(0); // no development sign-in here
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await notDanishOnScreen(page)).toEqual([]);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByText('Sygeplejerske Sara Holm, sygeplejerske · Aalborg Universitetshospital').waitFor();

    const [asked] = issuer.authorizations;
    expect(Object.fromEntries(asked)).toMatchObject({ response_type: 'code', client_id: 'dnr-console', redirect_uri: `${s.url}/console/`, code_challenge_method: 'S256', scope: 'openid profile' });
    expect(issuer.tokenRequests.map((t) => t.status)).toEqual([200]);
    expect(issuer.tokenRequests[0].params.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The code left the address bar and the history at once; nothing was kept in the browser.
    expect(page.url()).toBe(`${s.url}/console/`);
    expect((await historyUrls(page)).filter((u) => u.includes('code='))).toEqual([]);
    expect(await page.evaluate(STORAGE)).toEqual({ local: 0, session: 0, cookies: '' });
    expect(await browser.context.cookies()).toEqual([]);

    // The console calls the API with the issuer's access token.
    await page.getByLabel('CPR-nummer').fill(cpr);
    await page.getByRole('button', { name: 'Slå op' }).click();
    await page.getByRole('region', { name: 'Genoplivningsstatus' }).getByText('Karen Jensen').waitFor();
    expect(await notDanishOnScreen(page)).toEqual([]);
    const lookup = requests.find((r) => r.url().endsWith('/v1/patients/status-lookups'));
    expect(await lookup!.headerValue('authorization')).toMatch(/^Bearer ey/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a reload signs out: the token was in memory only', async () => {
    const { page } = await browser.page();
    await page.goto(`${s.url}/console/`);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('link', { name: 'Opslag' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    expect(await page.getByRole('link', { name: 'Opslag' }).count()).toBe(0);
    await page.close();
  });

  it('the stand-in is strict: a wrong verifier, or a code used twice, gets no token (so the console passing proves its PKCE)', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${issuer.issuer}/authorize`);
    authorize.search = new URLSearchParams({
      response_type: 'code', client_id: 'dnr-console', redirect_uri: `${s.url}/console/`, scope: 'openid', state: 's', nonce: 'n',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchange = (codeVerifier: string) => fetch(`${issuer.issuer}/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${s.url}/console/`, client_id: 'dnr-console', code_verifier: codeVerifier }),
    });
    expect(code).not.toBe('');
    expect((await exchange(randomBytes(32).toString('base64url'))).status).toBe(400);
    expect((await exchange(verifier)).status).toBe(400); // the code was spent by the failed attempt
  });

  it('the development sign-in does not exist here', async () => {
    const r = await fetch(`${s.url}/console/development-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'physician', org: HOSPITAL.sor, name: 'x' }) });
    expect(r.status).toBe(404);
  });
});

describe('development: the development secret on loopback', () => {
  let s: ConsoleService;
  beforeAll(async () => { s = await startConsoleService(); });
  afterAll(async () => { await s?.stop(); });

  it('offers role, organisation and name; the screen passes axe', async () => {
    const { page, errors } = await browser.page({ width: 390, height: 844 });
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Rolle').waitFor();
    expect(await page.getByLabel('Rolle').locator('option').allInnerTexts()).toEqual(['læge', 'sygeplejerske', 'ambulancebehandler', 'sundhedsmedarbejder under en autoriseret sundhedsperson']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await notDanishOnScreen(page)).toEqual([]);
    await page.getByLabel('Rolle').selectOption('care_worker');
    await page.getByLabel('Dit navn').fill('Bente Lund');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByText('Bente Lund, sundhedsmedarbejder under en autoriseret sundhedsperson').waitFor();
    expect(await notDanishOnScreen(page)).toEqual([]);
    expect(await page.evaluate(STORAGE)).toEqual({ local: 0, session: 0, cookies: '' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('/docs is Swagger UI on /openapi.json, from this origin only, without a CSP refusal', async () => {
    const { page, requests, errors } = await browser.page();
    await page.goto(`${s.url}/docs`);
    await page.locator('.opblock-summary-path', { hasText: '/v1/patients/status-lookups' }).waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(requests.filter((r) => !r.url().startsWith(s.url) && !r.url().startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('neither: no identity provider and not the development secret', () => {
  let s: ConsoleService;
  beforeAll(async () => { s = await startConsoleService({ AUTH_JWT_SECRET: randomBytes(24).toString('hex') }); });
  afterAll(async () => { await s?.stop(); });

  it('says so in plain Danish, without the settings\' names (they are for the operator, in docs/console.md)', async () => {
    const { page, errors } = await browser.page();
    await page.goto(`${s.url}/console/`);
    await page.getByText('Log-ind er ikke sat op for denne installation.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Log ind' }).count()).toBe(0);
    expect(await notDanishOnScreen(page)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
