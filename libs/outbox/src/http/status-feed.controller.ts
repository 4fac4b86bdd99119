/**
 * GET /v1/status-feed?after=&limit= (api.md "Status feed", R7.3b): every change of a patient's
 * status since a position, for pollers (AMK, care systems). Each entry carries the status answer
 * as of that change — never a CPR. Reading the feed is reading statuses in bulk, so it is
 * limited to health professionals and every page read is audited (who, from where, how many).
 */
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Actor } from '@dnr/domain';
import { EVENT_STORE, EventStore } from '@dnr/event-store';
import { Caller, parseOr400, Problem } from '@dnr/http';
import { OutboxStore } from '../store/outbox-store';
import { OUTBOX_STORE } from '../relay.tokens';

const FeedQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const MAY_READ_THE_FEED = ['physician', 'nurse', 'paramedic'] as const;
export const FEED_AUDIT_STREAM = 'audit-status-feed';

@Controller('v1/status-feed')
export class StatusFeedController {
  constructor(@Inject(OUTBOX_STORE) private readonly outbox: OutboxStore | null, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async read(@Query() query: unknown, @Caller() caller: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!(MAY_READ_THE_FEED as readonly string[]).includes(caller.role)) {
      throw new Problem('ROLE_NOT_ALLOWED', 'the status feed is for health professionals (physician, nurse, paramedic)', { rule: 'R7.3b', allowedRoles: MAY_READ_THE_FEED });
    }
    if (!this.outbox) throw new Problem('SERVICE_UNAVAILABLE', 'the status feed is served by the relay instance (see docs/deployment.md)');
    const { after, limit } = parseOr400(FeedQuery, query, 'query');
    const entries = this.outbox.feedAfter(after, limit);
    const { sub, name, role, org } = caller;
    await this.store.append(FEED_AUDIT_STREAM, [{ eventId: randomUUID(), type: 'StatusFeedRead', payload: { at: new Date().toISOString(), by: { sub, name, role, org }, after, count: entries.length } }], 'any', { freshEventIds: true });
    const next = entries.length ? entries[entries.length - 1].position : after;
    reply.header('link', `</v1/status-feed?after=${next}&limit=${limit}>; rel="next"`);
    return entries;
  }
}
