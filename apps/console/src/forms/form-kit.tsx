/**
 * One way to show every command's form: fields described as data (forms/specs.ts), checked in the
 * browser with the same zod schema the service uses, sent with an Idempotency-Key (a double click
 * or a retry records once), and every refusal shown next to the field it concerns, in Danish.
 */
import { useRef, useState } from 'preact/hooks';
import type { Problem } from '../api/client';
import { problemInDanish } from '../words/problems';
import { ErrorText, fieldId } from './field-parts';
import { type FieldErrors, issuesInDanish, serverErrorsInDanish } from './issues';
import { SiteFields } from './site-fields';
import type { Field, FormContext, FormSpec, Value, Values } from './types';

export const isShown = (field: Field, values: Values): boolean => !field.when || field.when(values);

export function CommandForm({ spec, ctx, onRecorded }: { spec: FormSpec; ctx: FormContext; onRecorded: (answer: unknown, values: Values) => void }) {
  const [entered, setValues] = useState<Values>(() => spec.initial(ctx));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ message: string; warning?: string } | null>(null);
  const attempt = useRef<string>(crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  const values = coerceChoices(spec.fields(ctx, entered), entered);
  const fields = spec.fields(ctx, values);

  const set = (name: string, value: Value) => {
    attempt.current = crypto.randomUUID(); // a changed form is a new request
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setOutcome(null);
    const body = spec.toBody(values, ctx);
    const parsed = spec.schema.safeParse(body);
    const found = { ...(parsed.success ? {} : issuesInDanish(parsed.error.issues, body)), ...(spec.check?.(body) ?? {}) };
    if (Object.keys(found).length > 0) return showErrors(found);
    setBusy(true);
    const answer = await ctx.api.post(spec.path(ctx, values), body, { 'idempotency-key': attempt.current });
    setBusy(false);
    if (!answer.ok) return showErrors(refusalAt(answer.problem, spec, fields, values));
    attempt.current = crypto.randomUUID();
    setErrors({});
    setOutcome(spec.done(answer.body, values));
    if (spec.clearAfter) setValues((v) => ({ ...v, ...Object.fromEntries(spec.clearAfter!.map((name) => [name, ''])) }));
    onRecorded(answer.body, values);
  };

  return (
    <form ref={formRef} class="command-form" method="post" onSubmit={submit} noValidate aria-labelledby={`${spec.id}-title`}>
      <h2 id={`${spec.id}-title`}>{spec.title}</h2>
      <p class="who">Må registreres af: {spec.who}</p>
      {spec.intro && <p class="intro">{spec.intro}</p>}
      {fields.filter((f) => isShown(f, values)).map((field) => (
        <FieldView key={field.name} form={spec.id} field={field} values={values} errors={errors} set={set} ctx={ctx} />
      ))}
      {errors._form && <p class="form-error" role="alert">{errors._form}</p>}
      <button type="submit" class="primary" disabled={busy}>{busy ? 'Sender …' : spec.submitLabel}</button>
      {outcome && (
        <div class="outcome" role="status">
          {outcome.warning && <p class="identity-warning" role="alert">{outcome.warning}</p>}
          <p class="recorded">{outcome.message}</p>
        </div>
      )}
    </form>
  );
}

/**
 * A select whose value is no longer among its options (the options follow other fields, e.g. the
 * actions a decision allows) takes its first option, as the browser shows it — what is sent is
 * what is seen.
 */
function coerceChoices(fields: Field[], entered: Values): Values {
  const values = { ...entered };
  for (const f of fields) {
    if (f.kind === 'select' && f.options?.length && !f.options.some(([code]) => code === values[f.name])) values[f.name] = f.options[0][0];
  }
  return values;
}

/** Where a refusal from the service is shown: a 400 at its fields, a 422 at the field its rule concerns, anything else under the form. */
function refusalAt(problem: Problem, spec: FormSpec, fields: Field[], values: Values): FieldErrors {
  if (problem.code === 'VALIDATION_FAILED' && problem.errors?.length) {
    const shown = new Set(fields.filter((f) => isShown(f, values)).flatMap((f) => (f.kind === 'site' ? [f.name, ...['sor', 'ean', 'name', 'phone', 'sector'].map((p) => `${f.name}.${p}`)] : [f.name])));
    const byField = serverErrorsInDanish(problem.errors);
    const out: FieldErrors = {};
    for (const [path, message] of Object.entries(byField)) out[shown.has(path) ? path : '_form'] ??= message;
    return out;
  }
  if (problem.code === 'RULE_VIOLATION' && problem.rule && spec.rules?.[problem.rule]) {
    const { field, text } = spec.rules[problem.rule];
    return { [field]: text ?? problemInDanish(problem) };
  }
  return { _form: problemInDanish(problem) };
}

function FieldView({ form, field, values, errors, set, ctx }: { form: string; field: Field; values: Values; errors: FieldErrors; set: (name: string, value: Value) => void; ctx: FormContext }) {
  if (field.kind === 'site') return <SiteFields form={form} field={field} values={values} errors={errors} set={set} api={ctx.api} />;
  const id = fieldId(form, field.name);
  const error = errors[field.name];
  const described = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.name, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described };
  const value = values[field.name];
  const label = `${field.label}${field.optional ? ' (valgfrit)' : ''}`;

  if (field.kind === 'checkbox') {
    return (
      <div class="field checkbox">
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => set(field.name, (e.target as HTMLInputElement).checked)} />
        <label for={id}>{label}</label>
        <Hint id={id} field={field} />
        <ErrorText id={id} error={error} />
      </div>
    );
  }
  if (field.kind === 'choices') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset class="field choices" aria-describedby={described} aria-invalid={error ? 'true' : undefined} tabIndex={error ? -1 : undefined} id={id}>
        <legend>{label}</legend>
        {field.options?.map(([code, text]) => (
          <div class="choice" key={code}>
            <input type="checkbox" id={`${id}-${code}`} checked={chosen.includes(code)}
              onChange={(e) => set(field.name, (e.target as HTMLInputElement).checked ? [...chosen, code] : chosen.filter((c) => c !== code))} />
            <label for={`${id}-${code}`}>{text}</label>
          </div>
        ))}
        <Hint id={id} field={field} />
        <ErrorText id={id} error={error} />
      </fieldset>
    );
  }
  const onInput = (e: Event) => set(field.name, (e.target as HTMLInputElement).value);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {field.kind === 'select' ? (
        <select {...common} value={String(value ?? '')} onChange={onInput}>
          {field.options?.map(([code, text]) => <option key={code} value={code}>{text}</option>)}
        </select>
      ) : field.kind === 'textarea' ? (
        <textarea {...common} value={String(value ?? '')} onInput={onInput} rows={3} />
      ) : field.kind === 'datetime' ? (
        <input {...common} type="datetime-local" step={1} value={String(value ?? '')} onInput={onInput} />
      ) : field.kind === 'date' ? (
        <input {...common} type="date" value={String(value ?? '')} onInput={onInput} />
      ) : (
        <input {...common} type="text" value={String(value ?? '')} onInput={onInput} autocomplete={field.autocomplete ?? 'off'} spellcheck={false} />
      )}
      <Hint id={id} field={field} />
      <ErrorText id={id} error={error} />
    </div>
  );
}

const Hint = ({ id, field }: { id: string; field: Field }) => (field.hint ? <p class="hint" id={`${id}-hint`}>{field.hint}</p> : null);
