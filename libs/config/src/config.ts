/**
 * Configuration from the environment, validated at start-up; a bad value stops the service with
 * a clear message. One schema for every host (the API, the standalone relay): every default
 * lives here and nowhere else.
 */
import { z } from 'zod';

/** Documented development default: anyone can mint tokens with it. The service warns loudly when it is used. */
export const DEFAULT_JWT_SECRET = 'dnr-dev-secret-change-me-0000000000';

const Config = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    AUTH_JWT_SECRET: z.string().min(32, 'AUTH_JWT_SECRET must be at least 32 characters').default(DEFAULT_JWT_SECRET),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_ISSUER: z.string().optional(),
    AUTH_AUDIENCE: z.string().optional(),
    /** The web console's OpenID Connect client (authorization code with PKCE, a public client: no secret) at AUTH_ISSUER. */
    CONSOLE_OIDC_CLIENT_ID: z.string().regex(/^[\x21-\x7e]{1,200}$/, 'CONSOLE_OIDC_CLIENT_ID is printable ASCII without spaces').optional(),
    AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    PSEUDONYM_SECRET: z.string().min(32, 'PSEUDONYM_SECRET must be at least 32 characters').optional(),
    EVENT_STORE: z.enum(['sqlite', 'kurrentdb']).default('sqlite'),
    KURRENTDB_CONNECTION_STRING: z.string().regex(/^(kurrentdb|kdb|esdb|kurrent)(\+discover)?:\/\//, 'KURRENTDB_CONNECTION_STRING is kurrentdb://host:port[?…]').optional(),
    TRANSPORT: z.enum(['dropfolder', 'kafka']).default('dropfolder'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    RELAY: z.enum(['on', 'off']).default('on'),
    KAFKA_BROKERS: z.string().regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'KAFKA_BROKERS is host:port[,host:port…]').default('127.0.0.1:9092'),
    RELAY_LEASE_SECONDS: z.coerce.number().min(1).max(300).default(15),
    RELAY_MAX_RESENDS: z.coerce.number().int().min(0).max(10).default(2),
    RELAY_RETRY_FIRST_SECONDS: z.coerce.number().positive().max(60).default(1),
    RELAY_RETRY_MAX_SECONDS: z.coerce.number().positive().max(3600).default(60),
    RELAY_REST_RATIO: z.coerce.number().min(0).max(20).default(3),
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(7).default(1),
    KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
    WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(10),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(60).default(0),
    OUTBOX_ENDPOINTS: z.enum(['on', 'off']).default('on'),
    RESEND_AFTER_SECONDS: z.coerce.number().positive().default(30 * 60),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.EVENT_STORE === 'kurrentdb' && !c.KURRENTDB_CONNECTION_STRING) {
      ctx.addIssue({ code: 'custom', path: ['KURRENTDB_CONNECTION_STRING'], message: 'EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING' });
    }
    // Replicas must derive the same patientId from a CPR; a key generated into one replica's DATA_DIR would split patients.
    if (c.EVENT_STORE === 'kurrentdb' && !c.PSEUDONYM_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['PSEUDONYM_SECRET'], message: 'EVENT_STORE=kurrentdb (several replicas) needs a shared PSEUDONYM_SECRET' });
    }
    // The development secret is public: a token signed with it would write. Only a developer's own machine may use it.
    if (!c.AUTH_JWKS_URL && c.AUTH_JWT_SECRET === DEFAULT_JWT_SECRET && (!listensOnLoopbackOnly(c.HOST) || c.NODE_ENV === 'production')) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: `the documented development secret is refused ${c.NODE_ENV === 'production' ? 'with NODE_ENV=production' : `when listening on ${c.HOST} (not loopback only)`}: set AUTH_JWT_SECRET (32+ random characters) or AUTH_JWKS_URL` });
    }
    if (c.AUTH_JWKS_URL && (!c.AUTH_ISSUER || !c.AUTH_AUDIENCE)) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'JWKS mode needs AUTH_ISSUER and AUTH_AUDIENCE' });
    }
    // The console signs in at the issuer whose tokens the service verifies: without JWKS mode there is no such issuer.
    if (c.CONSOLE_OIDC_CLIENT_ID && !c.AUTH_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['CONSOLE_OIDC_CLIENT_ID'], message: 'CONSOLE_OIDC_CLIENT_ID needs AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE (the issuer the console signs in at)' });
    }
  });

export type AppConfig = z.infer<typeof Config>;

/** 127.0.0.0/8, ::1 or localhost: reachable from this machine only. */
export function listensOnLoopbackOnly(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The development secret is in use (and config has already made sure it can only be on loopback, outside production). */
export const usesDevelopmentSecret = (c: Pick<AppConfig, 'AUTH_JWKS_URL' | 'AUTH_JWT_SECRET'>): boolean => !c.AUTH_JWKS_URL && c.AUTH_JWT_SECRET === DEFAULT_JWT_SECRET;

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; message: string };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = Config.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  return { ok: false, message: `Invalid configuration:\n${lines.join('\n')}` };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
