/**
 * The outbox projection: which messages the stream owes, deterministically (R7).
 *
 * - A sector change owes the table in handover-messages.md (discharge, transfer, admission),
 *   also when no refusal exists — an absent message must never read as "no refusal".
 * - Any later event that changes the status, its flags or an instrument's state owes a
 *   korrespondancemeddelelse to every site told before, and to the site where the changed
 *   decision was made (R7.5).
 * Each message carries the status as of its causing event: known at its record time, at the
 * later of its effective and record time.
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { statusAt } from '../status/status-at';
import { ResuscitationStatus } from '../status/resuscitation-status';
import { effectiveInstantOf } from '../status/effective-time';
import { instantOf } from '../time/danish-time';
import { Site } from '../vocabulary/primitives';
import { HandoverMessage, MESSAGE_SCHEMA_VERSION, MessageKind } from './handover-message';
import { messageIdOf } from './message-id';
import { danishText, detailOf, resuscitationSection } from './resuscitation-section';

/** What the stream has told whom so far: all the projection needs to carry from one event to the next. */
export interface OutboxLedger {
  /** Every site named in a handover, by SOR: how we can address the site. */
  readonly knownSites: ReadonlyMap<string, Site>;
  /** Sites that received a message, by SOR, with the last message each got (for replies). */
  readonly told: ReadonlyMap<string, { site: Site; lastMessageId: string }>;
  /** Where the patient is now: the receiving site of the latest handover. */
  readonly currentSite: Site | null;
}

export const EMPTY_LEDGER: OutboxLedger = { knownSites: new Map(), told: new Map(), currentSite: null };

/**
 * One step of the projection: the messages the last event of `prefix` causes, and the ledger
 * after it. `ledger` must be the ledger after the event before. The relay keeps the ledger
 * between events, so each event costs one pass over its prefix, not a replay of the stream.
 */
export function messagesOnEvent(ledger: OutboxLedger, prefix: readonly PatientEvent[], patientId: string): { messages: HandoverMessage[]; ledger: OutboxLedger } {
  const event = prefix[prefix.length - 1];
  const next: Ledger = { knownSites: new Map(ledger.knownSites), told: new Map(ledger.told), currentSite: ledger.currentSite };
  const messages = owedBy(prefix, event, next, patientId);
  for (const m of messages) next.told.set(m.recipient.sor, { site: m.recipient, lastMessageId: m.messageId });
  return { messages, ledger: next };
}

/** Everything the stream owes, in order: the projection folded over the whole stream. */
export function messagesOwed(stream: readonly PatientEvent[], patientId: string): HandoverMessage[] {
  return foldOutbox(stream, patientId).messages;
}

/** Only the messages the last event of the prefix causes. */
export function messagesCausedBy(streamUpToAndIncluding: readonly PatientEvent[], patientId: string): HandoverMessage[] {
  const before = foldOutbox(streamUpToAndIncluding.slice(0, -1), patientId).ledger;
  return messagesOnEvent(before, streamUpToAndIncluding, patientId).messages;
}

export function foldOutbox(stream: readonly PatientEvent[], patientId: string): { messages: HandoverMessage[]; ledger: OutboxLedger } {
  let ledger = EMPTY_LEDGER;
  const messages: HandoverMessage[] = [];
  for (let i = 0; i < stream.length; i += 1) {
    const step = messagesOnEvent(ledger, stream.slice(0, i + 1), patientId);
    messages.push(...step.messages);
    ledger = step.ledger;
  }
  return { messages, ledger };
}

/** The ledger while one event is being projected (mutable inside the step only). */
interface Ledger {
  knownSites: Map<string, Site>;
  told: Map<string, { site: Site; lastMessageId: string }>;
  currentSite: Site | null;
}

function owedBy(prefix: readonly PatientEvent[], event: PatientEvent, ledger: Ledger, patientId: string): HandoverMessage[] {
  if (event.type === 'PatientRegistered') return [];
  const status = statusAsOf(prefix, event, patientId);
  if (event.type === 'HandedOverTo') {
    rememberSites(ledger, event);
    return handoverMessages(event).map(([kind, recipient]) => build(prefix, event, status, kind, event.data.from, recipient, ledger));
  }
  if (signature(status) === signature(statusAsOf(prefix.slice(0, -1), event, patientId))) return [];
  const recipients = changeRecipients(prefix, event, ledger);
  const sender = ledger.knownSites.get(event.recordedBy.org) ?? ledger.currentSite;
  if (!sender) return [];
  return recipients.map((r) => build(prefix, event, status, 'korrespondancemeddelelse', sender, r, ledger));
}

