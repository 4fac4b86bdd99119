/**
 * The caller's write budget (write-rate-limit.guard.ts), spent by hand where a read writes
 * something new: a look-up by CPR that finds nobody starts an audit stream for that number, so
 * one token probing numbers nobody registered could fill the disk (900 new streams a second,
 * measured) while its writes proper are limited. Reads that find a patient never spend it: a
 * crew's answer is never refused.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@dnr/config';
import { Actor } from '@dnr/domain';
import { overBudget, trackerOf } from './write-rate-limit.guard';

/** The guard's window and its throttler's name (http-edge.module.ts): one budget, whoever counts it. */
export const WRITES_THROTTLER = 'writes';
export const WRITES_WINDOW_MS = 60_000;

@Injectable()
export class WriteBudget {
  constructor(@InjectThrottlerStorage() private readonly storage: ThrottlerStorage, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Counts one write of the caller's; 429 RATE_LIMITED (`detail` says what was not done) once the minute's budget is spent. */
  async spend(caller: Actor, detail: string): Promise<void> {
    const perMinute = this.config.WRITE_RATE_LIMIT_PER_MINUTE;
    if (perMinute === 0) return; // the budget is off (benchmarks)
    const key = `${WRITES_THROTTLER}\u0000${trackerOf(caller)}`;
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(key, WRITES_WINDOW_MS, perMinute, WRITES_WINDOW_MS, WRITES_THROTTLER);
    if (isBlocked) throw overBudget(detail, timeToBlockExpire);
  }
}
