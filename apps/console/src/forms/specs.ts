/**
 * Every command of api.md as a form: its fields in Danish, the body it sends, the schema it is
 * checked with before it leaves (the service's own, from @dnr/domain), and the field each rule the
 * service may refuse with (422) concerns.
 */
import {
  ActivateTestamentBody, GROUND_IN_DANISH, MakeDecisionBody, parseCpr, PHYSICIAN_GROUNDS, RecordConditionImprovementBody, RecordHandoverBody,
  RecordTemporaryRevocationBody, RecordWillLookupBody, RegisterPatientBody, REVISION_ACTIONS, ReviseDecisionBody, TESTAMENT_IN_DANISH, TESTAMENT_KINDS,
  WILL_SITUATION_IN_DANISH,
} from '@dnr/domain';
import type { CommandAnswer, Registration } from '../api/types';
import { BASIS_IN_DANISH, HANDOVER_KIND_IN_DANISH, inDanish, REVISION_IN_DANISH, REVOCABLE_IN_DANISH, STATE_IN_DANISH } from '../words/danish';
import { danishWallTimeOf, danishWallTimeToIso, whenInDanish } from '../words/time';
import { siteFrom } from './site-fields';
import type { FieldErrors } from './issues';
import type { Field, FormContext, FormSpec, Values } from './types';

const now = (): string => danishWallTimeOf(Date.now());
const iso = (values: Values, name: string): string | undefined => danishWallTimeToIso(String(values[name] ?? '')) ?? undefined;
const text = (values: Values, name: string): string | undefined => String(values[name] ?? '').trim() || undefined;
const patientPath = (ctx: FormContext, what: string): string => `/v1/patients/${ctx.patient?.patientId}/${what}`;
const recorded = (what: string) => (answer: unknown) => ({ message: `${what} er registreret (journalversion ${(answer as CommandAnswer).version}).` });
const when = (name: string, ...allowed: string[]) => (values: Values) => allowed.includes(String(values[name]));
const timeHint = 'Dansk tid. Højst 5 minutter frem i tiden.';

function illnessSituation(v: Values): Record<string, unknown> {
  const diagnoses = String(v['illnessSituation.diagnoses'] ?? '').split(/[\s,;]+/).map((d) => d.trim().toUpperCase()).filter(Boolean);
  return { id: text(v, 'illnessSituation.id') ?? '', description: text(v, 'illnessSituation.description') ?? '', ...(diagnoses.length ? { diagnoses } : {}) };
}

export const registerPatient: FormSpec = {
  id: 'register',
  title: 'Registrér patient',
  who: 'alle sundhedspersoner',
  intro: 'CPR-nummeret sendes kun i forespørgslens indhold og fjernes fra skærmen bagefter.',
  needsPatient: false,
  fields: () => [
    { name: 'cpr', label: 'CPR-nummer', kind: 'text', hint: 'DDMMÅÅ-LLLL' },
    { name: 'name', label: 'Patientens navn', kind: 'text', hint: 'Som på sygesikringsbevis eller billed-ID.' },
  ],
  initial: () => ({ cpr: '', name: '' }),
  schema: RegisterPatientBody,
  toBody: (v) => ({ cpr: String(v.cpr ?? '').trim(), name: String(v.name ?? '').trim() }),
  check: (body): FieldErrors => {
    const cpr = String(body.cpr ?? '');
    if (!cpr) return { cpr: 'Skal udfyldes.' };
    return parseCpr(cpr).ok ? {} : { cpr: 'Et CPR-nummer er 10 cifre (DDMMÅÅ-LLLL) med en gyldig fødselsdato.' };
  },
  path: () => '/v1/patients',
  submitLabel: 'Registrér patient',
  clearAfter: ['cpr'],
  done: (answer, values) => (answer as Registration).nameDiffers
    ? {
      warning: 'NAVNET PASSER IKKE: Der er allerede registreret et andet navn for dette CPR-nummer. Intet er ændret. Kontrollér patientens identitet (navn og CPR-nummer mod sygesikringsbevis eller billed-ID), og slå patienten op for at se det registrerede navn.',
      message: 'Patienten er ikke valgt.',
    }
    : { message: `${String(values.name).trim()} er registreret og valgt som aktuel patient.` },
};

