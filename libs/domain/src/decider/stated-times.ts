/**
 * R1.4 Times that callers state describe something that has happened. One stated more than
 * 5 minutes after the moment it is recorded, or before the patient was born, is refused: a typo
 * in a year must not create a refusal that silently takes effect later. A handover may be
 * planned up to 14 days ahead (a planned discharge).
 *
 * A wish for CPR — a withdrawal, a temporary revocation, a registration found invalid — is never
 * refused for its time (R5.3a: recording it is never blocked; »træder i kraft med det samme»):
 * it takes effect at the earlier of its stated time and its recording (effective-time.ts), so a
 * typo can only bring it forward, never leave a refusal on the screen.
 */
import { PatientCommand } from '../commands/commands';
import { danishDate } from '../vocabulary/danish-words';
import { Instant, instantOf, startOfDanishDay } from '../time/danish-time';
import { Rejection, ruleViolation } from './rejection';

const MINUTE = 60_000;
/** How far a stated time may lie after the moment it is recorded: clocks differ a little, a typo in a year a lot. */
export const AHEAD_ALLOWED = 5 * MINUTE;
const HANDOVER_AHEAD_ALLOWED = 14 * 24 * 60 * MINUTE;

interface StatedTime {
  field: string;
  instant: Instant;
  aheadAllowed: number;
}

export function checkStatedTimes(command: PatientCommand, birthDate: string | null, now: Instant): Rejection | null {
  for (const stated of statedTimesOf(command)) {
    if (stated.instant > now + stated.aheadAllowed) {
      const limit = stated.aheadAllowed === HANDOVER_AHEAD_ALLOWED ? 'more than 14 days ahead' : 'more than 5 minutes after it is recorded';
      return ruleViolation('R1.4', `${stated.field} lies ${limit}: a stated time describes something that has happened`);
    }
    if (birthDate && stated.instant < startOfDanishDay(birthDate)) {
      return ruleViolation('R1.4', `${stated.field} lies before the patient was born (${danishDate(birthDate)})`);
    }
  }
  return null;
}

/** Revisions that end a refusal: the patient's or a professional's step towards CPR. */
export const isWishForCpr = (action: string): boolean => action === 'withdraw' || action === 'declare_invalid';

/** A calendar date counts from its first moment in Danish time: a registration dated today is fine, tomorrow is not. */
const day = (field: string, date: string): StatedTime => ({ field, instant: startOfDanishDay(date), aheadAllowed: AHEAD_ALLOWED });
const time = (field: string, timestamp: string, aheadAllowed = AHEAD_ALLOWED): StatedTime => ({ field, instant: instantOf(timestamp), aheadAllowed });

function statedTimesOf(command: PatientCommand): StatedTime[] {
  switch (command.type) {
    case 'RegisterPatient':
      return [];
    case 'MakeDecision': {
      const { decidedAt, registeredAt } = command.body;
      return [time('decidedAt', decidedAt), ...(registeredAt ? [day('registeredAt', registeredAt)] : [])];
    }
    case 'ReviseDecision':
      return isWishForCpr(command.body.action) ? [] : [time('revisedAt', command.body.revisedAt)];
    case 'RecordHandover':
      return [time('at', command.body.at, HANDOVER_AHEAD_ALLOWED)];
    case 'RecordTemporaryRevocation':
      return [];
    case 'ActivateTestament':
      return [time('assessedAt', command.body.assessedAt)];
    case 'RecordConditionImprovement':
    case 'RecordWillLookup':
      return [time('at', command.body.at)];
  }
}
