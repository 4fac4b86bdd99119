/** Deterministic identities: a replayed projection or a retried relay yields the same messageId (handover-messages.md). */
import { parse as parseUuid } from 'uuid';
import { nameBasedUuids } from './name-based-uuid';

const MESSAGE_NAMESPACE = 'a4f0c1d2-6b8e-5f3a-9c7d-2e1b0a9f8e7d';

/** uuid v5 in MESSAGE_NAMESPACE: the namespace parsed once, names hashed in place (name-based-uuid.ts). */
const nameBased = nameBasedUuids(parseUuid(MESSAGE_NAMESPACE));

export function messageIdOf(causedBy: string, kind: string, recipientSor: string): string {
  return nameBased(`${causedBy}|${kind}|${recipientSor}`);
}

/** Stable ids for the resources inside a message (Patient, Communication, …). */
export function resourceIdOf(messageId: string, role: string): string {
  return nameBased(`${messageId}|${role}`);
}

/**
 * A UUID of version-4 form derived from a seed: MedCom wants Communication.identifier and the
 * message-segment identifiers to be UUID v4, and a replayed projection must give the same ones.
 * The name-based hash (SHA-1, as UUID v5) supplies the bits; the version nibble is set to 4 and
 * the variant bits stay 10xx — the form of a v4 UUID, deterministic.
 */
export function uuidV4FormOf(seed: string): string {
  const hashed = nameBased(seed);
  return `${hashed.slice(0, 14)}4${hashed.slice(15)}`;
}

/** The v4 form, as a version-4 UUID must look: 8-4-4-4-12 hex, version 4, variant 10xx. */
export const UUID_V4_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
