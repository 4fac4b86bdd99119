/**
 * A korrespondancemeddelelse as a MedCom CareCommunication 5.0 message Bundle (FHIR R4), as the
 * official validator (../shared/tools/fhir-validate) accepts it and as MedCom's examples build it
 * (new message Bundle-0d5b3c18-…, reply Bundle-b56549f7-…).
 *
 * - MessageHeader.id is the stable messageId (receivers drop duplicates by it); Bundle.id is the
 *   envelope id, new on every send. Every other resource id derives from the message or its
 *   thread, so a resend is the same message and a thread's resources keep their ids.
 * - Each message segment is written by a person — the one who recorded the change — with their
 *   role (PractitionerRole), and carries the sending organisation's telephone number as
 *   `authorContact` (MedCom fixes system = phone). The number comes from the sites directory at
 *   send time; without one the message is not sent but escalated as unaddressed (addressing.ts).
 * - A reply (care-thread.ts) keeps the thread's Communication.identifier, carries the earlier
 *   segments with their authors and the earlier messages' Provenance, and its own Provenance
 *   points (`revision`) at the thread's latest MessageHeader.
 *
 * Render only a message whose sender and recipient the directory could address (EAN known, and a
 * phone for every organisation that wrote a segment): `careCommunicationGaps` says what is missing.
 */
import { danishDateTime, ROLE_IN_DANISH } from '../vocabulary/danish-words';
import { Role, Site } from '../vocabulary/primitives';
import { instantOf } from '../time/danish-time';
import { AddressedMessage, HandoverMessage } from './handover-message';
import { resourceIdOf } from './message-id';
import { asThreadMessage, CareThread, segmentIdOf, threadFor, ThreadMessage } from './care-thread';

const CC = 'http://medcomfhir.dk/ig/carecommunication/StructureDefinition';
const CORE = 'http://medcomfhir.dk/ig/core/StructureDefinition';
const TERM = 'http://medcomfhir.dk/ig/terminology/CodeSystem';
const BASE = 'https://medcomfhir.dk/ig/carecommunication';
const SOR = 'urn:oid:1.2.208.176.1.1';
const GLN = 'https://www.gs1.org/gln';
const CPR = 'urn:oid:1.2.208.176.1.2';
const sorEndpoint = (sor: string) => `https://sor2.sum.dsdn.dk/#id=${sor}`;
const TOPIC = 'Beslutning om genoplivningsforsøg ved hjertestop';

/** MedCom's role codes (medcom-core-PractitionerRoles): the authorisation a role implies. Staff working under an authorised person have no code of their own. */
const ROLE_CODE: Record<Role, { system: string; code: string } | null> = {
  physician: { system: `${TERM}/medcom-core-PractitionerRolesAutorisationsregistret`, code: 'laege' },
  nurse: { system: `${TERM}/medcom-core-PractitionerRolesSKSadministrativ`, code: 'sygeplejerske' },
  paramedic: { system: `${TERM}/medcom-core-PractitionerRolesAutorisationsregistret`, code: 'ambulancebehandler' },
  care_worker: null,
};
type Resource = Record<string, unknown> & { resourceType: string; id: string };

/** Every segment of the message, oldest first: the thread's earlier ones and this message's own. */
export function segmentsOf(m: HandoverMessage): { thread: CareThread; segments: ThreadMessage[] } {
  // The projection gives every korrespondancemeddelelse its thread; one built without it opens a thread of its own.
  const thread = m.thread ?? threadFor(new Map(), m.sender.sor as string, m.recipient.sor as string, m.messageId);
  const own = asThreadMessage({ messageId: m.messageId, senderSor: m.sender.sor as string, at: m.createdAt, author: m.author, text: m.text }, thread);
  return { thread, segments: [...thread.earlier, own] };
}

/** What the directory must still tell before the Bundle can be built conformant (empty: nothing). */
export function careCommunicationGaps(m: HandoverMessage): string[] {
  const parties = [m.sender, m.recipient];
  const gaps: string[] = [];
  for (const party of parties) if (!party.ean) gaps.push(`lokationsnummer (EAN) for ${party.name}`);
  const writers = new Set(segmentsOf(m).segments.map((s) => s.senderSor));
  for (const party of parties) if (party.sor && writers.has(party.sor) && !party.phone) gaps.push(`telefonnummer for ${party.name}`);
  return gaps;
}

