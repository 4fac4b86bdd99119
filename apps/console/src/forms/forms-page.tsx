/** Registrering: register a patient, then record any command for the patient on screen. */
import { useState } from 'preact/hooks';
import type { Api } from '../api/client';
import type { Registration } from '../api/types';
import type { PatientContext, PatientState, Person } from '../session';
import { CommandForm } from './form-kit';
import { PATIENT_FORMS, registerPatient } from './specs';
import type { FormSpec } from './types';

const CHOICES: readonly FormSpec[] = [registerPatient, ...PATIENT_FORMS];

export function FormsPage({ api, person, state, onPatient, onRecorded }: {
  api: Api; person: Person; state: PatientState | null; onPatient: (patient: PatientContext) => void; onRecorded: () => void;
}) {
  const [chosen, setChosen] = useState<string>(state ? 'decision' : 'register');
  const spec = CHOICES.find((c) => c.id === chosen) ?? registerPatient;
  const ctx = { api, person, patient: state?.patient ?? null, status: state?.status ?? null };

  const recorded = (answer: unknown, values: Record<string, unknown>) => {
    if (spec.id === 'register') {
      const registration = answer as Registration;
      if (!registration.nameDiffers) {
        const digits = String(values.cpr ?? '').replace('-', '');
        onPatient({ patientId: registration.patientId, name: String(values.name).trim(), cpr: `${digits.slice(0, 6)}-${digits.slice(6)}` });
      }
      return;
    }
    onRecorded();
  };

  return (
    <div class="forms-page">
      <nav aria-label="Vælg registrering" class="form-choices">
        <ul>
          {CHOICES.map((c) => (
            <li key={c.id}>
              <button type="button" aria-pressed={c.id === chosen} onClick={() => setChosen(c.id)} disabled={c.needsPatient && !state}>{c.title}</button>
            </li>
          ))}
        </ul>
      </nav>
      {spec.needsPatient && !state
        ? <p class="notice">Vælg først en patient: slå patienten op eller registrér patienten.</p>
        : <CommandForm key={spec.needsPatient ? `${spec.id}-${state?.patient.patientId}` : spec.id} spec={spec} ctx={ctx} onRecorded={recorded} />}
    </div>
  );
}
