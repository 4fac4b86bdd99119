/**
 * The patient decider in one value: what a command service needs to run any patient command —
 * fold the stream with `evolve` from `initialState`, then `decide(command, state, now)`.
 */
import { decide } from './decide';
import { evolve, initialState } from './decider-state';
import { recordTimeOf } from './record-time';

export const patientDecider = { decide, evolve, initialState, recordTimeOf } as const;
export type PatientDecider = typeof patientDecider;
