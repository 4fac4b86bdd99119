/**
 * Idempotency without a second table: with an Idempotency-Key the event id is derived from the
 * patient, the caller and the key, so a retry maps to the same event, and the store's unique
 * event id makes the append itself idempotent (also on KurrentDB). The request's hash rides in
 * the metadata to tell "same request again" from "same key, different request".
 *
 * Keys are scoped per caller — organisation, user and role: another caller repeating someone's
 * key and body gets an event id of their own, so their request is decided afresh (role checks
 * included) instead of being answered with the first caller's event.
 */
import { createHash } from 'node:crypto';
import { newEventId } from '@dnr/event-store';
import { v5 as uuidv5 } from 'uuid';

const IDEMPOTENCY_NAMESPACE = '6f1b7b7e-3c1a-5d8e-9b1e-4a7c2f0d9e11';

export function eventIdFor(patientId: string, idempotencyKey: string | undefined, caller: { org: string; sub: string; role: string }): string {
  return idempotencyKey ? uuidv5([patientId, caller.org, caller.sub, caller.role, idempotencyKey].join('\n'), IDEMPOTENCY_NAMESPACE) : newEventId();
}

/** A stable hash of what was asked: the command kind, its target and its body (keys sorted). */
export function requestHash(parts: unknown): string {
  return createHash('sha256').update(stableJson(parts)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
