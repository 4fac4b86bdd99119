/**
 * When several instruments are in force, the status shows the strongest:
 * register > physician > patient > testament (R5.2, R6.5). When none is, the reason for
 * attempting CPR comes from the instrument whose state changed last.
 */
import { AttemptCprReason, InstrumentKind, InstrumentState } from './resuscitation-status';
import { Instrument } from './instrument-states';

export const PRECEDENCE: readonly InstrumentKind[] = ['register', 'physician', 'patient', 'testament'];

const rank = (kind: InstrumentKind) => PRECEDENCE.indexOf(kind);

export function strongestInForce(instruments: readonly Instrument[]): Instrument | null {
  return firstInOrder(instruments.filter((i) => i.view.state === 'in_force'), (a, b) => rank(a.view.kind) - rank(b.view.kind) || b.sinceInstant - a.sinceInstant);
}

/** What a stable sort would put first, without sorting (asked twice per event of a rebuild). */
function firstInOrder<T>(items: readonly T[], order: (a: T, b: T) => number): T | null {
  let first: T | null = null;
  for (const item of items) if (first === null || order(item, first) < 0) first = item;
  return first;
}

const REASON_BY_STATE: Record<Exclude<InstrumentState, 'in_force'>, AttemptCprReason> = {
  withdrawn: 'DECISION_WITHDRAWN',
  lapsed: 'DECISION_LAPSED',
  pending: 'REGISTER_NOT_YET_EFFECTIVE',
  suspended: 'TEMPORARILY_REVOKED',
  advisory: 'TESTAMENT_ADVISORY_ONLY',
  awaiting_relatives: 'AWAITING_RELATIVES_ACCEPTANCE',
};

/** Why CPR is attempted, and the instrument whose latest change says so (null when none does). */
export function reasonToAttemptCpr(instruments: readonly Instrument[]): { reason: AttemptCprReason; decisive: Instrument | null } {
  const latest = firstInOrder(instruments, (a, b) => b.sinceInstant - a.sinceInstant || rank(a.view.kind) - rank(b.view.kind));
  if (!latest || latest.view.state === 'in_force') return { reason: 'NO_PRIOR_DECISION', decisive: null };
  return { reason: REASON_BY_STATE[latest.view.state], decisive: latest };
}
