/**
 * A care site in a handover: type its SOR id and fetch the rest from the sites directory
 * (GET /v1/sites/{sor}), or fill it in by hand when the directory does not know it yet.
 */
import { useState } from 'preact/hooks';
import { SECTOR_IN_DANISH, SECTORS, type Site } from '@dnr/domain';
import type { Api } from '../api/client';
import type { FieldErrors } from './issues';
import { ErrorText, fieldId } from './field-parts';
import type { Field, Value, Values } from './types';

const PARTS: ReadonlyArray<readonly [keyof Site, string]> = [
  ['sor', 'SOR-id'],
  ['sector', 'Sektor'],
  ['name', 'Navn'],
  ['ean', 'Lokationsnummer (EAN)'],
  ['phone', 'Direkte telefonnummer (valgfrit)'],
];

export function siteFrom(values: Values, name: string): Record<string, string> | undefined {
  const part = (p: string) => String(values[`${name}.${p}`] ?? '').trim();
  if (!['sor', 'ean', 'name', 'phone'].some((p) => part(p))) return undefined;
  return { sector: part('sector'), sor: part('sor'), ean: part('ean'), name: part('name'), ...(part('phone') ? { phone: part('phone') } : {}) };
}

export function SiteFields({ form, field, values, errors, set, api }: {
  form: string; field: Field; values: Values; errors: FieldErrors; set: (name: string, value: Value) => void; api: Api;
}) {
  const [lookup, setLookup] = useState<string | null>(null);
  const sor = String(values[`${field.name}.sor`] ?? '').trim();

  const fetchSite = async () => {
    if (!/^\d{1,20}$/.test(sor)) return setLookup('Skriv et SOR-id (cifre) først.');
    setLookup('Henter …');
    const answer = await api.get<Site>(`/v1/sites/${sor}`);
    if (!answer.ok) {
      return setLookup(answer.problem.code === 'NOT_FOUND' ? 'Stedet findes ikke i stedregistret: udfyld selv navn og lokationsnummer.' : 'Stedregistret kunne ikke svare: udfyld selv.');
    }
    for (const [part] of PARTS) if (part !== 'sor') set(`${field.name}.${part}`, String(answer.body[part] ?? ''));
    setLookup(`Hentet fra stedregistret: ${answer.body.name}.`);
  };

  return (
    <fieldset class="field site">
      <legend>{field.label}{field.optional ? ' (valgfrit)' : ''}</legend>
      {field.hint && <p class="hint">{field.hint}</p>}
      <ErrorText id={fieldId(form, field.name)} error={errors[field.name]} />
      {PARTS.map(([part, label]) => {
        const name = `${field.name}.${part}`;
        const id = fieldId(form, name);
        const error = errors[name];
        const common = { id, name, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': error ? `${id}-error` : undefined };
        const onInput = (e: Event) => set(name, (e.target as HTMLInputElement).value);
        return (
          <div class="site-part" key={part}>
            <label for={id}>{label}</label>
            {part === 'sector' ? (
              <select {...common} value={String(values[name] ?? 'hospital')} onChange={onInput}>
                {SECTORS.map((s) => <option key={s} value={s}>{capitalised(SECTOR_IN_DANISH[s])}</option>)}
              </select>
            ) : (
              <div class={part === 'sor' ? 'with-action' : undefined}>
                {part === 'phone'
                  ? <input {...common} type="tel" autocomplete="off" value={String(values[name] ?? '')} onInput={onInput} />
                  : <input {...common} type="text" inputMode={part === 'name' ? 'text' : 'numeric'} autocomplete="off" value={String(values[name] ?? '')} onInput={onInput} />}
                {part === 'sor' && <button type="button" onClick={fetchSite}>Hent fra stedregistret</button>}
              </div>
            )}
            <ErrorText id={id} error={error} />
          </div>
        );
      })}
      {lookup && <p class="hint" role="status">{lookup}</p>}
    </fieldset>
  );
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
