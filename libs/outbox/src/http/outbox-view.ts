/**
 * A message as GET /v1/outbox shows it (api.md "Handover outbox", 2026-11-22): what was (or will
 * be) delivered, where, and — when someone must act — why and whom to phone.
 * - `payload`: for a korrespondancemeddelelse the CareCommunication Bundle as it went out (its
 *   latest envelope's Bundle.id and the parties as that send addressed them — a later change in
 *   the sites directory does not rewrite what was delivered), or before the first send as it would
 *   go out now, or null while the directory still lacks what the Bundle needs (the escalation says
 *   what); for an epikrise or udskrivningsrapport the JSON section.
 * - `document`: the JSON document the service keeps for every kind (the structured status).
 * - `deliverTo` on sections: the discharging site whose EHR writes the letter; `recipient` stays
 *   the letter's addressee.
 * - Without `identity` (a paramedic or care worker of the sending side): `payload` and `document`
 *   null and `identityWithheld: true` — both hold the CPR and name, which those roles may not read
 *   in the record (…/events) either; a crew could otherwise record an admission for any patientId
 *   off the status feed and read the CPR here. The receiving side's staff are told who it is.
 * - `escalation.phone`: the number to ring — the receiving staff for a korrespondancemeddelelse or
 *   an out-of-hours discharge, the discharging site for a section whose letter is not confirmed.
 */
import { Actor, careCommunicationBundle, HandoverMessage, toDanishIso } from '@dnr/domain';
import { addressFromDirectory, LookUpSite } from '../delivery/addressing';
import { OutboxEntry } from '../store/outbox-store';

export function outboxView({ message: m, delivery: d }: OutboxEntry, lookUp: LookUpSite, identity = true) {
  // Once sent: the parties as that send addressed them; before: as the directory would address them now.
  const addressed = d.sentAs ? { ok: true as const, message: { ...m, ...d.sentAs } } : addressFromDirectory(m, lookUp);
  const shown: HandoverMessage = addressed.ok ? addressed.message : m;
  const iso = (at: number | null) => (at === null ? null : toDanishIso(at));
  const phone = d.escalation ? phoneToRing(shown, d.escalation.reason) : undefined;
  return {
    messageId: m.messageId, patientId: m.patientId, kind: m.kind, ...(m.handover ? { handoverId: m.handover.handoverId } : {}),
    causedBy: m.causedBy, sender: shown.sender, recipient: shown.recipient, ...(shown.deliverTo ? { deliverTo: shown.deliverTo } : {}),
    createdAt: m.createdAt, state: d.state, attempts: d.attempts,
    lastError: d.lastError, lastSentAt: iso(d.lastSentAt), phoneContactRequired: d.phoneContactRequired,
    ...(d.lastReceipt ? { receipt: { outcome: d.lastReceipt.outcome, at: toDanishIso(d.lastReceipt.at), ...(d.lastReceipt.detail ? { detail: d.lastReceipt.detail } : {}) } } : {}),
    ...(d.escalation ? { escalation: { reason: d.escalation.reason, since: toDanishIso(d.escalation.since), ...(phone ? { phone } : {}) } } : {}),
    ...(identity
      ? { payload: m.kind !== 'korrespondancemeddelelse' ? shown : addressed.ok ? bundleAsSent(addressed.message, d.lastEnvelopeId) : null, document: m }
      : { payload: null, document: null, identityWithheld: true }),
  };
}

/** Who may see the patient's CPR and name on a message: physicians and nurses, and any staff of the receiving organisation. */
export function showsIdentityTo(caller: Actor, m: HandoverMessage): boolean {
  return caller.role === 'physician' || caller.role === 'nurse' || caller.org === m.recipient.sor;
}

function bundleAsSent(m: Parameters<typeof careCommunicationBundle>[0], envelopeId: string | undefined): Record<string, unknown> {
  const { id: _notYetSent, ...withoutEnvelope } = careCommunicationBundle(m, envelopeId ?? '');
  return envelopeId ? { id: envelopeId, ...withoutEnvelope } : withoutEnvelope;
}

/** Whom someone must ring: the discharging ward when a letter's section is unconfirmed, otherwise the receiving staff. */
function phoneToRing(m: HandoverMessage, reason: string): string | undefined {
  const aboutTheLetter = m.deliverTo !== undefined && reason !== 'PHONE_CONTACT_REQUIRED' && reason !== 'UNADDRESSED';
  return (aboutTheLetter ? m.deliverTo : m.recipient)?.phone;
}
