/**
 * The outbox projection: which messages the stream owes, deterministically (R7).
 *
 * - A sector change owes the table in handover-messages.md (who-is-told.ts), also when no
 *   refusal exists — an absent message must never read as "no refusal".
 * - A later event that changes the status, its flags or an instrument's state — or re-evaluates
 *   a decision without changing it (R7.1a) — owes a korrespondancemeddelelse to every site told
 *   before and to the organisations that recorded the touched instruments (R7.5, R7.5a).
 * - A message whose addressee cannot be addressed is still owed (R7.3a); the relay escalates it.
 * - The epikrise and udskrivningsrapport are sections for the discharging EHR (letter-section.ts):
 *   delivered to the sending site, addressed to the GP or the receiving site, who count as told.
 * - A korrespondancemeddelelse joins the CareCommunication thread between its sender and its
 *   recipient (care-thread.ts): the first is a new message, every later one a reply. The threads
 *   are part of the ledger, so folding the stream again (a relay restart) rebuilds them exactly.
 * Each message carries the status as of its causing event (status-change.ts queryAsOf), kept
 * event by event in the ledger (stream-status.ts),
 * and the person who recorded that event as its author.
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { Recorder, ResuscitationStatus } from '../status/resuscitation-status';
import { queryAsOf } from '../status/status-change';
import { assessStream, EMPTY_STREAM_STATUS, StreamStatus, withEvent } from '../status/stream-status';
import { receiverWouldNotice, renderStatus } from '../status/status-at';
import { Site } from '../vocabulary/primitives';
import { Addressee, organisationOf } from './addressee';
import { HandoverMessage, MESSAGE_SCHEMA_VERSION, MessageKind } from './handover-message';
import { messageIdOf } from './message-id';
import { asThreadMessage, repliesTo, threadFor, Threads, withMessage } from './care-thread';
import { letterSectionOf } from './letter-section';
import { danishText, detailOf, resuscitationSection } from './resuscitation-section';
import { isReEvaluation, originatingOrganisations, owedAtSectorChange } from './who-is-told';

/** What the stream has told whom so far: all the projection needs to carry from one event to the next. */
export interface OutboxLedger {
  /** Every site named in a handover, by SOR: how we can address the site. */
  readonly knownSites: ReadonlyMap<string, Site>;
  /** Addressees that were told (R7.5) — by a korrespondancemeddelelse or by a letter carrying a section — by SOR. */
  readonly told: ReadonlyMap<string, { site: Addressee }>;
  /** Where the patient is now: the receiving site of the latest handover. */
  readonly currentSite: Site | null;
  /** The CareCommunication threads, by pair of organisations (care-thread.ts). */
  readonly threads: Threads;
  /** The stream's status so far, kept event by event (stream-status.ts). */
  readonly status: StreamStatus;
}

export const EMPTY_LEDGER: OutboxLedger = { knownSites: new Map(), told: new Map(), currentSite: null, threads: new Map(), status: EMPTY_STREAM_STATUS };

/**
 * One step of the projection: the messages the last event of `prefix` causes, and the ledger
 * after it. `ledger` must be the ledger after the event before. The relay keeps the ledger
 * between events, so each event costs one pass over its prefix, not a replay of the stream.
 */
export function messagesOnEvent(ledger: OutboxLedger, prefix: readonly PatientEvent[], patientId: string): ProjectedEvent {
  return messagesOnNextEvent({ ...ledger, status: statusBefore(ledger, prefix) }, prefix[prefix.length - 1], patientId);
}

