/**
 * GET /v1/status-feed?after=&limit= (api.md "Status feed", R7.3b): every change of a patient's
 * status since a position, for pollers (AMK, care systems). Each entry carries the status answer
 * as of that change — never a CPR. Reading the feed is reading statuses in bulk, so it is
 * limited to health professionals and every page read is audited (feed-read-audit.ts). Each page
 * links the next (`rel="next"`) and the newest page as the feed stands (`rel="last"`).
 */
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Actor } from '@dnr/domain';
import { Caller, parseOr400, Problem } from '@dnr/http';
import { FeedEntry, OutboxStore } from '../store/outbox-store';
import { OUTBOX_STORE } from '../relay.tokens';
import { byteCappedPage } from './byte-capped-page';
import { FeedReadAudit } from './feed-read-audit';

const FeedQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const MAY_READ_THE_FEED = ['physician', 'nurse', 'paramedic'] as const;

@Controller('v1/status-feed')
export class StatusFeedController {
  constructor(@Inject(OUTBOX_STORE) private readonly outbox: OutboxStore | null, private readonly audit: FeedReadAudit) {}

  @Get()
  async read(@Query() query: unknown, @Caller() caller: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!(MAY_READ_THE_FEED as readonly string[]).includes(caller.role)) {
      throw new Problem('ROLE_NOT_ALLOWED', 'the status feed is for health professionals (physician, nurse, paramedic)', { rule: 'R7.3b', allowedRoles: MAY_READ_THE_FEED });
    }
    if (!this.outbox) throw new Problem('SERVICE_UNAVAILABLE', 'the status feed is served by the relay instance (see docs/deployment.md)');
    const { after, limit } = parseOr400(FeedQuery, query, 'query');
    const outbox = this.outbox;
    const page = byteCappedPage<FeedEntry, number>(limit, { read: (position, n) => outbox.feedAfter(position ?? after, n), cursorOf: (e) => e.position, render: (e) => e });
    await this.audit.record(caller, after, page.lastCursor ?? after, page.count);
    // rel="last": the newest page as the feed stands, for a reader that shows what is new (the
    // console) rather than catching up from the start of a long feed; integrations follow "next".
    const last = Math.max(0, outbox.feedHead() - limit);
    reply.header('link', `</v1/status-feed?after=${page.lastCursor ?? after}&limit=${limit}>; rel="next", </v1/status-feed?after=${last}&limit=${limit}>; rel="last"`);
    reply.type('application/json; charset=utf-8');
    return page.json; // already JSON: sent as it is (passthrough), not serialised again
  }
}
