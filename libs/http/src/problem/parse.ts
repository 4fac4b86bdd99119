/** Strict validation of bodies, params, query and headers with zod: a failure is a 400 problem naming each path. */
import { z } from 'zod';
import { Problem } from './problem';

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' | 'headers'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ path: [where, ...i.path.map((key) => keyForAnswer(key, where))].join('.'), message: messageOf(i) }));
  throw new Problem('VALIDATION_FAILED', `the ${where} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });
}

/**
 * An error never echoes what the caller sent where that could hold a CPR (api.md, 2026-11-22):
 * keys are named only when they look like the API's field names — camelCase ASCII letters, no
 * digits and no separators (so `x01-01-48-1234` is never quoted) — or, among headers, a header
 * name of letters and hyphens (`if-match`); values are never quoted.
 */
const FIELD_NAME = /^[A-Za-z]{1,40}$/;
const HEADER_NAME = /^[a-z]{1,40}(?:-[a-z]{1,40}){0,4}$/;
const keyForAnswer = (key: PropertyKey, where: string): string =>
  typeof key === 'number' || FIELD_NAME.test(String(key)) || (where === 'headers' && HEADER_NAME.test(String(key))) ? String(key) : '(a key)';

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const named = issue.keys.every((k) => FIELD_NAME.test(k));
    return named ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : 'unknown fields are not allowed';
  }
  return issue.message;
}
