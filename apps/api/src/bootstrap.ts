/** Builds the HTTP app on Fastify: 64 KiB bodies, pino logs without bodies or tokens, problem+json everywhere. */
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { AppConfig, DEFAULT_JWT_SECRET } from './config/config';

export const BODY_LIMIT = 64 * 1024;

/** Anything shaped like a CPR number (DDMMYY-SSSS) is masked in logged URLs, whatever a client put there. */
export const maskCpr = (text: string) => text.replace(/\d{6}-?\d{4}/g, '[cpr-redacted]');

export async function createApp(config: AppConfig, logStream?: NodeJS.WritableStream): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    logger: {
      level: config.LOG_LEVEL,
      // Request logs carry method, URL (pseudonymous ids only), status and timing — never bodies or tokens.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
      serializers: { req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: maskCpr(req.url) }) },
      ...(logStream ? { stream: logStream } : {}),
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, { logger: ['error', 'warn', 'log'] });
  const fastify = app.getHttpAdapter().getInstance();
  app.enableShutdownHooks();
  if (!config.AUTH_JWKS_URL && config.AUTH_JWT_SECRET === DEFAULT_JWT_SECRET) {
    fastify.log.warn('*** AUTH_JWT_SECRET is the documented development default: anyone can mint tokens. Set AUTH_JWT_SECRET (or AUTH_JWKS_URL) before real use. ***');
  }
  return app;
}
