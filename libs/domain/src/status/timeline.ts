/**
 * Folds the events that have taken effect by `at` (in valid-time order) into one track per
 * instrument, the temporary revocations, and the latest will-registry look-up. The instrument
 * states are read off these tracks afterwards (instrument-states.ts).
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { Instant, instantOf } from '../time/danish-time';
import { Effective } from './effective-time';
import { Recorder } from './resuscitation-status';

export interface DecisionTrack {
  made: EventOf<'DecisionMade'>;
  decidedAt: Instant;
  /** Its place in the stream (record order): what had been recorded before it. */
  position: number;
  withdrawnAt?: Instant;
  /** R5.5: a registration found invalid stops binding. */
  declaredInvalid?: EventOf<'Revised'>['data'];
  /** R4.5: a patient refusal lapses on significant improvement until assessed anew. */
  lapsedAt?: Instant;
  /** R3.4: a physician decision stands but must be re-evaluated after improvement. */
  reevaluationRequiredSince?: Instant;
  /** Where in the stream the latest improvement that reached it was recorded: a re-evaluation entered before it was made without it. */
  improvementRecordedAs?: number;
  /** When the physician last re-evaluated it and kept it (R3.4, R5.3b), and when that was recorded. */
  reaffirmedAt?: Instant;
  reaffirmRecordedAt?: Instant;
  confirmedInWriting: boolean;
}

/**
 * The patient's wish for CPR in an illness situation (R5.3b): a temporary revocation of the
 * register or a will (R5.3, R6.4), or the withdrawal of the patient's own refusal (R4.4). Either
 * is the same thing said at the bedside — »jeg vil genoplives« — whatever the recorder named.
 */
export interface WishForCpr {
  /** What the recorder named: the register or a will (a temporary revocation), or the patient's own refusal (a withdrawal). */
  named: 'register' | 'testament' | 'patient';
  illnessSituation: { id: string; description: string };
  /** Whether the patient was competent when saying it, where the recorder said so. */
  patientCompetent?: boolean;
  statedAt: Instant;
  /**
   * The latest moment it may have been said: the withdrawn refusal's stated time, when the wish
   * was dated before that refusal (else `statedAt`). It reaches the rest from `statedAt`, outweighs
   * every refusal of hers made up to `asLateAs`, and only an improvement after `asLateAs` ends it —
   * a time that cannot be right is read the way that resuscitates (pkt. 2).
   */
  asLateAs?: Instant;
  /** When the service learnt of it: a re-evaluation recorded before then was made without knowing it. */
  recordedAt: Instant;
  /** R5.3: when the patient could be discharged after significant improvement in that illness situation. */
  endedAt?: Instant;
}

/** One will in one situation, from its first activation; a later one completes it (R6.3). */
export interface TestamentTrack {
  id: string;
  latest: EventOf<'TestamentActivated'>;
  /** When the latest activation was assessed (read once, when it is applied). */
  latestAssessedAt: Instant;
  /** R4.7: the earliest assessment of permanent incompetence among its activations. */
  assessedFirstAt: Instant;
  conditional: boolean;
  accepted: boolean;
  withdrawnAt?: Instant;
  /** R6.8: after a significant improvement the physician must judge whether the will still applies. */
  reevaluationRequiredSince?: Instant;
  improvementRecordedAs?: number;
}

export interface Timeline {
  decisions: Map<string, DecisionTrack>;
  wishes: WishForCpr[];
  testaments: Map<string, TestamentTrack>;
  /** Any activation id → the id of the will instrument it belongs to (the record's: applying an event never changes it). */
  activationToTestament: ReadonlyMap<string, string>;
  /**
   * R6.6 The latest look-up of the will registry — every one stated at that latest time: two
   * answers given at the same minute are both the registry's latest word, and neither the order
   * they were entered in nor their ids may pick one (in doubt CPR, pkt. 2).
   */
  willLookups: readonly EventOf<'WillRegistryLookedUp'>[];
  /**
   * R5.4 The register's deletions applied so far (when each took effect, and its place in the
   * stream): a deletion ends every look-up recorded before it, also one whose own time lies after
   * the deletion's — applied later in valid time, it is withdrawn as it comes (madeTrack).
   */
  registerDeletions: readonly { at: Instant; position: number }[];
}

/** `activationToTestament` comes from `willInstruments` over the known events, in the order they were recorded. */
export function emptyTimeline(activationToTestament: ReadonlyMap<string, string> = NO_WILLS): Timeline {
  return { decisions: new Map(), wishes: [], testaments: new Map(), activationToTestament, willLookups: [], registerDeletions: [] };
}

