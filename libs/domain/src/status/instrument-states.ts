/** Reads each instrument's state at `at` off the timeline, with the rule that puts it there. */
import { addDays, Instant, instantOf, startOfDanishDay, toDanishIso } from '../time/danish-time';
import { remembered } from '../time/remembered';
import { InstrumentState, InstrumentView } from './resuscitation-status';
import { EventOf } from '../events/patient-event';
import { DecisionTrack, incompetenceOf, recorderOf, TestamentTrack, Timeline, WishForCpr } from './timeline';
import { lookupNotShowing, lookupsDisagree, registryShowsConditional } from './will-registry';
import { permanentlyIncompetentSince } from './competence';

export interface Instrument {
  view: InstrumentView;
  sinceInstant: Instant;
  oralUnconfirmed: boolean;
  reevaluationRequiredSince?: Instant;
  /** A patient refusal that lapsed on improvement (R4.5): when. */
  lapsedAt?: Instant;
  /** A physician decision: when the physician last re-evaluated and kept it (R3.4, R5.3b), and when that was recorded. */
  reaffirmedAt?: Instant;
  reaffirmRecordedAt?: Instant;
  /** A will whose latest look-ups, stated at the same time, answer differently about it (R6.6). */
  registryDisagrees?: boolean;
  /** A refusal the patient made while the record shows her permanently incompetent (R4.7, R5.5): since when it shows that. */
  incompetentSince?: Instant;
}

/** `wishes`: the wishes for CPR in effect at `at` (activeWishes). */
export function instrumentsAt(t: Timeline, at: Instant, wishes: WishForCpr[]): Instrument[] {
  const instruments: Instrument[] = [];
  for (const d of t.decisions.values()) instruments.push(decisionInstrument(d, at, wishes, t));
  for (const w of t.testaments.values()) instruments.push(testamentInstrument(w, wishes, t.willLookups));
  return instruments;
}

/** The patient's wishes for CPR in effect at `at`, in the current illness situation (R5.3b). */
export function activeWishes(t: Timeline, at: Instant): WishForCpr[] {
  return t.wishes.filter((w) => w.statedAt <= at && (w.endedAt === undefined || w.endedAt > at));
}

function decisionInstrument(d: DecisionTrack, at: Instant, wishes: WishForCpr[], t: Timeline): Instrument {
  const { basis, decisionId, grounds, illnessSituation } = d.made.data;
  const incompetentSince = madeWhileIncompetent(d, t);
  const [state, since, rule] = incompetentSince === undefined ? decisionState(d, at, wishes) : contradictedByIncompetence(d);
  // The optional fields set one by one, not spread in: two assessments per event of a rebuild
  // made a throwaway object for each of them.
  const view: InstrumentView = { kind: basis, id: decisionId, state, since: toDanishIso(since), rule, decidedAt: d.made.data.decidedAt, decidedBy: recorderOf(d.made) };
  if (grounds) view.grounds = grounds;
  if (illnessSituation) view.illnessSituationId = illnessSituation.id;
  if (basis === 'register') view.effectiveFrom = registerEffectiveDate(d);
  if (d.declaredInvalid) view.declaredInvalid = invalidityOf(d.declaredInvalid);
  return {
    view,
    sinceInstant: since,
    oralUnconfirmed: d.made.data.oral && !d.confirmedInWriting,
    reevaluationRequiredSince: d.reevaluationRequiredSince,
    lapsedAt: d.lapsedAt,
    reaffirmedAt: d.reaffirmedAt,
    reaffirmRecordedAt: d.reaffirmRecordedAt,
    incompetentSince,
  };
}

/**
 * R4.7 A patient's own refusal made when the record shows her permanently incompetent; R5.5 a
 * registration made after the record shows the citizen permanently incompetent (»hvis
 * sundhedspersonen selv har vurderet den pågældende varigt inhabil forud for
 * registreringstidspunktet«, undtagelse 5) — before the registration day began, so undoubtedly.
 * A refusal made before the incompetence keeps binding (R4.6); one already ended stays as it ended.
 */
function madeWhileIncompetent(d: DecisionTrack, t: Timeline): Instant | undefined {
  if (d.withdrawnAt !== undefined) return undefined;
  const { basis, registeredAt } = d.made.data;
  if (basis === 'patient') return permanentlyIncompetentSince(t, d.decidedAt);
  if (basis === 'register') return permanentlyIncompetentSince(t, startOfDanishDay(registeredAt as string) - 1);
  return undefined;
}

/** Doubt, not a refusal: suspended until a physician clears it up (the flag says how); in doubt CPR (R1.2). */
function contradictedByIncompetence(d: DecisionTrack): StateAndRule {
  return d.made.data.basis === 'patient' ? ['suspended', d.decidedAt, 'R4.7'] : ['suspended', Math.min(d.decidedAt, startOfDanishDay(d.made.data.registeredAt as string)), 'R5.5'];
}

type StateAndRule = [InstrumentState, Instant, string];