const BASES = [['physician', BASIS_IN_DANISH.physician], ['patient', BASIS_IN_DANISH.patient], ['register', 'Svar fra fravalgsregistret (undtagelse 5)']] as const;

export const makeDecision: FormSpec = {
  id: 'decision',
  title: 'Beslutning om fravalg af genoplivningsforsøg',
  who: 'læge (lægens beslutning og patientens eget fravalg); læge, sygeplejerske eller ambulancebehandler (svar fra fravalgsregistret)',
  needsPatient: true,
  fields: () => [
    { name: 'basis', label: 'Grundlag', kind: 'select', options: BASES },
    { name: 'decidedAt', label: 'Tidspunkt for beslutningen', kind: 'datetime', hint: timeHint },
    { name: 'grounds', label: 'Begrundelse (mindst én)', kind: 'choices', options: PHYSICIAN_GROUNDS.map((g) => [g, GROUND_IN_DANISH[g]] as const), when: when('basis', 'physician') },
    { name: 'illnessSituation.id', label: 'Sygdomssituation, kort betegnelse', kind: 'text', hint: 'Fx »KOL-forværring marts 2026«. Fravalget gælder kun i denne sygdomssituation.', when: when('basis', 'patient') },
    { name: 'illnessSituation.description', label: 'Beskrivelse af sygdomssituationen', kind: 'textarea', hint: 'Almen alderdomssvækkelse alene er ikke en sygdomssituation.', when: when('basis', 'patient') },
    { name: 'illnessSituation.diagnoses', label: 'Diagnoser (SKS-koder)', kind: 'text', optional: true, hint: 'Adskilt med komma, fx »DJ441, DC349«.', when: when('basis', 'patient') },
    { name: 'patientUnderstandsConsequences', label: 'Patienten er 15–17 år og forstår efter lægens vurdering konsekvenserne', kind: 'checkbox', when: when('basis', 'patient') },
    { name: 'registeredAt', label: 'Registreringsdato i fravalgsregistret', kind: 'date', hint: 'Fravalget træder i kraft 7 dage efter.', when: when('basis', 'register') },
    { name: 'oral', label: 'Mundtlig akut beslutning – skal bekræftes skriftligt hurtigst muligt', kind: 'checkbox', when: when('basis', 'physician', 'patient') },
    { name: 'note', label: 'Notat', kind: 'textarea', optional: true },
  ],
  initial: () => ({ basis: 'physician', decidedAt: now(), grounds: [], 'illnessSituation.id': '', 'illnessSituation.description': '', 'illnessSituation.diagnoses': '', patientUnderstandsConsequences: false, registeredAt: '', oral: false, note: '' }),
  schema: MakeDecisionBody,
  toBody: (v) => {
    const basis = String(v.basis);
    return {
      basis,
      decidedAt: iso(v, 'decidedAt'),
      ...(basis === 'physician' ? { grounds: v.grounds } : {}),
      ...(basis === 'patient' ? { illnessSituation: illnessSituation(v) } : {}),
      ...(basis === 'patient' && v.patientUnderstandsConsequences === true ? { patientUnderstandsConsequences: true } : {}),
      ...(basis === 'register' ? { registeredAt: text(v, 'registeredAt') } : {}),
      ...(basis !== 'register' ? { oral: v.oral === true } : {}),
      ...(text(v, 'note') ? { note: text(v, 'note') } : {}),
    };
  },
  path: (ctx) => patientPath(ctx, 'decisions'),
  rules: {
    'R1.4': { field: 'decidedAt' },
    'R3.1': { field: 'grounds', text: 'Lægens beslutning skal have mindst én begrundelse.' },
    'R4.1': { field: 'patientUnderstandsConsequences' },
    'R4.3': { field: 'illnessSituation.description' },
    'R4.7': { field: 'basis' },
    'R5.1': { field: 'registeredAt' },
  },
  submitLabel: 'Registrér beslutningen',
  done: recorded('Beslutningen'),
};

