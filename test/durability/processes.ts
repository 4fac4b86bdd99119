/** Real processes for the crash and shutdown tests: the built service and relay, started, called and killed. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { mintToken, TEST_SECRET } from '../support/service';
import { until } from '../support/until';
import { callerFor } from '../support/http';

/** The repository root, whether this file runs from test/ (jest) or from dist/test/ (the benchmarks). */
export const ROOT = ((dir: string): string => (existsSync(join(dir, 'package.json')) ? dir : resolve(dir, '..')))(resolve(__dirname, '../..'));

export function buildOnce(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
}

export async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => ok(p));
    });
  });
}

export interface Running {
  process: ChildProcess;
  /** Everything the process wrote to stderr and stdout so far. */
  output(): string;
  exited: Promise<number | null>;
}

export function runBuilt(entry: 'api' | 'relay', env: Record<string, string>): Running {
  const nodeFlags = env.NODE_FLAGS ? env.NODE_FLAGS.split(' ') : []; // e.g. --cpu-prof, which NODE_OPTIONS refuses
  const child = spawn(process.execPath, [...nodeFlags, join(ROOT, `dist/apps/${entry}/src/main.js`)], {
    env: { ...process.env, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d) => { text += String(d); });
  child.stderr?.on('data', (d) => { text += String(d); });
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { process: child, output: () => text, exited };
}

export async function startApi(env: Record<string, string>, port: number): Promise<Running> {
  const api = runBuilt('api', { ...env, PORT: String(port) });
  await until(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true, 10_000, 'service did not start');
  return api;
}

export { until };

/** The suites' HTTP caller in the short form the process tests use: (method, path, body?, token?), a nurse's token by default. */
export function caller(port: number) {
  const call = callerFor(`http://127.0.0.1:${port}`);
  return async (method: string, path: string, body?: unknown, token?: string) => {
    const r = await call(method, path, { body, token: token ?? (await mintToken('nurse')) });
    return { status: r.status, body: r.body as any };
  };
}
