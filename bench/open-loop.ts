/**
 * An open-loop load at a fixed rate, for latency figures: requests are sent on a schedule, evenly
 * spaced, whatever the server does — the way crews' lookups arrive, independently of each other —
 * and each latency is measured from the moment its request was due (so a stall is charged to
 * every request it held up: no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it paces each of its connections on its own timer, the
 * timers start together, and the connections fire in step — bursts of one request per
 * connection. At 500 req/s over 64 connections even a bare Fastify route then shows a p99 of
 * 13 ms (measured), more than at 2,000 req/s: the figure measured the generator, not the server.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { quantile as q } from './support';

export interface OpenLoopResult {
  sent: number;
  answered: number;
  errors: number;
  non2xx: number;
  achievedRate: number;
  p50: number;
  p99: number;
  max: number;
  /** From the moment a request actually went out to its answer: the server's share, without the generator's own lateness. */
  served: { p50: number; p99: number; max: number };
  /** How late the generator itself sent (it shares the machine's cores with the server). */
  sendLag: { p99: number; max: number };
}

export interface OpenLoopOptions {
  url: string;
  rate: number;
  seconds: number;
  headers?: Record<string, string>;
  /** GET by default; a POST sends the body `next` gives. */
  method?: 'GET' | 'POST';
  next: () => { path: string; headers?: Record<string, string>; body?: string };
  /** Called with each answer's status and body (the body is collected only when this is given). */
  answered?: (status: number, body: string) => void;
  /**
   * `even` (default): one request every 1/rate s. `poisson`: independent arrivals at the same mean
   * rate (exponential gaps, from a fixed seed so runs compare), which bunch up now and then as
   * real callers do — the harder and more honest pattern for a queue behind the requests.
   */
  arrivals?: 'even' | 'poisson';
  /** Sockets kept open at most (requests beyond wait for one, and that wait counts in their latency). */
  sockets?: number;
}

export async function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.sockets ?? 128 });
  const { hostname, port } = new URL(o.url);
  const latencies: number[] = [];
  const served: number[] = [];
  const lags: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  const pending: Array<Promise<void>> = [];
  const start = performance.now();
  const total = Math.round(o.rate * o.seconds);
  const dueAt = schedule(o.arrivals ?? 'even', o.rate, total);
  const send = (due: number) => new Promise<void>((resolve) => {
    const sentAt = performance.now();
    lags.push(sentAt - due);
    const { path, headers, body } = o.next();
    const req = request({ host: hostname, port, path, method: o.method ?? 'GET', agent, headers: { ...o.headers, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      if (o.answered) res.on('data', (chunk: Buffer) => chunks.push(chunk));
      else res.resume();
      res.on('end', () => {
        const now = performance.now();
        latencies.push(now - due);
        served.push(now - sentAt);
        if (res.statusCode! >= 300) non2xx += 1;
        o.answered?.(res.statusCode!, Buffer.concat(chunks).toString());
        resolve();
      });
    });
    req.on('error', () => { errors += 1; resolve(); });
    req.end(body);
  });
  while (sent < total) {
    const now = performance.now();
    // Everything due by now goes out now; then wait for the next due time (a timer tick, ≈ 1 ms).
    while (sent < total && start + dueAt[sent] <= now) pending.push(send(start + dueAt[sent++]));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  for (const v of [latencies, served, lags]) v.sort((a, b) => a - b);
  return {
    sent, answered: latencies.length, errors, non2xx, achievedRate: latencies.length / elapsed,
    p50: q(latencies, 0.5), p99: q(latencies, 0.99), max: q(latencies, 1),
    served: { p50: q(served, 0.5), p99: q(served, 0.99), max: q(served, 1) },
    sendLag: { p99: q(lags, 0.99), max: q(lags, 1) },
  };
}

/** When each request is due, in ms from the start. */
function schedule(arrivals: 'even' | 'poisson', rate: number, total: number): number[] {
  if (arrivals === 'even') return Array.from({ length: total }, (_, i) => (i * 1000) / rate);
  const random = mulberry32(20261201);
  const due: number[] = [];
  let at = 0;
  for (let i = 0; i < total; i += 1) {
    due.push(at);
    at += (-Math.log(1 - random()) * 1000) / rate;
  }
  return due;
}

/** A small seeded generator (Mulberry32), so a Poisson schedule is the same in every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
