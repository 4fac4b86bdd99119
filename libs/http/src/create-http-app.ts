/** Builds an HTTP host of the service on Fastify: 64 KiB bodies, pino logs without bodies or tokens, problem+json everywhere. */
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, DEFAULT_JWT_SECRET } from '@dnr/config';
import { keepDataPrivate } from './data-dir';
import { callerRequestId, maskCprs, ownRequestId, urlForLog } from './privacy/cpr-in-logs';
import { Metrics } from './operations/metrics';
import { NestPinoLogger } from './operations/nest-pino-logger';
import { addSecurityHeaders, setSecurityHeaders } from './operations/security-headers';
import { clientErrorProblem, rawProblemResponse, sendProblem, toProblem } from './problem/problem.filter';

export const BODY_LIMIT = 64 * 1024;

function answerClientError(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.debug({ code: error.code }, 'client error');
  if (socket.writable) socket.write(rawProblemResponse(clientErrorProblem(error.code)));
  socket.destroy(error);
}

export async function createHttpApp(root: DynamicModule, config: AppConfig, logStream?: NodeJS.WritableStream): Promise<NestFastifyApplication> {
  keepDataPrivate(config.DATA_DIR);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // A client that sends its request too slowly (or never finishes it) is cut off with 408.
    // Node checks for that only every connectionsCheckingInterval (30 s by default), so check each second.
    serverFactory: (handler: RequestListener) => createServer({ requestTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000, connectionsCheckingInterval: 1000 }, handler),
    // Fastify's router refuses a broken percent-encoding (400) or an over-long path parameter (414)
    // before any hook or filter runs, and its own answer quotes the whole URL in plain JSON.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      setSecurityHeaders(request.raw, reply.raw);
      sendProblem(reply, toProblem(error));
    },
    // Node's parser refuses malformed HTTP, headers over 16 KiB and slow requests before Fastify sees them.
    clientErrorHandler: answerClientError,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => callerRequestId(req.headers['x-request-id']) ?? ownRequestId(),
    logger: {
      level: config.LOG_LEVEL,
      // Request logs carry method, URL (pseudonymous ids only), status and timing — never bodies, headers or tokens.
      serializers: { req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: urlForLog(req.url) }) },
      // And whatever else a line carries (an error's message, a relay notice): CPR-shaped text is masked before it is written.
      hooks: { streamWrite: maskCprs },
      ...(logStream ? { stream: logStream } : {}),
    },
  });
  // JSON in and out (api.md): Nest's own body parsers (bodyParser: true) add
  // application/x-www-form-urlencoded, and Fastify's defaults text/plain — a cross-site HTML form
  // can send either without a preflight. Only application/json is parsed; any other body is
  // refused with 415 before a guard or handler runs (FST_ERR_CTP_INVALID_MEDIA_TYPE, problem.filter.ts).
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, { bufferLogs: true, bodyParser: false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, fastify.getDefaultJsonParser('error', 'error'));
  app.useLogger(new NestPinoLogger(fastify.log));
  await addSecurityHeaders(app);
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  // process.exit after the hooks (not a re-raised signal), so the last log lines are written and the exit code is 0.
  app.enableShutdownHooks([], { useProcessExit: true });
  if (!config.AUTH_JWKS_URL && config.AUTH_JWT_SECRET === DEFAULT_JWT_SECRET) {
    fastify.log.warn('*** AUTH_JWT_SECRET is the documented development default: anyone can mint tokens. Set AUTH_JWT_SECRET (or AUTH_JWKS_URL) before real use. ***');
  }
  return app;
}
