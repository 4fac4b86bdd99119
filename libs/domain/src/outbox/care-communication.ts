/**
 * A korrespondancemeddelelse as a MedCom CareCommunication 5.0 message Bundle (FHIR R4).
 * MessageHeader.id is the stable messageId (receivers drop duplicates by it); Bundle.id is the
 * envelope id, new on every send. Every other id derives from the messageId, so a resend is
 * the same message. A follow-up to a site already told is a reply (Provenance `revision`).
 *
 * authorContact: tokens carry no phone number, so the contact point is the sender's SOR entry,
 * which lists the unit's phone; a deployment with phone numbers should fill them in here.
 */
import { AddressedMessage as HandoverMessage } from './handover-message';
import { resourceIdOf } from './message-id';
import { Site } from '../vocabulary/primitives';

const CC = 'http://medcomfhir.dk/ig/carecommunication/StructureDefinition';
const CORE = 'http://medcomfhir.dk/ig/core/StructureDefinition';
const TERM = 'http://medcomfhir.dk/ig/terminology/CodeSystem';
const BASE = 'https://medcomfhir.dk/ig/carecommunication';
const SOR = 'urn:oid:1.2.208.176.1.1';
const GLN = 'https://www.gs1.org/gln';
const CPR = 'urn:oid:1.2.208.176.1.2';
const sorEndpoint = (sor: string) => `https://sor2.sum.dsdn.dk/#id=${sor}`;

type Resource = Record<string, unknown> & { resourceType: string; id: string };

export function careCommunicationBundle(message: HandoverMessage, envelopeId: string): Record<string, unknown> {
  const ids = idsFor(message);
  const resources: Resource[] = [
    messageHeader(message, ids),
    patient(message, ids),
    communication(message, ids),
    organization(ids.sender, message.sender),
    organization(ids.receiver, message.recipient),
    practitionerRole(message, ids),
    practitioner(message, ids),
    provenance(message, ids),
  ];
  return {
    resourceType: 'Bundle',
    id: envelopeId,
    meta: { profile: [`${CC}/medcom-careCommunication-message`] },
    type: 'message',
    timestamp: message.createdAt,
    entry: resources.map((r) => ({ fullUrl: `${BASE}/${r.resourceType}/${r.id}`, resource: r })),
  };
}

type Ids = ReturnType<typeof idsFor>;

function idsFor(m: HandoverMessage) {
  const id = (role: string) => resourceIdOf(m.messageId, role);
  return {
    header: m.messageId,
    patient: id('patient'),
    communication: id('communication'),
    sender: id(`organization-${m.sender.sor}`),
    receiver: id(`organization-${m.recipient.sor}`),
    role: id('practitioner-role'),
    practitioner: id('practitioner'),
    provenance: id('provenance'),
    communicationIdentifier: `urn:uuid:${id('communication-identifier')}`,
    payloadIdentifier: `urn:uuid:${id('payload-identifier')}`,
  };
}

