/** Deterministic identities: a replayed projection or a retried relay yields the same messageId (handover-messages.md). */
import { v5 as uuidv5 } from 'uuid';

const MESSAGE_NAMESPACE = 'a4f0c1d2-6b8e-5f3a-9c7d-2e1b0a9f8e7d';

export function messageIdOf(causedBy: string, kind: string, recipientSor: string): string {
  return uuidv5(`${causedBy}|${kind}|${recipientSor}`, MESSAGE_NAMESPACE);
}

/** Stable ids for the resources inside a message (Patient, Communication, …). */
export function resourceIdOf(messageId: string, role: string): string {
  return uuidv5(`${messageId}|${role}`, MESSAGE_NAMESPACE);
}
