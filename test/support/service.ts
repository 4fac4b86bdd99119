/** Starts the real service (Nest + Fastify + SQLite in a temp dir) on a random port, for end-to-end suites. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '@dnr/config';
import { Answer, callerFor, CallOptions } from './http';
import { mintToken, Role, TEST_SECRET } from './tokens';
import { freshCpr } from './fresh-cpr';

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

export { freshCpr };

export async function registerPatient(s: Service, birthDate?: string): Promise<string> {
  const r = await s.call('POST', '/v1/patients', { body: { cpr: freshCpr(birthDate), name: 'Karen Jensen' }, role: 'nurse' });
  if (r.status !== 200) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.patientId;
}
