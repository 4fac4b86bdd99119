/**
 * GET /console/config.json — what the console needs to know before anyone signs in: which sign-in
 * this deployment offers. Public, and holds nothing secret (a PKCE client has no secret).
 */
import { Controller, Get, Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@dnr/config';
import { Public } from '@dnr/http';
import { developmentSignInAllowed } from './development-sign-in.controller';

export interface ConsoleConfig {
  /** Pick a role and organisation and mint a development token (development secret on loopback only). */
  development: boolean;
  /** OpenID Connect, authorization code with PKCE, at the issuer whose tokens the service verifies. */
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

export function consoleConfigOf(config: AppConfig): ConsoleConfig {
  const oidc = config.CONSOLE_OIDC_CLIENT_ID && config.AUTH_ISSUER
    ? { issuer: config.AUTH_ISSUER, clientId: config.CONSOLE_OIDC_CLIENT_ID, scope: 'openid profile' }
    : null;
  return { development: developmentSignInAllowed(config), oidc };
}

@Controller('console')
export class ConsoleConfigController {
  private readonly answer: ConsoleConfig;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.answer = consoleConfigOf(config);
  }

  @Public()
  @Get('config.json')
  config(): ConsoleConfig {
    return this.answer;
  }
}
