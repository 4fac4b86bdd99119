/** fast-check generators of patient histories: decisions of every basis, revisions, revocations, wills, improvements. */
import fc from 'fast-check';
import { PatientEvent } from '../events/patient-event';
import { activationIdOf, decisionMade, handedOverTo, patientRegistered, revised, temporarilyRevoked, testamentActivated, conditionImproved, willLookedUp } from './builders';

const START = Date.parse('2026-03-01T00:00:00Z');
const MINUTE = 60_000;
export const WINDOW_MINUTES = 60 * 24 * 30;

export const iso = (minute: number) => new Date(START + minute * MINUTE).toISOString().replace('.000Z', 'Z');
export const arbMinute = fc.integer({ min: 0, max: WINDOW_MINUTES });

const situationIds = ['s1', 's2'];
const arbSituation = fc.constantFrom(...situationIds).map((id) => ({ id, description: `situation ${id}` }));

type Step =
  | { kind: 'decision'; basis: 'physician' | 'patient' | 'register'; minute: number; situation: { id: string; description: string }; oral: boolean; registeredDay: number }
  | { kind: 'revision'; pick: number; action: 'withdraw' | 'reaffirm' | 'confirm_in_writing' | 'declare_invalid'; minute: number }
  | { kind: 'lookup'; minute: number; found: boolean }
  | { kind: 'revocation'; instrument: 'register' | 'testament'; minute: number; situation: { id: string; description: string } }
  | { kind: 'testament'; minute: number; will: 'behandlingstestamente' | 'livstestamente'; situation: 'irreversibly_dying' | 'severe_disability'; conditional: boolean; accepted: boolean }
  | { kind: 'improvement'; minute: number; dischargeable: boolean; situationId: string | undefined }
  | { kind: 'handover'; minute: number };

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('decision' as const), basis: fc.constantFrom('physician' as const, 'patient' as const, 'register' as const), minute: arbMinute, situation: arbSituation, oral: fc.boolean(), registeredDay: fc.integer({ min: -10, max: 20 }) }),
  fc.record({ kind: fc.constant('revision' as const), pick: fc.nat(), action: fc.constantFrom('withdraw' as const, 'reaffirm' as const, 'confirm_in_writing' as const, 'declare_invalid' as const), minute: arbMinute }),
  fc.record({ kind: fc.constant('lookup' as const), minute: arbMinute, found: fc.boolean() }),
  fc.record({ kind: fc.constant('revocation' as const), instrument: fc.constantFrom('register' as const, 'testament' as const), minute: arbMinute, situation: arbSituation }),
  fc.record({ kind: fc.constant('testament' as const), minute: arbMinute, will: fc.constantFrom('behandlingstestamente' as const, 'livstestamente' as const), situation: fc.constantFrom('irreversibly_dying' as const, 'severe_disability' as const), conditional: fc.boolean(), accepted: fc.boolean() }),
  fc.record({ kind: fc.constant('improvement' as const), minute: arbMinute, dischargeable: fc.boolean(), situationId: fc.option(fc.constantFrom(...situationIds), { nil: undefined }) }),
  fc.record({ kind: fc.constant('handover' as const), minute: arbMinute }),
);

/**
 * Turns steps into a stream as the service records it: record times follow stream order, and
 * each event is recorded after what it states — or up to 5 minutes before, as R1.4 allows
 * (a deterministic 0–5 minutes taken from the step's minute). Documenting late is common, so
 * an event may be recorded long after its stated time, and before a later-stated earlier event.
 */
export function historyOf(steps: Step[]): PatientEvent[] {
  const events: PatientEvent[] = [patientRegistered('1948-03-01', { recordedAt: iso(-1) })];
  const decisions: Array<{ id: string; minute: number; basis: string }> = [];
  let recorded = -1;
  for (const step of steps) {
    const e = eventOf(step, decisions);
    if (!e) continue;
    recorded = Math.max(recorded + 1, step.minute - (step.minute % 6));
    events.push({ ...e, recordedAt: iso(recorded) });
  }
  return events;
}

/** Decisions and will activations made so far: what a revision can name (the decider refuses the rest, so neither do we make them). */
type Revisable = { id: string; minute: number; basis: string };

function eventOf(step: Step, decisions: Revisable[]): PatientEvent | null {
  switch (step.kind) {
    case 'decision': {
      const registeredAt = iso(step.registeredDay * 24 * 60).slice(0, 10);
      const d = decisionMade({ basis: step.basis, decidedAt: iso(step.minute), illnessSituation: step.basis === 'patient' ? step.situation : undefined, oral: step.oral, registeredAt: step.basis === 'register' ? registeredAt : undefined });
      decisions.push({ id: d.data.decisionId, minute: step.minute, basis: step.basis });
      return d;
    }
    case 'revision': {
      if (decisions.length === 0) return null;
      const target = decisions[step.pick % decisions.length];
      if (step.action === 'declare_invalid' && target.basis !== 'register') return null;
      if (target.basis === 'testament' && step.action !== 'withdraw' && step.action !== 'reaffirm') return null;
      const invalidity = step.action === 'declare_invalid' ? { assessment: 'varigt inhabil ved registreringen', reportedToStps: { at: '2026-03-01' } } : {};
      return revised({ decisionId: target.id, action: step.action, revisedAt: iso(Math.max(step.minute, target.minute)), ...invalidity });
    }
    case 'lookup':
      return willLookedUp(step.found ? { at: iso(step.minute), result: 'found', kind: 'behandlingstestamente', situations: ['irreversibly_dying'] } : { at: iso(step.minute), result: 'not_found' });
    case 'revocation':
      return temporarilyRevoked({ instrument: step.instrument, statedAt: iso(step.minute), illnessSituation: step.situation, patientCompetent: true });
    case 'testament': {
      const w = testamentActivated({ assessedAt: iso(step.minute), kind: step.will, situation: step.situation, conditionalOnRelatives: step.conditional && step.will === 'behandlingstestamente' && step.situation !== 'irreversibly_dying', relativesAccepted: step.accepted });
      decisions.push({ id: activationIdOf(w), minute: step.minute, basis: 'testament' });
      return w;
    }
    case 'improvement':
      return conditionImproved({ at: iso(step.minute), dischargeable: step.dischargeable, illnessSituationId: step.situationId });
    case 'handover':
      return handedOverTo({ at: iso(step.minute) });
  }
}

export const arbHistory = fc.array(arbStep, { maxLength: 14 }).map(historyOf);

/** Histories recorded as things happen — in the order of their stated times (the common case in practice). */
export const arbTimelyHistory = fc.array(arbStep, { maxLength: 14 }).map((steps) => historyOf([...steps].sort((a, b) => a.minute - b.minute)));