/** The same step for the event that follows the ledger's own events (`ledger.status.events`): no prefix to build. */
export function messagesOnNextEvent(ledger: OutboxLedger, event: PatientEvent, patientId: string): ProjectedEvent {
  // The ledger's maps are shared with the ledger before until this step changes them (copied on write).
  const next: Ledger = { knownSites: ledger.knownSites, told: ledger.told, currentSite: ledger.currentSite, threads: ledger.threads, status: withEvent(ledger.status, event) };
  const owed = owedBy(next.status.events, event, ledger.status, next, patientId);
  const messages = owed.messages.map((m) => (m.kind === 'korrespondancemeddelelse' ? joinThread(next, m) : m));
  if (messages.length) {
    const told = new Map(next.told);
    for (const m of messages) if (m.recipient.sor) told.set(m.recipient.sor, { site: m.recipient });
    next.told = told;
  }
  return { messages, ledger: next, statusChange: owed.statusChange };
}

/**
 * What one event did: the messages it owes, the ledger after it, and — for the status feed
 * (R7.3b) — the status it changed to, or null when nothing a receiver would notice changed.
 * Worked out together, so each event's status is folded once before and once after it.
 */
export interface ProjectedEvent {
  messages: HandoverMessage[];
  ledger: OutboxLedger;
  statusChange: ResuscitationStatus | null;
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
  for (const event of stream) {
    const step = messagesOnNextEvent(ledger, event, patientId);
    messages.push(...step.messages);
    ledger = step.ledger;
  }
  return { messages, ledger };
}

/** The ledger's status must be the stream's before the event; one that is not (a caller's mistake) is worked out again. */
function statusBefore(ledger: OutboxLedger, prefix: readonly PatientEvent[]): StreamStatus {
  if (ledger.status.events.length === prefix.length - 1) return ledger.status;
  return prefix.slice(0, -1).reduce(withEvent, EMPTY_STREAM_STATUS);
}

/** The ledger while one event is being projected (its fields replaced inside the step only). */
interface Ledger {
  knownSites: ReadonlyMap<string, Site>;
  told: ReadonlyMap<string, { site: Addressee }>;
  currentSite: Site | null;
  threads: Threads;
  status: StreamStatus;
}

const NOTHING = { messages: [], statusChange: null };

/**
 * A handover changes no status (R3.3) and owes the table's messages; any other event owes a
 * message when it changed what a receiver would notice, or re-evaluates (R7.1a). The status is
 * assessed before and after; its texts are written only when a message or the feed needs them.
 */
function owedBy(prefix: readonly PatientEvent[], event: PatientEvent, beforeEvent: StreamStatus, ledger: Ledger, patientId: string): { messages: HandoverMessage[]; statusChange: ResuscitationStatus | null } {
  const query = queryAsOf(event, patientId);
  if (event.type === 'PatientRegistered') return NOTHING;
  const after = assessStream(ledger.status, query);
  if (event.type === 'HandedOverTo') {
    rememberSites(ledger, event);
    const status = renderStatus(after);
    const content = contentOf(prefix, event, status);
    return { messages: owedAtSectorChange(event).map(([kind, recipient]) => build(content, kind, event.data.from, recipient)), statusChange: null };
  }
  const before = assessStream(beforeEvent, query);
  const changed = receiverWouldNotice(before, after);
  if (!changed && !isReEvaluation(event)) return NOTHING;
  const status = renderStatus(after);
  const sender = ledger.knownSites.get(event.recordedBy.org) ?? organisationOf(event.recordedBy);
  const recipients = changeRecipients(ledger, originatingOrganisations(event, before, after, prefix, ledger.status.wills.instrumentOf), event.recordedBy.org);
  const content = recipients.length ? contentOf(prefix, event, status) : null;
  return { messages: recipients.map((r) => build(content as MessageContent, 'korrespondancemeddelelse', sender, r)), statusChange: changed ? status : null };
}

function rememberSites(ledger: Ledger, event: EventOf<'HandedOverTo'>): void {
  const { from, to, generalPractitioner } = event.data;
  const knownSites = new Map(ledger.knownSites);
  for (const site of [from, to, generalPractitioner]) if (site) knownSites.set(site.sor, site);
  ledger.knownSites = knownSites;
  ledger.currentSite = to;
}

