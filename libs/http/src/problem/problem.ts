/** RFC 9457 problem details with api.md's `code` and `rule`. Every refusal the API gives is one of these. */
import { Rejection } from '@dnr/domain';

export type ProblemCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'ROLE_NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'CONCURRENT_MODIFICATION'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'REQUEST_TIMEOUT'
  | 'HEADERS_TOO_LARGE'
  | 'RULE_VIOLATION'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'MISDIRECTED_REQUEST'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

const TITLES: Record<ProblemCode, [number, string]> = {
  VALIDATION_FAILED: [400, 'The request is not valid'],
  UNAUTHENTICATED: [401, 'Authentication required'],
  ROLE_NOT_ALLOWED: [403, 'Your role may not do this'],
  NOT_FOUND: [404, 'Not found'],
  CONCURRENT_MODIFICATION: [409, 'The patient record changed meanwhile'],
  IDEMPOTENCY_KEY_REUSED: [409, 'Idempotency-Key reused with a different request'],
  PAYLOAD_TOO_LARGE: [413, 'The request body is larger than 64 KiB'],
  // Fastify's and Node's own refusals, answered as problems too (never quoting the address or the bytes sent).
  URI_TOO_LONG: [414, 'A part of the address is too long'],
  MISDIRECTED_REQUEST: [421, 'This service does not answer for that host'],
  REQUEST_TIMEOUT: [408, 'The request did not arrive in time'],
  HEADERS_TOO_LARGE: [431, 'The request headers are too large'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Send application/json'],
  RULE_VIOLATION: [422, 'The rules forbid this'],
  RATE_LIMITED: [429, 'Too many requests'],
  SERVICE_UNAVAILABLE: [503, 'Temporarily unavailable'],
  INTERNAL_ERROR: [500, 'Internal error'],
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  rule?: string;
  allowedRoles?: readonly string[];
  errors?: Array<{ path: string; message: string }>;
}

export class Problem extends Error {
  readonly body: ProblemBody;
  /** Sent as Retry-After (seconds) with 429 and 503. */
  retryAfterSeconds?: number;

  constructor(code: ProblemCode, detail: string, extra: Partial<Pick<ProblemBody, 'rule' | 'errors' | 'allowedRoles'>> = {}) {
    super(detail);
    const [status, title] = TITLES[code];
    this.body = { type: `https://dnr.example/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, detail, code, ...extra };
  }

  get status(): number {
    return this.body.status;
  }
}

export function problemFromRejection(r: Rejection): Problem {
  switch (r.kind) {
    case 'rule':
      return new Problem('RULE_VIOLATION', r.detail, { rule: r.rule });
    case 'role':
      return new Problem('ROLE_NOT_ALLOWED', r.detail, { rule: r.rule, allowedRoles: r.allowed });
    case 'not_found':
      return new Problem('NOT_FOUND', r.detail);
    case 'invalid':
      return new Problem('VALIDATION_FAILED', r.detail, { errors: [{ path: r.path, message: r.detail }] });
  }
}
