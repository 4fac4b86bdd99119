/**
 * Headers on every answer, set by helmet (a kept library rather than our own list).
 * `no-store` matters most: a resuscitation status is true only at the moment it is read, and no
 * proxy or browser cache may hand an old one to the next crew. Helmet does not set Cache-Control,
 * so that one header is a hook of its own (an onSend hook, so it is on every answer, problems too).
 *
 * Helmet's middleware is built once, here. The Fastify plugin (@fastify/helmet) built it again
 * for every request — its policy's directives parsed anew each time —, 4 % of the API thread's
 * time under crew lookups; the headers are the same (`operations.e2e.spec.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const setHelmetHeaders = helmet({
  // JSON needs nothing loaded, framed or sent anywhere; the console and /docs pages replace this
  // policy with their own (apps/api/src/console/page-policy.ts).
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  crossOriginResourcePolicy: { policy: 'same-origin' },
});

/**
 * For answers Fastify writes outside every hook (its router's refusals, see create-http-app.ts):
 * the same headers, set directly. Helmet's middleware is synchronous.
 */
export function setSecurityHeaders(request: IncomingMessage, response: ServerResponse): void {
  setHelmetHeaders(request, response, () => undefined);
  response.setHeader('cache-control', 'no-store');
}

export async function addSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // On the raw response, as the plugin set them: a route's own reply.header (the pages' policy) still wins.
  fastify.addHook('onRequest', (request, reply, done) => setHelmetHeaders(request.raw, reply.raw, (error) => done(error === undefined || error === null ? undefined : error instanceof Error ? error : new Error(String(error)))));
  fastify.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
}
