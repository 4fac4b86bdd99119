/** A receipt from the recipient (HTTP, the acknowledgement topic, or staff recording a phoned one) moves the message on — through the delivery decider. */
import { decideDelivery, DeliveryPolicy, ReceiptOutcome } from '@dnr/domain';
import { OutboxEntry, OutboxStore } from '../store/outbox-store';

export interface Receipt {
  outcome: ReceiptOutcome;
  at: number;
  detail?: string;
}

export function recordReceipt(outbox: OutboxStore, messageId: string, receipt: Receipt, policy: DeliveryPolicy): OutboxEntry | null {
  const [entry] = outbox.update([messageId], (e) => decideDelivery(e.delivery, { type: 'receipt', ...receipt }, policy).delivery);
  return entry;
}
