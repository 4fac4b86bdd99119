/** A refusal from the service, said in Danish for the person who caused it (the rule explained, never its id or code). */
import { ROLE_IN_DANISH, type Role } from '@dnr/domain';
import type { Problem } from '../api/client';
import { RULE_IN_DANISH } from './danish';

export function rolesInDanish(roles: readonly string[] | undefined): string {
  const names = (roles ?? []).map((r) => ROLE_IN_DANISH[r as Role] ?? 'anden rolle');
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} eller ${names[names.length - 1]}`;
}

export function problemInDanish(problem: Problem): string {
  const rule = problem.rule ? RULE_IN_DANISH[problem.rule] : undefined;
  switch (problem.code) {
    case 'RULE_VIOLATION':
      return rule ?? 'Reglerne tillader ikke dette.';
    case 'ROLE_NOT_ALLOWED': {
      // The rule a role refusal names says where the limit comes from, not what it is: say who may.
      const who = rolesInDanish(problem.allowedRoles);
      return who ? `Din rolle må ikke gøre dette. Det må kun gøres af: ${who}.` : 'Din rolle må ikke gøre dette.';
    }
    case 'VALIDATION_FAILED':
      return 'Oplysningerne er ikke gyldige – se felterne.';
    case 'UNAUTHENTICATED':
      return 'Du er ikke (længere) logget ind. Log ind igen.';
    case 'NOT_FOUND':
      return 'Findes ikke her.';
    case 'CONCURRENT_MODIFICATION':
      return 'Patientens journal blev ændret imens. Hent status igen, og prøv så igen.';
    case 'IDEMPOTENCY_KEY_REUSED':
      return 'Den samme registrering blev sendt to gange med forskelligt indhold. Prøv igen.';
    case 'PAYLOAD_TOO_LARGE':
      return 'Teksten er for lang.';
    case 'RATE_LIMITED':
      return 'For mange registreringer på kort tid. Vent et øjeblik, og prøv igen.';
    case 'SERVICE_UNAVAILABLE':
      return 'Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt.';
    case 'NETWORK':
      return 'Ingen forbindelse til tjenesten.';
    default:
      return 'Tjenesten kunne ikke svare. Prøv igen.';
  }
}