/**
 * Which will instrument each activation belongs to, decided in the order things were recorded
 * (as the decider saw them): a later activation of the same kind and situation completes the
 * open instrument (R6.3); one recorded after that instrument's withdrawal starts a new one (R6.7).
 */
export function willInstruments(recordOrder: readonly PatientEvent[]): ReadonlyMap<string, string> {
  if (!recordOrder.some((e) => e.type === 'TestamentActivated')) return NO_WILLS;
  const wills = emptyWillRecord();
  for (const e of recordOrder) noteRecorded(wills, e);
  return wills.instrumentOf;
}

/** The will instruments so far, by activation id, and which instrument is open for each kind and situation. */
export interface WillRecord {
  instrumentOf: Map<string, string>;
  open: Map<string, string>;
}

export const emptyWillRecord = (): WillRecord => ({ instrumentOf: new Map(), open: new Map() });

/**
 * The will record with one more event in record order, copied only when the event changes it:
 * each step of a growing stream keeps its own record, and most events leave it as it was.
 */
export function withRecorded(wills: WillRecord, e: PatientEvent): WillRecord {
  const changes = e.type === 'TestamentActivated' || (e.type === 'Revised' && e.data.action === 'withdraw' && wills.instrumentOf.has(e.data.decisionId));
  if (!changes) return wills;
  const copy = { instrumentOf: new Map(wills.instrumentOf), open: new Map(wills.open) };
  noteRecorded(copy, e);
  return copy;
}

/** One more event in record order (changes `wills`). */
export function noteRecorded(wills: WillRecord, e: PatientEvent): void {
  if (e.type === 'TestamentActivated') {
    const id = e.data.activationId ?? e.eventId;
    const will = `${e.data.kind}/${e.data.situation}`;
    const instrument = wills.open.get(will) ?? id;
    wills.instrumentOf.set(id, instrument);
    wills.open.set(will, instrument);
  }
  if (e.type === 'Revised' && e.data.action === 'withdraw' && wills.instrumentOf.has(e.data.decisionId)) {
    const withdrawn = wills.instrumentOf.get(e.data.decisionId);
    for (const [will, instrument] of wills.open) if (instrument === withdrawn) wills.open.delete(will);
  }
}

/** A record without will activations (shared: nothing changes it). */
const NO_WILLS: ReadonlyMap<string, string> = new Map();

/**
 * A copy whose tracks can be changed without touching the original's; what applying an event
 * never changes in place (the will instruments, the look-ups, the deletions) is shared. Each step
 * of the rebuild's walk makes one: copied entry by entry, without the arrays of entries a
 * `new Map([...map].map(…))` makes twice over.
 */
export function copyOfTimeline(t: Timeline): Timeline {
  const decisions = new Map<string, DecisionTrack>();
  for (const [id, track] of t.decisions) decisions.set(id, { ...track });
  const testaments = new Map<string, TestamentTrack>();
  for (const [id, track] of t.testaments) testaments.set(id, { ...track });
  return {
    decisions,
    wishes: t.wishes.map((w) => ({ ...w })),
    testaments,
    activationToTestament: t.activationToTestament,
    willLookups: t.willLookups,
    registerDeletions: t.registerDeletions,
  };
}

export function recorderOf(event: PatientEvent): Recorder {
  const { name, role, org } = event.recordedBy;
  return { name, role, org };
}

/** Registration and handovers do not change what is in force (R3.3: decisions hold across sector changes). */
export const leavesTimelineAsItIs = (event: PatientEvent): boolean => event.type === 'PatientRegistered' || event.type === 'HandedOverTo';

/** Applies one event at the moment it took effect (effective-time.ts). */
export function applyToTimeline(t: Timeline, { event, effective, position, wishIn, wishSaid }: Effective): void {
  if (wishIn) {
    t.wishes.push(wishForCpr('patient', wishIn.illnessSituation, effective, instantOf(event.recordedAt), { asLateAs: wishIn.asLateAs }));
    return;
  }
  switch (event.type) {
    case 'DecisionMade':
      t.decisions.set(event.data.decisionId, madeTrack(t, event, effective, position));
      return;
    case 'Revised':
      return t.decisions.has(event.data.decisionId) ? applyRevision(t, event, effective, position, wishSaid === true) : applyWillRevision(t, event, effective, position);
    case 'TemporarilyRevoked':
      t.wishes.push(wishForCpr(event.data.instrument, event.data.illnessSituation, effective, instantOf(event.recordedAt), { patientCompetent: event.data.patientCompetent }));
      return;
    case 'TestamentActivated':
      return applyTestament(t, event, effective);
    case 'ConditionImproved':
      return applyImprovement(t, event, effective, position);
    case 'WillRegistryLookedUp':
      t.willLookups = t.willLookups.length > 0 && instantOf(t.willLookups[0].data.at) === effective ? [...t.willLookups, event] : [event];
      return;
    default:
      return; // registration and handovers do not change what is in force (R3.3: decisions hold across sector changes)
  }
}

