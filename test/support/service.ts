/** Starts the real service (Nest + Fastify + SQLite in a temp dir) on a random port, for end-to-end suites. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '@dnr/config';

export const TEST_SECRET = 'test-secret-0123456789-0123456789-abcdef';

export type Role = 'physician' | 'nurse' | 'paramedic' | 'care_worker' | string;

export interface Answer<T = any> {
  status: number;
  body: T;
  contentType: string | null;
  headers: Headers;
}

export interface Service {
  url: string;
  dataDir: string;
  app: NestFastifyApplication;
  token(role: Role, claims?: Record<string, unknown>): Promise<string>;
  call<T = any>(method: string, path: string, options?: { role?: Role; token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Answer<T>>;
  close(): Promise<void>;
}

export async function startService(env: Record<string, string> = {}, logStream?: NodeJS.WritableStream): Promise<Service> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dnr-e2e-'));
  const loaded = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET, RELAY: 'off', ...env });
  if (!loaded.ok) throw new Error(loaded.message);
  const app = await createApp(loaded.config, logStream);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const token = (role: Role, claims: Record<string, unknown> = {}) => mintToken(role, claims);
  return {
    url,
    dataDir,
    app,
    token,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const bearer = options.token === undefined ? await token(options.role ?? 'physician') : options.token;
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
      return { status: response.status, body: parsed as any, contentType: response.headers.get('content-type'), headers: response.headers };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function mintToken(role: Role, claims: Record<string, unknown> = {}, secret = TEST_SECRET, expiresIn = '10m'): Promise<string> {
  return new SignJWT({ name: `Test ${role}`, role, org: '265071000016002', sector: 'hospital', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`sub-${role}`)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export const HOSPITAL = { sector: 'hospital', sor: '265071000016002', ean: '5790000121526', name: 'Aalborg Universitetshospital' };
export const NURSING_HOME = { sector: 'municipality', sor: '953741000016009', ean: '5790001348120', name: 'Plejecenter Solhaven' };
export const GP = { sector: 'general_practice', sor: '1234561000016007', ean: '5790000201389', name: 'Lægerne i Nørregade' };

let cprCounter = 0;
/** A fresh CPR number born on the given date (century digit chosen to match). */
export function freshCpr(birthDate = '1948-03-01'): string {
  cprCounter = (cprCounter + 1) % 1000;
  const [y, m, d] = birthDate.split('-');
  const seventh = Number(y) < 2000 ? '1' : '4';
  return `${d}${m}${y.slice(2)}${seventh}${String(cprCounter).padStart(3, '0')}`;
}

export async function registerPatient(s: Service, birthDate = '1948-03-01'): Promise<string> {
  const r = await s.call('POST', '/v1/patients', { body: { cpr: freshCpr(birthDate), name: 'Karen Jensen' }, role: 'nurse' });
  if (r.status !== 201) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.patientId;
}
