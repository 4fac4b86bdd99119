/**
 * A reply, field by field against MedCom's own reply example (carecommunication 5.0.2,
 * Bundle-b56549f7-…: the nursing home answers the hospital ward's message). Here too the nursing
 * home answers: the hospital discharged the patient with a korrespondancemeddelelse, and a nurse
 * at the nursing home records a significant improvement, which the hospital whose physician
 * decided must hear of (R7.5a) — within the thread the two already share.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { careCommunicationBundle, HandoverMessage, messagesOwed, UUID_V4_FORM } from '@dnr/domain';
import { addressFromDirectory } from '../libs/outbox/src/delivery/addressing';
import { actor, conditionImproved, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered } from '../libs/domain/src/spec/builders';
import { SHARED } from './support/shared';

type Json = Record<string, any>;

const example: Json = JSON.parse(execFileSync('tar', ['-xzOf', join(SHARED, 'medcom/packages/carecommunication_5.0.2.tgz'), 'package/example/Bundle-b56549f7-ed10-422d-8088-f7222b686e46.json'], { encoding: 'utf8' }));

const reg = patientRegistered('1948-03-01');
const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { by: actor('physician', { org: HOSPITAL.sor, name: 'Anna Holm' }) });
const discharge = handedOverTo({ at: '2026-03-05T10:00:00+01:00' }, { by: actor('nurse', { org: HOSPITAL.sor, name: 'Mette Lund' }), recordedAt: '2026-03-05T10:00:00+01:00' });
const improved = conditionImproved({ at: '2026-03-10T09:00:00+01:00' }, { by: actor('nurse', { org: NURSING_HOME.sor, name: 'Birgitte Dahl' }), recordedAt: '2026-03-10T09:30:00+01:00' });
const owed = messagesOwed([reg, decided, discharge, improved], 'p1');

/** As the operator's SOR export load would have put them. */
const directory = [HOSPITAL, NURSING_HOME, GP].map((site) => ({ ...site, confirmed: true }));
function sent(m: HandoverMessage, envelopeId: string): Json {
  const addressed = addressFromDirectory(m, (sor) => directory.find((s) => s.sor === sor) ?? null);
  if (!addressed.ok) throw new Error(addressed.missing);
  return careCommunicationBundle(addressed.message, envelopeId);
}
const find = (causedBy: string, from: string, to: string) => owed.find((m) => m.kind === 'korrespondancemeddelelse' && m.causedBy === causedBy && m.sender.sor === from && m.recipient.sor === to) as HandoverMessage;
const earlierMessage = find(discharge.eventId, HOSPITAL.sor, NURSING_HOME.sor);
const replyMessage = find(improved.eventId, NURSING_HOME.sor, HOSPITAL.sor);
const earlier = sent(earlierMessage, '0f6e6a8e-1d6c-4a4e-9d0a-6f7f3f0b2a11');
const reply = sent(replyMessage, '5b0c2d7e-8a1f-4c3b-9e6d-2a7b8c9d0e1f');

const resources = (b: Json) => b.entry.map((e: Json) => e.resource);
const ofType = (b: Json, type: string) => resources(b).filter((r: Json) => r.resourceType === type);
const one = (b: Json, type: string) => ofType(b, type)[0];
const byReference = (b: Json, reference: string) => resources(b).find((r: Json) => `${r.resourceType}/${r.id}` === reference);
const extension = (segment: Json, name: string) => segment.extension.find((x: Json) => x.url.endsWith(`/${name}`));
const sorOf = (organization: Json) => organization.identifier.find((i: Json) => i.system === 'urn:oid:1.2.208.176.1.1').value;
const provenanceOf = (b: Json, headerId: string) => ofType(b, 'Provenance').find((p: Json) => p.target[0].reference === `MessageHeader/${headerId}`);

/** Every element path a resource uses (array positions and values left out): the fields, not their contents. */
function fieldsOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => fieldsOf(v, path));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'div' ? [`${path}.div`] : fieldsOf(v, `${path}.${k}`)));
  return [path];
}
const fields = (r: Json) => [...new Set(fieldsOf(r))].sort();
/** MedCom's example also carries a PDF attachment segment; a text segment is what compares. */
const withTextSegmentsOnly = (c: Json) => ({ ...c, payload: c.payload.filter((p: Json) => p.contentString) });

