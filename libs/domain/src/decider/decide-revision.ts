/** ReviseDecision → Revised: withdrawal (R3.3, R4.4, R5.4), re-evaluation (R3.4, R4.5), written follow-up (R7.1). */
import { ReviseDecision } from '../commands/commands';
import { NewEvent } from '../events/patient-event';
import { instantOf } from '../time/danish-time';
import { ROLES, Role } from '../vocabulary/primitives';
import { DeciderState, DecisionSummary } from './decider-state';
import { notFound, Rejection, requireRole, RuleId, ruleViolation } from './rejection';

const ALL_ROLES: readonly Role[] = ROLES;

/** Who may withdraw, by basis. A patient's withdrawal is followed at once, whoever hears it (R4.4). */
const WITHDRAWAL: Record<DecisionSummary['basis'], { roles: readonly Role[]; rule: RuleId }> = {
  physician: { roles: ['physician'], rule: 'R3.3' },
  patient: { roles: ALL_ROLES, rule: 'R4.4' },
  register: { roles: ['physician', 'nurse', 'paramedic'], rule: 'R5.4' },
};

export function decideRevision(cmd: ReviseDecision, state: DeciderState): NewEvent[] | Rejection {
  const decision = state.decisions.get(cmd.decisionId);
  if (!decision) return notFound(`no decision ${cmd.decisionId} for this patient`);
  const refused = checkRevision(cmd, decision);
  if (refused) return refused;
  return [{ type: 'Revised', data: { decisionId: cmd.decisionId, ...cmd.body } }];
}

function checkRevision(cmd: ReviseDecision, decision: DecisionSummary): Rejection | null {
  const { action, revisedAt } = cmd.body;
  const rule = WITHDRAWAL[decision.basis].rule;
  if (decision.withdrawn) {
    return ruleViolation(rule, 'a withdrawn decision cannot be revised again; record a new decision');
  }
  if (instantOf(revisedAt) < instantOf(decision.decidedAt)) {
    return ruleViolation('R8.2', 'revisedAt lies before the decision was made');
  }
  switch (action) {
    case 'withdraw':
      return requireRole(cmd.by.role, WITHDRAWAL[decision.basis].roles, rule, `withdrawing a ${decision.basis} decision`);
    case 'reaffirm':
      return checkReaffirm(cmd.by.role, decision);
    case 'confirm_in_writing':
      return (
        requireRole(cmd.by.role, ['physician'], 'R7.1', 'confirming a decision in writing') ??
        (decision.oral ? null : ruleViolation('R7.1', 'only an oral decision awaits written confirmation'))
      );
  }
}

/**
 * A physician re-evaluates after improvement (R3.4), or assesses a lapsed patient refusal anew
 * once staff have clarified the patient keeps the wish (R4.5). The register changes only in the register (R5.4).
 */
function checkReaffirm(role: Role, decision: DecisionSummary): Rejection | null {
  if (decision.basis === 'register') {
    return ruleViolation('R5.4', "a registered refusal changes only in the register; record the register's state instead");
  }
  const rule = decision.basis === 'physician' ? 'R3.4' : 'R4.5';
  return requireRole(role, ['physician'], rule, 'reaffirming a decision');
}
