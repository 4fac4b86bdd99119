/** Shared by the benchmarks: processes, load, figures. */
import { freePort, runBuilt, Running, until, ROOT } from '../test/durability/processes';
import { TEST_SECRET } from '../test/support/tokens';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// autocannon ships no types; the few fields used here are described in its README.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<LoadResult>;

export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  /** Fixed offered rate (requests/s); otherwise as fast as the server answers. */
  rate?: number;
  /** Stop after this many requests (before `seconds` if they come sooner). */
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Path, body and extra headers of the next request. */
  next: () => { path: string; body?: string; headers?: Record<string, string> };
  /** Called with each answer (status and body). */
  answered?: (status: number, body: string) => void;
}

export function load(o: LoadOptions): Promise<LoadResult> {
  return autocannon({
    url: o.url, duration: o.seconds, connections: o.connections, ...(o.rate ? { overallRate: o.rate } : {}), ...(o.amount ? { amount: o.amount } : {}),
    requests: [{
      method: o.method ?? 'GET', headers: o.headers ?? {},
      setupRequest: (request: Record<string, unknown>) => {
        const n = o.next();
        return { ...request, path: n.path, ...(n.body ? { body: n.body } : {}), ...(n.headers ? { headers: { ...(request.headers as object), ...n.headers } } : {}) };
      },
      ...(o.answered ? { onResponse: (status: number, body: string) => o.answered?.(status, body) } : {}),
    }],
  });
}

/** The value at quantile `q` (0–1) of values sorted ascending; 0 for none. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

const tempDirs: string[] = [];

export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dnr-bench-${name}-`));
  tempDirs.push(dir);
  return dir;
}

/** The stores a run made (the scale phase's alone is ≈ 3.5 GB), removed when it ends. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      process.stderr.write(`could not remove ${dir}: ${String(error)}\n`); // the others are still removed
    }
  }
}

export interface Server {
  url: string;
  running: Running;
  stop(): Promise<void>;
}

export async function startService(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const running = runBuilt('api', { LOG_LEVEL: 'warn', WRITE_RATE_LIMIT_PER_MINUTE: '0', ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok === true, 20_000, 'service to start');
  return { url, running, stop: () => stopProcess(running) };
}

/** The bare references (bench/reference-server.ts); with `dbDir`, also the durable POST /command; with `eventsDb`, the audited read. */
export async function startReference(bodyBytes: number, dbDir?: string, eventsDb?: string): Promise<Server> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), BODY_BYTES: String(bodyBytes), AUTH_JWT_SECRET: TEST_SECRET, ...(dbDir ? { DB_DIR: dbDir } : {}), ...(eventsDb ? { EVENTS_DB: eventsDb } : {}) };
  const child = spawn(process.execPath, [join(ROOT, 'dist/bench/reference-server.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d) => { out += String(d); });
  const running: Running = { process: child, output: () => out, exited: new Promise((ok) => child.on('exit', ok)) };
  await until(() => out.includes('ready'), 10_000, 'reference server');
  return { url: `http://127.0.0.1:${port}`, running, stop: () => stopProcess(running) };
}

async function stopProcess(r: Running): Promise<void> {
  r.process.kill('SIGTERM');
  await Promise.race([r.exited, new Promise((ok) => setTimeout(ok, 10_000))]);
  r.process.kill('SIGKILL');
}

/** Resident memory of a process in MB (Linux /proc). */
export function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? 'VmRSS: 0 kB';
  return Number(line.replace(/\D+/g, '')) / 1024;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export interface Figure {
  name: string;
  measured: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean;
}

export function printFigures(figures: Figure[]): void {
  const rows = [['figure', 'measured', 'reference (same run)', 'ratio', 'target', ''], ...figures.map((f) => [f.name, f.measured, f.reference, f.ratio, f.target, f.met ? 'met' : 'NOT MET'])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) process.stdout.write(`| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |\n`);
}
