/** Development tokens for the suites (HS256 with the test secret). */
import { SignJWT } from 'jose';

export const TEST_SECRET = 'test-secret-0123456789-0123456789-abcdef';

export type Role = 'physician' | 'nurse' | 'paramedic' | 'care_worker' | string;

/** `claims.sub` names the caller (default `sub-<role>`). */
export async function mintToken(role: Role, claims: Record<string, unknown> = {}, secret = TEST_SECRET, expiresIn = '10m'): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ name: `Test ${role}`, role, org: '265071000016002', sector: 'hospital', ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(typeof sub === 'string' ? sub : `sub-${role}`)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
