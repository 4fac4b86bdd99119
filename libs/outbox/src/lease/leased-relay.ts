/** Runs the relay only while it holds the lease; otherwise waits on standby and keeps trying. */
import { LeaseTable } from './relay-lease';

export interface Startable {
  start(): void;
  stop(): Promise<void>;
}

export interface LeaseOptions {
  holder: string;
  ttlMs: number;
  /** Renew well inside the time to live, so one slow tick does not hand the lease over. */
  renewEveryMs: number;
  now?: () => number;
  log?: (message: string) => void;
}

const LEASE = 'outbox-relay';

export class LeasedRelay {
  private timer: NodeJS.Timeout | null = null;
  private active = false;
  private tick: Promise<void> = Promise.resolve();

  constructor(private readonly relay: Startable, private readonly lease: LeaseTable, private readonly options: LeaseOptions) {}

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    this.timer = setInterval(() => void this.renewNow(), this.options.renewEveryMs);
    void this.renewNow();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.tick;
    if (this.active) await this.relay.stop();
    this.active = false;
    this.lease.release(LEASE, this.options.holder);
    this.lease.close();
  }

  /** One renewal round (the timer's, or a test's). One at a time: a round still stopping the relay is not overtaken by the next. */
  renewNow(): Promise<void> {
    this.tick = this.tick.then(() => this.renew()).catch((e) => this.options.log?.(`relay lease error: ${String(e)}`));
    return this.tick;
  }

  private async renew(): Promise<void> {
    if (!this.timer) return;
    const now = (this.options.now ?? Date.now)();
    const held = this.lease.tryHold(LEASE, this.options.holder, now, this.options.ttlMs);
    if (held && !this.active) {
      this.active = true;
      this.relay.start();
      this.options.log?.(`relay ${this.options.holder} holds the lease: active`);
    } else if (!held && this.active) {
      this.active = false;
      await this.relay.stop();
      this.options.log?.(`relay ${this.options.holder} lost the lease: standby`);
    }
  }
}