function madeTrack(t: Timeline, event: EventOf<'DecisionMade'>, effective: Instant, position: number): DecisionTrack {
  // Every field present from the start, undefined until set, in one order: tracks whose fields were
  // added in different orders had a hidden class per order, and the status's reads of them were
  // megamorphic (V8's IC log: decisionInstrument, reachedBy, permanentlyIncompetentSince).
  // A registration takes effect from its registration day, any other decision when it was made (effective-time.ts).
  const decidedAt = event.data.basis === 'register' ? instantOf(event.data.decidedAt) : effective;
  const track: DecisionTrack = {
    made: event, decidedAt, position, withdrawnAt: undefined, declaredInvalid: undefined, lapsedAt: undefined,
    reevaluationRequiredSince: undefined, improvementRecordedAs: undefined, reaffirmedAt: undefined, reaffirmRecordedAt: undefined, confirmedInWriting: false,
  };
  const invalid = permanentIncompetenceBefore(t, event.data);
  if (invalid) Object.assign(track, { withdrawnAt: effective, declaredInvalid: invalid });
  const deletion = event.data.basis === 'register' ? t.registerDeletions.find((d) => d.position > position) : undefined;
  if (deletion && track.withdrawnAt === undefined) track.withdrawnAt = Math.max(effective, deletion.at);
  return track;
}

/**
 * R5.5: a registration found invalid because the citizen was permanently incompetent when
 * registering makes every later registration invalid too — »hvis sundhedspersonen selv har
 * vurderet den pågældende varigt inhabil forud for registreringstidspunktet« (undtagelse 5).
 */
function permanentIncompetenceBefore(t: Timeline, made: EventOf<'DecisionMade'>['data']): EventOf<'Revised'>['data'] | undefined {
  if (made.basis !== 'register') return undefined; // only a registration can be: no walk over the decisions for the rest (every fold steps here)
  for (const other of t.decisions.values()) {
    const invalid = other.declaredInvalid;
    if (invalid && incompetenceOf(invalid) === 'permanent' && endsAlongWith(FOUND_PERMANENTLY_INCOMPETENT, other.made.data, made)) return invalid;
  }
  return undefined;
}

/** A registration found invalid for permanent incompetence, as an ending of what is recorded after it (its time plays no part). */
export const FOUND_PERMANENTLY_INCOMPETENT: Ending = { action: 'declare_invalid', incompetence: 'permanent', at: Number.POSITIVE_INFINITY };

/** R5.5: permanent unless the assessment says the incompetence was temporary (the guidance owes the report for permanent). */
export const incompetenceOf = (invalid: EventOf<'Revised'>['data']) => invalid.incompetence ?? 'permanent';

/** `wishSaid`: its wish for CPR is already in the timeline, from when it was said (effective-time.ts revisedInTurn). */
function applyRevision(t: Timeline, event: EventOf<'Revised'>, effective: Instant, position: number, wishSaid: boolean): void {
  const track = t.decisions.get(event.data.decisionId) as DecisionTrack;
  const revisedAt = Math.max(effective, track.decidedAt);
  // A decision already ended, withdrawn (again): still the physician's or the register's word at its recording,
  // which ends what it ends along with it (R3.3, R5.4) — the decider refuses it, a stream need not have been written by it.
  if (track.withdrawnAt !== undefined && event.data.action === 'withdraw') endAlongWith(t, track, event, revisedAt, position);
  if (track.withdrawnAt !== undefined) return;
  switch (event.data.action) {
    case 'withdraw':
      endAlongWith(t, track, event, revisedAt, position);
      if (track.made.data.basis === 'patient' && !wishSaid) t.wishes.push(wishOfWithdrawal(track, revisedAt, instantOf(event.recordedAt)));
      return;
    case 'declare_invalid':
      for (const ended of endedWith(t, track, { action: 'declare_invalid', incompetence: incompetenceOf(event.data), at: revisedAt })) {
        ended.withdrawnAt = revisedAt;
        ended.declaredInvalid = event.data;
      }
      return;
    case 'reaffirm':
      // R3.4 re-evaluated and kept; R4.5/R4.5a the patient keeps the wish and the physician assessed it anew —
      // unless the improvement that asks for it was entered only afterwards (madeWithoutKnowing).
      if (!madeWithoutKnowing(track, position)) {
        track.reevaluationRequiredSince = undefined;
        track.lapsedAt = undefined;
      }
      track.reaffirmedAt = revisedAt;
      track.reaffirmRecordedAt = instantOf(event.recordedAt);
      return;
    case 'confirm_in_writing':
      track.confirmedInWriting = true;
      return;
  }
}