const narrative = (text: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(text)}</p></div>` });

function messageHeader(m: HandoverMessage, ids: Ids): Resource {
  return {
    resourceType: 'MessageHeader',
    id: ids.header,
    meta: { profile: [`${CC}/medcom-careCommunication-messageHeader`] },
    text: narrative(`Korrespondancemeddelelse fra ${m.sender.name} til ${m.recipient.name}`),
    eventCoding: { system: `${TERM}/medcom-messaging-eventCodes`, code: 'care-communication-message' },
    destination: [{
      extension: [{ url: 'http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension', valueCoding: { system: `${TERM}/medcom-messaging-destinationUse`, code: 'primary' } }],
      endpoint: sorEndpoint(m.recipient.sor),
      receiver: { reference: `Organization/${ids.receiver}` },
    }],
    sender: { reference: `Organization/${ids.sender}` },
    source: { endpoint: sorEndpoint(m.sender.sor) },
    focus: [{ reference: `Communication/${ids.communication}` }],
    definition: 'http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0',
  };
}

function patient(m: HandoverMessage, ids: Ids): Resource {
  const parts = m.patient.name.trim().split(/\s+/);
  const family = parts.length > 1 ? parts.pop() as string : parts[0];
  return {
    resourceType: 'Patient',
    id: ids.patient,
    meta: { profile: [`${CORE}/medcom-core-patient`] },
    text: narrative(m.patient.name),
    identifier: [{ system: CPR, value: m.patient.cpr }],
    name: [{ use: 'official', family, ...(parts.length ? { given: parts } : {}) }],
  };
}

function communication(m: HandoverMessage, ids: Ids): Resource {
  return {
    resourceType: 'Communication',
    id: ids.communication,
    meta: { profile: [`${CC}/medcom-careCommunication-communication`] },
    text: narrative(m.text),
    identifier: [{ value: ids.communicationIdentifier }],
    status: 'unknown',
    category: [{ coding: [{ system: `${TERM}/medcom-careCommunication-categoryCodes`, code: m.handover?.kind === 'discharge' ? 'discharge' : 'carecoordination' }] }],
    subject: { reference: `Patient/${ids.patient}` },
    topic: { text: 'Genoplivningsstatus (fravalg af genoplivningsforsøg)' },
    payload: [{
      extension: [
        { url: `${CORE}/medcom-core-datetime-extension`, valueDateTime: m.createdAt },
        { url: `${CORE}/medcom-core-identifier-extension`, valueIdentifier: { value: ids.payloadIdentifier, assigner: { reference: `Organization/${ids.sender}` } } },
        { url: `${CORE}/medcom-core-practitioner-extension`, valueReference: { reference: `PractitionerRole/${ids.role}` } },
        { url: `${CORE}/medcom-core-contact-extension`, valueContactPoint: { system: 'url', value: sorEndpoint(m.sender.sor) } },
      ],
      contentString: m.text,
    }],
  };
}

function organization(id: string, site: Site): Resource {
  return {
    resourceType: 'Organization',
    id,
    meta: { profile: ['http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization'] },
    text: narrative(site.name),
    identifier: [{ system: GLN, value: site.ean }, { system: SOR, value: site.sor }],
    name: site.name,
  };
}

/** The author: whoever recorded the change (or the decider); role as SKS administrative code where known. */
function practitionerRole(m: HandoverMessage, ids: Ids): Resource {
  const role = m.resuscitation.decidedBy?.role;
  const code = role === 'physician' ? { coding: [{ system: `${TERM}/medcom-core-PractitionerRolesSKSadministrativ`, code: 'sygehuslaege' }] } : { text: role ?? 'sundhedsperson' };
  return {
    resourceType: 'PractitionerRole',
    id: ids.role,
    meta: { profile: [`${CORE}/medcom-core-practitionerrole`] },
    text: narrative(`${m.resuscitation.decidedBy?.name ?? m.sender.name}`),
    practitioner: { reference: `Practitioner/${ids.practitioner}` },
    organization: { reference: `Organization/${ids.sender}` },
    code: [code],
  };
}

function practitioner(m: HandoverMessage, ids: Ids): Resource {
  const name = m.resuscitation.decidedBy?.name ?? m.sender.name;
  return {
    resourceType: 'Practitioner',
    id: ids.practitioner,
    meta: { profile: [`${CORE}/medcom-core-practitioner`] },
    text: narrative(name),
    name: [{ text: name }],
  };
}

function provenance(m: HandoverMessage, ids: Ids): Resource {
  const reply = m.inReplyTo !== undefined;
  return {
    resourceType: 'Provenance',
    id: ids.provenance,
    meta: { profile: [`${CC}/medcom-careCommunication-provenance`] },
    text: narrative(reply ? 'Opfølgning på tidligere meddelelse' : 'Ny meddelelse'),
    target: [{ reference: `MessageHeader/${ids.header}` }],
    occurredDateTime: m.createdAt,
    recorded: m.createdAt,
    activity: { coding: [{ system: `${TERM}/medcom-messaging-activityCodes`, code: reply ? 'reply-message' : 'new-message' }] },
    agent: [{ who: { reference: `Organization/${ids.sender}` } }],
    entity: [
      { role: 'source', what: { identifier: { value: ids.payloadIdentifier } } },
      ...(reply ? [{ role: 'revision', what: { reference: `MessageHeader/${m.inReplyTo}` } }] : []),
    ],
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}
