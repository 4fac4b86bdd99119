/**
 * The built service as a real process for the browser suites: SQLite and the drop folder in a temp
 * dir, the relay on its thread, on loopback. With the development secret by default, so the console
 * offers its development sign-in (as on a developer's machine after `npm start`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_JWT_SECRET } from '@dnr/config';
import { freePort, Running, startApi } from '../../durability/processes';
import { HOSPITAL } from '../../support/service';
import { freshCpr } from '../../support/fresh-cpr';

export interface Person {
  role: 'physician' | 'nurse' | 'paramedic' | 'care_worker';
  name: string;
  org: string;
  orgName?: string;
}

export interface ConsoleService {
  url: string;
  api: Running;
  /** A token from the service's own development sign-in. */
  token(person: Person): Promise<string>;
  call<T = any>(method: string, path: string, body: unknown, token: string): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export { GP, HOSPITAL, NURSING_HOME } from '../../support/service';

export const PHYSICIAN: Person = { role: 'physician', name: 'Lise Hansen', org: HOSPITAL.sor, orgName: 'Aalborg Universitetshospital' };
export const NURSE: Person = { role: 'nurse', name: 'Sara Holm', org: HOSPITAL.sor, orgName: 'Aalborg Universitetshospital' };
export const PARAMEDIC: Person = { role: 'paramedic', name: 'Mads Kjær', org: '1063861000016005', orgName: 'Region Nordjylland, Præhospitalet' };

export async function startConsoleService(env: Record<string, string> = {}): Promise<ConsoleService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dnr-console-'));
  const port = await freePort();
  const api = await startApi({ DATA_DIR: dataDir, HOST: '127.0.0.1', AUTH_JWT_SECRET: DEFAULT_JWT_SECRET, LOG_LEVEL: 'warn', ...env }, port);
  const url = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, body: unknown, token: string) => {
    const response = await fetch(url + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    url,
    api,
    async token(person) {
      const response = await fetch(`${url}/console/development-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(person) });
      if (!response.ok) throw new Error(`development sign-in refused: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    call,
    async stop() {
      api.process.kill('SIGTERM');
      await api.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { freshCpr };

/** Registers a patient through the API (the suites that test reading seed their data this way). */
export async function registered(s: ConsoleService, token: string, name: string, birthDate = '1948-03-01', cpr = freshCpr(birthDate)): Promise<{ cpr: string; patientId: string }> {
  const r = await s.call('POST', '/v1/patients', { cpr, name }, token);
  if (r.status >= 300) throw new Error(`registration refused: ${r.status} ${JSON.stringify(r.body)}`);
  return { cpr, patientId: r.body.patientId };
}

export async function recorded(s: ConsoleService, token: string, patientId: string, what: string, body: unknown): Promise<any> {
  const r = await s.call('POST', `/v1/patients/${patientId}/${what}`, body, token);
  if (r.status !== 201) throw new Error(`${what} refused: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
