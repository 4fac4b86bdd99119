/**
 * Bearer JWT verification. Embedded default: HS256 with AUTH_JWT_SECRET. Production: RS256 or
 * ES256 against AUTH_JWKS_URL, with issuer, audience and expiry checked within a bounded clock
 * skew; HS256 and `alg: none` are refused in that mode. In both, a token issued (`iat`) later than
 * now plus that skew is refused.
 */
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { Actor, hasCprForm, ROLES, Sector } from '@dnr/domain';
import { AppConfig } from '@dnr/config';
import { Problem } from '../problem/problem';

const Claims = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  role: z.string(),
  // The SOR id of the caller's organisation: it names the sender of messages and folders in the drop folder.
  org: z.string().min(1).max(50).refine((org) => !hasCprForm(org), 'an organisation id cannot have the form of a CPR number'),
  orgName: z.string().max(200).optional(),
  sector: Sector.optional(),
});

/**
 * HS256 tokens are minted here (development, tests): each must expire, and within 12 hours of being
 * issued — and of now: jose checks no `iat` (only its type), so a token "issued" ten years ahead
 * with a one-hour lifetime would otherwise be valid for ten years.
 */
const LONGEST_HS256_LIFETIME_SECONDS = 12 * 3600;

class LifetimeTooLong extends Error {}
class IssuedInTheFuture extends Error {}

/** In either mode: a token is not issued later than now (within the clock skew). */
function notIssuedInTheFuture(payload: JWTPayload, nowSeconds: number, skewSeconds: number): JWTPayload {
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + skewSeconds) throw new IssuedInTheFuture();
  return payload;
}

function boundedLifetime(payload: JWTPayload, nowSeconds: number, skewSeconds: number): JWTPayload {
  notIssuedInTheFuture(payload, nowSeconds, skewSeconds);
  const exp = payload.exp as number;
  if (exp - (payload.iat as number) > LONGEST_HS256_LIFETIME_SECONDS) throw new LifetimeTooLong();
  // Implied by the two checks above; said again so that no future change to either opens it.
  if (exp - nowSeconds > LONGEST_HS256_LIFETIME_SECONDS + skewSeconds) throw new LifetimeTooLong();
  return payload;
}

/**
 * A token verified once is remembered for at most a minute (and never past its expiry): a crew's
 * console or an integration sends the same token with every request, and checking its signature
 * each time was a tenth of a lookup's cost. A key withdrawn from the JWKS stops working within the
 * minute; an expired token at once.
 */
const REMEMBER_VERIFIED_MS = 60_000;
const REMEMBERED_TOKENS = 10_000;

export class TokenVerifier {
  private readonly verify: (token: string) => Promise<JWTPayload>;
  private readonly verified = new Map<string, { caller: Actor; until: number }>();
  private readonly toleranceMs: number;

  constructor(config: AppConfig, private readonly now: () => number = Date.now) {
    const clockTolerance = config.AUTH_CLOCK_SKEW_SECONDS;
    this.toleranceMs = clockTolerance * 1000;
    if (config.AUTH_JWKS_URL) {
      const jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
      const options = { algorithms: ['RS256', 'ES256'], issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, clockTolerance, requiredClaims: ['exp'] };
      // The identity provider sets the lifetime here; an `iat` it sends must not lie in the future.
      this.verify = async (token) => notIssuedInTheFuture((await jwtVerify(token, jwks, options)).payload, this.nowSeconds(), clockTolerance);
    } else {
      const key = new TextEncoder().encode(config.AUTH_JWT_SECRET);
      this.verify = async (token) => boundedLifetime((await jwtVerify(token, key, { algorithms: ['HS256'], clockTolerance, requiredClaims: ['exp', 'iat'] })).payload, this.nowSeconds(), clockTolerance);
    }
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  async callerFrom(authorization: string | undefined): Promise<Actor> {
    const token = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new Problem('UNAUTHENTICATED', 'send Authorization: Bearer <JWT>');
    const known = this.verified.get(token);
    if (known && known.until > this.now()) return known.caller;
    const payload = await this.payloadOf(token);
    const caller = this.callerIn(payload);
    this.remember(token, caller, (payload.exp as number) * 1000 + this.toleranceMs);
    return caller;
  }

  private remember(token: string, caller: Actor, expiresAt: number): void {
    if (this.verified.size >= REMEMBERED_TOKENS) this.verified.clear();
    this.verified.set(token, { caller, until: Math.min(expiresAt, this.now() + REMEMBER_VERIFIED_MS) });
  }

  private callerIn(payload: JWTPayload): Actor {
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw new Problem('UNAUTHENTICATED', 'the token lacks the claims sub, name, role and org');
    const { role, ...rest } = claims.data;
    if (!(ROLES as readonly string[]).includes(role)) {
      // R2.2: a relative (or anyone who is not staff) can never record or make a refusal.
      // The claim itself is never quoted: a token's claims are the caller's text and could hold a CPR.
      throw new Problem('ROLE_NOT_ALLOWED', `the token's role is not one of ${ROLES.join(', ')}`, { rule: 'R2.2', allowedRoles: ROLES });
    }
    return { ...rest, role: role as Actor['role'] };
  }

  private async payloadOf(token: string): Promise<JWTPayload> {
    try {
      return await this.verify(token);
    } catch (error) {
      const why = error instanceof errors.JWTExpired ? 'the token has expired'
        : error instanceof LifetimeTooLong ? 'the token is valid for more than 12 hours'
          : error instanceof IssuedInTheFuture ? 'the token is issued in the future'
          : error instanceof errors.JWTClaimValidationFailed ? 'the token must carry exp and iat'
            : 'the token is malformed or wrongly signed';
      throw new Problem('UNAUTHENTICATED', why);
    }
  }
}
