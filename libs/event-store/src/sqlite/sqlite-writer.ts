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
import { Worker } from 'node:worker_threads';
import type { AppendOutcome, BatchAppend } from './batch-writer';
import type { FromWriter, ToWriter } from './writer-thread';
import { compiledThreadFile } from '../thread-file';

interface InFlight {
  /** The commit's number: a reply is taken only by the commit it answers, from the thread it was sent to. */
  id: number;
  worker: Worker;
  size: number;
  resolve: (outcomes: AppendOutcome[]) => void;
  reject: (error: Error) => void;
}

export class SqliteWriter {
  private worker: Worker | null = null;
  private inFlight: InFlight | null = null;
  private commits = 0;
  private closed = false;

  /** `threadFile`: the thread's code (another only in tests, to see a thread that dies). */
  constructor(private readonly file: string, private readonly threadFile = writerThreadFile()) {}

  /** One group commit; at most one at a time (the store sends the next batch when this one is answered). */
  async commit(batch: BatchAppend[]): Promise<AppendOutcome[]> {
    if (this.closed) throw new Error('the event store is closed');
    if (this.inFlight) throw new Error('a commit is already in flight');
    const worker = this.worker ?? this.spawn();
    const id = (this.commits += 1);
    const answered = new Promise<AppendOutcome[]>((resolve, reject) => { this.inFlight = { id, worker, size: batch.length, resolve, reject }; });
    try {
      worker.ref(); // a commit under way keeps the process alive until it is answered
      worker.postMessage({ type: 'commit', id, batch } satisfies ToWriter);
    } catch (error) {
      this.settle(id, worker, (w) => w.reject(error as Error)); // not sent: nothing of it is stored
    }
    return answered;
  }

  async close(): Promise<void> {
    this.closed = true;
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
    worker.on('message', (m: FromWriter) => this.answered(worker, m));
    // Whether the batch in hand was committed is unknown when the thread fails or exits: its callers are
    // told so. A retry under the same Idempotency-Key (the same event ids) is refused as a duplicate if it was.
    const unknown = (why: string) => this.settle(this.inFlight?.id ?? 0, worker, (w) => w.reject(new Error(`event store writer thread ${why}; the commit's outcome is unknown`)));
    worker.on('error', (error) => {
      this.retire(worker); // a failed thread takes no further commit
      unknown(`failed (${error.message})`);
    });
    worker.on('exit', (code) => {
      this.retire(worker);
      unknown(`exited (code ${code})`);
    });
    this.worker = worker;
    return worker;
  }

  /** The next commit starts a new thread. */
  private retire(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
  }

  private answered(worker: Worker, m: FromWriter): void {
    if (m.type === 'committed') {
      this.settle(m.id, worker, (w) => (m.outcomes.length === w.size ? w.resolve(m.outcomes) : w.reject(new Error('event store writer answered for another batch; the commit\'s outcome is unknown'))));
    } else if (m.type === 'failed') {
      this.settle(m.id, worker, (w) => w.reject(new Error(m.message)));
    }
  }

  /** Answers the commit in flight if it is commit `id` sent to `worker`; a late or stray reply is dropped. */
  private settle(id: number, worker: Worker, how: (waiting: InFlight) => void): void {
    const waiting = this.inFlight;
    if (!waiting || waiting.id !== id || waiting.worker !== worker) return;
    this.inFlight = null;
    worker.unref(); // an idle writer never keeps the process alive
    how(waiting);
  }
}

export const writerThreadFile = (): string => compiledThreadFile(__dirname, 'writer-thread.js');
