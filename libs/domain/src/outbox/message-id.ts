/** Deterministic identities: a replayed projection or a retried relay yields the same messageId (handover-messages.md). */
import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

const MESSAGE_NAMESPACE = 'a4f0c1d2-6b8e-5f3a-9c7d-2e1b0a9f8e7d';

// The namespace parsed once and names encoded with TextEncoder: a Bundle needs dozens of ids, and
// uuid's string arguments cost a parse and a URI round trip on every call (most of a Bundle's time).
const NAMESPACE_BYTES = parseUuid(MESSAGE_NAMESPACE);
const UTF8 = new TextEncoder();
// Remembered, too: a thread's resources keep their ids, so each reply asks for the same ones again.
const REMEMBERED = new Map<string, string>();
function nameBased(name: string): string {
  let id = REMEMBERED.get(name);
  if (id === undefined) {
    if (REMEMBERED.size >= 50_000) REMEMBERED.clear();
    id = uuidv5(UTF8.encode(name), NAMESPACE_BYTES);
    REMEMBERED.set(name, id);
  }
  return id;
}

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
