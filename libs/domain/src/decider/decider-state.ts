/**
 * What the decider needs to know about a patient's stream: identity and age, each decision's and
 * each will activation's lifecycle, and the will-registry look-ups an activation may cite.
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { effectiveInstantOf } from '../status/effective-time';
import { emptyWillRecord, Ending, endsAlongWith, FOUND_PERMANENTLY_INCOMPETENT, incompetenceOf, WillRecord, withRecorded } from '../status/timeline';
import { Instant, instantOf } from '../time/danish-time';
import { DecisionBasis } from '../vocabulary/primitives';

export interface DecisionSummary {
  basis: DecisionBasis;
  decidedAt: string;
  registeredAt?: string;
  oral: boolean;
  withdrawn: boolean;
  /** R5.5: found invalid because the citizen was permanently incompetent when registering — so is every later registration. */
  invalidForGood?: boolean;
}

/** A will activation (R6.1): the instrument a physician's assessment brought into force. */
export interface ActivationSummary {
  /** The instrument's id: the first activation of its kind and situation; later ones complete it (R6.3). */
  instrumentId: string;
  assessedAt: Instant;
  /** When a withdrawal took effect (R6.7); the record then no longer shows the assessment. */
  withdrawnAt: Instant | null;
}

export interface PhysicianWithdrawal {
  at: Instant;
  /** The withdrawing physician (the recorder's `sub`). */
  by: string;
}

export interface DeciderState {
  registered: boolean;
  birthDate: string | null;
  decisions: ReadonlyMap<string, DecisionSummary>;
  /** Every activation id, including those that completed an earlier activation, to its summary. */
  activations: ReadonlyMap<string, ActivationSummary>;
  /** Which will instrument each activation belongs to, as the status reads it (timeline.ts withRecorded). */
  wills: WillRecord;
  willLookups: ReadonlyMap<string, EventOf<'WillRegistryLookedUp'>['data']>;
  /** R3.3: each physician's withdrawal of a physician decision — when it took effect, and who withdrew. */
  physicianWithdrawals: readonly PhysicianWithdrawal[];
  /** The latest record time in the stream: a new event is never recorded before it (record-time.ts). */
  lastRecordedAt: Instant;
}

export function initialState(): DeciderState {
  return { registered: false, birthDate: null, decisions: new Map(), activations: new Map(), wills: emptyWillRecord(), willLookups: new Map(), physicianWithdrawals: [], lastRecordedAt: Number.NEGATIVE_INFINITY };
}

export function evolve(state: DeciderState, event: PatientEvent): DeciderState {
  const recorded = instantOf(event.recordedAt);
  return evolveFacts(recorded > state.lastRecordedAt ? { ...state, lastRecordedAt: recorded } : state, event);
}

function evolveFacts(state: DeciderState, event: PatientEvent): DeciderState {
  switch (event.type) {
    case 'PatientRegistered':
      return { ...state, registered: true, birthDate: event.data.birthDate };
    case 'DecisionMade': {
      const { decisionId, basis, decidedAt, registeredAt, oral } = event.data;
      // Only a registration can be invalid for good; every command folds the whole stream, so the rest skip the walk.
      const invalid = basis === 'register' && [...state.decisions.values()].some((d) => d.invalidForGood && endsAlongWith(FOUND_PERMANENTLY_INCOMPETENT, d, event.data));
      const ended = invalid || (basis === 'physician' && endedByAnotherPhysician(state, event));
      return { ...state, decisions: withEntry(state.decisions, decisionId, { basis, decidedAt, registeredAt, oral, withdrawn: ended, invalidForGood: invalid }) };
    }
    case 'Revised':
      return evolveRevision(state, event);
    case 'TestamentActivated':
      return evolveActivation(state, event);
    case 'WillRegistryLookedUp':
      return { ...state, willLookups: withEntry(state.willLookups, event.data.lookupId, event.data) };
    default:
      return state;
  }
}

function evolveRevision(state: DeciderState, event: EventOf<'Revised'>): DeciderState {
  const ends = event.data.action === 'withdraw' || event.data.action === 'declare_invalid';
  if (!ends) return state;
  const decision = state.decisions.get(event.data.decisionId);
  if (decision) return withDecisionEnded(state, event, decision);
  const activation = state.activations.get(event.data.decisionId);
  if (!activation) return state;
  const withdrawnAt = effectiveInstantOf(event);
  let activations = state.activations;
  for (const [id, a] of state.activations) {
    if (a.instrumentId === activation.instrumentId) activations = withEntry(activations, id, { ...a, withdrawnAt });
  }
  return { ...state, activations, wills: withRecorded(state.wills, event) };
}

function withDecisionEnded(state: DeciderState, event: EventOf<'Revised'>, decision: DecisionSummary): DeciderState {
  const ending = endingOf(event, decision);
  const decisions = withEnded(state.decisions, decision, ending);
  if (decision.basis !== 'physician' || ending.action !== 'withdraw') return { ...state, decisions };
  return { ...state, decisions, physicianWithdrawals: [...state.physicianWithdrawals, { at: ending.at, by: event.recordedBy.sub }] };
}

/**
 * R3.3 Another physician's decision entered after a withdrawal, stating a time no later than it,
 * was made before a responsible physician decided otherwise: it ends with the rest, as the status
 * reads it (timeline.ts newerWordOfTheWithdrawer: only the withdrawer's own is her newer word).
 */
function endedByAnotherPhysician(state: DeciderState, made: EventOf<'DecisionMade'>): boolean {
  const decidedAt = instantOf(made.data.decidedAt);
  return state.physicianWithdrawals.some((w) => w.by !== made.recordedBy.sub && decidedAt <= w.at);
}

/** The withdrawal or invalid registration, taking effect as the status takes it (effective-time.ts: never before the decision). */
function endingOf(event: EventOf<'Revised'>, named: DecisionSummary): Ending {
  const action = event.data.action as Ending['action'];
  const at = Math.max(effectiveInstantOf(event), instantOf(named.decidedAt));
  return action === 'declare_invalid' ? { action, incompetence: incompetenceOf(event.data), at } : { action, at };
}

/** The named decision ended, and those that end with it (timeline.ts endsAlongWith: the status reads them so too). */
function withEnded(decisions: ReadonlyMap<string, DecisionSummary>, named: DecisionSummary, ending: Ending): ReadonlyMap<string, DecisionSummary> {
  const next = new Map(decisions);
  const forGood = ending.incompetence === 'permanent';
  for (const [id, d] of decisions) if (!d.withdrawn && endsAlongWith(ending, named, d)) next.set(id, { ...d, withdrawn: true, ...(forGood ? { invalidForGood: true } : {}) });
  return next;
}

/** A later activation of the same kind and situation completes the one still open (R6.3); after a withdrawal it starts anew. */
function evolveActivation(state: DeciderState, event: EventOf<'TestamentActivated'>): DeciderState {
  const id = activationIdOf(event);
  const wills = withRecorded(state.wills, event);
  const summary: ActivationSummary = { instrumentId: wills.instrumentOf.get(id) as string, assessedAt: instantOf(event.data.assessedAt), withdrawnAt: null };
  return { ...state, wills, activations: withEntry(state.activations, id, summary) };
}

export function activationIdOf(event: EventOf<'TestamentActivated'>): string {
  return event.data.activationId ?? event.eventId;
}

export function foldDeciderState(events: readonly PatientEvent[]): DeciderState {
  return events.reduce(evolve, initialState());
}

function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}
