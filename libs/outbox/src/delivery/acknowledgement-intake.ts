/** Turns a record from the acknowledgement topic into a receipt on the outbox; anything unreadable is logged and skipped. */
import { acknowledgementFromBundle, DeliveryPolicy } from '@dnr/domain';
import { OutboxStore } from '../store/outbox-store';
import { recordReceipt } from './receipts';

export function acknowledgementIntake(outbox: OutboxStore, policy: DeliveryPolicy, now: () => number, log: (m: string) => void, onReceipt: () => void) {
  return async (value: string): Promise<void> => {
    let ack = null;
    try { ack = acknowledgementFromBundle(JSON.parse(value)); } catch { /* not JSON */ }
    if (!ack) { log('skipped a record on the acknowledgement topic that is not a MedCom acknowledgement'); return; }
    const at = ack.at && !Number.isNaN(Date.parse(ack.at)) ? Date.parse(ack.at) : now();
    const result = recordReceipt(outbox, ack.messageId, { outcome: ack.outcome, at, ...(ack.detail ? { detail: ack.detail } : {}) }, policy);
    if (!result.ok) {
      log(result.why === 'unknown' ? `acknowledgement for an unknown message ${ack.messageId}` : `acknowledgement for ${ack.messageId} not taken: ${result.detail}`);
      return;
    }
    onReceipt();
  };
}
