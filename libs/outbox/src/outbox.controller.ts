/** GET /v1/outbox and POST /v1/outbox/{messageId}/acknowledgements (api.md "Handover outbox"). */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Actor, MESSAGE_KINDS } from '@dnr/domain';
import { OutboxEntry, OutboxStore } from './outbox-store';
import { APP_CONFIG, AppConfig } from '@dnr/config';
import { Caller, parseOr400, Problem } from '@dnr/http';

const OutboxQuery = z.strictObject({
  patientId: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  state: z.enum(['pending', 'sent', 'acknowledged', 'failed', 'escalated']).optional(),
  kind: z.enum(MESSAGE_KINDS).optional(),
});
export const AcknowledgementBody = z.strictObject({
  outcome: z.enum(['ok', 'transient-error', 'fatal-error']),
  at: z.iso.datetime({ offset: true }),
  detail: z.string().max(2000).optional(),
});
const MessageParam = z.strictObject({ messageId: z.uuid() });

export const OUTBOX_STORE = Symbol('OUTBOX_STORE');

@Controller('v1/outbox')
export class OutboxController {
  constructor(@Inject(OUTBOX_STORE) private readonly outbox: OutboxStore, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  list(@Query() query: unknown) {
    this.servedHere();
    return this.outbox.list(parseOr400(OutboxQuery, query, 'query')).map(view);
  }

  /** The recipient acknowledges, or the sender's staff record a receipt given by phone; nobody else. */
  @Post(':messageId/acknowledgements')
  @HttpCode(200)
  acknowledge(@Param() params: unknown, @Body() raw: unknown, @Caller() caller: Actor) {
    this.servedHere();
    const { messageId } = parseOr400(MessageParam, params, 'params');
    const body = parseOr400(AcknowledgementBody, raw, 'body');
    const entry = this.outbox.get(messageId);
    if (!entry) throw new Problem('NOT_FOUND', 'no such message');
    if (caller.org !== entry.recipient.sor && caller.org !== entry.payload.sender.sor) {
      throw new Problem('ROLE_NOT_ALLOWED', 'only the recipient, or staff of the sending organisation recording a phoned receipt, may acknowledge', { rule: 'R7.6' });
    }
    this.outbox.receipt(messageId, body.outcome, body.detail);
    return view(this.outbox.get(messageId) as OutboxEntry);
  }

  /** A replica without the relay's state must not answer with an empty outbox, which would read as "nothing owed". */
  private servedHere(): void {
    if (this.config.OUTBOX_ENDPOINTS === 'off') throw new Problem('SERVICE_UNAVAILABLE', 'the outbox is served by the relay instance (see the deployment section of the README)');
  }
}

function view(e: OutboxEntry) {
  return {
    messageId: e.messageId, patientId: e.patientId, kind: e.kind, ...(e.handoverId ? { handoverId: e.handoverId } : {}),
    causedBy: e.causedBy, recipient: e.recipient, createdAt: e.createdAt, state: e.state, attempts: e.attempts,
    lastError: e.lastError, lastSentAt: e.lastSentAt, phoneContactRequired: e.phoneContactRequired, payload: e.payload,
  };
}
