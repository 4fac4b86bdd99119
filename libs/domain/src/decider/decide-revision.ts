/**
 * ReviseDecision → Revised: withdrawal (R3.3, R4.4, R5.4, R6.7), re-evaluation (R3.4, R4.5, R6.8),
 * written follow-up (R7.1), and an invalid registration (R5.5). The revised instrument is a
 * decision or a will activation.
 */
import { ReviseDecision } from '../commands/commands';
import { NewEvent } from '../events/patient-event';
import { instantOf } from '../time/danish-time';
import { ROLES, Role } from '../vocabulary/primitives';
import { ActivationSummary, DeciderState, DecisionSummary } from './decider-state';
import { recordShowsPermanentlyIncompetent } from './competence';
import { notFound, Rejection, requireRole, RuleId, ruleViolation } from './rejection';
import { isWishForCpr } from './stated-times';

const ALL_ROLES: readonly Role[] = ROLES;

/** Who may withdraw, by basis. A patient's withdrawal is followed at once, whoever hears it (R4.4). */
const WITHDRAWAL: Record<DecisionSummary['basis'], { roles: readonly Role[]; rule: RuleId }> = {
  physician: { roles: ['physician'], rule: 'R3.3' },
  patient: { roles: ALL_ROLES, rule: 'R4.4' },
  register: { roles: ['physician', 'nurse', 'paramedic'], rule: 'R5.4' },
};

export function decideRevision(cmd: ReviseDecision, state: DeciderState): NewEvent[] | Rejection {
  const decision = state.decisions.get(cmd.decisionId);
  const activation = state.activations.get(cmd.decisionId);
  if (!decision && !activation) return notFound(`no decision or will activation ${cmd.decisionId} for this patient`);
  const refused = decision ? checkDecisionRevision(cmd, decision, state) : checkActivationRevision(cmd, activation as ActivationSummary);
  if (refused) return refused;
  return [{ type: 'Revised', data: { decisionId: cmd.decisionId, ...cmd.body } }];
}

function checkDecisionRevision(cmd: ReviseDecision, decision: DecisionSummary, state: DeciderState): Rejection | null {
  const { action, revisedAt } = cmd.body;
  const rule = WITHDRAWAL[decision.basis].rule;
  if (decision.withdrawn) {
    return ruleViolation(rule, 'the decision is no longer in force (withdrawn, or ended by a responsible physician\'s withdrawal that took effect after it was made): it cannot be revised or confirmed; record a new decision');
  }
  // A withdrawal is never refused for its time (R5.3a); it cannot take effect before the decision exists (effective-time.ts).
  if (!isWishForCpr(action) && instantOf(revisedAt) < instantOf(decision.decidedAt)) {
    return ruleViolation('R8.2', 'revisedAt lies before the decision was made');
  }
  switch (action) {
    case 'withdraw':
      return requireRole(cmd.by.role, WITHDRAWAL[decision.basis].roles, rule, `withdrawing a ${decision.basis} decision`);
    case 'reaffirm':
      return checkReaffirm(cmd.by.role, decision) ?? checkStillHerOwnWish(cmd, decision, state);
    case 'confirm_in_writing':
      return (
        requireRole(cmd.by.role, ['physician'], 'R7.1', 'confirming a decision in writing') ??
        (decision.oral ? null : ruleViolation('R7.1', 'only an oral decision awaits written confirmation'))
      );
    case 'declare_invalid':
      return checkDeclareInvalid(cmd.by.role, decision);
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

/**
 * R4.5 + R4.7 Reaffirming a patient's own refusal is assessing anew that she keeps her wish; a
 * patient the record shows as permanently incompetent then cannot (»Varigt inhabile borgere kan
 * ikke fravælge genoplivningsforsøg«, 001). Her refusal may still bind unreaffirmed (R4.6); after a
 * lapse only the physician can decide for her (R3).
 */
function checkStillHerOwnWish(cmd: ReviseDecision, decision: DecisionSummary, state: DeciderState): Rejection | null {
  if (decision.basis !== 'patient' || !recordShowsPermanentlyIncompetent(state, instantOf(cmd.body.revisedAt))) return null;
  return ruleViolation('R4.7', 'the record shows the patient as permanently incompetent at revisedAt: her own refusal cannot be assessed anew; only the responsible physician can decide (basis physician)');
}

/**
 * R5.5 A health professional who knows the citizen was undoubtedly incompetent when registering
 * is not bound by the registration; only a registration can be invalid.
 */
function checkDeclareInvalid(role: Role, decision: DecisionSummary): Rejection | null {
  return (
    requireRole(role, ['physician', 'nurse'], 'R5.5', 'declaring a registration invalid') ??
    (decision.basis === 'register' ? null : ruleViolation('R5.5', 'only a registered refusal (basis register) can be declared invalid'))
  );
}

/**
 * A will activation is the physician's assessment: a physician withdraws it (R6.7) or, after a
 * significant improvement, confirms it still applies (R6.8). Nothing else revises it.
 */
function checkActivationRevision(cmd: ReviseDecision, activation: ActivationSummary): Rejection | null {
  const { action, revisedAt } = cmd.body;
  if (activation.withdrawnAt !== null) return ruleViolation('R6.7', 'a withdrawn activation cannot be revised again; record a new activation');
  if (!isWishForCpr(action) && instantOf(revisedAt) < activation.assessedAt) return ruleViolation('R8.2', 'revisedAt lies before the activation was assessed');
  if (action === 'withdraw') return requireRole(cmd.by.role, ['physician'], 'R6.7', 'withdrawing a will activation');
  if (action === 'reaffirm') return requireRole(cmd.by.role, ['physician'], 'R6.8', 're-assessing a will activation');
  return ruleViolation(action === 'declare_invalid' ? 'R5.5' : 'R6.7', `${action} does not apply to a will activation: withdraw or reaffirm it`);
}
