/**
 * The schema's complaints (the same zod schemas the service validates with) in Danish, one per
 * field, keyed by the field's path in the body ("from.ean"). The service's own 400 answers are
 * keyed the same way ("body.from.ean" → "from.ean").
 */
import type { z } from 'zod';

const BY_FIELD: Record<string, string> = {
  sor: 'Et SOR-id består af cifre.',
  ean: 'Et lokationsnummer (EAN) er 13 cifre med gyldigt kontrolciffer.',
  phone: 'Et telefonnummer består af cifre og mellemrum, evt. med + foran.',
  cpr: 'Et CPR-nummer er 10 cifre (DDMMÅÅ-LLLL) med en gyldig fødselsdato.',
  to: 'Fra og til skal være to forskellige steder.',
};

export type FieldErrors = Record<string, string>;

export function issuesInDanish(issues: readonly z.core.$ZodIssue[], body: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    errors[path || '_form'] ??= issueInDanish(issue, valueAt(body, issue.path));
  }
  return errors;
}

export function serverErrorsInDanish(errors: ReadonlyArray<{ path: string }> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors ?? []) {
    const path = e.path.replace(/^body\.?/, '');
    const last = path.split('.').pop() ?? '';
    out[path || '_form'] ??= BY_FIELD[last] ?? 'Ugyldig værdi.';
  }
  return out;
}

function issueInDanish(issue: z.core.$ZodIssue, value: unknown): string {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  const missing = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (missing && ['invalid_type', 'invalid_format', 'custom'].includes(issue.code)) return 'Skal udfyldes.';
  switch (issue.code) {
    case 'invalid_type':
      return 'Ugyldig værdi.';
    case 'too_small':
      if (issue.origin === 'array') return 'Vælg mindst én.';
      return missing ? 'Skal udfyldes.' : `Mindst ${issue.minimum} tegn.`;
    case 'too_big':
      return issue.origin === 'array' ? `Højst ${issue.maximum}.` : `Højst ${issue.maximum} tegn.`;
    case 'invalid_format':
      if (issue.format === 'datetime') return 'Angiv dato og klokkeslæt.';
      if (issue.format === 'date') return 'Angiv en dato.';
      return BY_FIELD[field] ?? 'Ugyldigt format.';
    case 'invalid_value':
      return issue.values.length === 1 && issue.values[0] === true ? 'Skal bekræftes.' : 'Vælg en af mulighederne.';
    case 'custom':
      return BY_FIELD[field] ?? 'Ugyldig værdi.';
    default:
      return 'Ugyldig værdi.';
  }
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = body;
  for (const key of path) at = at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}
