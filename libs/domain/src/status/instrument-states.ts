/** Reads each instrument's state at `at` off the timeline, with the rule that puts it there. */
import { addDays, Instant, instantOf, startOfDanishDay, toDanishIso } from '../time/danish-time';
import { InstrumentState, InstrumentView, Recorder } from './resuscitation-status';
import { DecisionTrack, recorderOf, RevocationTrack, TestamentTrack, Timeline } from './timeline';

export interface Instrument {
  view: InstrumentView;
  sinceInstant: Instant;
  oralUnconfirmed: boolean;
  reevaluationRequiredSince?: Instant;
}

export function instrumentsAt(t: Timeline, at: Instant): Instrument[] {
  const active = activeRevocations(t, at);
  const decisions = [...t.decisions.values()].map((d) => decisionInstrument(d, at, active));
  const testaments = [...t.testaments.values()].map((w) => testamentInstrument(w, active));
  return [...decisions, ...testaments];
}

export function activeRevocations(t: Timeline, at: Instant): RevocationTrack[] {
  return t.revocations.filter((r) => r.statedAt <= at && (r.endedAt === undefined || r.endedAt > at));
}

function decisionInstrument(d: DecisionTrack, at: Instant, active: RevocationTrack[]): Instrument {
  const { basis, decisionId, grounds, illnessSituation } = d.made.data;
  const [state, since, rule] = decisionState(d, at, active);
  return {
    view: {
      kind: basis,
      id: decisionId,
      state,
      since: toDanishIso(since),
      rule,
      decidedAt: d.made.data.decidedAt,
      decidedBy: recorderOf(d.made),
      ...(grounds ? { grounds } : {}),
      ...(illnessSituation ? { illnessSituationId: illnessSituation.id } : {}),
      ...(basis === 'register' ? { effectiveFrom: registerEffectiveDate(d) } : {}),
    },
    sinceInstant: since,
    oralUnconfirmed: d.made.data.oral && !d.confirmedInWriting,
    reevaluationRequiredSince: d.reevaluationRequiredSince,
  };
}

type StateAndRule = [InstrumentState, Instant, string];

function decisionState(d: DecisionTrack, at: Instant, active: RevocationTrack[]): StateAndRule {
  const basis = d.made.data.basis;
  if (d.withdrawnAt !== undefined) return ['withdrawn', d.withdrawnAt, WITHDRAWAL_RULE[basis]];
  if (basis === 'physician') return ['in_force', d.decidedAt, 'R3.3'];
  if (basis === 'patient') return d.lapsedAt !== undefined ? ['lapsed', d.lapsedAt, 'R4.5'] : ['in_force', d.decidedAt, 'R4.3'];
  const effectiveFrom = startOfDanishDay(registerEffectiveDate(d));
  if (at < effectiveFrom) return ['pending', Math.min(d.decidedAt, startOfDanishDay(d.made.data.registeredAt as string)), 'R5.1'];
  const revocation = active.find((r) => r.made.data.instrument === 'register');
  if (revocation) return ['suspended', Math.max(revocation.statedAt, effectiveFrom), 'R5.3'];
  return ['in_force', effectiveFrom, 'R5.1'];
}

const WITHDRAWAL_RULE = { physician: 'R3.3', patient: 'R4.4', register: 'R5.4' } as const;

/** R5.1: in force from 00:00 Danish time on the registration day + 7. */
export function registerEffectiveDate(d: DecisionTrack): string {
  return addDays(d.made.data.registeredAt as string, 7);
}

function testamentInstrument(w: TestamentTrack, active: RevocationTrack[]): Instrument {
  const { kind, situation, assessedAt } = w.latest.data;
  const [state, since, rule] = testamentState(w, active);
  return {
    view: {
      kind: 'testament',
      id: w.latest.eventId,
      state,
      since: toDanishIso(since),
      rule,
      decidedAt: assessedAt,
      decidedBy: recorderOf(w.latest) as Recorder,
      testament: { kind, situation },
    },
    sinceInstant: since,
    oralUnconfirmed: false,
  };
}

function testamentState(w: TestamentTrack, active: RevocationTrack[]): StateAndRule {
  const assessedAt = instantOf(w.latest.data.assessedAt);
  const revocation = active.find((r) => r.made.data.instrument === 'testament');
  if (revocation) return ['suspended', Math.max(revocation.statedAt, assessedAt), 'R6.4'];
  // R6.3 (b): a livstestamente in the severe-disability situation only advises the physician.
  if (w.latest.data.kind === 'livstestamente' && w.latest.data.situation === 'severe_disability') return ['advisory', assessedAt, 'R6.3'];
  if (w.conditional && !w.accepted) return ['awaiting_relatives', assessedAt, 'R6.3'];
  return ['in_force', assessedAt, 'R6.1'];
}
