/**
 * The status projection: a pure fold of the patient's stream, asked bitemporally.
 * `knownAt` (record time) picks the events the service knew; `at` (valid time) picks the
 * moment in the world. Default and doubt are ATTEMPT_CPR (R1.1, R1.2): only an instrument
 * in force yields DNACPR.
 *
 * In two steps: `assessStatus` works out what is in force, why, and what must be done;
 * `renderStatus` writes the answer with its texts. Deciding whether an event changed anything
 * (the outbox, the status feed) needs only the first.
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { Instant, instantOf, toDanishIso } from '../time/danish-time';
import { inEffectiveOrder } from './effective-time';
import { FlagFact, flagsOf, renderFlag } from './flags';
import { Instrument, instrumentsAt, activeWishes } from './instrument-states';
import { reasonToAttemptCpr, strongestInForce } from './precedence';
import { explain } from './explanation';
import { AttemptCprReason, ResuscitationStatus, STATEMENTS, WillLookupView } from './resuscitation-status';
import { shownLookup } from './will-registry';
import { applyToTimeline, emptyTimeline, recorderOf, Timeline, willInstruments } from './timeline';

export interface StatusQuery {
  patientId: string;
  at: Instant;
  knownAt: Instant;
}

/** What is in force and why, before any text is written. */
export interface StatusAssessment {
  query: StatusQuery;
  version: number;
  instruments: Instrument[];
  strongest: Instrument | null;
  reason: AttemptCprReason | null;
  decisive: Instrument | null;
  flags: FlagFact[];
  willLookup: EventOf<'WillRegistryLookedUp'> | null;
}

export function statusAt(stream: readonly PatientEvent[], query: StatusQuery): ResuscitationStatus {
  return renderStatus(assessStatus(stream, query));
}

export function assessStatus(stream: readonly PatientEvent[], query: StatusQuery): StatusAssessment {
  const known = knownBy(stream, query.knownAt);
  const timeline = emptyTimeline(willInstruments(known));
  for (const e of inEffectiveOrder(known)) {
    if (e.effective <= query.at) applyToTimeline(timeline, e);
  }
  return assessTimeline(timeline, query, known.length);
}

/**
 * The events recorded by `knownAt` (usually all of them: then the stream itself, not a copy).
 * Every event's record time is read, although the decider never lets record time run backwards
 * in a stream (record-time.ts): the last one alone would do for every stream the service wrote,
 * but a stream that broke the rule would then let a later-recorded event count as known — a
 * refusal the service did not yet know shown as in force. Safety over a tenth of the fold.
 */
function knownBy(stream: readonly PatientEvent[], knownAt: Instant): readonly PatientEvent[] {
  const known = (e: PatientEvent) => instantOf(e.recordedAt) <= knownAt;
  return stream.every(known) ? stream : stream.filter(known);
}

/** The assessment at `query.at` of a timeline that holds exactly the events in effect then (`version` of them known). */
export function assessTimeline(timeline: Timeline, query: StatusQuery, version: number): StatusAssessment {
  const wishes = activeWishes(timeline, query.at);
  const instruments = instrumentsAt(timeline, query.at, wishes);
  const strongest = strongestInForce(instruments);
  const { reason, decisive } = strongest ? { reason: null, decisive: null } : reasonToAttemptCpr(instruments);
  const flags = flagsOf(instruments, wishes);
  return { query, version, instruments, strongest, reason, decisive, flags, willLookup: shownLookup(timeline.willLookups) };
}

/**
 * Whether a receiver would notice a difference between two assessments: the answer, its flags,
 * or an instrument's state. Compared as they stand, in any order — not through a text of each
 * (the rebuild asks this twice per event, and writing and sorting those texts was a tenth of it).
 */
export function receiverWouldNotice(a: StatusAssessment, b: StatusAssessment): boolean {
  return answerOf(a) !== answerOf(b)
    || !sameMembers(a.flags, b.flags, (x, y) => x.code === y.code)
    || !sameMembers(a.instruments, b.instruments, (x, y) => x.view.id === y.view.id && x.view.state === y.view.state);
}

const answerOf = (a: StatusAssessment): string => a.strongest?.view.kind ?? (a.reason as string);

/** The same items as many times each, in any order (lists of a few). */
export function sameMembers<T>(xs: readonly T[], ys: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (xs.length !== ys.length) return false;
  const count = (list: readonly T[], x: T) => list.reduce((n, y) => (same(x, y) ? n + 1 : n), 0);
  return xs.every((x) => count(xs, x) === count(ys, x));
}

export function renderStatus(a: StatusAssessment): ResuscitationStatus {
  const at = toDanishIso(a.query.at);
  const answer = a.strongest ? refusal(a.strongest) : attemptCpr(a.reason as AttemptCprReason, a.decisive);
  // Field by field, not by spreading the answer in: every lookup and every message renders one.
  return {
    patientId: a.query.patientId,
    at,
    knownAt: a.query.knownAt === a.query.at ? at : toDanishIso(a.query.knownAt), // usually both are now: one rendering
    version: a.version,
    status: answer.status,
    basis: answer.basis,
    statement: answer.statement,
    reason: answer.reason,
    explanation: answer.explanation,
    decision: answer.decision,
    flags: a.flags.map(renderFlag),
    instruments: a.instruments.map((i) => i.view),
    willLookup: a.willLookup ? willLookupView(a.willLookup) : null,
  };
}

type Answer = Pick<ResuscitationStatus, 'status' | 'basis' | 'statement' | 'reason' | 'explanation' | 'decision'>;

function refusal(i: Instrument): Answer {
  const { view } = i;
  const statement = view.kind === 'testament' ? STATEMENTS[view.testament!.kind as 'livstestamente'] : STATEMENTS[view.kind];
  return {
    status: 'DNACPR',
    basis: view.kind,
    statement,
    reason: null,
    explanation: explain(view.kind, null),
    decision: { decisionId: view.id, decidedAt: view.decidedAt, decidedBy: view.decidedBy },
  };
}

function attemptCpr(reason: AttemptCprReason, decisive: Instrument | null): Answer {
  return {
    status: 'ATTEMPT_CPR',
    basis: null,
    statement: STATEMENTS.attemptCpr,
    reason,
    explanation: explain(null, reason, decisive),
    decision: null,
  };
}

function willLookupView(e: EventOf<'WillRegistryLookedUp'>): WillLookupView {
  const { lookupId, at, result, kind, situations, conditionalOnRelatives } = e.data;
  return {
    lookupId, at, result,
    ...(kind ? { kind } : {}), ...(situations ? { situations } : {}), ...(conditionalOnRelatives !== undefined ? { conditionalOnRelatives } : {}),
    lookedUpBy: recorderOf(e),
  };
}
