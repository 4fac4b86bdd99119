/**
 * Turns a record from the acknowledgement topic into a receipt on the outbox; anything unreadable
 * is logged and skipped. An acknowledgement's timestamp is a stated time like every other in this
 * service: one that is not an ISO 8601 time with an offset between 1900 and 2200 is set aside
 * (the message is resent in time and answered again), and one more than 5 minutes after the
 * acknowledgement arrives is refused by the delivery decider. Resends and escalations count from
 * when it arrived, never from what it states.
 */
import { acknowledgementFromBundle, DeliveryPolicy, Timestamp } from '@dnr/domain';
import { OutboxStore } from '../store/outbox-store';
import { ReceiptDetail, recordReceipt } from './receipts';

export function acknowledgementIntake(outbox: OutboxStore, policy: DeliveryPolicy, now: () => number, log: (m: string) => void, onReceipt: () => void) {
  return async (value: string): Promise<void> => {
    let ack = null;
    try { ack = acknowledgementFromBundle(JSON.parse(value)); } catch { /* not JSON */ }
    if (!ack) { log('skipped a record on the acknowledgement topic that is not a MedCom acknowledgement'); return; }
    const arrived = now();
    const statedAt = statedTimeOf(ack.at, arrived);
    if (statedAt === null) {
      log(`acknowledgement for ${ack.messageId} not taken: its timestamp is not a time with an offset between 1900 and 2200`);
      return;
    }
    // The detail is shown on the sender's worklist: kept only when it is readable text (the receipt counts either way).
    const detail = ack.detail && ReceiptDetail.safeParse(ack.detail).success ? ack.detail : undefined;
    if (ack.detail && !detail) log(`acknowledgement for ${ack.messageId}: its detail is not readable text and is left out`);
    const result = recordReceipt(outbox, ack.messageId, { outcome: ack.outcome, statedAt, ...(detail ? { detail } : {}) }, arrived, policy);
    if (!result.ok) {
      log(result.why === 'unknown' ? `acknowledgement for an unknown message ${ack.messageId}` : `acknowledgement for ${ack.messageId} not taken: ${result.detail}`);
      return;
    }
    onReceipt();
  };
}

/** The time an acknowledgement states: its timestamp, or the moment it arrived when it has none; null when the timestamp is no valid time. */
function statedTimeOf(timestamp: string | null, arrived: number): number | null {
  if (timestamp === null) return arrived;
  return Timestamp.safeParse(timestamp).success ? Date.parse(timestamp) : null;
}
