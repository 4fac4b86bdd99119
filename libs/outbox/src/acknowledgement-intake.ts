/** Turns a record from the acknowledgement topic into a receipt on the outbox; anything unreadable is logged and skipped. */
import { acknowledgementFromBundle } from '@dnr/domain';
import { OutboxStore } from './outbox-store';

export function acknowledgementIntake(outbox: OutboxStore, log: (m: string) => void) {
  return async (value: string): Promise<void> => {
    let ack = null;
    try { ack = acknowledgementFromBundle(JSON.parse(value)); } catch { /* not JSON */ }
    if (!ack) { log('skipped a record on the acknowledgement topic that is not a MedCom acknowledgement'); return; }
    if (!outbox.get(ack.messageId)) { log(`acknowledgement for an unknown message ${ack.messageId}`); return; }
    outbox.receipt(ack.messageId, ack.outcome, ack.detail);
  };
}
