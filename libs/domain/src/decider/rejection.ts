/** Why a command was refused. Each refusal names the rule (api.md maps kinds to HTTP status). */
import { Role } from '../vocabulary/primitives';

export type RuleId = `R${number}.${number}` | `R${number}.${number}${'a' | 'b'}`;

export type Rejection =
  | { kind: 'rule'; rule: RuleId; detail: string }
  | { kind: 'role'; rule: RuleId; allowed: readonly Role[]; detail: string }
  | { kind: 'not_found'; detail: string }
  | { kind: 'invalid'; path: string; detail: string };

export const ruleViolation = (rule: RuleId, detail: string): Rejection => ({ kind: 'rule', rule, detail });

export const notFound = (detail: string): Rejection => ({ kind: 'not_found', detail });

export const invalid = (path: string, detail: string): Rejection => ({ kind: 'invalid', path, detail });

/** Refuses unless the caller's role is one of `allowed`. */
export function requireRole(role: Role, allowed: readonly Role[], rule: RuleId, what: string): Rejection | null {
  if (allowed.includes(role)) return null;
  return { kind: 'role', rule, allowed, detail: `${what}: only ${allowed.join(', ')} may do this (${rule})` };
}

export function isRejection(x: unknown): x is Rejection {
  return typeof x === 'object' && x !== null && 'kind' in x && !Array.isArray(x);
}
