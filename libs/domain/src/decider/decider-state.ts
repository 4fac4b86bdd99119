/** What the decider needs to know about a patient's stream: identity, age, and each decision's lifecycle. */
import { PatientEvent } from '../events/patient-event';
import { Instant, instantOf } from '../time/danish-time';
import { DecisionBasis } from '../vocabulary/primitives';

export interface DecisionSummary {
  basis: DecisionBasis;
  decidedAt: string;
  oral: boolean;
  withdrawn: boolean;
}

export interface DeciderState {
  registered: boolean;
  birthDate: string | null;
  decisions: ReadonlyMap<string, DecisionSummary>;
  /** The latest record time in the stream: a new event is never recorded before it (record-time.ts). */
  lastRecordedAt: Instant;
}

export function initialState(): DeciderState {
  return { registered: false, birthDate: null, decisions: new Map(), lastRecordedAt: Number.NEGATIVE_INFINITY };
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
      const { decisionId, basis, decidedAt, oral } = event.data;
      return withDecision(state, decisionId, { basis, decidedAt, oral, withdrawn: false });
    }
    case 'Revised': {
      const current = state.decisions.get(event.data.decisionId);
      if (!current || event.data.action !== 'withdraw') return state;
      return withDecision(state, event.data.decisionId, { ...current, withdrawn: true });
    }
    default:
      return state;
  }
}

export function foldDeciderState(events: readonly PatientEvent[]): DeciderState {
  return events.reduce(evolve, initialState());
}

function withDecision(state: DeciderState, id: string, summary: DecisionSummary): DeciderState {
  const decisions = new Map(state.decisions);
  decisions.set(id, summary);
  return { ...state, decisions };
}
