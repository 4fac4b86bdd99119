/**
 * The console's shell: sign-in, the header (who is signed in, the patient on screen), and five
 * screens chosen by the address's hash (#/opslag …). The hash never holds a CPR number or a
 * patientId; the patient on screen lives in memory only.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ROLE_IN_DANISH } from '@dnr/domain';
import { Api } from './api/client';
import type { StatusAnswer } from './api/types';
import { finishSignIn } from './auth/oidc';
import { SignIn, type ConsoleConfig } from './auth/sign-in';
import { CrewCard } from './crew/crew-card';
import { FormsPage } from './forms/forms-page';
import { CLINICIANS, personIn, type PatientContext, type PatientState, type Person } from './session';
import { Summary } from './summary/summary';
import { Timeline } from './timeline/timeline';
import { Worklist } from './worklist/worklist';

const SCREENS = [
  { hash: '#/opslag', title: 'Opslag' },
  { hash: '#/udskrift', title: 'Udskrift' },
  { hash: '#/registrering', title: 'Registrér' },
  { hash: '#/tidslinje', title: 'Tidslinje', cliniciansOnly: true },
  { hash: '#/arbejdsliste', title: 'Arbejdsliste' },
] as const;
type Screen = (typeof SCREENS)[number]['hash'];

const screenOf = (hash: string): Screen => (SCREENS.find((s) => s.hash === hash)?.hash ?? '#/opslag');

export function App() {
  const [signedOut, setSignedOut] = useState<string | null>(null);
  const api = useMemo(() => new Api(() => { api.useToken(null); setPerson(null); setSignedOut('Du er blevet logget ud. Log ind igen.'); }), []);
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [person, setPerson] = useState<Person | null>(null);
  const [screen, setScreen] = useState<Screen>(() => screenOf(location.hash));
  const [patientState, setPatientState] = useState<PatientState | null>(null);

  useEffect(() => {
    const onHash = () => setScreen(screenOf(location.hash));
    window.addEventListener('hashchange', onHash);
    void (async () => {
      const answer = await api.get<ConsoleConfig>('/console/config.json');
      const loaded = answer.ok ? answer.body : { development: false, oidc: null };
      setConfig(loaded);
      if (loaded.oidc) {
        const back = await finishSignIn(loaded.oidc);
        if (back.kind === 'signed-in') signIn(back.accessToken);
        if (back.kind === 'failed') setSignedOut(back.why);
      }
    })();
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const title = SCREENS.find((s) => s.hash === screen)?.title ?? 'Opslag';
    document.title = `${title} – Genoplivningsstatus`;
  }, [screen]);

  function signIn(token: string) {
    const who = personIn(token);
    if (!who) return setSignedOut('Adgangsnøglen mangler navn, rolle eller organisation.');
    api.useToken(token);
    setSignedOut(null);
    setPerson(who);
  }

  const signOut = () => {
    api.useToken(null);
    setPerson(null);
    setPatientState(null);
  };

  /** The patient on screen, and their status read afresh (an audited lookup, like any read). */
  const choosePatient = async (patient: PatientContext) => {
    setPatientState({ patient, status: null });
    const answer = await api.get<StatusAnswer>(`/v1/patients/${patient.patientId}/resuscitation-status`);
    if (answer.ok) setPatientState({ patient, status: answer.body });
  };
  const refreshStatus = () => patientState && void choosePatient(patientState.patient);
  const openPatient = (patientId: string, name: string | null) => {
    void choosePatient({ patientId, name: name ?? (patientState?.patient.patientId === patientId ? patientState.patient.name : null) });
    location.hash = '#/tidslinje';
  };

  return (
    <>
      <header class="top no-print">
        <p class="app-name">Genoplivningsstatus</p>
        {person && (
          <div class="who">
            <span>{person.name}, {ROLE_IN_DANISH[person.role] ?? 'sundhedsperson'}{person.orgName ? ` · ${person.orgName}` : ''}</span>
            <button type="button" class="link" onClick={signOut}>Log ud</button>
          </div>
        )}
      </header>
      {person && (
        <nav class="screens no-print" aria-label="Skærme">
          <ul>
            {SCREENS.filter((s) => !('cliniciansOnly' in s) || CLINICIANS.includes(person.role)).map((s) => <li key={s.hash}><a href={s.hash} aria-current={s.hash === screen ? 'page' : undefined}>{s.title}</a></li>)}
          </ul>
        </nav>
      )}
      <main id="main">
        {!config && <p role="status">Henter …</p>}
        {config && !person && <SignIn api={api} config={config} failure={signedOut} onSignedIn={signIn} />}
        {person && (
          <>
            <h1 class="visually-hidden">{SCREENS.find((s) => s.hash === screen)?.title}</h1>
            {patientState && screen !== '#/opslag' && (
              <p class="current-patient no-print">Aktuel patient: <strong>{patientState.patient.name ?? 'navn ukendt'}</strong></p>
            )}
            {screen === '#/opslag' && <CrewCard api={api} state={patientState} onLookedUp={setPatientState} />}
            {screen === '#/udskrift' && (patientState
              ? <Summary api={api} person={person} state={patientState} onStatus={(status) => setPatientState({ ...patientState, status })} />
              : <p class="notice">Slå først patienten op under Opslag.</p>)}
            {screen === '#/registrering' && <FormsPage api={api} person={person} state={patientState} onPatient={(p) => void choosePatient(p)} onRecorded={refreshStatus} />}
            {screen === '#/tidslinje' && (patientState
              ? <Timeline api={api} person={person} state={patientState} />
              : <p class="notice">Slå først patienten op under Opslag.</p>)}
            {screen === '#/arbejdsliste' && <Worklist api={api} person={person} onOpenPatient={openPatient} />}
          </>
        )}
      </main>
    </>
  );
}
