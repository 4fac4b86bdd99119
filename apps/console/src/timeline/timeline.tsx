/**
 * Tidslinje: the record drawn (timeline/model.ts) — the verdict and each instrument as bars over
 * valid time, events as marks, lookups as ticks — with the same facts as lists below for anyone who
 * cannot see the picture, and the »kendt pr.« replay: what the service answered at an earlier moment
 * (GET …/resuscitation-status?at=T&knownAt=T). Physicians and nurses only (the record and the
 * lookup trail are theirs to read).
 */
import { useEffect, useState } from 'preact/hooks';
import { ROLE_IN_DANISH } from '@dnr/domain';
import type { Api } from '../api/client';
import type { EventView, LookupView, StatusAnswer } from '../api/types';
import { CLINICIANS, type PatientState, type Person } from '../session';
import { StatusCard, toldOnTrail } from '../status/status-card';
import { EVENT_IN_DANISH, inDanish } from '../words/danish';
import { problemInDanish } from '../words/problems';
import { danishWallTimeOf, danishWallTimeToIso, whenInDanish } from '../words/time';
import { pictureOf, type Picture } from './model';
import { TimelinePicture } from './picture';

export function Timeline({ api, person, state }: { api: Api; person: Person; state: PatientState }) {
  const [record, setRecord] = useState<{ events: EventView[]; lookups: LookupView[]; at: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [knownAt, setKnownAt] = useState<number | null>(null);
  const patientId = state.patient.patientId;

  useEffect(() => {
    if (!CLINICIANS.includes(person.role)) return;
    void (async () => {
      const [events, lookups] = await Promise.all([
        api.get<EventView[]>(`/v1/patients/${patientId}/events`),
        api.get<LookupView[]>(`/v1/patients/${patientId}/lookups?limit=1000`),
      ]);
      if (!events.ok) return setFailure(problemInDanish(events.problem));
      if (!lookups.ok) return setFailure(problemInDanish(lookups.problem));
      setRecord({ events: events.body, lookups: lookups.body, at: Date.now() });
    })();
  }, [patientId, state.status?.version]);

  if (!CLINICIANS.includes(person.role)) return <p class="notice">Tidslinjen viser journalen og hvem der har slået patienten op: den er for læger og sygeplejersker.</p>;
  if (failure) return <p class="form-error" role="alert">Tidslinjen kunne ikke hentes: {failure}</p>;
  if (!record) return <p role="status">Henter journalen …</p>;
  const picture: Picture = pictureOf(record.events, record.lookups, record.at);

  return (
    <div class="timeline">
      <h2>Tidslinje for {state.patient.name ?? 'patienten'}</h2>
      <TimelinePicture picture={picture} knownAt={knownAt} />
      <Replay api={api} patientId={patientId} name={state.patient.name} onReplay={setKnownAt} lookups={record.lookups} />
      <h3>Hændelser</h3>
      <table class="record">
        <thead><tr><th scope="col">Gælder fra</th><th scope="col">Hændelse</th><th scope="col">Registreret</th><th scope="col">Af</th></tr></thead>
        <tbody>
          {record.events.map((e) => (
            <tr key={e.eventId}>
              <td>{whenInDanish(validTimeOf(e))}</td>
              <td>{inDanish(EVENT_IN_DANISH, e.type, 'Anden hændelse')}</td>
              <td>{whenInDanish(e.recordedAt)}</td>
              <td>{e.recordedBy.name}, {ROLE_IN_DANISH[e.recordedBy.role] ?? 'sundhedsperson'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The event's own time as the form gave it (for the list; the picture uses the fold's effective time). */
function validTimeOf(e: EventView): string {
  const d = e.data as Record<string, unknown>;
  return String(d.decidedAt ?? d.revisedAt ?? d.statedAt ?? d.assessedAt ?? d.at ?? e.recordedAt);
}

function Replay({ api, patientId, name, lookups, onReplay }: { api: Api; patientId: string; name: string | null; lookups: LookupView[]; onReplay: (at: number | null) => void }) {
  const [value, setValue] = useState(() => danishWallTimeOf(Date.now()));
  const [answer, setAnswer] = useState<{ at: string; status: StatusAnswer } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const replay = async (iso: string) => {
    setError(null);
    const query = new URLSearchParams({ at: iso, knownAt: iso });
    const result = await api.get<StatusAnswer>(`/v1/patients/${patientId}/resuscitation-status?${query}`);
    if (!result.ok) return setError(problemInDanish(result.problem));
    setAnswer({ at: iso, status: result.body });
    onReplay(Date.parse(iso));
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const iso = danishWallTimeToIso(value);
    if (!iso) return setError('Angiv dato og klokkeslæt.');
    void replay(iso);
  };

  return (
    <section class="replay" aria-labelledby="replay-title">
      <h3 id="replay-title">Hvad svarede tjenesten?</h3>
      <form method="post" onSubmit={submit} noValidate>
        <div class="field">
          <label for="replay-known-at">Kendt pr. (dansk tid)</label>
          <div class="lookup-row">
            <input id="replay-known-at" type="datetime-local" step={1} value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)}
              aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'replay-error' : undefined} />
            <button type="submit" class="primary">Vis svaret</button>
          </div>
          {error && <p class="field-error" id="replay-error" role="alert">{error}</p>}
        </div>
      </form>
      {answer && (
        <div class="replayed" aria-live="polite">
          <p>Sådan svarede tjenesten pr. {whenInDanish(answer.at)}, med det der var registreret dengang (journalversion {answer.status.version}):</p>
          <StatusCard status={answer.status} name={name} api={api} headingLevel={3} />
        </div>
      )}
      <h3>Opslag</h3>
      {lookups.length === 0 ? <p>Ingen har slået patienten op endnu.</p> : (
        <table class="record lookups">
          <thead><tr><th scope="col">Tidspunkt</th><th scope="col">Af</th><th scope="col">Svar</th><th scope="col"><span class="visually-hidden">Genafspil</span></th></tr></thead>
          <tbody>
            {lookups.map((l, i) => (
              <tr key={i}>
                <td>{whenInDanish(l.at)}{l.repeats ? ` (og ${l.repeats} gange mere)` : ''}</td>
                <td>{l.by.name}, {ROLE_IN_DANISH[l.by.role] ?? 'sundhedsperson'}</td>
                <td>{toldOnTrail(l)}</td>
                {/* Nothing was answered, so there is nothing to replay. */}
                <td>{l.status !== null && <button type="button" onClick={() => { setValue(danishWallTimeOf(Date.parse(l.at))); void replay(new Date(Date.parse(l.at)).toISOString()); }}>Genafspil</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
