/**
 * Production sign-in: OpenID Connect, authorization code with PKCE (RFC 7636, S256), as a public
 * client at the issuer whose tokens the service verifies (AUTH_ISSUER). The access token is kept in
 * memory only — never in localStorage, sessionStorage or a cookie — so a reload signs out (the
 * issuer's own session signs back in without a password).
 *
 * Only the PKCE verifier, state and nonce must survive the round trip to the issuer: they sit in
 * sessionStorage (this tab) from the redirect until the answer comes back, and are removed then.
 * They are not tokens: without the code the issuer sends to the registered redirect URI they are worth nothing.
 */
import { base64UrlDecode } from '../session';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
}

const PENDING = 'dnr-console-pkce';

export const redirectUri = (): string => `${location.origin}/console/`;

export async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new Error('discovery');
  const doc = (await response.json()) as Partial<Discovery>;
  if (typeof doc.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string') throw new Error('discovery');
  return doc as Discovery;
}

export function randomText(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function challengeOf(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** Leaves for the issuer's sign-in page. */
export async function startSignIn(settings: OidcSettings): Promise<void> {
  const { authorization_endpoint } = await discover(settings.issuer);
  const pending: Pending = { verifier: randomText(), state: randomText(16), nonce: randomText(16) };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

export type Return = { kind: 'none' } | { kind: 'signed-in'; accessToken: string } | { kind: 'failed'; why: string };

/**
 * Back from the issuer (?code=…&state=…): the code and state leave the address bar and the history
 * entry at once (replaceState), the pending verifier leaves storage, and the code is exchanged.
 */
export async function finishSignIn(settings: OidcSettings): Promise<Return> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return { kind: 'none' };
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  const saved = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (params.has('error')) return { kind: 'failed', why: 'Log-ind blev afbrudt hos log-ind-tjenesten.' };
  const pending = saved ? (JSON.parse(saved) as Pending) : null;
  if (!pending || params.get('state') !== pending.state) return { kind: 'failed', why: 'Svaret fra log-ind-tjenesten hørte ikke til dette log-ind. Prøv igen.' };
  try {
    const { token_endpoint } = await discover(settings.issuer);
    const response = await fetch(token_endpoint, {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: redirectUri(), client_id: settings.clientId, code_verifier: pending.verifier }),
    });
    if (!response.ok) return { kind: 'failed', why: 'Log-ind-tjenesten afviste log-ind. Prøv igen.' };
    const tokens = (await response.json()) as { access_token?: string; id_token?: string };
    if (!tokens.access_token) return { kind: 'failed', why: 'Log-ind-tjenesten sendte ingen adgangsnøgle.' };
    if (tokens.id_token && claimOf(tokens.id_token, 'nonce') !== pending.nonce) return { kind: 'failed', why: 'Svaret fra log-ind-tjenesten hørte ikke til dette log-ind. Prøv igen.' };
    return { kind: 'signed-in', accessToken: tokens.access_token };
  } catch {
    return { kind: 'failed', why: 'Log-ind-tjenesten kunne ikke nås.' };
  }
}

function claimOf(jwt: string, claim: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(base64UrlDecode(jwt.split('.')[1] ?? '')))[claim];
  } catch {
    return undefined;
  }
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
