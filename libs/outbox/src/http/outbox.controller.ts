/** GET /v1/outbox and POST /v1/outbox/{messageId}/acknowledgements (api.md "Handover outbox"). */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Actor, DELIVERY_STATES, DeliveryPolicy, MESSAGE_KINDS, RECEIPT_OUTCOMES, Timestamp } from '@dnr/domain';
import { Caller, Clock, parseOr400, Problem } from '@dnr/http';
import { ReceiptDetail, recordReceipt } from '../delivery/receipts';
import { OutboxEntry, OutboxStore } from '../store/outbox-store';
import { outboxView, showsIdentityTo } from './outbox-view';
import { byteCappedPage } from './byte-capped-page';
import { OutboxReadAudit } from './outbox-read-audit';
import { DELIVERY_POLICY, OUTBOX_STORE, RELAY_WAKE } from '../relay.tokens';

const OutboxQuery = z.strictObject({
  patientId: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  state: z.enum(DELIVERY_STATES).optional(),
  kind: z.enum(MESSAGE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});
/**
 * `at` is a stated time like every other here: 1900–2200 (Timestamp), and no more than 5 minutes
 * after the receipt is recorded (the delivery decider). A bare ISO datetime let year 9999 through,
 * and the resend it scheduled there never came.
 */
export const AcknowledgementBody = z.strictObject({
  outcome: z.enum(RECEIPT_OUTCOMES),
  at: Timestamp,
  detail: ReceiptDetail.optional(),
});
const MessageParam = z.strictObject({ messageId: z.uuid() });

@Controller('v1/outbox')
export class OutboxController {
  constructor(
    @Inject(OUTBOX_STORE) private readonly outbox: OutboxStore | null,
    @Inject(DELIVERY_POLICY) private readonly policy: DeliveryPolicy,
    @Inject(RELAY_WAKE) private readonly wakeRelay: () => void,
    private readonly clock: Clock,
    private readonly audit: OutboxReadAudit,
  ) {}

  /**
   * Newest first, only what the caller's organisation sends or receives (its worklist without
   * patientId): nobody can list every patient's CPR and name. Paged with `before`; the next
   * page is in the Link header. A page holds at most `limit` messages and about a mebibyte
   * (byte-capped-page.ts): however long one patient's history, no page stalls the crews' lookups.
   * Each message shows its patient's CPR, name and status: the page is audited per patient before
   * it leaves (outbox-read-audit.ts).
   */
  @Get()
  async list(@Query() query: unknown, @Caller() caller: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const outbox = this.servedHere();
    const { before, ...filter } = parseOr400(OutboxQuery, query, 'query');
    const page = byteCappedPage<OutboxEntry, number>(filter.limit, {
      read: (seq, n) => {
        const beforeSeq = seq ?? before;
        return outbox.list({ ...filter, limit: n, organisation: caller.org, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
      },
      cursorOf: (entry) => entry.seq,
      render: (entry) => outboxView(entry, this.lookUpSite, showsIdentityTo(caller, entry.message)),
    });
    await this.audit.record(caller, 'outbox', page.entries.map((entry) => entry.message));
    if (page.mayHaveMore && page.lastCursor !== undefined) reply.header('link', `<${nextPage(filter, page.lastCursor)}>; rel="next"`);
    reply.type('application/json; charset=utf-8');
    return page.json; // already JSON: sent as it is (passthrough), not serialised again
  }

  /**
   * The recipient acknowledges, or the sender's staff record a receipt given by phone; nobody else.
   * The answer is the message as the outbox shows it, payload and all — the patient's CPR, name and
   * status to whoever names a messageId of their organisation — so it is audited like a page of
   * the outbox: after the receipt is recorded (a refused receipt shows nothing), before it leaves.
   * If the audit fails the receipt stays recorded and the answer is a 500; sending the same
   * receipt again is harmless (an acknowledged message stays as it is) and gets the answer.
   */
  @Post(':messageId/acknowledgements')
  @HttpCode(200)
  async acknowledge(@Param() params: unknown, @Body() raw: unknown, @Caller() caller: Actor) {
    const outbox = this.servedHere();
    const { messageId } = parseOr400(MessageParam, params, 'params');
    const body = parseOr400(AcknowledgementBody, raw, 'body');
    const entry = outbox.get(messageId);
    if (!entry) throw new Problem('NOT_FOUND', 'no such message');
    if (caller.org !== entry.message.recipient.sor && caller.org !== entry.message.sender.sor) {
      throw new Problem('ROLE_NOT_ALLOWED', 'only the recipient, or staff of the sending organisation recording a phoned receipt, may acknowledge', { rule: 'R7.6' });
    }
    const receipt = { outcome: body.outcome, statedAt: Date.parse(body.at), ...(body.detail ? { detail: body.detail } : {}) };
    const result = recordReceipt(outbox, messageId, receipt, this.clock.now(), this.policy);
    if (!result.ok) throw result.why === 'unknown' ? new Problem('NOT_FOUND', 'no such message') : new Problem('VALIDATION_FAILED', result.detail, { errors: [{ path: 'body.at', message: result.detail }] });
    this.wakeRelay();
    await this.audit.record(caller, 'acknowledgement', [result.entry.message]);
    return outboxView(result.entry, this.lookUpSite, showsIdentityTo(caller, result.entry.message));
  }

  private readonly lookUpSite = (sor: string) => this.outbox?.sites.get(sor) ?? null;

  /** A replica without the relay's state must not answer with an empty outbox, which would read as "nothing owed". */
  private servedHere(): OutboxStore {
    if (!this.outbox) throw new Problem('SERVICE_UNAVAILABLE', 'the outbox is served by the relay instance (see docs/deployment.md)');
    return this.outbox;
  }
}

function nextPage(filter: Record<string, string | number | undefined>, before: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, before })) if (value !== undefined) params.set(key, String(value));
  return `/v1/outbox?${params.toString()}`;
}
