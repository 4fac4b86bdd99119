/**
 * A minimal OpenID Connect issuer for the browser suite. Why a stand-in: CI has no identity
 * provider (no Keycloak, no regional IdP, no internet), and the console must be proved against the
 * protocol, not against a mock inside the page. It serves exactly what the console and the service
 * use — the discovery document, the authorization endpoint (signing the test's user in at once and
 * redirecting back with a code), the token endpoint (which checks the PKCE code_verifier against the
 * S256 challenge, the client, the redirect URI, and that a code is used once) and the JWKS the
 * service verifies the access token with (ES256). It records what it was asked, for the assertions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface StandInIssuer {
  issuer: string;
  jwksUrl: string;
  /** Every authorization request, as the browser sent it. */
  authorizations: URLSearchParams[];
  /** Every token request and how it was answered. */
  tokenRequests: Array<{ params: URLSearchParams; status: number }>;
  /** An access token for the same user (for seeding through the API). */
  accessToken(): Promise<string>;
  close(): Promise<void>;
}

export interface IssuerOptions {
  clientId: string;
  audience: string;
  /** The console's origin: where it may redirect back to, and which origin may read its answers (CORS). */
  consoleOrigin: () => string;
  user: { sub: string; name: string; role: string; org: string; orgName?: string };
}

const base64Url = (bytes: Buffer): string => bytes.toString('base64url');

export async function startStandInIssuer(options: IssuerOptions): Promise<StandInIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'stand-in', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string }>();
  const authorizations: URLSearchParams[] = [];
  const tokenRequests: Array<{ params: URLSearchParams; status: number }> = [];
  let issuer = '';

  const sign = (claims: Record<string, unknown>, audience: string) => new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'stand-in' }).setIssuer(issuer).setAudience(audience).setSubject(options.user.sub)
    .setIssuedAt().setExpirationTime('10m').sign(privateKey);
  const accessToken = () => sign({ name: options.user.name, role: options.user.role, org: options.user.org, ...(options.user.orgName ? { orgName: options.user.orgName } : {}) }, options.audience);

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': options.consoleOrigin(), 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const authorize = (url: URL, res: ServerResponse) => {
    const q = url.searchParams;
    authorizations.push(q);
    const redirectUri = q.get('redirect_uri') ?? '';
    const wellFormed = q.get('response_type') === 'code' && q.get('client_id') === options.clientId && redirectUri === `${options.consoleOrigin()}/console/`
      && q.get('code_challenge_method') === 'S256' && /^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '') && q.get('state') && q.get('nonce');
    if (!wellFormed) return json(res, 400, { error: 'invalid_request' });
    const code = base64Url(randomBytes(24));
    codes.set(code, { challenge: q.get('code_challenge') as string, redirectUri, nonce: q.get('nonce') as string });
    const back = new URL(redirectUri);
    back.search = new URLSearchParams({ code, state: q.get('state') as string }).toString();
    res.writeHead(302, { location: back.toString() });
    res.end();
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const params = new URLSearchParams(body);
    const issued = codes.get(params.get('code') ?? '');
    codes.delete(params.get('code') ?? ''); // a code is good once, whatever happens
    const verifier = params.get('code_verifier') ?? '';
    const ok = issued && params.get('grant_type') === 'authorization_code' && params.get('client_id') === options.clientId
      && params.get('redirect_uri') === issued.redirectUri && base64Url(createHash('sha256').update(verifier).digest()) === issued.challenge;
    tokenRequests.push({ params, status: ok ? 200 : 400 });
    if (!ok) return json(res, 400, { error: 'invalid_grant' });
    json(res, 200, {
      token_type: 'Bearer', expires_in: 600,
      access_token: await accessToken(),
      id_token: await sign({ name: options.user.name, nonce: issued.nonce }, options.clientId),
    });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks.json`,
        response_types_supported: ['code'], code_challenge_methods_supported: ['S256'], id_token_signing_alg_values_supported: ['ES256'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') return void token(req, res);
    if (req.method === 'GET' && url.pathname === '/jwks.json') return json(res, 200, { keys: [jwk] });
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer, jwksUrl: `${issuer}/jwks.json`, authorizations, tokenRequests, accessToken,
    close: () => new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections(); // the browser keeps its connections open
    }),
  };
}
