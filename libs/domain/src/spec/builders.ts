/**
 * Test builders for patient events: sensible defaults, every field overridable. Event ids are
 * deterministic per call order so that failures are reproducible.
 */
import {
  ConditionImprovedData, DecisionMadeData, HandedOverToData, RevisedData, TemporarilyRevokedData, TestamentActivatedData, WillRegistryLookedUpData,
} from '../events/event-data';
import { EventOf, PatientEvent } from '../events/patient-event';
import { Actor, Role, Site } from '../vocabulary/primitives';

let counter = 0;
export function nextId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

export const actor = (role: Role = 'physician', overrides: Partial<Actor> = {}): Actor => ({
  sub: `${role}-1`,
  name: role === 'physician' ? 'Læge Lise Hansen' : `Sygeplejerske Sara Berg`,
  role,
  org: '123456789012345',
  ...overrides,
});

export interface Meta {
  recordedAt?: string;
  by?: Actor;
  eventId?: string;
}

function envelope<T extends PatientEvent['type']>(type: T, data: EventOf<T>['data'], effective: string, meta: Meta): EventOf<T> {
  return {
    eventId: meta.eventId ?? nextId(),
    type,
    schemaVersion: 1,
    recordedAt: meta.recordedAt ?? effective,
    recordedBy: meta.by ?? actor(),
    data,
  } as EventOf<T>;
}

/** A CPR number for a birth date, using a 7th digit whose century rule yields that year. */
export function cprFor(birthDate: string): string {
  const [y, m, d] = birthDate.split('-');
  const yy = y.slice(2);
  const seventh = Number(y) < 1900 ? '5' : Number(y) < 2000 ? '1' : '4';
  return `${d}${m}${yy}${seventh}234`;
}

export const patientRegistered = (birthDate = '1948-03-01', meta: Meta = {}) =>
  envelope('PatientRegistered', { cpr: cprFor(birthDate), name: 'Karen Jensen', birthDate }, meta.recordedAt ?? '2020-01-01T00:00:00+01:00', meta);

export const decisionMade = (data: Partial<DecisionMadeData> & Pick<DecisionMadeData, 'basis' | 'decidedAt'>, meta: Meta = {}) =>
  envelope('DecisionMade', { decisionId: nextId(), oral: false, ...defaultsFor(data.basis), ...data }, data.decidedAt, meta);

function defaultsFor(basis: DecisionMadeData['basis']): Partial<DecisionMadeData> {
  if (basis === 'physician') return { grounds: ['irreversibly_dying'] };
  if (basis === 'patient') return { illnessSituation: { id: 'hip-fracture-2026', description: 'Hoftefraktur, indlagt' } };
  return {};
}

export const revised = (data: Pick<RevisedData, 'decisionId' | 'action' | 'revisedAt'> & Partial<RevisedData>, meta: Meta = {}) =>
  envelope('Revised', { reason: 'ændret vurdering', ...data }, data.revisedAt, meta);

export const temporarilyRevoked = (data: Partial<TemporarilyRevokedData> & Pick<TemporarilyRevokedData, 'instrument' | 'statedAt'>, meta: Meta = {}) =>
  envelope('TemporarilyRevoked', { illnessSituation: { id: 'pneumonia-2026', description: 'Lungebetændelse' }, ...data }, data.statedAt, { by: actor('nurse'), ...meta });

export const testamentActivated = (data: Partial<TestamentActivatedData> & Pick<TestamentActivatedData, 'assessedAt'>, meta: Meta = {}) =>
  envelope('TestamentActivated', {
    kind: 'behandlingstestamente', situation: 'irreversibly_dying', permanentlyIncompetent: true, conditionalOnRelatives: false, relativesAccepted: false, ...data,
  }, data.assessedAt, meta);

export const willLookedUp = (data: Partial<WillRegistryLookedUpData> & Pick<WillRegistryLookedUpData, 'at' | 'result'>, meta: Meta = {}) =>
  envelope('WillRegistryLookedUp', { lookupId: nextId(), ...data }, data.at, { by: actor('nurse'), ...meta });

/** The id a will activation is revised by (R6.7): its activationId, or its event id for older events. */
export const activationIdOf = (e: EventOf<'TestamentActivated'>): string => e.data.activationId ?? e.eventId;

export const conditionImproved = (data: Partial<ConditionImprovedData> & Pick<ConditionImprovedData, 'at'>, meta: Meta = {}) =>
  envelope('ConditionImproved', { dischargeable: false, ...data }, data.at, meta);

export const site = (sector: Site['sector'], sor: string, ean: string, name: string, phone?: string): Site => ({ sector, sor, ean, name, ...(phone ? { phone } : {}) });

export const HOSPITAL = site('hospital', '265071000016002', '5790000121526', 'Aalborg Universitetshospital, Medicinsk afdeling', '97 66 00 00');
export const NURSING_HOME = site('municipality', '953741000016009', '5790001348120', 'Plejecenter Solhaven', '72 36 00 00');
export const GP = site('general_practice', '1234561000016007', '5790000201389', 'Lægerne i Nørregade', '98 12 34 56');

export const handedOverTo = (data: Partial<HandedOverToData> & Pick<HandedOverToData, 'at'>, meta: Meta = {}) =>
  envelope('HandedOverTo', { handoverId: nextId(), kind: 'discharge', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP, outOfHours: false, ...data }, data.at, { by: actor('nurse'), ...meta });