export function careCommunicationBundle(message: HandoverMessage, envelopeId: string): Record<string, unknown> {
  const gaps = careCommunicationGaps(message);
  if (gaps.length) throw new Error(`a CareCommunication cannot be built without ${gaps.join(', ')}`);
  const m = message as AddressedMessage;
  const { thread, segments } = segmentsOf(m);
  const ids = idsFor(m, thread);
  const resources: Resource[] = [
    messageHeader(m, ids),
    patient(m, ids),
    communication(m, ids, thread, segments),
    ...authors(m, ids, segments),
    organization(ids.organization(m.sender.sor), m.sender),
    organization(ids.organization(m.recipient.sor), m.recipient),
    ...segments.map((s) => provenance(s, ids)),
  ];
  return {
    resourceType: 'Bundle',
    id: envelopeId,
    meta: { profile: [`${CC}/medcom-careCommunication-message`] },
    type: 'message',
    timestamp: m.createdAt,
    entry: resources.map((r) => ({ fullUrl: `${BASE}/${r.resourceType}/${r.id}`, resource: r })),
  };
}

type Ids = ReturnType<typeof idsFor>;

function idsFor(m: AddressedMessage, thread: CareThread) {
  // Resources that stay the same across a thread (its parties, the patient, a segment's author) take ids from the thread or the segment.
  return {
    header: m.messageId,
    patient: resourceIdOf(thread.identifier, 'patient'),
    communication: resourceIdOf(m.messageId, 'communication'),
    organization: (sor: string) => resourceIdOf(thread.identifier, `organization-${sor}`),
    role: (s: ThreadMessage) => resourceIdOf(s.messageId, 'practitioner-role'),
    practitioner: (s: ThreadMessage) => resourceIdOf(s.messageId, 'practitioner'),
    provenance: (s: ThreadMessage) => resourceIdOf(s.messageId, 'provenance'),
  };
}

function messageHeader(m: AddressedMessage, ids: Ids): Resource {
  return {
    resourceType: 'MessageHeader',
    id: ids.header,
    meta: { profile: [`${CC}/medcom-careCommunication-messageHeader`] },
    text: narrative([`Korrespondancemeddelelse fra ${m.sender.name} til ${m.recipient.name}`]),
    eventCoding: { system: `${TERM}/medcom-messaging-eventCodes`, code: 'care-communication-message' },
    destination: [{
      extension: [{ url: 'http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension', valueCoding: { system: `${TERM}/medcom-messaging-destinationUse`, code: 'primary' } }],
      endpoint: sorEndpoint(m.recipient.sor),
      receiver: { reference: `Organization/${ids.organization(m.recipient.sor)}` },
    }],
    sender: { reference: `Organization/${ids.organization(m.sender.sor)}` },
    source: { endpoint: sorEndpoint(m.sender.sor) },
    focus: [{ reference: `Communication/${ids.communication}` }],
    definition: 'http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0',
  };
}

function patient(m: AddressedMessage, ids: Ids): Resource {
  return {
    resourceType: 'Patient',
    id: ids.patient,
    meta: { profile: [`${CORE}/medcom-core-patient`] },
    text: narrative([m.patient.name]),
    identifier: [{ system: CPR, value: m.patient.cpr }],
    name: [{ use: 'official', ...humanName(m.patient.name) }],
  };
}

function communication(m: AddressedMessage, ids: Ids, thread: CareThread, segments: ThreadMessage[]): Resource {
  return {
    resourceType: 'Communication',
    id: ids.communication,
    meta: { profile: [`${CC}/medcom-careCommunication-communication`] },
    text: narrative([TOPIC, ...segments.flatMap((s) => [`${danishDateTime(instantOf(s.at))} – ${s.author.name}, ${ROLE_IN_DANISH[s.author.role]}`, ...s.text.split('\n')])]),
    identifier: [{ value: thread.identifier }],
    status: 'unknown',
    category: [{ coding: [{ system: `${TERM}/medcom-careCommunication-categoryCodes`, code: m.handover?.kind === 'discharge' ? 'discharge' : 'carecoordination' }] }],
    subject: { reference: `Patient/${ids.patient}` },
    topic: { text: TOPIC },
    payload: segments.map((s) => segment(s, m, ids)),
  };
}