/** The instruments a revision may name: decisions by their decisionId (and, once the service has them, will activations). */
function revisable(ctx: FormContext): Array<readonly [string, string]> {
  return (ctx.status?.instruments ?? []).map((i) => {
    const state = i.declaredInvalid ? 'erklæret ugyldig' : inDanish(STATE_IN_DANISH, i.state, 'anden tilstand');
    return [i.id, `${BASIS_IN_DANISH[i.kind] ?? 'Beslutning'}, ${whenInDanish(i.decidedAt)} (${state})`] as const;
  });
}

function actionsFor(ctx: FormContext, values: Values): Array<readonly [string, string]> {
  const kind = ctx.status?.instruments.find((i) => i.id === values.decisionId)?.kind;
  const byKind: Record<string, string[]> = {
    physician: ['withdraw', 'reaffirm', 'confirm_in_writing'],
    patient: ['withdraw', 'reaffirm', 'confirm_in_writing'],
    register: ['withdraw', 'declare_invalid'],
    testament: ['withdraw', 'reaffirm'],
  };
  return (byKind[kind ?? 'physician'] ?? []).filter((a) => (REVISION_ACTIONS as readonly string[]).includes(a)).map((a) => [a, REVISION_IN_DANISH[a]] as const);
}

const declaringInvalid = when('action', 'declare_invalid');

export const reviseDecision: FormSpec = {
  id: 'revision',
  title: 'Revision af en beslutning',
  who: 'læge (lægens beslutning, testamenter, fasthold, skriftlig bekræftelse); alle (tilbagetrækning af patientens eget fravalg); læge eller sygeplejerske (ugyldig registrering)',
  intro: 'Tilbagetrækning gælder med det samme.',
  needsPatient: true,
  fields: (ctx, values) => [
    { name: 'decisionId', label: 'Beslutning', kind: 'select', options: revisable(ctx) },
    { name: 'action', label: 'Handling', kind: 'select', options: actionsFor(ctx, values) },
    { name: 'reason', label: 'Begrundelse', kind: 'textarea' },
    { name: 'revisedAt', label: 'Tidspunkt', kind: 'datetime', hint: timeHint },
    { name: 'assessment', label: 'Vurdering: hvorfor binder registreringen ikke?', kind: 'textarea', when: declaringInvalid },
    { name: 'incompetence', label: 'Borgeren var ved registreringen', kind: 'select', options: [['permanent', 'varigt inhabil'], ['temporary', 'midlertidigt inhabil']], when: declaringInvalid },
    { name: 'reportedToStps.at', label: 'Indberettet til Styrelsen for Patientsikkerhed (dato)', kind: 'date', hint: 'Kræves, når borgeren var varigt inhabil.', when: declaringInvalid },
    { name: 'reportedToStps.reference', label: 'Indberetningens reference', kind: 'text', optional: true, when: declaringInvalid },
  ],
  initial: (ctx) => ({ decisionId: revisable(ctx)[0]?.[0] ?? '', action: 'withdraw', reason: '', revisedAt: now(), assessment: '', incompetence: 'permanent', 'reportedToStps.at': '', 'reportedToStps.reference': '' }),
  schema: ReviseDecisionBody,
  toBody: (v) => {
    const report = text(v, 'reportedToStps.at') ? { at: text(v, 'reportedToStps.at'), ...(text(v, 'reportedToStps.reference') ? { reference: text(v, 'reportedToStps.reference') } : {}) } : undefined;
    return {
      action: v.action,
      reason: String(v.reason ?? '').trim(),
      revisedAt: iso(v, 'revisedAt'),
      ...(v.action === 'declare_invalid' ? { assessment: text(v, 'assessment'), incompetence: v.incompetence, ...(report ? { reportedToStps: report } : {}) } : {}),
    };
  },
  path: (ctx, v) => patientPath(ctx, `decisions/${String(v.decisionId)}/revisions`),
  rules: {
    'R1.4': { field: 'revisedAt' },
    'R8.2': { field: 'revisedAt' },
    'R3.3': { field: 'action' },
    'R4.4': { field: 'action' },
    'R5.4': { field: 'action' },
    'R5.5': { field: 'action' },
    'R6.7': { field: 'action' },
    'R7.1': { field: 'action' },
  },
  submitLabel: 'Registrér revisionen',
  done: recorded('Revisionen'),
};

