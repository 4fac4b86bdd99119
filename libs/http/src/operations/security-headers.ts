/**
 * Headers on every answer, set by @fastify/helmet (a kept library rather than our own list).
 * `no-store` matters most: a resuscitation status is true only at the moment it is read, and no
 * proxy or browser cache may hand an old one to the next crew. Helmet does not set Cache-Control,
 * so that one header is a hook of its own (an onSend hook, so it is on every answer, problems too).
 */
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export async function addSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    // JSON needs nothing loaded, framed or sent anywhere; the console and /docs pages replace this
    // policy with their own (apps/api/src/console/page-policy.ts).
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.getHttpAdapter().getInstance().addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
}
