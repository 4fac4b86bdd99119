/**
 * Starts the relay on its own worker thread and looks after it: forwards wake-ups (an append
 * on this thread's store, a receipt, a new address), logs its lines at their own level,
 * restarts it if it dies, and stops it with a handshake (terminated if it does not answer).
 *
 * Why a worker thread and not a child process: it dies with the process (a kill -9 of the
 * service stops the relay too, exactly as before, and no orphan keeps a lease or a broker
 * connection), it needs no supervisor or extra port, and wake-ups are in-memory messages.
 * What matters is that the relay's work — folding, fsyncs, broker round trips — never runs on
 * the event loop that answers a crew's status lookup.
 */
import { Worker } from 'node:worker_threads';
import { AppConfig } from '@dnr/config';
import { compiledThreadFile, EventStore } from '@dnr/event-store';
import { RelayLog } from './relay';
import type { FromRelayThread, ToRelayThread } from './relay-worker';
import { WakeUps } from './wake-ups';

const RESTART_AFTER_MS = 1_000;

/** What this host uses of its worker (a test stands in for the thread with this). */
export type RelayWorker = Pick<Worker, 'postMessage' | 'on' | 'once' | 'terminate'>;

export class RelayThread {
  private worker: RelayWorker | null = null;
  private stopping = false;
  private unwatch: () => void = () => undefined;
  private readonly wakeUps = new WakeUps((streams) => this.post({ type: 'wake', streams }));

  constructor(
    private readonly config: AppConfig,
    private readonly store: EventStore,
    private readonly log: RelayLog,
    private readonly startWorker: (config: AppConfig) => RelayWorker = (c) => new Worker(relayWorkerFile(), { workerData: { config: c }, name: 'dnr-relay' }),
  ) {}

  get alive(): boolean {
    return this.worker !== null;
  }

  start(): void {
    this.stopping = false;
    this.spawn();
    this.unwatch = this.store.watchAppends?.('patient-', (streams) => this.wake(streams)) ?? (() => undefined);
  }

  /** Appends to these streams (wake-ups.ts), or a receipt or an address (no streams). Without a thread there is no one to wake. */
  wake(streams: readonly string[] = []): void {
    if (this.worker) this.wakeUps.wake(streams);
  }

  async stop(timeoutMs = 15_000): Promise<void> {
    this.stopping = true;
    this.unwatch();
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((ok) => {
      worker.on('message', (m: FromRelayThread) => { if (m.type === 'stopped') ok(); });
      worker.once('exit', () => ok());
    });
    this.post({ type: 'stop' });
    const timer = setTimeout(() => { this.log('error', 'relay thread did not stop in time; terminating it'); void worker.terminate(); }, timeoutMs);
    await stopped;
    clearTimeout(timer);
    await worker.terminate();
    this.worker = null;
  }

  private post(message: ToRelayThread): void {
    this.worker?.postMessage(message);
  }

  private spawn(): void {
    const worker = this.startWorker(this.config);
    this.worker = worker;
    worker.on('message', (m: FromRelayThread) => { if (m.type === 'log') this.log(m.level, m.message); });
    worker.on('error', (error) => this.log('error', `relay thread failed: ${error.stack ?? String(error)}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      if (this.stopping) return;
      this.log('error', `relay thread exited (code ${code}); restarting it in ${RESTART_AFTER_MS} ms`);
      setTimeout(() => { if (!this.stopping) this.spawn(); }, RESTART_AFTER_MS);
    });
  }
}

export const relayWorkerFile = (): string => compiledThreadFile(__dirname, 'relay-worker.js');
