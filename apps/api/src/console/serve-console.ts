/**
 * Serves the built console (dist/console, `npm run build`) under /console on the service's own
 * origin (gzip or brotli as built, when the browser takes it), and Swagger UI's files under /docs/assets. Static files are public (the console asks for
 * a sign-in itself; every API call it makes carries the token). A service started from a checkout
 * without `npm run build` serves no console and says so once in the log.
 */
import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppConfig } from '@dnr/config';
import { addPagePolicies } from './page-policy';
import { serveSwaggerUiAssets } from '../openapi/swagger-ui';

/** The repository (or deployment) root: the nearest folder up from here with a package.json — the same from dist/ and from the sources. */
export function projectRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const consoleBuildDir = (): string => join(projectRoot(), 'dist', 'console');

export async function serveConsole(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  addPagePolicies(fastify, config);
  await serveSwaggerUiAssets(app);
  const root = consoleBuildDir();
  if (!existsSync(join(root, 'index.html'))) {
    fastify.log.warn(`no console at /console: ${root} has not been built (npm run build)`);
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/console/', decorateReply: false, dotfiles: 'ignore', index: ['index.html'], preCompressed: true });
  fastify.get('/console', (_request, reply) => reply.redirect('/console/', 301));
  // The page is never cached (libs/http: no-store); its script and styles carry a content hash in
  // their names and never change under a name, so a phone keeps them (after libs/http's hook).
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/console/assets/') && reply.statusCode === 200) reply.header('cache-control', 'public, max-age=31536000, immutable');
    return payload;
  });
}
