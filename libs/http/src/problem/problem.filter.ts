/**
 * Every error leaves as application/problem+json. Nest's own HTTP errors (unknown route,
 * body too large, malformed JSON from the parser) are translated to api.md's codes; anything
 * unexpected is a 500 that is logged without request data.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { Problem } from './problem';
import { maskCprs } from '../privacy/cpr-in-logs';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(error);
    if (problem.status >= 500) this.logger.error(`unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
    sendProblem(reply, problem);
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  if (problem.retryAfterSeconds !== undefined) reply.header('retry-after', String(problem.retryAfterSeconds));
  // The last guard: whatever a message quotes, nothing CPR-shaped leaves in an error (api.md, 2026-11-22).
  reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(maskCprs(JSON.stringify(problem.body)));
}

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const fastifyCode = (error as { code?: string })?.code;
  // The router's refusals: Fastify's own message quotes the whole URL, so it is never passed on.
  if (fastifyCode === 'FST_ERR_BAD_URL') return new Problem('VALIDATION_FAILED', 'the address is not valid (a broken percent-encoding)');
  if (fastifyCode === 'FST_ERR_MAX_PARAM_LENGTH') return new Problem('URI_TOO_LONG', 'a part of the address is longer than 100 characters');
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') return new Problem('PAYLOAD_TOO_LARGE', 'the body is larger than 64 KiB');
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new Problem('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  if (fastifyCode?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError) return new Problem('VALIDATION_FAILED', 'the body is not valid JSON');
  if (error instanceof HttpException) return fromHttpException(error);
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new Problem('VALIDATION_FAILED', 'the request is not valid');
  return new Problem('INTERNAL_ERROR', 'an unexpected error occurred');
}

function fromHttpException(error: HttpException): Problem {
  switch (error.getStatus()) {
    case 404:
    case 405:
      return new Problem('NOT_FOUND', 'no such resource');
    case 413:
      return new Problem('PAYLOAD_TOO_LARGE', 'the body is larger than 64 KiB');
    case 415:
      return new Problem('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    default:
      // Never the exception's message: Nest's own quote the method and URL.
      return error.getStatus() < 500 ? new Problem('VALIDATION_FAILED', 'the request is not valid') : new Problem('INTERNAL_ERROR', 'an unexpected error occurred');
  }
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (a malformed request line or header,
 * headers over 16 KiB, a request that never finished arriving): a problem written to the socket.
 * Fastify's default answer is plain JSON; Node's error carries the raw bytes received (`rawPacket`),
 * so only its code is logged.
 */
export function clientErrorProblem(code: string | undefined): Problem {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return new Problem('REQUEST_TIMEOUT', 'the request did not arrive in time');
  if (code === 'HPE_HEADER_OVERFLOW') return new Problem('HEADERS_TOO_LARGE', 'the request headers are larger than the service accepts');
  return new Problem('VALIDATION_FAILED', 'the request is not valid HTTP');
}

export function rawProblemResponse(problem: Problem): string {
  const body = JSON.stringify(problem.body);
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    'content-type: application/problem+json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'cache-control: no-store',
    'x-content-type-options: nosniff',
    'connection: close',
    '',
    body,
  ].join('\r\n');
}
