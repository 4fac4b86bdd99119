/** One sentence a crew can read at the bedside, naming the rule behind the answer. */
import { AttemptCprReason, InstrumentKind } from './resuscitation-status';

const WHY_REFUSED: Record<InstrumentKind, string> = {
  register: "The citizen's registered refusal is in force and prevails over every other arrangement (R5.1, R5.2).",
  physician: "The responsible physician's decision holds across sector changes until a responsible physician decides otherwise (R3.3).",
  patient: "The competent patient's own refusal applies in the current illness situation; the patient may withdraw it at any time (R4.3, R4.4).",
  testament: "A physician assessed the patient as permanently incompetent in a situation the treatment will covers (R6.1).",
};

const WHY_ATTEMPT: Record<AttemptCprReason, string> = {
  NO_PRIOR_DECISION: 'No prior refusal is recorded here: resuscitation is attempted unless an exception is known (R1.1).',
  DECISION_WITHDRAWN: 'The refusal was withdrawn (R3.3, R4.4, R5.4).',
  DECISION_LAPSED: "The patient's refusal lapsed with significant improvement until the wish is clarified and assessed anew (R4.5).",
  REGISTER_NOT_YET_EFFECTIVE: 'The registered refusal takes effect 7 days after registration (R5.1).',
  TEMPORARILY_REVOKED: 'The patient revoked the refusal for the current illness situation (R5.3, R6.4).',
  TESTAMENT_ADVISORY_ONLY: 'A livstestamente in this situation only advises the physician (R6.3).',
  AWAITING_RELATIVES_ACCEPTANCE: "The treatment will binds only once the closest relatives accept (R6.3).",
};

export function explain(basis: InstrumentKind | null, reason: AttemptCprReason | null): string {
  if (basis) return WHY_REFUSED[basis];
  return `${WHY_ATTEMPT[reason ?? 'NO_PRIOR_DECISION']} In doubt, attempt CPR (R1.2).`;
}
