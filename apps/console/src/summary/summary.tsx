/**
 * »Fravalg af genoplivningsforsøg« — the page staff print and hand the ambulance crew (R7.2): the
 * status, its basis, who decided and when, the grounds or the illness situation, how it may change,
 * what must still be done, when it was printed, and that the live status in the system decides.
 * One A4 page (print CSS in styles/print.css). The status is read afresh when the page opens.
 */
import { useEffect, useState } from 'preact/hooks';
import { GROUND_IN_DANISH, ROLE_IN_DANISH, TESTAMENT_IN_DANISH, WILL_SITUATION_IN_DANISH, type InstrumentView, type PhysicianGround, type TestamentKind } from '@dnr/domain';
import type { Api } from '../api/client';
import type { EventView, StatusAnswer } from '../api/types';
import { CLINICIANS, type PatientState, type Person } from '../session';
import { Flags, VERDICT, whyAttempt } from '../status/status-card';
import { OrgName } from '../status/org-name';
import { BASIS_IN_DANISH, HOW_IT_MAY_CHANGE, inDanish } from '../words/danish';
import { problemInDanish } from '../words/problems';
import { dayInDanish, whenInDanish } from '../words/time';

export function Summary({ api, person, state, onStatus }: { api: Api; person: Person; state: PatientState; onStatus: (status: StatusAnswer) => void }) {
  const [events, setEvents] = useState<EventView[] | null>(null);
  const [printedAt, setPrintedAt] = useState(() => Date.now());
  const [failure, setFailure] = useState<string | null>(null);
  const { patient, status } = state;

  useEffect(() => {
    void (async () => {
      const fresh = await api.get<StatusAnswer>(`/v1/patients/${patient.patientId}/resuscitation-status`);
      if (!fresh.ok) return setFailure(problemInDanish(fresh.problem));
      onStatus(fresh.body);
      setPrintedAt(Date.now());
      if (CLINICIANS.includes(person.role)) {
        const record = await api.get<EventView[]>(`/v1/patients/${patient.patientId}/events`);
        if (record.ok) setEvents(record.body);
      }
    })();
    const beforePrint = () => setPrintedAt(Date.now());
    window.addEventListener('beforeprint', beforePrint);
    return () => window.removeEventListener('beforeprint', beforePrint);
  }, [patient.patientId]);

  if (failure) return <p class="form-error" role="alert">Status kunne ikke hentes: {failure} I tvivl skal genoplivning forsøges.</p>;
  if (!status) return <p role="status">Henter status …</p>;
  const refused = status.status === 'DNACPR';
  const deciding = status.instruments.find((i) => i.id === status.decision?.decisionId);

  return (
    <div class="summary-screen">
      <p class="no-print actions"><button type="button" class="primary" onClick={() => window.print()}>Udskriv</button></p>
      <article class="summary" aria-labelledby="summary-title">
        <h2 id="summary-title">Fravalg af genoplivningsforsøg</h2>
        <dl class="patient">
          <dt>Patient</dt>
          <dd class="summary-name">{patient.name ?? 'Navn ukendt – kontrollér identiteten'}</dd>
          {patient.cpr && <><dt>CPR-nummer</dt><dd>{patient.cpr}</dd></>}
        </dl>
        <p class={`summary-verdict ${refused ? 'dnacpr' : 'attempt'}`}>{refused ? VERDICT.DNACPR : VERDICT.ATTEMPT_CPR}</p>
        {refused ? <p class="statement">»{status.statement}«</p> : <p>{whyAttempt(status)}</p>}
        <dl class="facts">
          {status.decision && <>
            <dt>Grundlag</dt>
            <dd>{inDanish(BASIS_IN_DANISH, status.basis, 'Ukendt grundlag')}</dd>
            <dt>Besluttet af</dt>
            <dd>{status.decision.decidedBy.name}, {ROLE_IN_DANISH[status.decision.decidedBy.role] ?? 'sundhedsperson'}, <OrgName api={api} sor={status.decision.decidedBy.org} /></dd>
            <dt>Tidspunkt</dt>
            <dd>{whenInDanish(status.decision.decidedAt)}</dd>
          </>}
          {deciding && <Particulars instrument={deciding} events={events} />}
          <dt>Sådan kan det ændres</dt>
          <dd>{HOW_IT_MAY_CHANGE[refused && status.basis ? status.basis : 'none']}</dd>
        </dl>
        <Flags flags={status.flags} />
        <footer class="summary-footer">
          <p>Udskrevet {whenInDanish(new Date(printedAt).toISOString())} af {person.name}, {ROLE_IN_DANISH[person.role]}. Status pr. {whenInDanish(status.at)} (journalversion {status.version}).</p>
          <p class="authoritative">Den aktuelle status i systemet er altid gældende. Slå patienten op, før beslutningen følges – den kan være ændret, efter at dette blev udskrevet.</p>
        </footer>
      </article>
    </div>
  );
}

/** Grounds (physician), illness situation (patient), the register's dates, or the will and its situation. */
function Particulars({ instrument, events }: { instrument: InstrumentView; events: EventView[] | null }) {
  const made = events?.find((e) => e.type === 'DecisionMade' && e.data.decisionId === instrument.id)?.data as
    | { illnessSituation?: { id: string; description: string }; registeredAt?: string } | undefined;
  switch (instrument.kind) {
    case 'physician':
      return <><dt>Begrundelse</dt><dd><ul>{(instrument.grounds ?? []).map((g) => <li key={g}>{GROUND_IN_DANISH[g as PhysicianGround] ?? 'Anden begrundelse'}</li>)}</ul></dd></>;
    case 'patient':
      return <><dt>Sygdomssituation</dt><dd>{made?.illnessSituation?.description ?? instrument.illnessSituationId ?? 'Ikke oplyst'}</dd></>;
    case 'register':
      return <><dt>Registreret</dt><dd>{made?.registeredAt ? `${dayInDanish(made.registeredAt)}, ` : ''}i kraft fra {dayInDanish(instrument.effectiveFrom)}</dd></>;
    case 'testament':
      return instrument.testament
        ? <><dt>Testamente</dt><dd>{capitalised(TESTAMENT_IN_DANISH[instrument.testament.kind as TestamentKind] ?? 'testamente')}: {WILL_SITUATION_IN_DANISH[instrument.testament.situation as PhysicianGround] ?? 'situation ikke oplyst'}</dd></>
        : null;
    default:
      return null;
  }
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