/**
 * R7.5: everyone told before, plus the organisations where the changed decisions were made
 * (R7.5a) — as the handovers named them when they did, else by the SOR the record holds
 * (addressed at send time, R7.3a). Never the author's own organisation.
 */
function changeRecipients(ledger: Ledger, origins: Addressee[], author: string): Addressee[] {
  const recipients = new Map<string, Addressee>();
  for (const [sor, t] of ledger.told) recipients.set(sor, t.site);
  for (const origin of origins) {
    const sor = origin.sor as string;
    if (!recipients.has(sor)) recipients.set(sor, ledger.knownSites.get(sor) ?? origin);
  }
  recipients.delete(author);
  return [...recipients.values()];
}

/** What every message an event owes says, whoever it goes to: worked out once per event, not once per recipient. */
interface MessageContent {
  event: PatientEvent;
  common: Omit<HandoverMessage, 'messageId' | 'kind' | 'sender' | 'recipient'>;
  outOfHours: boolean;
}

function contentOf(prefix: readonly PatientEvent[], event: PatientEvent, status: ResuscitationStatus): MessageContent {
  const registration = prefix[0] as EventOf<'PatientRegistered'>;
  const resuscitation = resuscitationSection(status, detailOf(status, prefix));
  const handover = event.type === 'HandedOverTo' ? { handoverId: event.data.handoverId, kind: event.data.kind, at: event.data.at } : undefined;
  return {
    event,
    common: {
      schemaVersion: MESSAGE_SCHEMA_VERSION, patientId: status.patientId,
      patient: { cpr: registration.data.cpr, name: registration.data.name },
      causedBy: event.eventId, createdAt: event.recordedAt,
      author: { name: event.recordedBy.name, role: event.recordedBy.role, org: event.recordedBy.org },
      ...(handover ? { handover } : {}),
      resuscitation,
      text: danishText(resuscitation, registration.data.name),
    },
    outOfHours: event.type === 'HandedOverTo' && event.data.outOfHours,
  };
}

function build(content: MessageContent, kind: MessageKind, sender: Addressee, recipient: Addressee): HandoverMessage {
  const messageId = messageIdOf(content.event.eventId, kind, recipient.sor ?? 'addressee-not-given');
  const c = content.common;
  // Field by field in the document's order, not `{ ...content.common }`: a rebuild writes every
  // message it ever owed, and copying by spread was the largest part of writing one.
  const m: HandoverMessage = c.handover
    ? { messageId, kind, schemaVersion: c.schemaVersion, patientId: c.patientId, patient: c.patient, causedBy: c.causedBy, createdAt: c.createdAt, author: c.author, handover: c.handover, resuscitation: c.resuscitation, text: c.text, sender, recipient }
    : { messageId, kind, schemaVersion: c.schemaVersion, patientId: c.patientId, patient: c.patient, causedBy: c.causedBy, createdAt: c.createdAt, author: c.author, resuscitation: c.resuscitation, text: c.text, sender, recipient };
  return kind === 'korrespondancemeddelelse' ? m : Object.assign(m, letterSectionOf({ kind, sender, text: c.text, resuscitation: c.resuscitation }, content.outOfHours));
}

/**
 * A korrespondancemeddelelse joins the thread between its two organisations: new, or a reply to
 * the thread's latest message. `m` was built for this step alone, so its thread is set on it
 * rather than on a copy of the whole message.
 */
function joinThread(ledger: Ledger, m: HandoverMessage): HandoverMessage {
  const senderSor = m.sender.sor as string;
  const recipientSor = m.recipient.sor as string;
  const thread = threadFor(ledger.threads, senderSor, recipientSor, m.messageId);
  const previous = repliesTo(thread);
  ledger.threads = withMessage(ledger.threads, recipientSor, thread, asThreadMessage({ messageId: m.messageId, senderSor, at: m.createdAt, author: m.author as Recorder, text: m.text }, thread));
  m.thread = thread;
  if (previous) m.inReplyTo = previous;
  return m;
}
