/** Strict validation of bodies, params, query and headers with zod: a failure is a 400 problem naming each path. */
import { z } from 'zod';
import { Problem } from './problem';

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' | 'headers'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  throw new Problem('VALIDATION_FAILED', `the ${where} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });
}
