/**
 * A per-caller budget for writes (organisation + subject): a runaway integration cannot crowd out
 * the others. Reads are never limited — a crew at an arrest must always get its answer. The
 * counting is @nestjs/throttler's (in memory, per replica: with n replicas a caller gets up to n
 * times the budget); what is counted and what a refusal looks like is ours: the verified caller's
 * writes across every route, answered 429 problem+json with Retry-After, nothing written.
 */
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { Actor } from '@dnr/domain';
import { Problem } from '../problem/problem';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

@Injectable()
export class WriteRateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ method: string; caller?: Actor }>();
    return !WRITES.has(request.method) || !request.caller;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return trackerOf(request.caller as Actor);
  }

  /** One budget per caller, whichever route is written to. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}\u0000${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw overBudget(`more than ${detail.limit} writes per minute from this caller; nothing was written`, detail.timeToBlockExpire || detail.timeToExpire);
  }
}

/** Whose budget: the verified caller's organisation and subject. */
export const trackerOf = (caller: Actor): string => `${caller.org}\u0000${caller.sub}`;

export function overBudget(detail: string, retryAfterSeconds: number): Problem {
  const refused = new Problem('RATE_LIMITED', detail);
  refused.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return refused;
}
