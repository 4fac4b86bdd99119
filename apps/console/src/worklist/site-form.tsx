/**
 * Completing the sites directory from the worklist (PUT /v1/sites/{sor}; physicians and nurses
 * keep it, R7.3a): the entry as the directory holds it — or as the message names the site, when
 * the directory does not know it yet — checked in the browser with the domain's own schema for a
 * site as given (SiteAsGiven) before anything is sent. The messages waiting for the site go out
 * as soon as the service has it.
 */
import { useEffect, useState } from 'preact/hooks';
import { SECTOR_IN_DANISH, SECTORS, SiteAsGiven, type Site } from '@dnr/domain';
import type { Api, Problem } from '../api/client';
import { ErrorText, fieldId } from '../forms/field-parts';
import { type FieldErrors, issuesInDanish, serverErrorsInDanish } from '../forms/issues';
import { problemInDanish } from '../words/problems';
import type { KnownParty } from './missing';

type Part = 'sector' | 'name' | 'ean' | 'phone';
type Values = Record<Part, string>;
/** What the directory said of the site when the form opened. */
type Entry = 'asking' | 'known' | 'unknown' | 'unanswered';

const ENTRY_IN_DANISH: Record<Entry, string> = {
  asking: 'Henter stedet fra stedregistret …',
  known: 'Stedet står i stedregistret: udfyld det, der mangler.',
  unknown: 'Stedet står ikke i stedregistret endnu: udfyld det.',
  unanswered: 'Stedregistret kunne ikke svare: udfyld det, du ved.',
};

const LABELS: Record<Part, string> = { sector: 'Sektor', name: 'Navn', ean: 'Lokationsnummer (EAN)', phone: 'Direkte telefonnummer' };
const HINTS: Partial<Record<Part, string>> = {
  phone: 'Afdelingens eller praksissens direkte nummer. En korrespondancemeddelelse skal have et telefonnummer for hver organisation, der har skrevet i den.',
};
/**
 * A known site's EAN decides where every later message to it goes, for every patient, so the
 * service lets only the site's own organisation change it (403). Said at the EAN, with what to do.
 */
const EAN_NOT_YOURS = 'Lokationsnummeret (EAN) for et sted, der allerede står i stedregistret, kan kun ændres af personale i stedets egen organisation. '
  + 'Kontakt stedet, eller bed it-driften rette det fra SOR.';

/** `form`: the element ids' prefix, one per message (two messages may wait for the same site). */
export function SiteForm({ api, form, party, onSaved }: { api: Api; form: string; party: KnownParty; onSaved: (site: Site) => void }) {
  const [values, setValues] = useState<Values>(() => valuesOf(party));
  const [entry, setEntry] = useState<Entry>('asking');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void (async () => {
      const answer = await api.get<Site>(`/v1/sites/${party.sor}`);
      setEntry(answer.ok ? 'known' : answer.problem.code === 'NOT_FOUND' ? 'unknown' : 'unanswered');
      if (answer.ok) setValues(valuesOf(answer.body));
    })();
  }, [party.sor]);

  const set = (part: Part) => (event: Event) => {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    setValues((v) => ({ ...v, [part]: value }));
    setErrors(({ [part]: _gone, ...rest }) => rest);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const site = { sor: party.sor, sector: values.sector, ean: values.ean.trim(), name: values.name.trim(), ...(values.phone.trim() ? { phone: values.phone.trim() } : {}) };
    const parsed = SiteAsGiven.safeParse(site);
    if (!parsed.success) return setErrors(issuesInDanish(parsed.error.issues, site));
    const { sor: _inTheAddress, ...body } = parsed.data;
    setBusy(true);
    const answer = await api.call<Site>('PUT', `/v1/sites/${party.sor}`, body);
    setBusy(false);
    if (!answer.ok) return setErrors(refusalAt(answer.problem));
    setErrors({});
    onSaved(parsed.data);
  };

  const field = (part: Part) => {
    const id = fieldId(form, part);
    const described = [HINTS[part] ? `${id}-hint` : '', errors[part] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    const common = { id, name: part, value: values[part], 'aria-invalid': errors[part] ? ('true' as const) : undefined, 'aria-describedby': described };
    return (
      <div class="site-part" key={part}>
        <label for={id}>{LABELS[part]}</label>
        {part === 'sector'
          ? <select {...common} onChange={set(part)}>{SECTORS.map((s) => <option key={s} value={s}>{capitalised(SECTOR_IN_DANISH[s])}</option>)}</select>
          : part === 'phone'
            ? <input {...common} type="tel" autocomplete="off" onInput={set(part)} />
            : <input {...common} type="text" inputMode={part === 'ean' ? 'numeric' : 'text'} autocomplete="off" onInput={set(part)} />}
        {HINTS[part] && <p class="hint" id={`${id}-hint`}>{HINTS[part]}</p>}
        <ErrorText id={id} error={errors[part]} />
      </div>
    );
  };

  return (
    <form class="site-form" method="post" onSubmit={submit} noValidate aria-labelledby={`${form}-title`}>
      <h5 id={`${form}-title`}>Stedregistret: {party.name}</h5>
      <p class="hint" role="status">SOR-id {party.sor}. {ENTRY_IN_DANISH[entry]}</p>
      {(['sector', 'name', 'ean', 'phone'] as const).map(field)}
      {errors._form && <p class="form-error" role="alert">{errors._form}</p>}
      <button type="submit" class="primary" disabled={busy}>{busy ? 'Gemmer …' : 'Gem i stedregistret'}</button>
    </form>
  );
}

function valuesOf(site: Partial<Site> & { name: string }): Values {
  return { sector: site.sector ?? 'hospital', name: site.name, ean: site.ean ?? '', phone: site.phone ?? '' };
}

/** A 400 at the fields it names; the EAN refusal (a 403 that names no roles) at the EAN; anything else under the form. */
function refusalAt(problem: Problem): FieldErrors {
  if (problem.code === 'VALIDATION_FAILED' && problem.errors?.length) {
    const out: FieldErrors = {};
    for (const [path, message] of Object.entries(serverErrorsInDanish(problem.errors))) out[path in LABELS ? path : '_form'] ??= message;
    return out;
  }
  if (problem.code === 'ROLE_NOT_ALLOWED' && !problem.allowedRoles?.length) return { ean: EAN_NOT_YOURS };
  return { _form: problemInDanish(problem) };
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
