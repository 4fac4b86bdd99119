/**
 * Fourth independent clinical review (a Danish physician, from VEJ nr. 9921 af 31/10/2024 — seed 000,
 * which wins over everything else — and the municipal (001) and regional (002) instructions).
 *
 * Drives the pure domain (`@dnr/domain`): every command goes through the decider at the moment it is
 * recorded (testing/clinic.ts `record`/`accepted`), the status is folded as GET …/resuscitation-status
 * folds it (`at`, `knownAt`), and the outbox as the relay projects it (messagesOwed / messagesCausedBy).
 *
 * The cases probe what the three earlier reviews (independent/*.spec.ts, rules/what-ends-and-suspends.spec.ts)
 * did not: several instruments meeting at the same stated minute, times typed wrongly into the past,
 * competence documented in one instrument and contradicted by another, a registration found invalid
 * and then looked up again, wishes for CPR recorded under the »wrong« instrument, will-registry answers
 * that disagree, re-evaluations made before the service knew why one was owed, transfers without a GP.
 *
 * Each case quotes the Danish sentence it rests on. The expectation is what the guidance requires —
 * never what the code happens to do. Doubt, missing data and conflicts ⇒ attempt CPR, with the reason
 * said. Cases marked "(judgement)" are where the guidance can be read more than one way; the reason
 * for the reviewer's reading is given beside them.
 *
 * Outcome when written: 35 tests (Q01–Q32, Q01b, Q09 three times), 15 pass, 20 fail.
 * - »No CPR« left standing where the guidance requires CPR (most serious): Q03 (disagreeing will-registry answers at
 *   the same minute decided by event-id order), Q04, Q05, Q06, Q07 (a refusal or registration that the record's own
 *   finding of permanent incompetence contradicts), Q09 (frailty of old age alone, described in ordinary words,
 *   accepted as an illness situation), Q10 (a wish for CPR filed under the will by a delirious patient is refused,
 *   so her registered refusal stands), Q11 (judgement: a wish typed with last year's date vanishes behind her
 *   refusal), Q18 (a paramedic cannot document that the will registry shows no will), Q19 (judgement: R6.8 keeps an
 *   »irreversibly dying« will binding after an improvement so great she can be discharged).
 * - CPR where a valid refusal stands: Q01, Q01b (a physician's new decision killed by her own withdrawal of the old
 *   one), Q02 (a renewed refusal lapsed by the improvement recorded at the same minute), Q12 (judgement: the physician
 *   removing a refusal recorded in error suspends the register — and the note says the patient asked for CPR).
 * - Texts, flags and messages: Q15 (a note says the wish covers all her own refusals beside »no CPR« from her own
 *   refusal), Q16 (a written confirmation accepted and silently ignored), Q17 (judgement: an improvement entered
 *   late raises no flag and reaches no one), Q22 (a transfer without a named GP owes the GP nothing).
 *
 * Afterwards (branch review-clin4): 29 cases, all passing. Fixed: Q01, Q01b, Q02, Q03, Q04–Q07, Q09, Q15, Q16, Q17
 * (tests of each rule beside the other rule specs; docs/clinical-choices.md »Fourth independent clinical review«).
 * Moved to docs/clinical-choices.md, with the question, what the service does, what the guidance says and why it is
 * left: Q10 and Q18 (api.md fixes who may record them and how), Q22 (handover-messages.md fixes what a transfer owes),
 * Q11, Q12 and Q19 (judgement the rules or the contract settle the other way).
 */
import { PatientCommand } from '../commands/commands';
import { Rejection } from '../decider/rejection';
import { PatientEvent } from '../events/patient-event';
import { HandoverMessage } from '../outbox/handover-message';
import { messagesCausedBy, messagesOwed } from '../outbox/messages-owed';
import { statusChangedBy } from '../status/status-change';
import { ResuscitationStatus } from '../status/resuscitation-status';
import {
  AMBULANCE, accepted, careWorker, gpPhysician, HOME_CARE, HOSPICE, hospicePhysician, homeNurse, hospitalNurse, hospitalPhysician, isRejection,
  paramedic, record, statusOf,
} from '../status/independent/testing/clinic';
import { actor, GP, HOSPITAL, NURSING_HOME, patientRegistered, site } from './builders';
import { activateTestament, makeDecision, recordHandover, recordImprovement, recordWillLookup, revise, revokeTemporarily } from './commands';
import { notDanish, textsOfMessage, textsOfStatus } from './danish-text';

const P = 'patient-review-4';
const karen = patientRegistered('1948-03-01'); // 78 in 2026
const codes = (s: ResuscitationStatus) => s.flags.map((f) => f.code);
const stateOf = (s: ResuscitationStatus, id: string) => s.instruments.find((i) => i.id === id)?.state;
/** A command's outcome in words: »recorded«, or »refused« with the rule (403/422) or why (404/400). */
const outcomeOf = (r: PatientEvent[] | Rejection): string => (isRejection(r) ? `refused ${'rule' in r ? r.rule : r.kind}` : 'recorded');
const details = (s: ResuscitationStatus) => s.flags.map((f) => f.detail).join('\n');

/** The id of the decision or activation the last recorded event made. */
function lastId(h: PatientEvent[]): string {
  const e = h[h.length - 1];
  if (e.type === 'DecisionMade') return e.data.decisionId;
  if (e.type === 'TestamentActivated') return e.data.activationId ?? e.eventId;
  if (e.type === 'WillRegistryLookedUp') return e.data.lookupId;
  throw new Error(`the last event is a ${e.type}`);
}

/** The same command, recorded by someone else. */
const by = <C extends PatientCommand>(command: C, who: PatientCommand['by']): C => ({ ...command, by: who });

