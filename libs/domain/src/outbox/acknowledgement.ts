/**
 * Reads a MedCom Acknowledgement Bundle (MessageHeader.response): which message it answers
 * and the outcome — ok (AA), transient-error (AR), fatal-error (AE).
 */
export type AcknowledgementOutcome = 'ok' | 'transient-error' | 'fatal-error';

export interface Acknowledgement {
  messageId: string;
  outcome: AcknowledgementOutcome;
  at: string | null;
  detail?: string;
}

interface Entry { resource?: { resourceType?: string; response?: { identifier?: unknown; code?: unknown }; eventCoding?: { code?: unknown }; issue?: Array<{ diagnostics?: string; details?: { text?: string } }> } }

const OUTCOMES: readonly string[] = ['ok', 'transient-error', 'fatal-error'];

export function acknowledgementFromBundle(bundle: unknown): Acknowledgement | null {
  const b = bundle as { resourceType?: string; timestamp?: string; entry?: Entry[] };
  if (b?.resourceType !== 'Bundle' || !Array.isArray(b.entry)) return null;
  const header = b.entry.map((e) => e.resource).find((r) => r?.resourceType === 'MessageHeader');
  if (header?.eventCoding?.code !== 'acknowledgement-message') return null;
  const { identifier, code } = header.response ?? {};
  if (typeof identifier !== 'string' || typeof code !== 'string' || !OUTCOMES.includes(code)) return null;
  const issue = b.entry.map((e) => e.resource).find((r) => r?.resourceType === 'OperationOutcome')?.issue?.[0];
  const detail = issue?.diagnostics ?? issue?.details?.text;
  return { messageId: identifier, outcome: code as AcknowledgementOutcome, at: b.timestamp ?? null, ...(detail ? { detail } : {}) };
}