export const temporaryRevocation: FormSpec = {
  id: 'revocation',
  title: 'Midlertidig tilbagekaldelse',
  who: 'alle sundhedspersoner – patienten kan sige det til den, der er til stede',
  intro: 'Patientens ønske om genoplivning gælder med det samme i den aktuelle sygdomssituation, også hvis registret eller testamentet endnu ikke er slået op.',
  needsPatient: true,
  fields: () => [
    { name: 'instrument', label: 'Hvad tilbagekalder patienten', kind: 'select', options: Object.entries(REVOCABLE_IN_DANISH) },
    { name: 'illnessSituation.id', label: 'Sygdomssituation, kort betegnelse', kind: 'text' },
    { name: 'illnessSituation.description', label: 'Beskrivelse af sygdomssituationen', kind: 'textarea' },
    { name: 'statedAt', label: 'Tidspunkt for patientens udsagn', kind: 'datetime', hint: timeHint },
    { name: 'patientCompetent', label: 'Patienten er habil (kræves for et testamente)', kind: 'checkbox' },
  ],
  initial: () => ({ instrument: 'register', 'illnessSituation.id': '', 'illnessSituation.description': '', statedAt: now(), patientCompetent: false }),
  schema: RecordTemporaryRevocationBody,
  toBody: (v) => ({
    instrument: v.instrument,
    illnessSituation: { id: text(v, 'illnessSituation.id') ?? '', description: text(v, 'illnessSituation.description') ?? '' },
    statedAt: iso(v, 'statedAt'),
    ...(v.patientCompetent === true ? { patientCompetent: true } : {}),
  }),
  path: (ctx) => patientPath(ctx, 'temporary-revocations'),
  rules: { 'R1.4': { field: 'statedAt' }, 'R6.4': { field: 'patientCompetent' } },
  submitLabel: 'Registrér tilbagekaldelsen',
  done: recorded('Tilbagekaldelsen'),
};

export const willLookup: FormSpec = {
  id: 'will-lookup',
  title: 'Opslag i testamenteregistret',
  who: 'læge, sygeplejerske',
  intro: 'Dokumentér opslaget i Livstestamenteregistret / behandlingstestamente på sundhed.dk: hvornår og hvad der blev fundet.',
  needsPatient: true,
  fields: () => {
    const found = when('result', 'found');
    return [
      { name: 'at', label: 'Tidspunkt for opslaget', kind: 'datetime', hint: timeHint },
      { name: 'result', label: 'Resultat', kind: 'select', options: [['found', 'Testamente fundet'], ['not_found', 'Intet testamente fundet']] },
      { name: 'kind', label: 'Testamente', kind: 'select', options: TESTAMENT_KINDS.map((k) => [k, capitalised(TESTAMENT_IN_DANISH[k])] as const), when: found },
      { name: 'situations', label: 'Situationer, testamentet omfatter', kind: 'choices', options: PHYSICIAN_GROUNDS.map((g) => [g, capitalised(WILL_SITUATION_IN_DANISH[g])] as const), when: found },
      { name: 'conditionalOnRelatives', label: 'Betinget af de nærmeste pårørendes accept', kind: 'checkbox', when: found },
    ];
  },
  initial: () => ({ at: now(), result: 'found', kind: 'behandlingstestamente', situations: [], conditionalOnRelatives: false }),
  schema: RecordWillLookupBody,
  toBody: (v) => ({
    at: iso(v, 'at'),
    result: v.result,
    ...(v.result === 'found' ? {
      kind: v.kind,
      ...(Array.isArray(v.situations) && v.situations.length ? { situations: v.situations } : {}),
      conditionalOnRelatives: v.conditionalOnRelatives === true,
    } : {}),
  }),
  path: (ctx) => patientPath(ctx, 'will-lookups'),
  rules: { 'R1.4': { field: 'at' } },
  submitLabel: 'Registrér opslaget',
  done: recorded('Opslaget'),
};

