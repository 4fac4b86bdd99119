/** A receipt from the recipient (HTTP, the acknowledgement topic, or staff recording a phoned one) moves the message on — through the delivery decider. */
import { decideDelivery, DeliveryPolicy, readableText, ReceiptOutcome } from '@dnr/domain';
import { OutboxEntry, OutboxStore } from '../store/outbox-store';

/** A receipt's detail is shown on the sender's worklist: readable text, like every text a clinician reads (may be sent empty). */
export const ReceiptDetail = readableText(2000, { lines: true, mayBeEmpty: true });

export interface Receipt {
  outcome: ReceiptOutcome;
  /** The time the receipt states (the recipient's clock): shown, checked, never scheduled by. */
  statedAt: number;
  detail?: string;
}

export type ReceiptResult = { ok: true; entry: OutboxEntry } | { ok: false; why: 'unknown' } | { ok: false; why: 'refused'; detail: string };

/** Records `receipt` at `recordedAt` (this service's clock): any resend or escalation it causes counts from then. */
export function recordReceipt(outbox: OutboxStore, messageId: string, receipt: Receipt, recordedAt: number, policy: DeliveryPolicy): ReceiptResult {
  let refused: string | undefined;
  const [entry] = outbox.update([messageId], (e) => {
    const decision = decideDelivery(e.delivery, { type: 'receipt', ...receipt, at: recordedAt }, policy);
    refused = decision.refused;
    return refused ? null : decision.delivery;
  });
  if (!entry) return { ok: false, why: 'unknown' };
  return refused ? { ok: false, why: 'refused', detail: refused } : { ok: true, entry };
}
