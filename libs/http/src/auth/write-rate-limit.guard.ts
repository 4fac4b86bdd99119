/**
 * A per-caller budget for writes (token bucket per organisation + subject): a runaway
 * integration cannot crowd out the others. Reads are never limited — a crew at an arrest must
 * always get its answer. The budget is per replica; with n replicas a caller gets up to n times it.
 */
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Actor } from '@dnr/domain';
import { APP_CONFIG, AppConfig } from '@dnr/config';
import { Problem } from '../problem/problem';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PRUNE_ABOVE = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

@Injectable()
export class WriteRateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMinute: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.perMinute = config.WRITE_RATE_LIMIT_PER_MINUTE;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ method: string; caller?: Actor }>();
    if (this.perMinute === 0 || !WRITES.has(request.method) || !request.caller) return true;
    const key = `${request.caller.org}\u0000${request.caller.sub}`;
    if (this.take(key)) return true;
    const refused = new Problem('RATE_LIMITED', `more than ${this.perMinute} writes per minute from this caller; nothing was written`);
    refused.retryAfterSeconds = Math.ceil(60 / this.perMinute);
    throw refused;
  }

  private take(key: string): boolean {
    const now = Date.now();
    const refillPerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    if (this.buckets.size > PRUNE_ABOVE) this.pruneFull(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** A bucket that has refilled completely carries no state worth keeping. */
  private pruneFull(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * (this.perMinute / 60_000) >= this.perMinute) this.buckets.delete(key);
  }
}