/**
 * R3.3 A physician who withdraws a decision and then records her own new one has decided again:
 * the new decision is her latest word, whatever minute she stamped on it (the round's time on one,
 * the typing time on the other). The decider, which folds in record order, sees it so too. Another
 * physician's decision entered after the withdrawal, stating a time before it, was made before a
 * responsible physician found CPR indicated — it ends (decider-state.ts; in doubt CPR, pkt. 2).
 */
export function newerWordOfTheWithdrawer(decision: DecisionTrack, withdrawal: PatientEvent, position: number): boolean {
  return decision.made.data.basis === 'physician' && decision.position > position && decision.made.recordedBy.sub === withdrawal.recordedBy.sub;
}

/** The decisions a withdrawal or an invalid registration ends with the one it names (endsAlongWith). */
function endedWith(t: Timeline, named: DecisionTrack, ending: Ending): DecisionTrack[] {
  const ended: DecisionTrack[] = [];
  for (const other of t.decisions.values()) if (other.withdrawnAt === undefined && endsAlongWith(ending, named.made.data, other.made.data)) ended.push(other);
  return ended;
}

type DecisionFacts = Pick<EventOf<'DecisionMade'>['data'], 'basis' | 'decidedAt' | 'registeredAt'>;

/** A withdrawal, or a registration found invalid, and when it takes effect. */
export interface Ending {
  action: 'withdraw' | 'declare_invalid';
  incompetence?: 'permanent' | 'temporary';
  at: Instant;
}

/**
 * Whether an ending that names `named` ends `other` too (the decider applies the same rule, decider-state.ts):
 * - a physician's decision withdrawn: every physician decision made by then — a decision holds
 *   »indtil lægen eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet«
 *   (undtagelse 3): the physician who finds CPR indicated decides for the patient, not about one
 *   record, and in doubt CPR is attempted (pkt. 2);
 * - a registration withdrawn: every recorded look-up of the register, which holds one registration
 *   per citizen (R5.4); one found invalid: every look-up of that registration, and — when the
 *   citizen was permanently incompetent — of every later one (R5.5);
 * - a patient's own refusal: only itself — the wish it expresses reaches the rest (wishOfWithdrawal).
 */
export function endsAlongWith(ending: Ending, named: DecisionFacts, other: DecisionFacts): boolean {
  if (other === named) return true;
  if (other.basis !== named.basis) return false;
  switch (named.basis) {
    case 'physician': return instantOf(other.decidedAt) <= ending.at;
    case 'register': return ending.action === 'withdraw' || other.registeredAt === named.registeredAt
      || (ending.incompetence === 'permanent' && (other.registeredAt as string) >= (named.registeredAt as string));
    case 'patient': return false;
  }
}

/**
 * A withdrawal ends the decision it names and what ends along with it (endsAlongWith) — not the
 * withdrawer's own newer word. R5.4: the registration deleted also ends every look-up recorded
 * before the deletion that takes effect later (madeTrack).
 */
function endAlongWith(t: Timeline, named: DecisionTrack, event: EventOf<'Revised'>, at: Instant, position: number): void {
  for (const ended of endedWith(t, named, { action: 'withdraw', at })) {
    if (ended === named || !newerWordOfTheWithdrawer(ended, event, position)) ended.withdrawnAt = at;
  }
  if (named.made.data.basis === 'register') t.registerDeletions = [...t.registerDeletions, { at, position }];
}

/** R4.4 + R5.3b: a patient withdrawing their own refusal wishes CPR in that illness situation. */
function wishOfWithdrawal(track: DecisionTrack, at: Instant, recordedAt: Instant): WishForCpr {
  return wishForCpr('patient', track.made.data.illnessSituation as WishForCpr['illnessSituation'], at, recordedAt, {});
}

/** A wish with every field present, in one order (one hidden class for all wishes, as for the tracks: madeTrack). */
function wishForCpr(named: WishForCpr['named'], illnessSituation: WishForCpr['illnessSituation'], statedAt: Instant, recordedAt: Instant, said: Pick<WishForCpr, 'patientCompetent' | 'asLateAs'>): WishForCpr {
  return { named, illnessSituation, patientCompetent: said.patientCompetent, statedAt, asLateAs: said.asLateAs, recordedAt, endedAt: undefined };
}