/** The out-of-hours GP service (lægevagten): in an acute assessment the vagtlæge is the responsible physician (000 pkt. 7 h). */
const LAEGEVAGT = site('general_practice', '481211000016001', '5790000211111', 'Lægevagten, Region Nordjylland', '70 15 03 00');
const vagtlaege = actor('physician', { sub: 'vagtlaege', name: 'Vagtlæge Søren Friis', org: LAEGEVAGT.sor, orgName: LAEGEVAGT.name, sector: 'general_practice' });

const copd = { id: 'kol-2026', description: 'KOL, GOLD D, i eget hjem', diagnoses: ['DJ449'] };
const pneumonia = { id: 'pneumoni-2026-03', description: 'Lungebetændelse, indlagt', diagnoses: ['DJ189'] };
const lungCancer = { id: 'lungecancer-2026', description: 'Lungecancer med knoglemetastaser', diagnoses: ['DC349'] };

/** Karen with a registered refusal (registered 1 June 2025), looked up by the nursing-home nurse on 1 February 2026. */
function withRegister(): PatientEvent[] {
  return accepted([karen], by(makeDecision({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' }, 'nurse'), homeNurse), '2026-02-01T10:05:00+01:00');
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('Several instruments stated at the same minute (R3.3, R4.5a, R6.6; pkt. 2)', () => {
  // »Den behandlingsansvarlige læges beslutning om fravalg af genoplivningsforsøg gælder, indtil lægen eller en
  //  eventuel efterfølgende behandlingsansvarlig læge beslutter andet.« (000 U3 »Varighed af fravalget«)
  it('Q01 (R3.3) at the 10.00 round the ward physician withdraws the GP\'s outdated decision (ground b) and records her own (ground a), both stamped 10.00: her new decision is in force', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-01-10T14:00:00+01:00' }), gpPhysician), '2026-01-10T14:05:00+01:00');
    const gps = lastId(h);
    h = accepted(h, by(revise(gps, 'withdraw', 'physician', '2026-03-05T10:00:00+01:00', { reason: 'Grundlaget (svær invaliditet) er ikke længere dækkende; ny beslutning' }), hospitalPhysician), '2026-03-05T10:10:00+01:00');
    h = accepted(h, by(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-05T10:00:00+01:00' }), hospitalPhysician), '2026-03-05T10:12:00+01:00');
    const hers = lastId(h);
    const s = statusOf(h, '2026-03-05T12:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician', decision: expect.objectContaining({ decisionId: hers }) });
  });

  // Same sentence (000 U3): the withdrawal named only the GP's decision; her new one is the physician's latest word.
  it('Q01b (R3.3) the same, as a ward tablet stamps it: the withdrawal with the time it is typed (10.05), her new decision with the time of the round (10.00), entered after the withdrawal — her new decision is in force', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-01-10T14:00:00+01:00' }), gpPhysician), '2026-01-10T14:05:00+01:00');
    h = accepted(h, by(revise(lastId(h), 'withdraw', 'physician', '2026-03-05T10:05:00+01:00', { reason: 'Erstattes af ny beslutning' }), hospitalPhysician), '2026-03-05T10:05:00+01:00');
    h = accepted(h, by(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-05T10:00:00+01:00' }), hospitalPhysician), '2026-03-05T10:07:00+01:00');
    const hers = lastId(h);
    expect(statusOf(h, '2026-03-05T12:00:00+01:00')).toMatchObject({ status: 'DNACPR', basis: 'physician', decision: expect.objectContaining({ decisionId: hers }) });
  });

  // »Hvis patienten fastholder sit ønske, skal lægen kontaktes for fornyet vurdering« (000 U4, »Øvrige
  //  sundhedspersoners ansvar, hvis patientens tilstand forbedres væsentligt efter fravalget«).
  it('Q02 (R4.5, R4.5a) the nurse records the marked improvement at the 10.00 round; at the same round the physician records the renewed refusal for the new situation, stamped 10.00 — it stands, nothing left to clarify', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-01T11:00:00+01:00' }), hospitalPhysician), '2026-03-01T11:05:00+01:00');
    h = accepted(h, by(recordImprovement('nurse', { at: '2026-03-08T10:00:00+01:00', dischargeable: true }), hospitalNurse), '2026-03-08T10:20:00+01:00');
    h = accepted(h, by(makeDecision({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-08T10:00:00+01:00' }), hospitalPhysician), '2026-03-08T10:30:00+01:00');
    const renewed = lastId(h);
    const s = statusOf(h, '2026-03-08T12:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'patient', decision: expect.objectContaining({ decisionId: renewed }) });
    expect(codes(s)).not.toContain('CLARIFY_PATIENT_WISH');
  });

  // »Hvis der er hjertestop, men tvivl om, hvorvidt en af undtagelserne gælder, skal genoplivningsforsøg
  //  iværksættes.« (000 pkt. 2) — »Alle sundhedspersoner har, når det er relevant, pligt til at undersøge, om
  //  en varigt inhabil patient har oprettet et behandlings- eller livstestamente.« (000 U6)
  it('Q03 (R6.6) two nurses look the will registry up at 10.00 the same morning, one finds the will and one finds none: whichever was entered last, the answers disagree — CPR', () => {
    const activated = (): PatientEvent[] => {
      let h = accepted([karen], by(recordWillLookup({ result: 'found', kind: 'behandlingstestamente', situations: ['irreversibly_dying'], at: '2026-03-01T09:00:00+01:00' }), hospitalNurse), '2026-03-01T09:05:00+01:00');
      const lookupId = lastId(h);
      h = accepted(h, by(activateTestament({ kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: '2026-03-01T11:00:00+01:00', lookupId }), hospitalPhysician), '2026-03-01T11:05:00+01:00');
      return h;
    };
    const found = (h: PatientEvent[], now: string) => accepted(h, by(recordWillLookup({ result: 'found', kind: 'behandlingstestamente', situations: ['irreversibly_dying'], at: '2026-03-10T10:00:00+01:00' }), homeNurse), now);
    const none = (h: PatientEvent[], now: string) => accepted(h, by(recordWillLookup({ result: 'not_found', at: '2026-03-10T10:00:00+01:00' }), hospitalNurse), now);
    const foundThenNone = none(found(activated(), '2026-03-10T10:05:00+01:00'), '2026-03-10T10:06:00+01:00');
    const noneThenFound = found(none(activated(), '2026-03-10T10:05:00+01:00'), '2026-03-10T10:06:00+01:00');
    expect(statusOf(foundThenNone, '2026-03-10T12:00:00+01:00').status).toBe('ATTEMPT_CPR');
    expect(statusOf(noneThenFound, '2026-03-10T12:00:00+01:00').status).toBe('ATTEMPT_CPR');
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('Competence: what the record already says about it (R4.7, R5.5, R6.1; 001 »Varigt inhabile borgere«)', () => {
  // »Varigt inhabile borgere kan ikke fravælge genoplivningsforsøg/livsforlængende behandling i en aktuel
  //  sygdomssituation – det kan kun en læge.« (001 »Varigt inhabile borgere«)
  // »Det er fx tilfældet, hvis sundhedspersonen selv har vurderet den pågældende varigt inhabil forud for
  //  registreringstidspunktet.« (000 U5 »ugyldig registrering«)
  it('Q04 (R4.7, R5.5) the GP declared the registration invalid: permanently incompetent (Alzheimer) since 2024, reported to the authority; a hospital physician later records »the patient is competent and refuses« — refused, or at least not »no CPR«', () => {
    let h = withRegister();
    h = accepted(h, by(revise(lastId(h), 'declare_invalid', 'physician', '2026-02-10T10:00:00+01:00', {
      reason: 'Registreringen er ugyldig', assessment: 'Varigt inhabil siden 2024 (svær Alzheimer-demens), vurderet af undertegnede før registreringen', incompetence: 'permanent', reportedToStps: { at: '2026-02-10', reference: 'STPS-2026-0142' },
    }), gpPhysician), '2026-02-10T10:05:00+01:00');
    const r = record(h, by(makeDecision({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-03T11:00:00+01:00' }), hospitalPhysician), '2026-03-03T11:05:00+01:00');
    if (!isRejection(r)) expect(statusOf(r, '2026-03-03T12:00:00+01:00').status).toBe('ATTEMPT_CPR');
  });

  // »Varigt inhabile borgere kan ikke fravælge …« (001); »Hvis der er hjertestop, men tvivl …« (000 pkt. 2).
  it('Q05 (R4.7) the physician\'s assessment of 5 March — permanently incompetent after a stroke — is entered on the 12th; the »patient\'s own refusal« of the 10th now contradicts the record: CPR', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-10T11:00:00+01:00' }), gpPhysician), '2026-03-10T11:05:00+01:00');
    // A livstestamente in the severe-disability situation only advises (000 pkt. 7 f): here it documents the assessment.
    h = accepted(h, by(activateTestament({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-05T15:00:00+01:00' }), hospitalPhysician), '2026-03-12T09:00:00+01:00');
    expect(statusOf(h, '2026-03-12T10:00:00+01:00').status).toBe('ATTEMPT_CPR');
  });

  // »Det er fx tilfældet, hvis sundhedspersonen selv har vurderet den pågældende varigt inhabil forud for
  //  registreringstidspunktet.« (000 U5) — the record holds that assessment (pkt. 7 b »varigt inhabil«).
  it('Q06 (judgement; R5.5, R6.1) a physician assessed her permanently incompetent in November 2025 (documented with her livstestamente); the register now shows a registration dated January 2026 — it does not bind: CPR', () => {
    let h = accepted([karen], by(activateTestament({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2025-11-10T10:00:00+01:00' }), hospitalPhysician), '2025-11-10T10:05:00+01:00');
    h = accepted(h, by(makeDecision({ basis: 'register', registeredAt: '2026-01-20', decidedAt: '2026-03-01T10:00:00+01:00' }, 'nurse'), homeNurse), '2026-03-01T10:05:00+01:00');
    expect(statusOf(h, '2026-03-02T10:00:00+01:00').status).toBe('ATTEMPT_CPR');
  });

  // »Varigt inhabile patienter kan have fravalgt genoplivningsforsøg, mens de var habile. Et sådant fravalg skal
  //  efterleves, hvis det er sket overfor lægen i den aktuelle sygdomssituation« — »Hvis patientens tilstand er
  //  forbedret væsentligt siden fravalget, er der ikke længere tale om den samme sygdomssituation.« (000 U4)
  it('Q07 (R4.5, R4.7) her COPD refusal (made while competent) lapses when the exacerbation improves; she is now permanently incompetent after a stroke — the physician cannot »reaffirm« it as her own wish', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-01T11:00:00+01:00' }), gpPhysician), '2026-02-01T11:05:00+01:00');
    const refusal = lastId(h);
    h = accepted(h, by(activateTestament({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    h = accepted(h, by(recordImprovement('nurse', { at: '2026-03-10T10:00:00+01:00', dischargeable: false, illnessSituationId: copd.id }), hospitalNurse), '2026-03-10T10:05:00+01:00');
    const r = record(h, by(revise(refusal, 'reaffirm', 'physician', '2026-03-12T10:00:00+01:00', { reason: 'Fravalget fastholdes' }), hospitalPhysician), '2026-03-12T10:05:00+01:00');
    if (!isRejection(r)) expect(statusOf(r, '2026-03-12T12:00:00+01:00')).toMatchObject({ status: 'ATTEMPT_CPR' });
  });

  // »Hvis sundhedspersonen ved, at borgeren utvivlsomt var enten midlertidigt eller varigt inhabil … på
  //  registreringstidspunktet, er registreringen ikke bindende for sundhedspersonen.« (000 U5)
  it('Q08 (R5.5) the registration of 20 January was found invalid (made in a delirium); that night the ambulance looks the register up, sees the same registration and records it — still not binding: CPR', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'register', registeredAt: '2026-01-20', decidedAt: '2026-02-01T10:00:00+01:00' }, 'nurse'), homeNurse), '2026-02-01T10:05:00+01:00');
    h = accepted(h, by(revise(lastId(h), 'declare_invalid', 'physician', '2026-03-02T10:00:00+01:00', {
      reason: 'Ugyldig registrering', assessment: 'Registreret under delir ved indlæggelse med urosepsis 19.–24. januar', incompetence: 'temporary',
    }), hospitalPhysician), '2026-03-02T10:05:00+01:00');
    h = accepted(h, by(makeDecision({ basis: 'register', registeredAt: '2026-01-20', decidedAt: '2026-03-02T23:40:00+01:00' }, 'paramedic'), paramedic), '2026-03-02T23:45:00+01:00');
    expect(statusOf(h, '2026-03-03T00:10:00+01:00').status).toBe('ATTEMPT_CPR');
  });

  // »For at der er tale om en aktuel sygdomssituation, skal patienten have en sygdom/være behandlingskrævende.
  //  Almen alderdomssvækkelse alene er ikke nok.« (000 U4 »Varighed af fravalget«)
  it.each([
    ['»94-årig kvinde med almen alderdomssvækkelse«', '94-årig kvinde med almen alderdomssvækkelse'],
    ['»Alderdomssvækkelse, plejehjemsbeboer«', 'Alderdomssvækkelse, plejehjemsbeboer'],
    ['»Høj alder (97 år), almen svækkelse«', 'Høj alder (97 år), almen svækkelse'],
  ])('Q09 (R4.3, R4.3a) frailty of old age, described as %s, is not an illness situation: refused', (_, description) => {
    const r = record([karen], by(makeDecision({ basis: 'patient', illnessSituation: { id: 'svaekkelse', description }, decidedAt: '2026-03-01T10:00:00+01:00' }), gpPhysician), '2026-03-01T10:05:00+01:00');
    expect(outcomeOf(r)).toBe('refused R4.3');
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('Wishes for CPR: whoever hears them, whatever they are filed under (R5.3, R5.3a, R5.3b, R6.4)', () => {
  // »Sundhedspersonen, overfor hvem borgeren tilbagekalder sin beslutning om fravalg af genoplivningsforsøg,
  //  skal sikre, at den behandlingsansvarlige læge orienteres.« (000 U5)
  it('Q13 (R5.3b, R7.5a) the GP\'s own refusal at home; she tells the evening helper she wants CPR: the GP decision still stands, the GP is asked to re-assess — and the practice is told, in Danish', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'physician', grounds: ['severe_suffering'], decidedAt: '2026-02-10T13:00:00+01:00' }), gpPhysician), '2026-02-10T13:05:00+01:00');
    h = accepted(h, by(revokeTemporarily({ instrument: 'register', illnessSituation: copd, statedAt: '2026-03-05T19:30:00+01:00' }), careWorker), '2026-03-05T19:35:00+01:00');
    const s = statusOf(h, '2026-03-05T20:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(s)).toContain('PATIENT_WISHES_CPR');
    const ms = messagesCausedBy(h, P);
    expect(ms.map((m) => m.recipient.sor)).toContain(GP.sor);
    expect(ms.flatMap((m) => textsOfMessage(m)).flatMap(notDanish)).toEqual([]);
  });

  // »Sker tilbagekaldelsen overfor præhospitalt personale i en situation, hvor der ikke er en
  //  behandlingsansvarlig læge, skal informationen videregives til modtagende behandlingssted« (000 U5)
  it('Q14 (R5.3a, R7.2a) she tells the paramedic »resuscitate me this time« before anyone looked the register up; the crew records it and the admission — the hospital is told, and the look-up entered there later changes nothing: CPR', () => {
    let h = accepted([karen], by(revokeTemporarily({ instrument: 'register', illnessSituation: pneumonia, statedAt: '2026-03-05T08:40:00+01:00' }), paramedic), '2026-03-05T08:45:00+01:00');
    h = accepted(h, by(recordHandover('paramedic', { kind: 'admission', at: '2026-03-05T09:10:00+01:00', from: AMBULANCE, to: HOSPITAL, generalPractitioner: undefined }), paramedic), '2026-03-05T09:12:00+01:00');
    const admission = messagesCausedBy(h, P);
    expect(admission.map((m) => `${m.kind}→${m.recipient.sor}`)).toEqual([`korrespondancemeddelelse→${HOSPITAL.sor}`]);
    expect(admission[0].resuscitation.flags.map((f) => f.code)).toContain('TEMPORARY_REVOCATION_ACTIVE');
    h = accepted(h, by(makeDecision({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-03-05T10:00:00+01:00' }, 'nurse'), hospitalNurse), '2026-03-05T10:05:00+01:00');
    expect(statusOf(h, '2026-03-05T11:00:00+01:00')).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });

  // »Angivelsen af beslutningen skal være tydelig, og der må ikke være tvivl om betydningen.« (001
  //  »Kommunikation på tværs af sektorer«); »En sådan midlertidig tilbagekaldelse … gælder kun for den aktuelle
  //  sygdomssituation.« (000 U5)
  it('Q15 (R5.3b, R4.2) she wanted CPR for her pneumonia; two days later, with lung cancer diagnosed, she refuses CPR in that illness to the physician — the note on the pneumonia wish must not say it covers »all her own refusals« beside »Patienten … ønsker ikke genoplivningsforsøg«', () => {
    let h = withRegister();
    h = accepted(h, by(revokeTemporarily({ instrument: 'register', illnessSituation: pneumonia, statedAt: '2026-03-01T10:00:00+01:00', patientCompetent: true }), hospitalNurse), '2026-03-01T10:05:00+01:00');
    h = accepted(h, by(makeDecision({ basis: 'patient', illnessSituation: lungCancer, decidedAt: '2026-03-03T14:00:00+01:00' }), hospitalPhysician), '2026-03-03T14:05:00+01:00');
    const s = statusOf(h, '2026-03-03T15:00:00+01:00');
    if (s.status === 'DNACPR') {
      expect(s.basis).toBe('patient');
      expect(details(s)).not.toMatch(/alle patientens egne fravalg/);
    }
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('Revisions the record cannot honour, and re-evaluations made without knowing why (R3.3, R3.4, R7.1, R6.8)', () => {
  // »Den behandlingsansvarlige læges beslutning … gælder, indtil lægen eller en eventuel efterfølgende
  //  behandlingsansvarlig læge beslutter andet.« (000 U3) — »I akutte situationer kan beslutningen meddeles
  //  mundtligt, men dette skal hurtigst muligt følges op skriftligt.« (001)
  it('Q16 (R3.3, R7.1) the vagtlæge\'s oral decision of 02.10 is entered at 11.00, after the ward physician found CPR indicated at 09.00; his written confirmation at 14.00 is either refused (record a new decision) or honoured — never accepted and silently ignored', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    const ward = lastId(h);
    h = accepted(h, by(revise(ward, 'withdraw', 'physician', '2026-03-05T09:00:00+01:00', { reason: 'Reversibel årsag fundet (hyperkaliæmi); genoplivning er indiceret' }), hospitalPhysician), '2026-03-05T09:05:00+01:00');
    h = accepted(h, by(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-05T02:10:00+01:00', oral: true }), vagtlaege), '2026-03-05T11:00:00+01:00');
    const oral = lastId(h);
    const r = record(h, by(revise(oral, 'confirm_in_writing', 'physician', '2026-03-05T14:00:00+01:00', { reason: 'Skriftlig bekræftelse af telefonisk beslutning' }), vagtlaege), '2026-03-05T14:05:00+01:00');
    const outcome = isRejection(r) ? 'refused' : statusOf(r, '2026-03-05T15:00:00+01:00').status === 'DNACPR' ? 'honoured' : 'accepted but ignored';
    expect(['refused', 'honoured']).toContain(outcome);
  });

  // »Hvis patientens tilstand forbedres væsentligt, skal den behandlingsansvarlige læge kontaktes for at tage
  //  stilling til, om der er behov for at ændre den tidligere beslutning.« (000 U3, »Øvrige sundhedspersoners
  //  ansvar, når der er sket lægeligt fravalg«)
  it('Q17 (judgement; R3.4, R7.1a) the nursing-home nurse notes a marked improvement on the 15th but enters it on the 18th; the GP\'s routine quarterly review on the 16th knew nothing of it — the GP must still be asked (flag and message)', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-01-10T14:00:00+01:00' }), gpPhysician), '2026-01-10T14:05:00+01:00');
    const gps = lastId(h);
    h = accepted(h, by(revise(gps, 'reaffirm', 'physician', '2026-03-16T12:00:00+01:00', { reason: 'Kvartalsvis gennemgang af medicin og behandlingsniveau' }), gpPhysician), '2026-03-16T12:05:00+01:00');
    h = accepted(h, by(recordImprovement('nurse', { at: '2026-03-15T09:00:00+01:00', dischargeable: false, note: 'Spiser og går igen, klar og orienteret' }), homeNurse), '2026-03-18T08:00:00+01:00');
    expect(codes(statusOf(h, '2026-03-18T09:00:00+01:00'))).toContain('REEVALUATION_REQUIRED');
    expect(messagesCausedBy(h, P).map((m) => m.recipient.sor)).toContain(GP.sor);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('Wills after improvement, and who may look them up (R6.1, R6.6, R6.7, R6.8)', () => {
  // »Det er den behandlingsansvarlige læge, der skal vurdere, om patienten er varigt inhabil og befinder sig i en af
  //  de situationer, som testamentet vedrører.« (000 U6)
  it('Q20 (R6.7, R6.8, R6.2) after the improvement the physician finds her no longer dying but permanently and severely disabled: she withdraws the (a) assessment and activates (b) at the same minute — the (b) assessment binds, nothing left to re-assess', () => {
    let h = accepted([karen], by(activateTestament({ kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    const a = lastId(h);
    h = accepted(h, by(recordImprovement('nurse', { at: '2026-03-11T10:00:00+01:00', dischargeable: false }), hospitalNurse), '2026-03-11T10:05:00+01:00');
    h = accepted(h, by(revise(a, 'withdraw', 'physician', '2026-03-12T10:00:00+01:00', { reason: 'Ikke længere uafvendeligt døende' }), hospitalPhysician), '2026-03-12T10:05:00+01:00');
    h = accepted(h, by(activateTestament({ kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-12T10:00:00+01:00' }), hospitalPhysician), '2026-03-12T10:06:00+01:00');
    const b = lastId(h);
    const s = statusOf(h, '2026-03-12T12:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'testament', decision: expect.objectContaining({ decisionId: b }) });
    expect(stateOf(s, a)).toBe('withdrawn');
    expect(codes(s)).not.toContain('REEVALUATION_REQUIRED');
  });

  // »Når den behandlingsansvarlige læge har vurderet, at patientens testamente er trådt i kraft, skal lægen sikre, at
  //  øvrige relevante sundhedspersoner og behandlingssteder orienteres om vurderingen.« (000 U6); »Alle beslutninger …
  //  herunder revurderinger, skal overleveres skriftligt eller elektronisk« (001).
  it('Q32 (R6.8, R7.1a, R7.5a) the hospital found her will in force and discharged her; the nursing home reports a marked improvement; the GP re-assesses and keeps it — the flag ends, and the hospital where it was assessed and the nursing home are told', () => {
    let h = accepted([karen], by(activateTestament({ kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    const will = lastId(h);
    h = accepted(h, by(recordHandover('nurse', { kind: 'discharge', at: '2026-03-04T11:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }), hospitalNurse), '2026-03-04T11:05:00+01:00');
    h = accepted(h, by(recordImprovement('nurse', { at: '2026-03-20T09:00:00+01:00', dischargeable: false }), homeNurse), '2026-03-20T09:05:00+01:00');
    expect(codes(statusOf(h, '2026-03-20T10:00:00+01:00'))).toContain('REEVALUATION_REQUIRED');
    h = accepted(h, by(revise(will, 'reaffirm', 'physician', '2026-03-21T13:00:00+01:00', { reason: 'Fortsat varigt inhabil og svært invalideret' }), gpPhysician), '2026-03-21T13:05:00+01:00');
    const s = statusOf(h, '2026-03-21T14:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'testament' });
    expect(codes(s)).not.toContain('REEVALUATION_REQUIRED');
    expect(messagesCausedBy(h, P).map((m) => m.recipient.sor).sort()).toEqual([HOSPITAL.sor, NURSING_HOME.sor].sort());
  });

  // »Patienten kan gøre beslutning om fravalg af b) og c) betinget af, at nærmeste pårørende m.fl. accepterer det.
  //  … Hvis tilkendegivelsen er gjort betinget af accept fra de nærmeste pårørende m.fl., er den først bindende, hvis
  //  de nærmeste pårørende m.fl. accepterer den.« (000 pkt. 7 f)
  it('Q21 (R6.3) a (c) will conditional on the relatives; the son\'s acceptance is recorded with an activation of another situation (b) — it does not make (c) binding, and (b) binds on its own only as itself', () => {
    let h = accepted([karen], by(activateTestament({ kind: 'behandlingstestamente', situation: 'severe_suffering', conditionalOnRelatives: true, assessedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    const c = lastId(h);
    h = accepted(h, by(activateTestament({ kind: 'behandlingstestamente', situation: 'severe_disability', conditionalOnRelatives: true, relativesAccepted: false, assessedAt: '2026-03-02T10:00:00+01:00' }), hospitalPhysician), '2026-03-02T10:05:00+01:00');
    const s = statusOf(h, '2026-03-02T12:00:00+01:00');
    expect(s).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'AWAITING_RELATIVES_ACCEPTANCE' });
    expect(stateOf(s, c)).toBe('awaiting_relatives');
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('Sector changes: what stays in force and who is told (R3.3, R7.2–R7.5a; 000 pkt. 4)', () => {
  // »Den behandlingsansvarlige læges beslutning … gælder, indtil lægen eller en eventuel efterfølgende
  //  behandlingsansvarlig læge beslutter andet. Det gælder uanset sektorskifte« (000 U3); »herunder det
  //  behandlingssted, hvor fravalget oprindeligt er truffet« (000 pkt. 4.1)
  it('Q23 (R3.3, R7.5, R7.5a) decided in hospital, transferred to the hospice, discharged home with home care: the GP, now responsible, withdraws — the hospital where it was made, the hospice and home care are told CPR', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'physician', grounds: ['severe_suffering'], decidedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    const decision = lastId(h);
    h = accepted(h, by(recordHandover('nurse', { kind: 'transfer', at: '2026-03-04T11:00:00+01:00', from: HOSPITAL, to: HOSPICE, generalPractitioner: GP }), hospitalNurse), '2026-03-04T11:05:00+01:00');
    h = accepted(h, by(recordHandover('physician', { kind: 'discharge', at: '2026-04-10T11:00:00+02:00', from: HOSPICE, to: HOME_CARE, generalPractitioner: GP }), hospicePhysician), '2026-04-10T11:05:00+02:00');
    expect(statusOf(h, '2026-05-01T10:00:00+02:00')).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    h = accepted(h, by(revise(decision, 'withdraw', 'physician', '2026-05-02T10:00:00+02:00', { reason: 'Markant bedring; genoplivning er indiceret' }), gpPhysician), '2026-05-02T10:05:00+02:00');
    const ms = messagesCausedBy(h, P);
    expect(ms.map((m) => m.recipient.sor).sort()).toEqual([HOSPITAL.sor, HOSPICE.sor, HOME_CARE.sor].sort());
    for (const m of ms) expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    expect(ms.flatMap((m) => textsOfMessage(m)).flatMap(notDanish)).toEqual([]);
  });

  // »Patientens fravalg af genoplivningsforsøg gælder kun i den aktuelle sygdomssituation og den aktuelle eller
  //  nært forestående behandling« (000 U4) — the refusal travels with the illness, not with the ward.
  it('Q24 (R4.3, R7.4) a 16-year-old with metastatic osteosarcoma, refusal assessed by the physician (she understands; parents informed), transferred to the children\'s hospice: still in force, and the letter says it is her own, bound to the illness', () => {
    const girl = patientRegistered('2010-05-20');
    const sarcoma = { id: 'osteosarkom', description: 'Metastaserende osteosarkom', diagnoses: ['DC402'] };
    let h = accepted([girl], by(makeDecision({ basis: 'patient', illnessSituation: sarcoma, patientUnderstandsConsequences: true, decidedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    h = accepted(h, by(recordHandover('nurse', { kind: 'transfer', at: '2026-03-04T11:00:00+01:00', from: HOSPITAL, to: HOSPICE, generalPractitioner: GP }), hospitalNurse), '2026-03-04T11:05:00+01:00');
    expect(statusOf(h, '2026-03-20T10:00:00+01:00')).toMatchObject({ status: 'DNACPR', basis: 'patient' });
    const letter = messagesCausedBy(h, P).find((m) => m.kind === 'korrespondancemeddelelse') as HandoverMessage;
    expect(letter.resuscitation.whoseDecision).toMatch(/Patientens egen beslutning/);
    expect(letter.resuscitation.howItMayChange).toMatch(/kun i den aktuelle sygdomssituation/);
    expect(letter.text).toMatch(/Metastaserende osteosarkom/);
  });

  // »Hvis borgerens tilstand forbedres væsentligt så borgeren kan udskrives, gælder den midlertidige
  //  tilbagekaldelse ikke længere.« (000 U5) — and »Den behandlingsansvarlige læge skal sikre, at relevante øvrige
  //  sundhedspersoner informeres om tilbagekaldelsen af fravalget og betydningen af dette.« (000 U5)
  it('Q25 (R5.3, R7.5a, R7.3b) the register is suspended for the pneumonia; the ward records that she can be discharged: the register binds again, the nursing home that looked it up is told »no CPR«, and the change reaches the status feed', () => {
    let h = withRegister();
    h = accepted(h, by(recordHandover('nurse', { kind: 'admission', at: '2026-03-01T08:00:00+01:00', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined }), homeNurse), '2026-03-01T08:05:00+01:00');
    h = accepted(h, by(revokeTemporarily({ instrument: 'register', illnessSituation: pneumonia, statedAt: '2026-03-01T10:00:00+01:00', patientCompetent: true }), hospitalNurse), '2026-03-01T10:05:00+01:00');
    expect(statusOf(h, '2026-03-02T10:00:00+01:00').status).toBe('ATTEMPT_CPR');
    h = accepted(h, by(recordImprovement('physician', { at: '2026-03-09T10:00:00+01:00', dischargeable: true, illnessSituationId: pneumonia.id }), hospitalPhysician), '2026-03-09T10:05:00+01:00');
    expect(statusOf(h, '2026-03-09T12:00:00+01:00')).toMatchObject({ status: 'DNACPR', basis: 'register' });
    const ms = messagesCausedBy(h, P);
    const toNursingHome = ms.find((m) => m.recipient.sor === NURSING_HOME.sor);
    expect(toNursingHome?.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'register' });
    expect(statusChangedBy(h, P)).toMatchObject({ status: 'DNACPR', basis: 'register' });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('Times: ages at the clock change, knownAt and late entries (R1.4, R4.1, bitemporal)', () => {
  // »Det gælder også 15-17-årige patienter, hvis den behandlingsansvarlige læge vurderer, at patienten kan forstå
  //  konsekvenserne af sin beslutning.« (000 U4); ages change at 00:00 Danish time (api.md).
  it('Q26 (R4.1) born 25 October 2008, she turns 18 on the night summer time ends: at 23.30 (summer time) on the 24th the physician\'s judgement is still required; at 00.30 on the 25th it is not', () => {
    const her = patientRegistered('2008-10-25');
    const leukaemia = { id: 'aml-2026', description: 'Akut myeloid leukæmi, recidiv', diagnoses: ['DC920'] };
    expect(record([her], by(makeDecision({ basis: 'patient', illnessSituation: leukaemia, decidedAt: '2026-10-24T21:30:00Z' }), hospitalPhysician), '2026-10-24T21:35:00Z')).toMatchObject({ rule: 'R4.1' });
    const h = accepted([her], by(makeDecision({ basis: 'patient', illnessSituation: leukaemia, decidedAt: '2026-10-24T22:30:00Z' }), hospitalPhysician), '2026-10-24T22:35:00Z');
    expect(statusOf(h, '2026-10-25T02:30:00+01:00')).toMatchObject({ status: 'DNACPR', basis: 'patient' });
  });

  // »Forsøget på genoplivning skal fortsættes, indtil det er konstateret, at der er et gældende fravalg« (000 pkt.
  //  2.3) — what the service could know at the time is what the crew could act on.
  it('Q27 (R1.4, bitemporal) the withdrawal of Friday 23.50 is entered on Saturday 00.20 — across midnight: asked at 00.10 with what was known then, »no CPR«; asked afterwards about 00.10, CPR from 23.50', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-01T11:00:00+01:00' }), gpPhysician), '2026-03-01T11:05:00+01:00');
    h = accepted(h, by(revise(lastId(h), 'withdraw', 'care_worker', '2026-03-06T23:50:00+01:00', { reason: 'Borgeren siger, hun vil genoplives' }), careWorker), '2026-03-07T00:20:00+01:00');
    expect(statusOf(h, '2026-03-07T00:10:00+01:00', '2026-03-07T00:10:00+01:00')).toMatchObject({ status: 'DNACPR', basis: 'patient' });
    expect(statusOf(h, '2026-03-07T00:10:00+01:00')).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    expect(statusOf(h, '2026-03-06T23:49:00+01:00')).toMatchObject({ status: 'DNACPR' });
  });

  // »Et sådant fravalg træder dog først i kraft syv dage efter registrering« (000 U4/U5) — the letter at discharge
  //  must say so in words a nurse reads: »der må ikke være tvivl om betydningen« (001).
  it('Q28 (R5.1, R7.3) discharged on 27 March, four days after registering: all letters say CPR now and name 30 March, in Danish, without codes', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'register', registeredAt: '2026-03-23', decidedAt: '2026-03-25T10:00:00+01:00' }, 'nurse'), hospitalNurse), '2026-03-25T10:05:00+01:00');
    h = accepted(h, by(recordHandover('nurse', { kind: 'discharge', at: '2026-03-27T11:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }), hospitalNurse), '2026-03-27T11:05:00+01:00');
    const ms = messagesCausedBy(h, P);
    expect(ms.map((m) => m.kind).sort()).toEqual(['epikrise', 'korrespondancemeddelelse', 'udskrivningsrapport']);
    for (const m of ms) {
      expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
      expect(m.text).toMatch(/30\. marts 2026/);
      expect(textsOfMessage(m).flatMap(notDanish)).toEqual([]);
    }
    expect(statusOf(h, '2026-03-29T23:59:00+02:00').status).toBe('ATTEMPT_CPR');
    expect(statusOf(h, '2026-03-30T00:00:00+02:00')).toMatchObject({ status: 'DNACPR', basis: 'register' });
  });

  // »Hvis patienten er fyldt 60 år og har et ønske om fravalg … der rækker ud over den aktuelle sygdomssituation …
  //  Et sådant fravalg træder dog først i kraft syv dage efter registrering, og derfor er ovenstående vurdering mv.
  //  fortsat nødvendig i forhold til den aktuelle sygdomssituation« (000 U4)
  it('Q29 (R5.1, R4.3, R4.5) during the 7 days her own pneumonia refusal carries her; she recovers and it lapses — CPR with the register\'s date named, then the register from day 7 (the flags and explanation agree with each answer)', () => {
    let h = accepted([karen], by(makeDecision({ basis: 'register', registeredAt: '2026-03-02', decidedAt: '2026-03-03T09:00:00+01:00' }, 'nurse'), hospitalNurse), '2026-03-03T09:05:00+01:00');
    h = accepted(h, by(makeDecision({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-03T11:00:00+01:00' }), hospitalPhysician), '2026-03-03T11:05:00+01:00');
    expect(statusOf(h, '2026-03-04T10:00:00+01:00')).toMatchObject({ status: 'DNACPR', basis: 'patient' });
    h = accepted(h, by(recordImprovement('nurse', { at: '2026-03-06T10:00:00+01:00', dischargeable: true, illnessSituationId: pneumonia.id }), hospitalNurse), '2026-03-06T10:05:00+01:00');
    const between = statusOf(h, '2026-03-07T10:00:00+01:00');
    expect(between.status).toBe('ATTEMPT_CPR');
    expect(codes(between)).toEqual(expect.arrayContaining(['CLARIFY_PATIENT_WISH', 'REGISTER_PENDING']));
    expect(details(between)).toMatch(/9\. marts 2026/);
    expect(textsOfStatus(between).flatMap(notDanish)).toEqual([]);
    const after = statusOf(h, '2026-03-09T00:30:00+01:00');
    expect(after).toMatchObject({ status: 'DNACPR', basis: 'register' });
    expect(after.explanation).not.toMatch(/bortfaldet/);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('Texts never contradict the answer (R7.4, R8.1; 001 »der må ikke være tvivl om betydningen«)', () => {
  // »Ved lægeligt fravalg kan fx angives: »Ingen lægelig indikation for genoplivningsforsøg ved hjertestop« og ved
  //  patientfravalg: »Patienten er habil og ønsker ikke genoplivningsforsøg ved hjertestop«.« (000 pkt. 6)
  it('Q30 (R8.1, R5.2, R6.5) register in force, physician\'s decision and a binding will: the register shows, with its own statement and explanation; the physician\'s re-evaluation flag names the physician, not the register', () => {
    let h = withRegister();
    h = accepted(h, by(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    const physicians = lastId(h);
    h = accepted(h, by(activateTestament({ kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: '2026-03-01T11:00:00+01:00' }), hospitalPhysician), '2026-03-01T11:05:00+01:00');
    h = accepted(h, by(recordImprovement('nurse', { at: '2026-03-05T10:00:00+01:00', dischargeable: false }), hospitalNurse), '2026-03-05T10:05:00+01:00');
    const s = statusOf(h, '2026-03-05T12:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'register', statement: 'Registreret fravalg af genoplivningsforsøg' });
    expect(s.explanation).toMatch(/fravalgsregisteret/);
    const physicianFlag = s.flags.find((f) => f.code === 'REEVALUATION_REQUIRED' && f.instrumentId === physicians);
    expect(physicianFlag?.detail).toMatch(/behandlingsansvarlige læge/);
    expect(textsOfStatus(s).flatMap(notDanish)).toEqual([]);
  });

  // »Hvis patientens valg er gjort betinget af tilslutning fra de nærmeste pårørende m.fl., skal lægen sikre, at de
  //  kontaktes med henblik på afklaring.« (000 U6)
  it('Q31 (R6.3, R7.4) a (b) will awaiting the daughter\'s acceptance, discharged to the nursing home: the letters say CPR, that the will awaits the relatives, and nothing that reads as »no CPR«', () => {
    let h = accepted([karen], by(activateTestament({ kind: 'behandlingstestamente', situation: 'severe_disability', conditionalOnRelatives: true, assessedAt: '2026-03-01T10:00:00+01:00' }), hospitalPhysician), '2026-03-01T10:05:00+01:00');
    h = accepted(h, by(recordHandover('nurse', { kind: 'discharge', at: '2026-03-04T11:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }), hospitalNurse), '2026-03-04T11:05:00+01:00');
    const ms = messagesOwed(h, P).filter((m) => m.handover);
    expect(ms.length).toBe(3);
    for (const m of ms) {
      expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'AWAITING_RELATIVES_ACCEPTANCE', statement: 'Genoplivning skal forsøges' });
      expect(m.text).toMatch(/pårørende/);
      expect(m.text).not.toMatch(/Ingen lægelig indikation|ønsker ikke genoplivningsforsøg|trådt i kraft og er bindende/);
    }
  });
});
