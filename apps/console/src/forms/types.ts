/** What a command's form is made of: fields described as data, and what to send. */
import type { z } from 'zod';
import type { Api } from '../api/client';
import type { StatusAnswer } from '../api/types';
import type { PatientContext, Person } from '../session';
import type { FieldErrors } from './issues';

export type Value = string | boolean | string[];
export type Values = Record<string, Value>;

export interface FormContext {
  api: Api;
  person: Person;
  patient: PatientContext | null;
  status: StatusAnswer | null;
}

export interface Field {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'datetime' | 'date' | 'select' | 'checkbox' | 'choices' | 'site';
  options?: ReadonlyArray<readonly [string, string]>;
  hint?: string;
  optional?: boolean;
  autocomplete?: string;
  /** Shown only when this says so (e.g. grounds only for a physician's decision). */
  when?: (values: Values) => boolean;
}

export interface FormSpec {
  id: string;
  title: string;
  /** Who may record it (api.md), said before the form is filled in. */
  who: string;
  intro?: string;
  needsPatient: boolean;
  fields: (ctx: FormContext, values: Values) => Field[];
  initial: (ctx: FormContext) => Values;
  schema: z.ZodType;
  toBody: (values: Values, ctx: FormContext) => Record<string, unknown>;
  /** Checks the schema cannot make (e.g. the CPR's birth date): field → Danish message. */
  check?: (body: Record<string, unknown>) => FieldErrors;
  path: (ctx: FormContext, values: Values) => string;
  /** A rule the service may refuse with (422): the field it concerns, and, where the rule id alone says too little here, the text. */
  rules?: Record<string, { field: string; text?: string }>;
  submitLabel: string;
  /** Fields cleared after a success (a CPR never stays on screen). */
  clearAfter?: string[];
  /** What to tell the person once the service accepted it (the answer is the endpoint's, e.g. a CommandAnswer). */
  done: (answer: unknown, values: Values) => { message: string; warning?: string };
}
