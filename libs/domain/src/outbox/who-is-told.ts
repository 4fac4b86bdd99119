/**
 * Who must be told what (R7.2–R7.5a, handover-messages.md "Which messages are owed").
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { sameMembers, StatusAssessment } from '../status/status-at';
import { Addressee, GENERAL_PRACTITIONER_NOT_GIVEN, organisationOf } from './addressee';
import { MessageKind } from './handover-message';

/** The table of handover-messages.md: what each kind of sector change owes, and to whom. */
export function owedAtSectorChange(event: EventOf<'HandedOverTo'>): Array<[MessageKind, Addressee]> {
  const { kind, to, generalPractitioner } = event.data;
  if (kind === 'discharge') {
    // R7.3a: no GP named is no reason to drop the epikrise; it is owed to a GP nobody named yet.
    return [['epikrise', generalPractitioner ?? GENERAL_PRACTITIONER_NOT_GIVEN], ['udskrivningsrapport', to], ['korrespondancemeddelelse', to]];
  }
  if (kind === 'transfer') return [['korrespondancemeddelelse', to], ...(generalPractitioner ? [['epikrise', generalPractitioner] as [MessageKind, Addressee]] : [])];
  return [['korrespondancemeddelelse', to]];
}

/** R7.1a: a re-evaluation is communicated even when it changes nothing. */
export function isReEvaluation(event: PatientEvent): boolean {
  return event.type === 'Revised' && (event.data.action === 'reaffirm' || event.data.action === 'confirm_in_writing');
}

/**
 * R7.5a: the sites where the changed decisions were originally made — the organisation that
 * recorded each instrument whose state or flags the change touched (for a revision, the revised
 * decision), whoever records the change. `wills`: the will instrument of each activation, as
 * the stream's will record has it (timeline.ts withRecorded).
 */
export function originatingOrganisations(event: PatientEvent, before: StatusAssessment, after: StatusAssessment, prefix: readonly PatientEvent[], wills: ReadonlyMap<string, string>): Addressee[] {
  const instrumentOf = (id: string) => wills.get(id) ?? id;
  const touched = new Set(touchedInstrumentIds(before, after));
  if (event.type === 'Revised') touched.add(instrumentOf(event.data.decisionId));
  const origins = new Map<string, Addressee>();
  for (const e of prefix) {
    const id = instrumentIdOf(e);
    if (id && touched.has(instrumentOf(id))) origins.set(e.recordedBy.org, organisationOf(e.recordedBy));
  }
  return [...origins.values()];
}

/** The instruments whose state or flags differ between the two assessments. */
function touchedInstrumentIds(before: StatusAssessment, after: StatusAssessment): string[] {
  const touched: string[] = [];
  for (const { view } of before.instruments) if (looksDifferent(before, after, view.id)) touched.push(view.id);
  for (const { view } of after.instruments) {
    if (!before.instruments.some((i) => i.view.id === view.id) && looksDifferent(before, after, view.id)) touched.push(view.id);
  }
  return touched;
}

/** One instrument as a receiver sees it: its state (or its absence) and the codes of its flags, in any order. */
function looksDifferent(before: StatusAssessment, after: StatusAssessment, id: string): boolean {
  const stateIn = (a: StatusAssessment) => a.instruments.find((i) => i.view.id === id)?.view.state;
  const flagsIn = (a: StatusAssessment) => a.flags.filter((f) => f.instrumentId === id);
  return stateIn(before) !== stateIn(after) || !sameMembers(flagsIn(before), flagsIn(after), (x, y) => x.code === y.code);
}

/** The instrument an event creates: a decision by its id; a will activation by its activation id (willInstruments names its instrument). */
function instrumentIdOf(e: PatientEvent): string | null {
  if (e.type === 'DecisionMade') return e.data.decisionId;
  if (e.type === 'TestamentActivated') return e.data.activationId ?? e.eventId;
  return null;
}