/** One message segment: its date, identifier, author and the author's telephone (MedCom: system = phone). */
function segment(s: ThreadMessage, m: AddressedMessage, ids: Ids) {
  return {
    extension: [
      { url: `${CORE}/medcom-core-datetime-extension`, valueDateTime: s.at },
      { url: `${CORE}/medcom-core-identifier-extension`, valueIdentifier: { value: segmentIdOf(s.messageId), assigner: { reference: `Organization/${ids.organization(s.senderSor)}` } } },
      { url: `${CORE}/medcom-core-practitioner-extension`, valueReference: { reference: `PractitionerRole/${ids.role(s)}` } },
      { url: `${CORE}/medcom-core-contact-extension`, valueContactPoint: { system: 'phone', value: phoneOf(s.senderSor, m) } },
    ],
    contentString: s.text,
  };
}

/** The telephone number as MedCom writes it: digits, optionally a leading +, no spaces. */
function phoneOf(sor: string, m: AddressedMessage): string {
  const party = [m.sender, m.recipient].find((p) => p.sor === sor);
  return (party?.phone as string).replace(/\s+/g, '');
}

/** A PractitionerRole and its Practitioner for each segment's author: a person with a role, never an organisation. */
function authors(m: AddressedMessage, ids: Ids, segments: ThreadMessage[]): Resource[] {
  return segments.flatMap((s) => {
    const code = ROLE_CODE[s.author.role];
    const organisation = [m.sender, m.recipient].find((p) => p.sor === s.senderSor) as Site;
    return [{
      resourceType: 'PractitionerRole',
      id: ids.role(s),
      meta: { profile: [`${CORE}/medcom-core-practitionerrole`] },
      text: narrative([`${s.author.name}, ${ROLE_IN_DANISH[s.author.role]}, ${organisation.name}`]),
      practitioner: { reference: `Practitioner/${ids.practitioner(s)}` },
      code: [code ? { coding: [code] } : { text: ROLE_IN_DANISH[s.author.role] }],
    }, {
      resourceType: 'Practitioner',
      id: ids.practitioner(s),
      meta: { profile: [`${CORE}/medcom-core-practitioner`] },
      text: narrative([s.author.name]),
      name: [humanName(s.author.name)],
    }];
  });
}

function organization(id: string, site: Site): Resource {
  return {
    resourceType: 'Organization',
    id,
    meta: { profile: ['http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization'] },
    text: narrative([site.name]),
    identifier: [{ system: GLN, value: site.ean }, { system: SOR, value: site.sor }],
    name: site.name,
  };
}

/** Each segment's message has its Provenance: new, or a reply whose `revision` is the MessageHeader it answered. */
function provenance(s: ThreadMessage, ids: Ids): Resource {
  const when = danishDateTime(instantOf(s.at));
  return {
    resourceType: 'Provenance',
    id: ids.provenance(s),
    meta: { profile: [`${CC}/medcom-careCommunication-provenance`] },
    text: narrative([s.repliesTo ? `Svar på tidligere korrespondancemeddelelse, sendt ${when}` : `Ny korrespondancemeddelelse, sendt ${when}`]),
    target: [{ reference: `MessageHeader/${s.messageId}` }],
    occurredDateTime: s.at,
    recorded: s.at,
    activity: { coding: [{ system: `${TERM}/medcom-messaging-activityCodes`, code: s.repliesTo ? 'reply-message' : 'new-message' }] },
    agent: [{ who: { reference: `Organization/${ids.organization(s.senderSor)}` } }],
    entity: [
      { role: 'source', what: { identifier: { value: segmentIdOf(s.messageId) } } },
      ...(s.repliesTo ? [{ role: 'revision', what: { reference: `MessageHeader/${s.repliesTo}` } }] : []),
    ],
  };
}

/** »Karen Margrethe Jensen« ⇒ given [Karen, Margrethe], family Jensen. */
function humanName(name: string): { family: string; given?: string[] } {
  const parts = name.trim().split(/\s+/);
  const family = parts.length > 1 ? (parts.pop() as string) : parts[0];
  return { family, ...(parts.length ? { given: parts } : {}) };
}

const narrative = (lines: string[]) => ({
  status: 'generated',
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${escapeXml(l)}</p>`).join('')}</div>`,
});

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
