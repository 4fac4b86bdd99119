/**
 * The service's answers carry `content-security-policy: default-src 'none'` (libs/http): JSON
 * needs nothing more. Its two pages — the console (/console) and the API viewer (/docs) — need
 * their own scripts, styles and calls back to this origin, and nothing from anywhere else: no CDN,
 * no inline script. The console may also call the OpenID Connect issuer it signs in at (discovery
 * document and token endpoint, both under the issuer's origin).
 */
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '@dnr/config';

const COMMON = ["default-src 'none'", "img-src 'self' data:", "font-src 'self'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"];

export function consolePolicy(config: Pick<AppConfig, 'AUTH_ISSUER' | 'CONSOLE_OIDC_CLIENT_ID'>): string {
  const issuer = config.CONSOLE_OIDC_CLIENT_ID && config.AUTH_ISSUER ? ` ${new URL(config.AUTH_ISSUER).origin}` : '';
  return [...COMMON, "script-src 'self'", "style-src 'self'", `connect-src 'self'${issuer}`].join('; ');
}

/** Swagger UI needs nothing inline either (its styles are set through the DOM, which CSP allows). */
export const DOCS_POLICY = [...COMMON, "script-src 'self'", "style-src 'self'", "connect-src 'self'"].join('; ');

/** Runs after libs/http's hook (registered later), so it replaces the JSON policy on the two pages only. */
export function addPagePolicies(fastify: FastifyInstance, config: AppConfig): void {
  const forConsole = consolePolicy(config);
  fastify.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0];
    if (path === '/console' || path.startsWith('/console/')) reply.header('content-security-policy', forConsole);
    else if (path === '/docs' || path.startsWith('/docs/')) reply.header('content-security-policy', DOCS_POLICY);
    return payload;
  });
}