export const activateTestament: FormSpec = {
  id: 'testament',
  title: 'Testamente trådt i kraft',
  who: 'læge',
  intro: 'Lægen har vurderet patienten varigt inhabil i en situation, testamentet omfatter.',
  needsPatient: true,
  fields: (ctx) => [
    { name: 'lookupId', label: 'Bygger på opslag i testamenteregistret', kind: 'select', options: willLookupsOf(ctx) },
    { name: 'kind', label: 'Testamente', kind: 'select', options: TESTAMENT_KINDS.map((k) => [k, capitalised(TESTAMENT_IN_DANISH[k])] as const) },
    { name: 'situation', label: 'Situation', kind: 'select', options: PHYSICIAN_GROUNDS.map((g) => [g, capitalised(WILL_SITUATION_IN_DANISH[g])] as const) },
    { name: 'assessedAt', label: 'Tidspunkt for vurderingen', kind: 'datetime', hint: timeHint },
    { name: 'permanentlyIncompetent', label: 'Patienten er vurderet varigt inhabil', kind: 'checkbox' },
    { name: 'conditionalOnRelatives', label: 'Testamentet er betinget af de nærmeste pårørendes accept', kind: 'checkbox' },
    { name: 'relativesAccepted', label: 'De nærmeste pårørende har accepteret', kind: 'checkbox' },
  ],
  initial: (ctx) => ({ lookupId: ctx.status?.willLookup?.lookupId ?? '', kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: now(), permanentlyIncompetent: false, conditionalOnRelatives: false, relativesAccepted: false }),
  schema: ActivateTestamentBody,
  toBody: (v) => ({
    ...(text(v, 'lookupId') ? { lookupId: text(v, 'lookupId') } : {}),
    kind: v.kind,
    situation: v.situation,
    assessedAt: iso(v, 'assessedAt'),
    permanentlyIncompetent: v.permanentlyIncompetent === true,
    conditionalOnRelatives: v.conditionalOnRelatives === true,
    relativesAccepted: v.relativesAccepted === true,
  }),
  path: (ctx) => patientPath(ctx, 'testament-activations'),
  rules: { 'R1.4': { field: 'assessedAt' }, 'R6.6': { field: 'lookupId' }, 'R6.1': { field: 'kind' }, 'R6.2': { field: 'situation' }, 'R6.3': { field: 'conditionalOnRelatives' } },
  submitLabel: 'Registrér ikrafttrædelsen',
  done: recorded('Ikrafttrædelsen'),
};

