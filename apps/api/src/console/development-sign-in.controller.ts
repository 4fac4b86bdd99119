/**
 * POST /console/development-token — the console's development sign-in: pick a role, an
 * organisation (SOR) and a name, get a token signed with the development secret. The secret is
 * public, so this mints nothing anyone on the machine could not mint with `npm run token`; the
 * route exists only while that secret is in use on loopback (AppModule leaves the controller out
 * otherwise, so every other deployment answers 404 NOT_FOUND). A request must also name a
 * loopback host: a web page whose domain an attacker re-points at 127.0.0.1 (DNS rebinding) sends
 * its own domain as Host, and is refused (421) before anything is minted.
 */
import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { APP_CONFIG, AppConfig, listensOnLoopbackOnly, usesDevelopmentSecret } from '@dnr/config';
import { PersonName, readableText, Role, Sector, SorId } from '@dnr/domain';
import { parseOr400, Problem, Public } from '@dnr/http';

export const DevelopmentSignInBody = z.strictObject({
  role: Role,
  org: SorId,
  name: PersonName,
  orgName: readableText(200).optional(),
  sector: Sector.optional(),
});

/** The Host header's name, without the port, is a loopback name. */
export function namesLoopback(host: string | undefined): boolean {
  const name = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** A working day; the verifier refuses HS256 tokens valid for more than 12 hours. */
const LIFETIME_SECONDS = 8 * 3600;

export const developmentSignInAllowed = (config: AppConfig): boolean => usesDevelopmentSecret(config) && listensOnLoopbackOnly(config.HOST);

@Controller('console')
export class DevelopmentSignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Post('development-token')
  @HttpCode(200)
  async mint(@Body() raw: unknown, @Headers('host') host: string | undefined): Promise<{ token: string; expiresAt: string }> {
    if (!namesLoopback(host)) throw new Problem('MISDIRECTED_REQUEST', 'the development sign-in answers only requests addressed to this machine (127.0.0.1, localhost or [::1])');
    const { role, org, name, orgName, sector } = parseOr400(DevelopmentSignInBody, raw, 'body');
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ name, role, org, ...(orgName ? { orgName } : {}), ...(sector ? { sector } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`dev:${org}:${name}`.slice(0, 200))
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + LIFETIME_SECONDS)
      .sign(new TextEncoder().encode(this.config.AUTH_JWT_SECRET));
    return { token, expiresAt: new Date((issuedAt + LIFETIME_SECONDS) * 1000).toISOString() };
  }
}
