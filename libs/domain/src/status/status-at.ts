/**
 * The status projection: a pure fold of the patient's stream, asked bitemporally.
 * `knownAt` (record time) picks the events the service knew; `at` (valid time) picks the
 * moment in the world. Default and doubt are ATTEMPT_CPR (R1.1, R1.2): only an instrument
 * in force yields DNACPR.
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { Instant, instantOf, toDanishIso } from '../time/danish-time';
import { inEffectiveOrder } from './effective-time';
import { flagsOf } from './flags';
import { Instrument, instrumentsAt, activeRevocations } from './instrument-states';
import { reasonToAttemptCpr, strongestInForce } from './precedence';
import { explain } from './explanation';
import { ResuscitationStatus, STATEMENTS, WillLookupView } from './resuscitation-status';
import { applyToTimeline, emptyTimeline, recorderOf, willInstruments } from './timeline';

export interface StatusQuery {
  patientId: string;
  at: Instant;
  knownAt: Instant;
}

export function statusAt(stream: readonly PatientEvent[], query: StatusQuery): ResuscitationStatus {
  const known = stream.filter((e) => instantOf(e.recordedAt) <= query.knownAt);
  const timeline = emptyTimeline(willInstruments(known));
  for (const { event, effective } of inEffectiveOrder(known)) {
    if (effective <= query.at) applyToTimeline(timeline, event, effective);
  }
  const instruments = instrumentsAt(timeline, query.at);
  const strongest = strongestInForce(instruments);
  return {
    patientId: query.patientId,
    at: toDanishIso(query.at),
    knownAt: toDanishIso(query.knownAt),
    version: known.length,
    ...(strongest ? refusal(strongest) : attemptCpr(instruments)),
    flags: flagsOf(instruments, activeRevocations(timeline, query.at)),
    instruments: instruments.map((i) => i.view),
    willLookup: timeline.willLookup ? willLookupView(timeline.willLookup) : null,
  };
}

function refusal(i: Instrument) {
  const { view } = i;
  const statement = view.kind === 'testament' ? STATEMENTS[view.testament!.kind as 'livstestamente'] : STATEMENTS[view.kind];
  return {
    status: 'DNACPR' as const,
    basis: view.kind,
    statement,
    reason: null,
    explanation: explain(view.kind, null),
    decision: { decisionId: view.id, decidedAt: view.decidedAt, decidedBy: view.decidedBy },
  };
}

function attemptCpr(instruments: readonly Instrument[]) {
  const { reason, decisive } = reasonToAttemptCpr(instruments);
  return {
    status: 'ATTEMPT_CPR' as const,
    basis: null,
    statement: STATEMENTS.attemptCpr,
    reason,
    explanation: explain(null, reason, decisive?.view),
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