/** R6.7 a physician withdraws an activation; R6.8 or re-assesses it after improvement. */
function applyWillRevision(t: Timeline, event: EventOf<'Revised'>, effective: Instant, position: number): void {
  const id = t.activationToTestament.get(event.data.decisionId);
  const track = id === undefined ? undefined : t.testaments.get(id);
  if (!track || track.withdrawnAt !== undefined) return;
  if (event.data.action === 'withdraw') track.withdrawnAt = Math.max(effective, track.latestAssessedAt);
  if (event.data.action === 'reaffirm' && !madeWithoutKnowing(track, position)) track.reevaluationRequiredSince = undefined;
}

/**
 * An activation completes its instrument (R6.3) or starts it; a withdrawn instrument stays withdrawn.
 * `assessedAt`: when the activation was assessed — when it takes effect (effective-time.ts), read once.
 */
function applyTestament(t: Timeline, event: EventOf<'TestamentActivated'>, assessedAt: Instant): void {
  const activationId = event.data.activationId ?? event.eventId;
  const id = t.activationToTestament.get(activationId) ?? activationId;
  const earlier = t.testaments.get(id);
  if (earlier?.withdrawnAt !== undefined) return;
  // One literal, every field from the start, for a first activation and a later one alike: a copy of
  // the earlier track with fields replaced had a hidden class of its own (madeTrack).
  t.testaments.set(id, {
    id,
    latest: event,
    latestAssessedAt: assessedAt,
    assessedFirstAt: earlier ? Math.min(earlier.assessedFirstAt, assessedAt) : assessedAt,
    conditional: earlier?.conditional || event.data.conditionalOnRelatives,
    accepted: earlier?.accepted || event.data.relativesAccepted,
    withdrawnAt: undefined,
    reevaluationRequiredSince: earlier?.reevaluationRequiredSince,
    improvementRecordedAs: earlier?.improvementRecordedAs,
  });
}

/** R3.4/R6.8 an improvement asks for a re-evaluation (from the first one not yet re-evaluated). */
function reachedBy(track: DecisionTrack | TestamentTrack, at: Instant, position: number): void {
  track.reevaluationRequiredSince ??= at;
  track.improvementRecordedAs = Math.max(track.improvementRecordedAs ?? position, position);
}

/**
 * R3.4, R4.5, R6.8 A re-evaluation entered before the improvement that asks for it was recorded —
 * the improvement noted on the 15th, entered on the 18th, the routine review on the 16th — was
 * made without knowing of it: the physician must still be asked (as PATIENT_WISHES_CPR counts
 * from when the wish was known, flags.ts).
 */
function madeWithoutKnowing(track: DecisionTrack | TestamentTrack, position: number): boolean {
  return track.improvementRecordedAs !== undefined && track.improvementRecordedAs > position;
}

/**
 * R4.5a A decision stated at the improvement's own minute and entered after it was made knowing
 * of it — the physician's renewed assessment at the same round — so the improvement does not
 * reach it. One stated earlier, or entered before the improvement was known, it reaches.
 */
function madeKnowingOf(track: DecisionTrack, improvedAt: Instant, position: number): boolean {
  return track.decidedAt === improvedAt && track.position > position;
}

/**
 * Significant improvement (R3.4, R4.5, R5.3, R6.4, R6.8). Safety decides the asymmetry when the
 * illness situation is not named: a patient refusal then lapses for every situation (the safe
 * direction, attempt CPR), but a temporary revocation ends only when its own situation is
 * named as dischargeable — ending it would bring a refusal back. `at`: its stated time — when it
 * takes effect (effective-time.ts), read once.
 */
function applyImprovement(t: Timeline, event: EventOf<'ConditionImproved'>, at: Instant, position: number): void {
  const named = event.data.illnessSituationId;
  for (const track of t.decisions.values()) {
    if (track.withdrawnAt !== undefined || madeKnowingOf(track, at, position)) continue;
    const { basis, illnessSituation } = track.made.data;
    if (basis === 'physician') reachedBy(track, at, position);
    if (basis === 'patient' && (named === undefined || named === illnessSituation?.id)) {
      track.lapsedAt ??= at;
      track.improvementRecordedAs = Math.max(track.improvementRecordedAs ?? position, position);
    }
  }
  for (const will of t.testaments.values()) if (will.withdrawnAt === undefined) reachedBy(will, at, position);
  if (!event.data.dischargeable || named === undefined) return;
  for (const wish of t.wishes) {
    if (wish.endedAt === undefined && wish.illnessSituation.id === named && (wish.asLateAs ?? wish.statedAt) <= at) wish.endedAt = at;
  }
}
