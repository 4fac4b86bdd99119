/** The status as of the causing event, with R7.4's "whose decision, and how it may change", and the Danish text. */
import { ResuscitationStatus } from '../status/resuscitation-status';
import { ResuscitationSection } from './handover-message';
import { PatientEvent } from '../events/patient-event';

type Detail = Pick<ResuscitationSection, 'grounds' | 'illnessSituation' | 'testament'>;

const HOW_IT_MAY_CHANGE = {
  physician: ['Lægens beslutning (undtagelse 3)', 'Gælder på tværs af sektorovergange, indtil en behandlingsansvarlig læge beslutter andet; revurderes ved væsentlig bedring (R3.3, R3.4).'],
  patient: ['Patientens egen beslutning (undtagelse 4)', 'Gælder kun i den aktuelle sygdomssituation; patienten kan til enhver tid trække den tilbage; bortfalder ved væsentlig bedring (R4.3–R4.5).'],
  testament: ['Behandlings-/livstestamente (undtagelse 6)', 'Gælder kun, mens patienten er varigt inhabil i en situation testamentet omfatter (R6.1–R6.3).'],
  none: ['Ingen forudgående beslutning om fravalg', 'Genoplivning skal forsøges. Et manglende fravalg er aldrig det samme som "ingen oplysninger" (R1.1, R1.2).'],
} as const;

export function resuscitationSection(status: ResuscitationStatus, detail: Detail): ResuscitationSection {
  const [whoseDecision, howItMayChange] = describe(status, detail);
  return {
    status: status.status,
    basis: status.basis,
    statement: status.statement,
    reason: status.reason,
    decidedBy: status.decision?.decidedBy ?? null,
    decidedAt: status.decision?.decidedAt ?? null,
    ...detail,
    flags: status.flags,
    whoseDecision,
    howItMayChange,
    statusVersion: status.version,
  };
}

function describe(status: ResuscitationStatus, detail: Detail): readonly [string, string] {
  if (status.basis === 'register') {
    const from = status.instruments.find((i) => i.id === status.decision?.decisionId)?.effectiveFrom;
    return ['Borgerens registrerede fravalg (undtagelse 5)', `I kraft fra ${from}; går forud for behandlingstestamenter; kan kun tilbagekaldes midlertidigt for den aktuelle sygdomssituation (R5.1–R5.3).`];
  }
  if (status.basis === 'testament' && detail.testament) {
    const binding = detail.testament.binding ? 'bindende' : 'vejledende';
    return [HOW_IT_MAY_CHANGE.testament[0], `${detail.testament.kind}, situation ${detail.testament.situation}, ${binding}. ${HOW_IT_MAY_CHANGE.testament[1]}`];
  }
  return HOW_IT_MAY_CHANGE[status.basis ?? 'none'];
}

/** Grounds (physician), illness situation (patient) or will details for the deciding instrument. */
export function detailOf(status: ResuscitationStatus, events: readonly PatientEvent[]): Detail {
  const id = status.decision?.decisionId;
  if (!id) return {};
  const made = events.find((e) => e.type === 'DecisionMade' && e.data.decisionId === id);
  const data = made?.type === 'DecisionMade' ? made.data : undefined;
  if (data?.grounds && status.basis === 'physician') return { grounds: data.grounds };
  if (data?.illnessSituation && status.basis === 'patient') return { illnessSituation: data.illnessSituation };
  const will = status.instruments.find((i) => i.id === id)?.testament;
  return will ? { testament: { ...will, binding: true } } : {};
}

export function danishText(s: ResuscitationSection, patientName: string): string {
  const lines = [
    `Vedr. ${patientName}: ${s.statement}.`,
    `${s.whoseDecision}. ${s.howItMayChange}`,
    s.decidedBy ? `Besluttet af ${s.decidedBy.name} (${s.decidedBy.role}, ${s.decidedBy.org}) ${s.decidedAt}.` : '',
    s.grounds ? `Begrundelse: ${s.grounds.join(', ')}.` : '',
    s.illnessSituation ? `Sygdomssituation: ${s.illnessSituation.description}.` : '',
    ...s.flags.map((f) => `OBS (${f.rule}): ${f.code} – ${f.detail}.`),
  ];
  return lines.filter(Boolean).join('\n');
}
