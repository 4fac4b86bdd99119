/**
 * The crew card: a CPR number in, the status out — one action. The number goes to the service in
 * a POST body (never a URL, never the history), the field is emptied as soon as it is sent, and the
 * browser is asked not to remember it (autocomplete off). The number looked up is shown on the
 * answer (from page memory only). Once an answer is on screen the field shrinks to one row above
 * it, so that the answer fits a phone's screen.
 */
import { useRef, useState } from 'preact/hooks';
import { parseCpr } from '@dnr/domain';
import type { Api } from '../api/client';
import type { StatusLookup } from '../api/types';
import type { PatientState } from '../session';
import { problemInDanish } from '../words/problems';
import { NoAnswer, NothingRecorded, StatusCard } from '../status/status-card';

type Outcome = { kind: 'nothing-recorded'; cpr: string } | { kind: 'no-answer'; why: string } | null;

const NOT_A_CPR = 'Et CPR-nummer er 10 cifre (DDMMÅÅ-LLLL) med en gyldig fødselsdato.';

export function CrewCard({ api, state, onLookedUp }: { api: Api; state: PatientState | null; onLookedUp: (state: PatientState | null) => void }) {
  const [cpr, setCpr] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const input = useRef<HTMLInputElement>(null);

  const lookUp = async (event: Event) => {
    event.preventDefault();
    // The last answer goes at once: an old patient's status must never stand beside a new number.
    setOutcome(null);
    onLookedUp(null);
    const parsed = parseCpr(cpr.trim());
    if (!parsed.ok) {
      setError(NOT_A_CPR);
      input.current?.focus();
      return;
    }
    setCpr('');
    setError(null);
    setBusy(true);
    const answer = await api.post<StatusLookup>('/v1/patients/status-lookups', { cpr: parsed.cpr.digits });
    setBusy(false);
    const digits = parsed.cpr.digits;
    const typed = `${digits.slice(0, 6)}-${digits.slice(6)}`;
    if (answer.ok) {
      const { patientId, name, status } = answer.body;
      return onLookedUp({ patient: { patientId, name, cpr: typed }, status });
    }
    if (answer.problem.code === 'NOT_FOUND') return setOutcome({ kind: 'nothing-recorded', cpr: typed });
    if (answer.problem.code === 'VALIDATION_FAILED') return setError(NOT_A_CPR);
    setOutcome({ kind: 'no-answer', why: problemInDanish(answer.problem) });
  };

  const compact = busy || outcome !== null || Boolean(state?.status);

  return (
    <div class="crew-card">
      <form class={compact ? 'lookup compact' : 'lookup'} method="post" onSubmit={lookUp} noValidate role="search" aria-label="Slå genoplivningsstatus op">
        <label for="crew-cpr">CPR-nummer</label>
        <div class="lookup-row">
          <input id="crew-cpr" ref={input} type="text" inputMode="numeric" autocomplete="off" spellcheck={false} enterKeyHint="search" maxLength={11}
            placeholder={compact ? undefined : 'DDMMÅÅ-LLLL'} value={cpr} onInput={(e) => setCpr((e.target as HTMLInputElement).value)}
            aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'crew-cpr-error' : undefined} />
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Slår op …' : 'Slå op'}</button>
        </div>
        {error && <p class="field-error" id="crew-cpr-error" role="alert">{error}</p>}
      </form>
      <div aria-live="polite">
        {outcome?.kind === 'nothing-recorded' && <NothingRecorded cpr={outcome.cpr} />}
        {outcome?.kind === 'no-answer' && <NoAnswer why={outcome.why} />}
        {!outcome && state?.status && <StatusCard status={state.status} name={state.patient.name} cpr={state.patient.cpr} api={api} />}
      </div>
    </div>
  );
}