describe("a reply follows MedCom's reply example (Bundle-b56549f7-…) field by field", () => {
  it('is a reply from the nursing home to the hospital, the parties of the thread', () => {
    expect(replyMessage.inReplyTo).toBe(earlierMessage.messageId);
    expect(sorOf(byReference(reply, one(reply, 'MessageHeader').sender.reference))).toBe(NURSING_HOME.sor);
    expect(sorOf(byReference(reply, one(reply, 'MessageHeader').destination[0].receiver.reference))).toBe(HOSPITAL.sor);
  });

  it('the Bundle: same profile, type, and the same resources — MessageHeader first, two authors, two organisations, two Provenances', () => {
    expect({ meta: reply.meta, type: reply.type }).toEqual({ meta: example.meta, type: example.type });
    expect(reply.timestamp).toBe(improved.recordedAt);
    expect(resources(reply)[0].resourceType).toBe('MessageHeader');
    const types = (b: Json) => resources(b).map((r: Json) => r.resourceType).sort();
    expect(types(reply)).toEqual(types(example));
  });

  it.each(['MessageHeader', 'Patient', 'PractitionerRole', 'Practitioner', 'Organization'])('%s uses exactly the fields the example uses', (type) => {
    for (const ours of ofType(reply, type)) expect(fields(ours)).toEqual(fields(one(example, type)));
  });

  it('each Provenance uses exactly the fields of the example’s Provenance with the same activity (new, reply)', () => {
    const activity = (p: Json) => p.activity.coding[0].code;
    expect(ofType(reply, 'Provenance').map(activity).sort()).toEqual(ofType(example, 'Provenance').map(activity).sort());
    for (const ours of ofType(reply, 'Provenance')) expect(fields(ours)).toEqual(fields(ofType(example, 'Provenance').find((p: Json) => activity(p) === activity(ours))));
  });

  it('Communication uses exactly the fields the example uses (its text segments)', () =>
    expect(fields(one(reply, 'Communication'))).toEqual(fields(withTextSegmentsOnly(one(example, 'Communication')))));

  it('MessageHeader: event, primary destination at the hospital’s SOR endpoint, source at the nursing home’s, focus on the Communication, definition 5.0', () => {
    const ours = one(reply, 'MessageHeader');
    const theirs = one(example, 'MessageHeader');
    expect(ours.id).toBe(replyMessage.messageId);
    expect(ours.eventCoding).toEqual(theirs.eventCoding);
    expect(ours.destination[0].extension).toEqual(theirs.destination[0].extension);
    expect(ours.destination[0].endpoint).toBe(`https://sor2.sum.dsdn.dk/#id=${HOSPITAL.sor}`);
    expect(ours.source.endpoint).toBe(`https://sor2.sum.dsdn.dk/#id=${NURSING_HOME.sor}`);
    expect(byReference(reply, ours.focus[0].reference).resourceType).toBe('Communication');
    expect(ours.definition).toBe(theirs.definition);
  });

  it("Communication: the thread's identifier kept, the earlier segment first and unchanged, then the reply's own", () => {
    const ours = one(reply, 'Communication');
    const before = one(earlier, 'Communication');
    expect(ours.identifier).toEqual(before.identifier);
    expect(ours.payload).toHaveLength(2);
    expect(ours.payload[0]).toEqual(before.payload[0]);
    expect(ours.status).toBe(one(example, 'Communication').status);
    expect(byReference(reply, ours.subject.reference).resourceType).toBe('Patient');
  });

  it('each segment: its date, its identifier assigned by its organisation, its author, the author’s telephone, its text', () => {
    const [first, second] = one(reply, 'Communication').payload;
    const expected = [[first, earlierMessage, HOSPITAL, 'Mette Lund'], [second, replyMessage, NURSING_HOME, 'Birgitte Dahl']] as const;
    for (const [segment, message, site, author] of expected) {
      expect(extension(segment, 'medcom-core-datetime-extension').valueDateTime).toBe(message.createdAt);
      const identifier = extension(segment, 'medcom-core-identifier-extension').valueIdentifier;
      expect(identifier.value.replace('urn:uuid:', '')).toMatch(UUID_V4_FORM);
      expect(sorOf(byReference(reply, identifier.assigner.reference))).toBe(site.sor);
      const role = byReference(reply, extension(segment, 'medcom-core-practitioner-extension').valueReference.reference);
      expect(role.code).toEqual([{ coding: [{ system: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-core-PractitionerRolesSKSadministrativ', code: 'sygeplejerske' }] }]);
      const person = byReference(reply, role.practitioner.reference).name[0];
      expect(`${person.given.join(' ')} ${person.family}`).toBe(author);
      expect(extension(segment, 'medcom-core-contact-extension').valueContactPoint).toEqual({ system: 'phone', value: site.phone?.replace(/\s/g, '') });
      expect(segment.contentString).toBe(message.text);
    }
    expect(one(reply, 'Communication').identifier[0].value.replace('urn:uuid:', '')).toMatch(UUID_V4_FORM);
  });

  it("the earlier message's author and Provenance come along as they were sent", () => {
    const earlierRole = byReference(earlier, extension(one(earlier, 'Communication').payload[0], 'medcom-core-practitioner-extension').valueReference.reference);
    expect(byReference(reply, `PractitionerRole/${earlierRole.id}`)).toEqual(earlierRole);
    expect(byReference(reply, earlierRole.practitioner.reference)).toEqual(byReference(earlier, earlierRole.practitioner.reference));
    expect(provenanceOf(reply, earlierMessage.messageId)).toEqual(provenanceOf(earlier, earlierMessage.messageId));
    expect(provenanceOf(earlier, earlierMessage.messageId).activity.coding[0].code).toBe('new-message');
  });

  it("the reply's Provenance: reply-message by the nursing home, its own segment the source, the earlier CareCommunication's MessageHeader the revision", () => {
    const ours = provenanceOf(reply, replyMessage.messageId);
    const theirs = provenanceOf(example, one(example, 'MessageHeader').id);
    expect(ours.activity).toEqual(theirs.activity);
    expect([ours.occurredDateTime, ours.recorded]).toEqual([improved.recordedAt, improved.recordedAt]);
    expect(sorOf(byReference(reply, ours.agent[0].who.reference))).toBe(NURSING_HOME.sor);
    const ownSegment = extension(one(reply, 'Communication').payload[1], 'medcom-core-identifier-extension').valueIdentifier.value;
    expect(ours.entity).toEqual([
      { role: 'source', what: { identifier: { value: ownSegment } } },
      { role: 'revision', what: { reference: `MessageHeader/${earlierMessage.messageId}` } },
    ]);
    expect(theirs.entity.map((e: Json) => e.role).sort()).toEqual(['revision', 'source', 'source']); // theirs adds its attachment segment as a second source
  });

  it('the organisations keep their resource ids through the thread', () => {
    const ids = (b: Json) => ofType(b, 'Organization').map((o: Json) => `${sorOf(o)}:${o.id}`).sort();
    expect(ids(reply)).toEqual(ids(earlier));
  });
});
