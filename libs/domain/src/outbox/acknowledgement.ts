/**
 * Reads a MedCom Acknowledgement Bundle (MessageHeader.response): which message it answers
 * and the outcome — ok (AA), transient-error (AR), fatal-error (AE): MedCom's response codes
 * are the delivery decider's receipt outcomes.
 */
import { RECEIPT_OUTCOMES, ReceiptOutcome } from './delivery';

export interface Acknowledgement {
  messageId: string;
  outcome: ReceiptOutcome;
  at: string | null;
  detail?: string;
}

interface Entry { resource?: { resourceType?: string; response?: { identifier?: unknown; code?: unknown }; eventCoding?: { code?: unknown }; issue?: Array<{ diagnostics?: string; details?: { text?: string } }> } }

export function acknowledgementFromBundle(bundle: unknown): Acknowledgement | null {
  const b = bundle as { resourceType?: string; timestamp?: string; entry?: Entry[] };
  if (b?.resourceType !== 'Bundle' || !Array.isArray(b.entry)) return null;
  const header = b.entry.map((e) => e.resource).find((r) => r?.resourceType === 'MessageHeader');
  if (header?.eventCoding?.code !== 'acknowledgement-message') return null;
  const { identifier, code } = header.response ?? {};
  if (typeof identifier !== 'string' || typeof code !== 'string' || !(RECEIPT_OUTCOMES as readonly string[]).includes(code)) return null;
  const issue = b.entry.map((e) => e.resource).find((r) => r?.resourceType === 'OperationOutcome')?.issue?.[0];
  const detail = issue?.diagnostics ?? issue?.details?.text;
  return { messageId: identifier, outcome: code as ReceiptOutcome, at: b.timestamp ?? null, ...(detail ? { detail } : {}) };
}
