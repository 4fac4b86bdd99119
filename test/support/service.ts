/** Starts the real service (Nest + Fastify + SQLite in a temp dir) on a random port, for end-to-end suites. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '@dnr/config';
import { Answer, callerFor, CallOptions } from './http';
import { mintToken, Role, TEST_SECRET } from './tokens';

export type { Answer, Role };
export { mintToken, TEST_SECRET };

export interface Service {
  url: string;
  dataDir: string;
  app: NestFastifyApplication;
  token(role: Role, claims?: Record<string, unknown>): Promise<string>;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Answer<T>>;
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
    call: callerFor(url),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sites as handovers name them (the domain specs' own): a MedCom message carries the sending site's telephone number, so each has one. */
export { GP, HOSPITAL, NURSING_HOME } from '../../libs/domain/src/spec/builders';

let cprCounter = 0;
/** Serial numbers per birth date: 7th digit 0–3 (always 1900s) or 4 and 9 (2000–2036), three digits after it. */
const SERIALS_1900S = 4_000;
const SERIALS_2000S = 2_000;

/**
 * A CPR number this process has not handed out before. Born on `birthDate` when one is given (unique
 * for the first 4,000 per date, 2,000 from 2000 on); otherwise on 1 March 1948 for the first 4,000,
 * then on the days after it — so a benchmark's 40,000 patients are 40,000 patients (a counter of
 * 1,000 serials made the Kafka figure's "fresh" patients 1,000 patients with 40 handovers each).
 */
export function freshCpr(birthDate?: string): string {
  const n = cprCounter;
  cprCounter += 1;
  const date = birthDate ?? daysAfter('1948-03-01', Math.floor(n / SERIALS_1900S));
  const [y, m, d] = date.split('-');
  const serial = Number(y) < 2000 ? n % SERIALS_1900S : n % SERIALS_2000S;
  const seventh = Number(y) < 2000 ? Math.floor(serial / 1000) : [4, 9][Math.floor(serial / 1000)];
  return `${d}${m}${y.slice(2)}${seventh}${String(serial % 1000).padStart(3, '0')}`;
}

function daysAfter(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function registerPatient(s: Service, birthDate = '1948-03-01'): Promise<string> {
  const r = await s.call('POST', '/v1/patients', { body: { cpr: freshCpr(birthDate), name: 'Karen Jensen' }, role: 'nurse' });
  if (r.status !== 200) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.patientId;
}
