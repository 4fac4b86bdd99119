/** Real processes for the crash and shutdown tests: the built service and relay, started, called and killed. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { mintToken, TEST_SECRET } from '../support/service';

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

export async function until(probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function caller(port: number) {
  return async (method: string, path: string, body?: unknown, token?: string) => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token ?? (await mintToken('nurse'))}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: (await r.json()) as any };
  };
}
