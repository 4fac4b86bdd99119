/** Generated korrespondancemeddelelser against the official MedCom CareCommunication 5.0 profiles. */
import { AddressedMessage, careCommunicationBundle, HandoverMessage, messagesOwed } from '@dnr/domain';
import { addressFromDirectory } from '../libs/outbox/src/delivery/addressing';
import { actor, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered, revised } from '../libs/domain/src/spec/builders';
import { MedComProfiles } from './support/medcom-profiles';

const profiles = new MedComProfiles();
const reg = patientRegistered('1948-03-01');
const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { by: actor('physician', { org: HOSPITAL.sor }) });
const discharge = handedOverTo({ at: '2026-03-05T10:00:00+01:00', kind: 'discharge' });
const withdrawal = revised({ decisionId: decided.data.decisionId, action: 'withdraw', revisedAt: '2026-03-20T09:00:00+01:00' }, { by: actor('physician', { org: GP.sor }) });
const directory = [HOSPITAL, NURSING_HOME, GP];
/** As the relay sends them: sender and addressee completed from the sites directory. */
function addressed(m: HandoverMessage): AddressedMessage {
  const a = addressFromDirectory(m, (sor) => directory.find((s) => s.sor === sor) ?? null);
  if (!a.ok) throw new Error(a.missing);
  return a.message;
}
const korrespondancer = messagesOwed([reg, decided, discharge, withdrawal], 'p1').filter((m) => m.kind === 'korrespondancemeddelelse').map(addressed);

describe('MedCom CareCommunication 5.0 conformance', () => {
  it('the checker accepts the official example Bundles (it is calibrated, not just strict)', () => {
    expect(profiles.examples.length).toBeGreaterThan(3);
    for (const example of profiles.examples) expect(profiles.validateBundle(example)).toEqual([]);
  });

  it('the checker rejects a Bundle that breaks a profile rule', () => {
    const broken = careCommunicationBundle(korrespondancer[0], '5f0a8a5e-0000-4000-8000-000000000001') as any;
    broken.entry.find((e: any) => e.resource.resourceType === 'Communication').resource.category[0].coding[0].code = 'not-a-category';
    broken.entry = broken.entry.filter((e: any) => e.resource.resourceType !== 'Provenance');
    delete broken.entry[0].resource.definition;
    broken.entry.find((e: any) => e.resource.resourceType === 'Practitioner').resource.name = [];
    const problems = profiles.validateBundle(broken).map((f) => `${f.where} ${f.problem}`).join('\n');
    expect(problems).toMatch(/not-a-category/); // required binding
    expect(problems).toMatch(/medcom-messaging-2/); // invariant: a Provenance is required
    expect(problems).toMatch(/MessageHeader.definition needs at least 1/); // cardinality
    expect(problems).toMatch(/medcom-careCommunication-4/); // invariant through the Bundle
  });

  it.each(korrespondancer.map((m, i) => [i, m.recipient.name, m] as const))('generated message %i to %s conforms', (_i, _name, m) => {
    const bundle = careCommunicationBundle(m, '5f0a8a5e-0000-4000-8000-000000000002');
    expect(profiles.validateBundle(bundle)).toEqual([]);
  });

  it('MessageHeader.id is the stable messageId; Bundle.id is the envelope; a follow-up is a reply with a revision entity', () => {
    const reply = korrespondancer.find((m) => m.inReplyTo)!;
    const a = careCommunicationBundle(reply, '5f0a8a5e-0000-4000-8000-00000000000a') as any;
    const b = careCommunicationBundle(reply, '5f0a8a5e-0000-4000-8000-00000000000b') as any;
    expect(a.entry[0].resource.id).toBe(reply.messageId);
    expect(b.entry[0].resource.id).toBe(reply.messageId);
    expect([a.id, b.id]).toEqual(['5f0a8a5e-0000-4000-8000-00000000000a', '5f0a8a5e-0000-4000-8000-00000000000b']);
    const provenance = a.entry.find((e: any) => e.resource.resourceType === 'Provenance').resource;
    expect(provenance.activity.coding[0].code).toBe('reply-message');
    expect(provenance.entity).toContainEqual({ role: 'revision', what: { reference: `MessageHeader/${reply.inReplyTo}` } });
  });

  it('carries the patient by CPR, the R8.1 wording and the structure of the official new-message example', () => {
    const bundle = careCommunicationBundle(korrespondancer[0], '5f0a8a5e-0000-4000-8000-000000000003') as any;
    const example = profiles.examples.find((e) => e.id === '0d5b3c18-fab6-4d93-9d88-c9c8abf1f18c');
    const types = (b: any) => [...new Set(b.entry.map((e: any) => e.resource.resourceType))].sort();
    expect(types(bundle)).toEqual(types(example));
    const patient = bundle.entry.find((e: any) => e.resource.resourceType === 'Patient').resource;
    expect(patient.identifier).toEqual([{ system: 'urn:oid:1.2.208.176.1.2', value: reg.data.cpr }]);
    expect(JSON.stringify(bundle)).toContain('Ingen lægelig indikation for genoplivningsforsøg ved hjertestop');
    for (const e of bundle.entry) expect(e.resource.text?.div).toBeDefined();
  });
});