function statusAsOf(prefix: readonly PatientEvent[], event: PatientEvent, patientId: string): ResuscitationStatus {
  const recorded = instantOf(event.recordedAt);
  return statusAt(prefix, { patientId, at: Math.max(effectiveInstantOf(event), recorded), knownAt: recorded });
}

/** What a receiver would notice: the answer, its flags, and each instrument's state. */
function signature(s: ResuscitationStatus): string {
  return JSON.stringify([s.status, s.basis, s.reason, s.flags.map((f) => f.code).sort(), s.instruments.map((i) => `${i.id}:${i.state}`).sort()]);
}

function handoverMessages(event: EventOf<'HandedOverTo'>): Array<[MessageKind, Site]> {
  const { kind, to, generalPractitioner: gp } = event.data;
  const toGp: Array<[MessageKind, Site]> = gp ? [['epikrise', gp]] : [];
  if (kind === 'discharge') return [...toGp, ['udskrivningsrapport', to], ['korrespondancemeddelelse', to]];
  if (kind === 'transfer') return [['korrespondancemeddelelse', to], ...toGp];
  return [['korrespondancemeddelelse', to]];
}

function rememberSites(ledger: Ledger, event: EventOf<'HandedOverTo'>): void {
  const { from, to, generalPractitioner } = event.data;
  for (const site of [from, to, generalPractitioner]) if (site) ledger.knownSites.set(site.sor, site);
  ledger.currentSite = to;
}

/** R7.5: everyone told before, plus the site where the changed decision was made — never the author's own site. */
function changeRecipients(prefix: readonly PatientEvent[], event: PatientEvent, ledger: Ledger): Site[] {
  if (ledger.told.size === 0) return [];
  const recipients = new Map([...ledger.told].map(([sor, t]) => [sor, t.site]));
  const origin = originOf(prefix, event);
  const originSite = origin ? ledger.knownSites.get(origin) : undefined;
  if (originSite) recipients.set(originSite.sor, originSite);
  recipients.delete(event.recordedBy.org);
  return [...recipients.values()];
}

function originOf(prefix: readonly PatientEvent[], event: PatientEvent): string | undefined {
  if (event.type !== 'Revised') return event.recordedBy.org;
  return prefix.find((e) => e.type === 'DecisionMade' && e.data.decisionId === event.data.decisionId)?.recordedBy.org;
}

function build(prefix: readonly PatientEvent[], event: PatientEvent, status: ResuscitationStatus, kind: MessageKind, sender: Site, recipient: Site, ledger: Ledger): HandoverMessage {
  const registration = prefix[0] as EventOf<'PatientRegistered'>;
  const resuscitation = resuscitationSection(status, detailOf(status, prefix));
  const handover = event.type === 'HandedOverTo' ? { handoverId: event.data.handoverId, kind: event.data.kind, at: event.data.at } : undefined;
  const messageId = messageIdOf(event.eventId, kind, recipient.sor);
  const earlier = kind === 'korrespondancemeddelelse' ? ledger.told.get(recipient.sor)?.lastMessageId : undefined;
  return {
    messageId, kind, schemaVersion: MESSAGE_SCHEMA_VERSION, patientId: status.patientId,
    patient: { cpr: registration.data.cpr, name: registration.data.name },
    sender, recipient, causedBy: event.eventId, createdAt: event.recordedAt,
    ...(handover ? { handover } : {}),
    resuscitation,
    text: danishText(resuscitation, registration.data.name),
    ...(kind === 'epikrise' ? { followUp: 'green' as const } : {}),
    ...(kind === 'udskrivningsrapport' ? { phoneContactRequired: event.type === 'HandedOverTo' && event.data.outOfHours, futureArrangements: `${resuscitation.statement}. ${resuscitation.howItMayChange}` } : {}),
    ...(earlier ? { inReplyTo: earlier } : {}),
  };
}
