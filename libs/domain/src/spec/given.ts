/**
 * Given/when/then for the domain, in the style of a decider specification:
 *   given(events).at(t).expectStatus({...})
 *   given(events).when(command).thenEvents([...]) / .thenRejected({ rule })
 */
import { PatientCommand } from '../commands/commands';
import { decide } from '../decider/decide';
import { foldDeciderState } from '../decider/decider-state';
import { isRejection, Rejection } from '../decider/rejection';
import { NewEvent, PatientEvent } from '../events/patient-event';
import { ResuscitationStatus } from '../status/resuscitation-status';
import { statusAt } from '../status/status-at';
import { instantOf } from '../time/danish-time';

const FAR_FUTURE = '2100-01-01T00:00:00+01:00';

export function given(...events: PatientEvent[]) {
  return {
    at: (at: string, knownAt: string = FAR_FUTURE) => statusExpectation(events, at, knownAt),
    when: (command: PatientCommand, now: string = FAR_FUTURE) => decision(events, command, now),
  };
}

function statusExpectation(events: PatientEvent[], at: string, knownAt: string) {
  const status = () => statusAt(events, { patientId: 'patient-under-test', at: instantOf(at), knownAt: instantOf(knownAt) });
  return {
    status,
    expectStatus(expected: Partial<ResuscitationStatus>) {
      expect(status()).toMatchObject(expected);
    },
    expectFlag(code: string, present = true) {
      const codes = status().flags.map((f) => f.code);
      if (present) expect(codes).toContain(code);
      else expect(codes).not.toContain(code);
    },
    expectInstrument(id: string, state: string) {
      expect(status().instruments.find((i) => i.id === id)?.state).toBe(state);
    },
  };
}

function decision(events: PatientEvent[], command: PatientCommand, now: string) {
  const result = () => decide(command, foldDeciderState(events), instantOf(now));
  return {
    thenEvents(expected: Array<{ type: NewEvent['type']; data?: Record<string, unknown> }>) {
      const r = result();
      if (isRejection(r)) throw new Error(`expected events, got rejection: ${JSON.stringify(r)}`);
      expect(r).toMatchObject(expected);
    },
    thenRejected(expected: Partial<Rejection>) {
      const r = result();
      if (!isRejection(r)) throw new Error(`expected a rejection, got events: ${JSON.stringify(r)}`);
      expect(r).toMatchObject(expected);
    },
  };
}