function decisionState(d: DecisionTrack, at: Instant, wishes: WishForCpr[]): StateAndRule {
  const basis = d.made.data.basis;
  if (d.declaredInvalid) return ['withdrawn', d.withdrawnAt as Instant, 'R5.5'];
  if (d.withdrawnAt !== undefined) return ['withdrawn', d.withdrawnAt, WITHDRAWAL_RULE[basis]];
  if (basis === 'physician') return ['in_force', d.decidedAt, 'R3.3'];
  if (basis === 'patient') return patientRefusalState(d, wishes);
  const effectiveFrom = startOfDanishDay(registerEffectiveDate(d));
  if (at < effectiveFrom) return ['pending', Math.min(d.decidedAt, startOfDanishDay(d.made.data.registeredAt as string)), 'R5.1'];
  const wish = wishes[0];
  if (wish) return ['suspended', Math.max(wish.statedAt, effectiveFrom), wish.named === 'register' ? 'R5.3' : 'R5.3b'];
  return ['in_force', effectiveFrom, 'R5.1'];
}

/**
 * A patient's own refusal: lapsed on improvement (R4.5); suspended by a wish for CPR stated after
 * it was made (R5.3b) — the patient may withdraw at any time (R4.4), and in doubt CPR is
 * attempted (R1.2), so a wish for CPR outweighs every earlier refusal of the patient's own.
 * A refusal made after the wish is the patient's newer word and stands.
 */
function patientRefusalState(d: DecisionTrack, wishes: WishForCpr[]): StateAndRule {
  if (d.lapsedAt !== undefined) return ['lapsed', d.lapsedAt, 'R4.5'];
  const wish = wishes.find((w) => (w.asLateAs ?? w.statedAt) >= d.decidedAt);
  if (wish) return ['suspended', wish.statedAt, 'R5.3b'];
  return ['in_force', d.decidedAt, 'R4.3'];
}

const WITHDRAWAL_RULE = { physician: 'R3.3', patient: 'R4.4', register: 'R5.4' } as const;

/** R5.1: in force from 00:00 Danish time on the registration day + 7. */
export function registerEffectiveDate(d: DecisionTrack): string {
  return sevenDaysAfter(d.made.data.registeredAt as string);
}

const sevenDaysAfter = remembered((date: string) => addDays(date, 7));

function invalidityOf(r: NonNullable<DecisionTrack['declaredInvalid']>): NonNullable<InstrumentView['declaredInvalid']> {
  return { assessment: r.assessment as string, incompetence: incompetenceOf(r), ...(r.reportedToStps ? { reportedToStps: r.reportedToStps } : {}) };
}

function testamentInstrument(w: TestamentTrack, wishes: WishForCpr[], lookups: readonly EventOf<'WillRegistryLookedUp'>[]): Instrument {
  const { kind, situation, assessedAt, lookupId } = w.latest.data;
  const [state, since, rule] = testamentState(w, wishes, lookups);
  const view: InstrumentView = { kind: 'testament', id: w.id, state, since: toDanishIso(since), rule, decidedAt: assessedAt, decidedBy: recorderOf(w.latest), testament: { kind, situation } };
  if (lookupId) view.lookupId = lookupId;
  return {
    view,
    sinceInstant: since,
    oralUnconfirmed: false,
    reevaluationRequiredSince: w.reevaluationRequiredSince,
    registryDisagrees: lookupsDisagree(lookups, w.latest.data),
  };
}

function testamentState(w: TestamentTrack, wishes: WishForCpr[], lookups: readonly EventOf<'WillRegistryLookedUp'>[]): StateAndRule {
  const will = w.latest.data;
  const assessedAt = w.latestAssessedAt;
  if (w.withdrawnAt !== undefined) return ['withdrawn', w.withdrawnAt, 'R6.7'];
  // R6.4: a will is revoked »så længe denne er habil« (undtagelse 6) — unlike the register, whose
  // revocation holds »uanset borgerens habilitetsniveau« (undtagelse 5). A wish recorded as said by
  // an incompetent patient leaves the will binding; one whose competence is not stated is doubt (R1.2).
  const wish = wishes.find((x) => x.patientCompetent !== false);
  if (wish) return ['suspended', Math.max(wish.statedAt, assessedAt), wish.named === 'testament' ? 'R6.4' : 'R5.3b'];
  // R6.6 + R1.2: the registry's latest answer decides whether the will can be verified. One that
  // does not show it (none found, another kind, not this situation) leaves it in doubt — it may have
  // been revoked on sundhed.dk — whenever it was given and whatever activation followed: only a
  // newer look-up that shows the will brings it back. Two answers at the same time that disagree
  // are doubt too: the one that does not show it decides.
  const notShowing = lookupNotShowing(lookups, will);
  if (notShowing) return ['suspended', Math.max(instantOf(notShowing.data.at), assessedAt), 'R6.6'];
  // R6.3 (b): a livstestamente in the severe-disability situation only advises the physician.
  if (will.kind === 'livstestamente' && will.situation === 'severe_disability') return ['advisory', assessedAt, 'R6.3'];
  // R6.3: conditional on the relatives as activated, or as the registry shows it.
  const conditional = w.conditional || lookups.some((l) => registryShowsConditional(l.data, will));
  if (conditional && !w.accepted) return ['awaiting_relatives', assessedAt, 'R6.3'];
  return ['in_force', assessedAt, 'R6.1'];
}
