/**
 * Where the SQLite store's commits run: a worker thread with its own connection, started at the
 * first append (a process that only reads — the relay's thread — never starts one).
 *
 * Why: a durable commit waits for the disk (the WAL's fsync, and now and then a checkpoint).
 * On the event loop that wait blocked every request — a third of the API's time under a load of
 * audited lookups (profile in docs/performance.md) — while the next batch could have been
 * gathering. Here the loop goes on parsing, folding and answering while the writer waits, and
 * what arrives meanwhile is the next group commit. A caller is still answered only after its
 * commit is on disk; a kill -9 takes the thread with the process, as before.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppendOutcome, BatchAppend } from './batch-writer';
import type { FromWriter, ToWriter } from './writer-thread';

interface InFlight {
  resolve: (outcomes: AppendOutcome[]) => void;
  reject: (error: Error) => void;
}

export class SqliteWriter {
  private worker: Worker | null = null;
  private inFlight: InFlight | null = null;

  /** `threadFile`: the thread's code (another only in tests, to see a thread that dies). */
  constructor(private readonly file: string, private readonly threadFile = writerThreadFile()) {}

  /** One group commit; at most one at a time (the store sends the next batch when this one is answered). */
  commit(batch: BatchAppend[]): Promise<AppendOutcome[]> {
    if (this.inFlight) return Promise.reject(new Error('a commit is already in flight'));
    const worker = this.worker ?? this.spawn();
    worker.ref(); // a commit under way keeps the process alive until it is answered
    return new Promise((ok, fail) => {
      this.inFlight = { resolve: ok, reject: fail };
      worker.postMessage({ type: 'commit', batch } satisfies ToWriter);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const closed = new Promise<void>((ok) => {
      worker.on('message', (m: FromWriter) => { if (m.type === 'closed') ok(); });
      worker.once('exit', () => ok());
    });
    worker.ref(); // the process waits for its connection to close
    worker.postMessage({ type: 'close' } satisfies ToWriter);
    await closed;
    await worker.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.threadFile, { workerData: { file: this.file }, name: 'dnr-event-store-writer' });
    worker.on('message', (m: FromWriter) => this.answered(m));
    worker.on('error', (error) => this.settle((w) => w.reject(error)));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null; // the next commit starts a new one
      // Whether its last batch was committed is unknown: the callers are told it failed, and a
      // retry with the same event ids is refused as a duplicate if it was (nothing is stored twice).
      this.settle((w) => w.reject(new Error(`event store writer thread exited (code ${code}); the commit's outcome is unknown`)));
    });
    this.worker = worker;
    return worker;
  }

  private answered(m: FromWriter): void {
    if (m.type === 'committed') this.settle((w) => w.resolve(m.outcomes));
    else if (m.type === 'failed') this.settle((w) => w.reject(new Error(m.message)));
  }

  private settle(how: (waiting: InFlight) => void): void {
    const waiting = this.inFlight;
    this.inFlight = null;
    this.worker?.unref(); // an idle writer never keeps the process alive
    if (waiting) how(waiting);
  }
}

/**
 * The thread runs compiled JavaScript. From dist/ that is the file beside this one; under jest
 * (TypeScript sources) it is the build of the same file, which jest's global setup makes first.
 */
export function writerThreadFile(): string {
  const beside = join(__dirname, 'writer-thread.js');
  if (existsSync(beside)) return beside;
  const root = resolve(__dirname, '../../../..');
  return join(root, 'dist', 'libs', 'event-store', 'src', 'sqlite', 'writer-thread.js');
}