export const conditionImproved: FormSpec = {
  id: 'improvement',
  title: 'Væsentlig bedring',
  who: 'læge, sygeplejerske',
  intro: 'Lægens beslutning skal derefter revurderes; patientens eget fravalg bortfalder, indtil det er afklaret.',
  needsPatient: true,
  fields: () => [
    { name: 'at', label: 'Tidspunkt for bedringen', kind: 'datetime', hint: timeHint },
    { name: 'dischargeable', label: 'Patienten kan udskrives', kind: 'checkbox' },
    { name: 'illnessSituationId', label: 'Sygdomssituation, kort betegnelse', kind: 'text', optional: true, hint: 'Uden betegnelse gælder bedringen alle sygdomssituationer.' },
    { name: 'note', label: 'Notat', kind: 'textarea', optional: true },
  ],
  initial: () => ({ at: now(), dischargeable: false, illnessSituationId: '', note: '' }),
  schema: RecordConditionImprovementBody,
  toBody: (v) => ({
    at: iso(v, 'at'),
    dischargeable: v.dischargeable === true,
    ...(text(v, 'illnessSituationId') ? { illnessSituationId: text(v, 'illnessSituationId') } : {}),
    ...(text(v, 'note') ? { note: text(v, 'note') } : {}),
  }),
  path: (ctx) => patientPath(ctx, 'condition-improvements'),
  rules: { 'R1.4': { field: 'at' } },
  submitLabel: 'Registrér bedringen',
  done: recorded('Bedringen'),
};

const site = (name: string, label: string, extra: Partial<Field> = {}): Field => ({ name, label, kind: 'site', ...extra });

export const handover: FormSpec = {
  id: 'handover',
  title: 'Sektorovergang',
  who: 'læge, sygeplejerske; ambulancebehandler ved indlæggelse',
  intro: 'Modtagerne får epikrise, udskrivningsrapport og korrespondancemeddelelse med beslutningen.',
  needsPatient: true,
  fields: () => [
    { name: 'kind', label: 'Overgang', kind: 'select', options: Object.entries(HANDOVER_KIND_IN_DANISH) },
    { name: 'at', label: 'Tidspunkt', kind: 'datetime', hint: 'Dansk tid. En planlagt udskrivelse må ligge op til 14 dage frem.' },
    site('from', 'Fra'),
    site('to', 'Til'),
    site('generalPractitioner', 'Patientens egen læge', { optional: true, hint: 'Uden egen læge bliver epikrisen eskaleret, så nogen finder modtageren.' }),
    { name: 'outOfHours', label: 'Udskrivelse uden for dagtid – modtageren skal også ringes op', kind: 'checkbox' },
  ],
  initial: (ctx) => ({
    kind: 'discharge', at: now(), outOfHours: false,
    'from.sector': ctx.person.role === 'paramedic' ? 'prehospital' : 'hospital', 'from.sor': ctx.person.org,
    'to.sector': 'municipality', 'generalPractitioner.sector': 'general_practice',
  }),
  schema: RecordHandoverBody,
  toBody: (v) => {
    const blank = (sector: Values[string]) => ({ sector, sor: '', ean: '', name: '' });
    const gp = siteFrom(v, 'generalPractitioner');
    return {
      kind: v.kind,
      at: iso(v, 'at'),
      from: siteFrom(v, 'from') ?? blank(v['from.sector']),
      to: siteFrom(v, 'to') ?? blank(v['to.sector']),
      ...(gp ? { generalPractitioner: gp } : {}),
      outOfHours: v.outOfHours === true,
    };
  },
  path: (ctx) => patientPath(ctx, 'handovers'),
  rules: { 'R1.4': { field: 'at' } },
  submitLabel: 'Registrér overgangen',
  done: recorded('Overgangen'),
};

/** The latest documented look-up of the will registry the status knows (R6.6), or none. */
function willLookupsOf(ctx: FormContext): Array<readonly [string, string]> {
  const latest = ctx.status?.willLookup;
  const none = ['', 'Intet opslag angivet'] as const;
  if (!latest) return [none];
  const found = latest.result === 'found' ? `fundet ${TESTAMENT_IN_DANISH[latest.kind as keyof typeof TESTAMENT_IN_DANISH] ?? 'testamente'}` : 'intet fundet';
  return [[latest.lookupId, `Opslag ${whenInDanish(latest.at)}: ${found}`], none];
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const PATIENT_FORMS = [makeDecision, reviseDecision, temporaryRevocation, willLookup, activateTestament, conditionImproved, handover] as const;
