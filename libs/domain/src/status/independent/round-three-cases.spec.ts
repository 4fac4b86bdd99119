/**
 * Independent clinical cases, round three. Written by a clinician-reviewer (palliative care and
 * emergency medicine) from VEJ nr. 9921 af 31/10/2024 (seed 000, which wins over everything else),
 * the municipal instruction (001) and the Region Nordjylland guideline (002), to probe the rules
 * changed after the second review (docs/clinical-choices.md, "Second independent clinical review
 * (2026-12-06)") and how they meet the rest:
 * - R3.3 a physician's withdrawal ends every physician decision made no later;
 * - R5.4/R5.5 withdrawing a register look-up ends every look-up; declare_invalid ends every look-up
 *   of that registration;
 * - R4.4 + R5.3b a patient withdrawing their own refusal wishes CPR, suspending the register, a will
 *   and their earlier refusals until a dischargeable improvement of that illness situation;
 * - R6.6 + R1.2 a will-registry look-up after the activation that does not show the will suspends it;
 * - R6.4 a wish recorded with patientCompetent:false leaves a will binding;
 * - R5.3b PATIENT_WISHES_CPR clears when the physician reaffirms after the wish;
 * - R5.1 registrations dated before 15 January 2025 are refused;
 * - CareCommunication threads hold at most 20 segments.
 *
 * The Danish sentence each case rests on is quoted above it. The expectation is what the guidance
 * requires — never what the code happens to do. Doubt, missing data and conflicts ⇒ attempt CPR.
 * Cases marked "(judgement)" are where the guidance can be read more than one way; the expectation
 * is the reviewer's reading, with the reason given.
 *
 * Outcome when written (2026-12-06, third review): 30 cases, 21 pass, 9 fail.
 * - Defects (the service answers what the guidance forbids): R23 and R25 leave »no CPR« standing on a
 *   will the newest registry answer does not support (doubt ⇒ CPR, 000 pkt. 2; 000 pkt. 7 f); R20 drops
 *   the physician's »the patient wishes CPR« flag because of a re-evaluation made before anyone knew of the
 *   wish (000 U5 »skal sikre, at den behandlingsansvarlige læge orienteres«); R28's note on an incompetent
 *   patient's wish says it covers every own refusal while her will still binds (001 »der må ikke være tvivl
 *   om betydningen«).
 * - Judgement calls: R05 (a withdrawal should end every physician decision made before the withdrawal, not
 *   only those before the withdrawn one), R11 (a registration made after documented permanent
 *   incompetence), R17 (a superseded wish still shown next to a new refusal), R21 (the flag on the older
 *   of two physician decisions after the responsible physician re-assessed), R24 (a new assessment does not
 *   answer whether the will still exists).
 * Then: all nine built as the reviewer reads them (docs/clinical-choices.md, "Third independent clinical
 * review"); all 30 pass.
 */
import { careCommunicationBundle } from '../../outbox/care-communication';
import { MAX_SEGMENTS } from '../../outbox/care-thread';
import { HandoverMessage } from '../../outbox/handover-message';
import { messagesCausedBy, messagesOwed } from '../../outbox/messages-owed';
import {
  actor, conditionImproved, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered, revised, site, temporarilyRevoked,
  testamentActivated, willLookedUp,
} from '../../spec/builders';
import { activateTestament, makeDecision, revise } from '../../spec/commands';
import { notDanish, textsOfBundle, textsOfMessage, textsOfStatus } from '../../spec/danish-text';
import { given } from '../../spec/given';
import { PatientEvent } from '../../events/patient-event';
import { ResuscitationStatus } from '../resuscitation-status';
import { accepted, careWorker, gpPhysician, homeNurse, hospitalNurse, hospitalPhysician, isRejection, paramedic, record, statusOf } from './testing/clinic';

const karen = patientRegistered('1948-03-01'); // 78 years old in 2026
const P = 'patient-round-three';
const codes = (s: { flags: Array<{ code: string }> }) => s.flags.map((f) => f.code);
const to = (ms: HandoverMessage[]) => ms.map((m) => `${m.kind}→${m.recipient.sor ?? 'ingen SOR'}`).sort();
const korr = (sor: string) => `korrespondancemeddelelse→${sor}`;
const stateOf = (s: ResuscitationStatus, id: string) => s.instruments.find((i) => i.id === id)?.state;

/** The out-of-hours GP service (lægevagten): the vagtlæge is the responsible physician in an acute assessment (000 pkt. 7 h). */
const LAEGEVAGT = site('general_practice', '481211000016001', '5790000211111', 'Lægevagten, Region Nordjylland', '70 15 03 00');
const vagtlaege = actor('physician', { sub: 'vagtlaege', name: 'Vagtlæge Søren Friis', org: LAEGEVAGT.sor, orgName: LAEGEVAGT.name, sector: 'general_practice' });

const copd = { id: 'kol-2026', description: 'KOL, GOLD D, i eget hjem', diagnoses: ['DJ449'] };
const cancer = { id: 'lungecancer-2026', description: 'Lungecancer med knoglemetastaser', diagnoses: ['DC349'] };
const urosepsis = { id: 'urosepsis-2026-03', description: 'Urosepsis med delir', diagnoses: ['DA419'] };
const register = (registeredAt = '2025-06-01', decidedAt = '2026-02-01T10:00:00+01:00', by = homeNurse) =>
  decisionMade({ basis: 'register', registeredAt, decidedAt }, { by });

/** As the sites directory would address it: every party with an EAN and a telephone number (as outbox/danish-text.spec.ts). */
const addressed = (m: HandoverMessage): HandoverMessage => ({
  ...m,
  sender: { ...m.sender, ean: m.sender.ean ?? '5790000121526', phone: m.sender.phone ?? '97 66 00 00' },
  recipient: { ...m.recipient, ean: m.recipient.ean ?? '5790001348120', phone: m.recipient.phone ?? '72 36 00 00' },
});
const bundleOf = (m: HandoverMessage) => careCommunicationBundle(addressed(m), '5f0a8a5e-0000-4000-8000-000000000003') as { entry: Array<{ resource: Record<string, unknown> }> };

/** Everything a clinician reads in these messages (text, R7.4 wording, flags, the Bundle's narratives and segments) that is not plain clinical Danish. */
function notDanishIn(messages: HandoverMessage[]): string[] {
  const texts = messages.flatMap((m) => [...textsOfMessage(m), ...(m.kind === 'korrespondancemeddelelse' ? textsOfBundle(bundleOf(m)) : [])]);
  return texts.flatMap((t) => notDanish(t).map((p) => `${p}\n    i teksten: ${t}`));
}
const notDanishInStatus = (s: ResuscitationStatus): string[] => textsOfStatus(s).flatMap((t) => notDanish(t).map((p) => `${p}\n    i teksten: ${t}`));

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('R3.3 — one responsible physician: a withdrawal ends every physician decision made no later', () => {
  // »Den behandlingsansvarlige læges beslutning om fravalg af genoplivningsforsøg gælder, indtil lægen eller
  //  en eventuel efterfølgende behandlingsansvarlig læge beslutter andet.« (000 U3) and »Både læger og alle
  //  øvrige sundhedspersoner skal … efterleve et gældende fravalg af genoplivningsforsøg, hvis de har
  //  kendskab til det.« (000 pkt. 2)
  it('R01 the ward physician withdraws at the 10.00 round, it is typed at 16.00: asked at 12.00 with what was known then, "no CPR" (her decision shown); asked today, CPR from 10.00 and the GP\'s older decision ended too', () => {
    const gpDecision = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: gpPhysician });
    const wardDecision = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-11T09:00:00+01:00' }, { by: hospitalPhysician });
    const events = accepted([karen, gpDecision, wardDecision], {
      ...revise(wardDecision.data.decisionId, 'withdraw', 'physician', '2026-03-15T10:00:00+01:00', { reason: 'Hyperkaliæmi korrigeret; genoplivningsforsøg er indiceret' }), by: hospitalPhysician,
    }, '2026-03-15T16:00:00+01:00');
    const then = statusOf(events, '2026-03-15T12:00:00+01:00', '2026-03-15T12:00:00+01:00');
    expect(then).toMatchObject({ status: 'DNACPR', basis: 'physician', decision: expect.objectContaining({ decisionId: wardDecision.data.decisionId }) });
    const hindsight = statusOf(events, '2026-03-15T12:00:00+01:00');
    expect(hindsight).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    expect(stateOf(hindsight, gpDecision.data.decisionId)).toBe('withdrawn');
    expect(notDanishInStatus(hindsight)).toEqual([]);
  });

  // »I akutte situationer kan det ske mundtligt, men skal i så fald følges op skriftligt.« (001) and
  //  »… gælder, indtil lægen eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet.« (000 U3)
  it('R02 the vagtlæge\'s oral decision at 02.10 (newest, unconfirmed) is withdrawn by the ward physician at the morning round: the ward\'s own written decision ends with it, nothing awaits written confirmation, and a later "confirmation" of the oral decision cannot bring "no CPR" back', () => {
    const ward = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const oral = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], oral: true, decidedAt: '2026-03-07T02:10:00+01:00' }, { by: vagtlaege });
    const before = statusOf([karen, ward, oral], '2026-03-07T08:00:00+01:00');
    expect(before.decision?.decisionId).toBe(oral.data.decisionId);
    const events = accepted([karen, ward, oral], {
      ...revise(oral.data.decisionId, 'withdraw', 'physician', '2026-03-07T09:00:00+01:00', { reason: 'Sepsis i bedring; genoplivningsforsøg er indiceret' }), by: hospitalPhysician,
    }, '2026-03-07T09:01:00+01:00');
    const after = statusOf(events, '2026-03-07T09:05:00+01:00');
    expect(after).toMatchObject({ status: 'ATTEMPT_CPR' });
    expect(stateOf(after, ward.data.decisionId)).toBe('withdrawn');
    expect(codes(after)).not.toContain('WRITTEN_CONFIRMATION_PENDING');
    const confirmed = record(events, { ...revise(oral.data.decisionId, 'confirm_in_writing', 'physician', '2026-03-07T10:00:00+01:00'), by: vagtlaege }, '2026-03-07T10:01:00+01:00');
    if (!isRejection(confirmed)) expect(statusOf(confirmed, '2026-03-07T10:05:00+01:00').status).toBe('ATTEMPT_CPR');
  });

  // »Den behandlingsansvarlige læge skal revurdere beslutningen om fravalg af genoplivningsforsøg, hvis lægen
  //  vurderer, at der er sket en væsentlig forbedring i patientens tilstand.« (000 U3)
  it('R03 both physicians\' decisions flagged for re-evaluation after an improvement; the ward physician re-evaluates by withdrawing hers — both end, no re-evaluation is left hanging, CPR', () => {
    const gpDecision = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: gpPhysician });
    const wardDecision = decisionMade({ basis: 'physician', grounds: ['severe_suffering'], decidedAt: '2026-03-02T09:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-10T10:00:00+01:00' }, { by: hospitalNurse });
    const flagged = statusOf([karen, gpDecision, wardDecision, better], '2026-03-10T11:00:00+01:00');
    expect(flagged.flags.filter((f) => f.code === 'REEVALUATION_REQUIRED')).toHaveLength(2);
    const events = accepted([karen, gpDecision, wardDecision, better], { ...revise(wardDecision.data.decisionId, 'withdraw', 'physician', '2026-03-11T10:00:00+01:00'), by: hospitalPhysician }, '2026-03-11T10:01:00+01:00');
    const s = statusOf(events, '2026-03-11T11:00:00+01:00');
    expect(s).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    expect(codes(s)).not.toContain('REEVALUATION_REQUIRED');
  });

  // »… gælder, indtil lægen eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet.« (000 U3)
  //  — a decision made after the withdrawal is the newest physician's word.
  it('R04 after the cascade the GP decides anew on a home visit: "no CPR" from her decision on, CPR before it (also as known before it was recorded); when she withdraws it, nothing older comes back', () => {
    const gpOld = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: gpPhysician });
    const ward = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-11T09:00:00+01:00' }, { by: hospitalPhysician });
    let events = accepted([karen, gpOld, ward], { ...revise(ward.data.decisionId, 'withdraw', 'physician', '2026-03-15T10:00:00+01:00'), by: hospitalPhysician }, '2026-03-15T10:01:00+01:00');
    events = accepted(events, { ...makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-20T11:00:00+01:00' }), by: gpPhysician }, '2026-03-20T11:30:00+01:00');
    const gpNew = (events[events.length - 1] as PatientEvent & { data: { decisionId: string } }).data.decisionId;
    given(...events).at('2026-03-18T12:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
    given(...events).at('2026-03-20T11:15:00+01:00', '2026-03-20T11:15:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
    given(...events).at('2026-03-21T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'physician', decision: expect.objectContaining({ decisionId: gpNew }) });
    events = accepted(events, { ...revise(gpNew, 'withdraw', 'physician', '2026-04-02T10:00:00+02:00'), by: gpPhysician }, '2026-04-02T10:01:00+02:00');
    given(...events).at('2026-04-02T11:00:00+02:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
  });

  // »Den behandlingsansvarlige læges beslutning … gælder, indtil lægen eller en eventuel efterfølgende
  //  behandlingsansvarlig læge beslutter andet.« (000 U3); »Dette gælder dog ikke ved en akut lægelig
  //  vurdering, hvor fx en vagtlæge ud fra de konkrete omstændigheder er behandlingsansvarlig læge …« (000 pkt. 7 h);
  //  pkt. 2: »Hvis der er hjertestop, men tvivl om, hvorvidt en af undtagelserne gælder, skal genoplivningsforsøg
  //  iværksættes.«
  it('R05 (judgement) the ward physician, now responsible, withdraws her own decision at 09.00 because CPR is indicated; the vagtlæge\'s oral decision from 02.10 that night is newer than hers but older than her withdrawal — the later physician has decided otherwise: CPR', () => {
    const ward = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const oral = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], oral: true, decidedAt: '2026-03-07T02:10:00+01:00' }, { by: vagtlaege });
    const events = accepted([karen, ward, oral], {
      ...revise(ward.data.decisionId, 'withdraw', 'physician', '2026-03-07T09:00:00+01:00', { reason: 'Reversibel årsag fundet; genoplivningsforsøg er indiceret' }), by: hospitalPhysician,
    }, '2026-03-07T09:01:00+01:00');
    given(...events).at('2026-03-07T09:05:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Hvis den behandlingsansvarlige læge vurderer, at beslutningen om fravalg skal ændres, skal lægen sikre, at
  //  de relevante øvrige sundhedspersoner og behandlingssteder informeres, herunder det behandlingssted, hvor
  //  fravalget oprindeligt er truffet.« (000 pkt. 4.1); »Angivelsen af beslutningen skal være tydelig, og der må
  //  ikke være tvivl om betydningen.« (001)
  it('R06 the ward physician withdraws her own decision, which also ends the GP\'s older one: the GP\'s practice (where that decision was made) and the receiving hospital are told CPR — in plain clinical Danish', () => {
    const gpDecision = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: gpPhysician });
    const admission = handedOverTo({ kind: 'admission', at: '2026-03-10T21:40:00+01:00', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined }, { by: paramedic });
    const ward = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-11T09:00:00+01:00' }, { by: hospitalPhysician });
    const withdrawal = revised({ decisionId: ward.data.decisionId, action: 'withdraw', revisedAt: '2026-03-15T10:00:00+01:00', reason: 'Reversibel årsag fundet og behandlet' }, { by: hospitalPhysician });
    const owed = messagesCausedBy([karen, gpDecision, admission, ward, withdrawal], P);
    expect(to(owed)).toContain(korr(GP.sor));
    for (const m of owed) expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', statement: 'Genoplivning skal forsøges' });
    expect(notDanishIn(owed)).toEqual([]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('R5.4/R5.5 — one registration per citizen: its deletion, or its invalidity', () => {
  // »Ønsker borgeren at tilbagekalde sit fravalg fuldstændigt …, kan borgeren gøre dette ved at ændre
  //  registreringen på sundhed.dk eller via fysisk blanketordning.« (000 U5)
  it('R07 the ambulance\'s look-up of 10 March is only typed in on 2 April, after the deletion of 1 April was recorded: it is a look-up of the deleted registration — CPR; asked about 20 March, "no CPR" then', () => {
    const nursingHome = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    let events = accepted([karen, nursingHome], { ...revise(nursingHome.data.decisionId, 'withdraw', 'nurse', '2026-04-01T10:00:00+02:00', { reason: 'Nyt opslag: registreringen er slettet på sundhed.dk' }), by: homeNurse }, '2026-04-01T10:01:00+02:00');
    events = accepted(events, { ...makeDecision({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-03-10T21:20:00+01:00' }, 'paramedic'), by: paramedic }, '2026-04-02T08:00:00+02:00');
    given(...events).at('2026-04-02T09:00:00+02:00').expectStatus({ status: 'ATTEMPT_CPR' });
    given(...events).at('2026-03-20T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });

  // »Hvis borgerens tilstand forbedres væsentligt så borgeren kan udskrives, gælder den midlertidige
  //  tilbagekaldelse ikke længere.« and »… fuldstændigt … ved at ændre registreringen på sundhed.dk …« (000 U5)
  it('R08 the register was looked up twice and temporarily revoked for the urosepsis; meanwhile the citizen deletes the registration — when the urosepsis is dischargeable the register must not come back: CPR', () => {
    const first = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const second = register('2025-06-01', '2026-03-10T21:20:00+01:00', paramedic);
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, illnessSituation: urosepsis, statedAt: '2026-03-10T21:50:00+01:00' }, { by: paramedic });
    const deleted = revised({ decisionId: second.data.decisionId, action: 'withdraw', revisedAt: '2026-03-14T10:00:00+01:00', reason: 'Registreringen er slettet på sundhed.dk' }, { by: hospitalNurse });
    const better = conditionImproved({ at: '2026-03-18T10:00:00+01:00', dischargeable: true, illnessSituationId: urosepsis.id }, { by: hospitalPhysician });
    const s = statusOf([karen, first, second, wish, deleted, better], '2026-03-18T12:00:00+01:00');
    expect(s).toMatchObject({ status: 'ATTEMPT_CPR' });
    expect(stateOf(s, first.data.decisionId)).toBe('withdrawn');
  });

  // »Hvis sundhedspersonen ved, at borgeren utvivlsomt var enten midlertidigt eller varigt inhabil … på
  //  registreringstidspunktet, er registreringen ikke bindende for sundhedspersonen.« (000 U5); pkt. 2: doubt ⇒ CPR.
  it('R09 the GP has declared the registration invalid (permanently incompetent, reported); that night the ambulance looks the register up, sees the same registration and records it — the record knows it is invalid: CPR', () => {
    const first = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const events = accepted([karen, first], {
      ...revise(first.data.decisionId, 'declare_invalid', 'physician', '2026-03-02T10:00:00+01:00', {
        reason: 'Svær Alzheimer-demens', assessment: 'Utvivlsomt varigt inhabil ved registreringen (svær Alzheimer-demens diagnosticeret 2024)', incompetence: 'permanent', reportedToStps: { at: '2026-03-02' },
      }), by: gpPhysician,
    }, '2026-03-02T10:01:00+01:00');
    const again = record(events, { ...makeDecision({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-03-05T02:30:00+01:00' }, 'paramedic'), by: paramedic }, '2026-03-05T02:31:00+01:00');
    if (!isRejection(again)) given(...again).at('2026-03-05T02:35:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »… er registreringen ikke bindende for sundhedspersonen.« (000 U5) applies to the registration made while
  //  incompetent; a citizen who was only temporarily incompetent (delirium) may register again when competent.
  it('R10 a registration found invalid for temporary incompetence (delirium); a new registration made later when she was well binds (control for R11)', () => {
    const first = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const invalid = revised({
      decisionId: first.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-02T10:00:00+01:00',
      assessment: 'Registreret under delir ved indlæggelse med urosepsis', incompetence: 'temporary',
    }, { by: hospitalPhysician });
    const later = register('2026-01-20', '2026-03-03T10:00:00+01:00', hospitalNurse);
    given(karen, first, invalid, later).at('2026-03-04T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register', decision: expect.objectContaining({ decisionId: later.data.decisionId }) });
  });

  // »Det er fx tilfældet, hvis sundhedspersonen selv har vurderet den pågældende varigt inhabil forud for
  //  registreringstidspunktet.« (000 U5); »Varigt inhabil patient: … når denne varigt mangler evnen til at give
  //  informeret samtykke.« (000 pkt. 7 b); pkt. 2: doubt ⇒ CPR.
  it('R11 (judgement) the record holds the assessment "permanently incompetent (severe dementia) since 2024"; the register now shows a registration dated January 2026 — made after documented permanent incompetence, it does not bind either: CPR', () => {
    const first = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const invalid = revised({
      decisionId: first.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-02T10:00:00+01:00',
      assessment: 'Varigt inhabil siden 2024 (svær Alzheimer-demens); utvivlsomt inhabil ved registreringen', incompetence: 'permanent', reportedToStps: { at: '2026-03-02' },
    }, { by: gpPhysician });
    const later = register('2026-01-20', '2026-03-03T10:00:00+01:00', hospitalNurse);
    given(karen, first, invalid, later).at('2026-03-04T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Hvis den behandlingsansvarlige læge vurderer, at beslutningen om fravalg skal ændres, skal lægen sikre, at de
  //  relevante øvrige sundhedspersoner og behandlingssteder informeres, herunder det behandlingssted, hvor fravalget
  //  oprindeligt er truffet.« (000 pkt. 4.1)
  it('R12 the hospital nurse records the deletion against the ambulance\'s look-up: the nursing home, whose earlier look-up ended with it, is told CPR — and the text says the registration is deleted, in Danish', () => {
    const first = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const second = register('2025-06-01', '2026-03-10T21:20:00+01:00', paramedic);
    const deleted = revised({ decisionId: second.data.decisionId, action: 'withdraw', revisedAt: '2026-03-14T10:00:00+01:00', reason: 'Registreringen er slettet på sundhed.dk' }, { by: hospitalNurse });
    const owed = messagesCausedBy([karen, first, second, deleted], P);
    expect(to(owed)).toContain(korr(NURSING_HOME.sor));
    const home = owed.find((m) => m.recipient.sor === NURSING_HOME.sor);
    expect(home?.resuscitation.status).toBe('ATTEMPT_CPR');
    expect(home?.text).toMatch(/slettet/);
    expect(notDanishIn(owed)).toEqual([]);
  });

  // »Vurderes et registreret fravalg ugyldigt, skal sundhedspersonens vurdering af fravalgets ugyldighed og
  //  orienteringen af Styrelsen for Patientsikkerhed journalføres.« (000 pkt. 6) and pkt. 4.1 »… herunder det
  //  behandlingssted, hvor fravalget oprindeligt er truffet.«
  it('R13 the GP declares invalid the look-up the hospital recorded: the nursing home, which recorded the same registration earlier, is told CPR, and the text says it was found invalid — in Danish', () => {
    const first = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const second = register('2025-06-01', '2026-03-01T10:00:00+01:00', hospitalNurse);
    const invalid = revised({
      decisionId: second.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-10T10:00:00+01:00',
      assessment: 'Varigt inhabil (svær demens) før registreringen', incompetence: 'permanent', reportedToStps: { at: '2026-03-10' },
    }, { by: gpPhysician });
    const owed = messagesCausedBy([karen, first, second, invalid], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(NURSING_HOME.sor), korr(HOSPITAL.sor)]));
    for (const m of owed) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
    expect(owed.find((m) => m.recipient.sor === NURSING_HOME.sor)?.text).toMatch(/ugyldig/);
    expect(notDanishIn(owed)).toEqual([]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('R4.4 + R5.3b — a patient who withdraws her own refusal wishes CPR in that illness situation', () => {
  // »En sådan midlertidig tilbagekaldelse træder i kraft med det samme og gælder kun for den aktuelle
  //  sygdomssituation. … Hvis borgerens tilstand forbedres væsentligt så borgeren kan udskrives, gælder den
  //  midlertidige tilbagekaldelse ikke længere.« (000 U5)
  it('R14 she withdrew her COPD refusal (register in force); a dischargeable improvement of her hip fracture, and one that names no illness, do not end her wish for CPR in the COPD', () => {
    const reg = register();
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    const events = accepted([karen, reg, own], { ...revise(own.data.decisionId, 'withdraw', 'care_worker', '2026-03-09T19:30:00+01:00', { reason: 'Patienten siger, at hun vil genoplives' }), by: careWorker }, '2026-03-09T19:31:00+01:00');
    const hip = conditionImproved({ at: '2026-03-20T10:00:00+01:00', dischargeable: true, illnessSituationId: 'hoftefraktur-2026' }, { by: hospitalNurse, recordedAt: '2026-03-20T10:05:00+01:00' });
    given(...events, hip).at('2026-03-21T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
    const unnamed = conditionImproved({ at: '2026-03-20T10:00:00+01:00', dischargeable: true }, { by: hospitalNurse, recordedAt: '2026-03-20T10:05:00+01:00' });
    given(...events, unnamed).at('2026-03-21T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Patienten kan til enhver tid trække sin beslutning tilbage.« (000 U4) — and a withdrawn refusal is not
  //  brought back by the end of the wish: a new refusal needs the physician (»Borgerens fravalg gælder først,
  //  når …« 001; 000 U4 »Information og samtykke«).
  it('R15 she withdrew her COPD refusal; the COPD exacerbation is later dischargeable — her wish ends, but the withdrawn refusal stays withdrawn: CPR', () => {
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    const withdrawn = revised({ decisionId: own.data.decisionId, action: 'withdraw', revisedAt: '2026-03-09T19:30:00+01:00' }, { by: careWorker });
    const better = conditionImproved({ at: '2026-03-20T10:00:00+01:00', dischargeable: true, illnessSituationId: copd.id }, { by: homeNurse });
    const s = statusOf([karen, own, withdrawn, better], '2026-03-21T10:00:00+01:00');
    expect(s.status).toBe('ATTEMPT_CPR');
    expect(stateOf(s, own.data.decisionId)).toBe('withdrawn');
  });

  // »Enhver habil patient, der er fyldt 18 år, kan i den aktuelle sygdomssituation fravælge genoplivningsforsøg.
  //  … Patienten kan til enhver tid trække sin beslutning tilbage.« (000 U4) — her newest word stands.
  it('R16 she withdrew her COPD refusal on Monday; on Thursday, after talking with her GP, she refuses CPR again in the same illness and the GP records it — her newer word stands: no CPR, her own decision', () => {
    const reg = register();
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    let events = accepted([karen, reg, own], { ...revise(own.data.decisionId, 'withdraw', 'care_worker', '2026-03-09T19:30:00+01:00'), by: careWorker }, '2026-03-09T19:31:00+01:00');
    events = accepted(events, { ...makeDecision({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-12T11:00:00+01:00' }), by: gpPhysician }, '2026-03-12T11:05:00+01:00');
    given(...events).at('2026-03-12T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
  });

  // »Angivelsen af beslutningen skal være tydelig, og der må ikke være tvivl om betydningen.« (001) and »Det
  //  skal fremgå, om beslutningen er truffet af lægen eller af borgeren …« (001)
  it('R17 (judgement) same as R16: the crew must not read, next to "the patient … does not want CPR", a note that she has asked for CPR in this illness', () => {
    const reg = register();
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    let events = accepted([karen, reg, own], { ...revise(own.data.decisionId, 'withdraw', 'care_worker', '2026-03-09T19:30:00+01:00'), by: careWorker }, '2026-03-09T19:31:00+01:00');
    events = accepted(events, { ...makeDecision({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-12T11:00:00+01:00' }), by: gpPhysician }, '2026-03-12T11:05:00+01:00');
    const s = statusOf(events, '2026-03-12T12:00:00+01:00');
    expect(s.status).toBe('DNACPR');
    const contradicting = s.flags.filter((f) => /ønske om genoplivning/.test(f.detail));
    expect(contradicting).toEqual([]);
  });

  // »Patienten kan til enhver tid trække sin beslutning tilbage.« (000 U4) and pkt. 2 doubt ⇒ CPR: she said she
  //  wants to live — whether her cancer refusal still holds is doubt.
  it('R18 a refusal for her lung cancer (hospital) and one for her COPD (GP); she withdraws the COPD one — the cancer refusal is suspended too: CPR', () => {
    const cancerRefusal = decisionMade({ basis: 'patient', illnessSituation: cancer, decidedAt: '2026-01-15T10:00:00+01:00' }, { by: hospitalPhysician });
    const copdRefusal = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    const events = accepted([karen, cancerRefusal, copdRefusal], { ...revise(copdRefusal.data.decisionId, 'withdraw', 'nurse', '2026-03-09T19:30:00+01:00'), by: homeNurse }, '2026-03-09T19:31:00+01:00');
    const s = statusOf(events, '2026-03-09T19:35:00+01:00');
    expect(s.status).toBe('ATTEMPT_CPR');
    expect(stateOf(s, cancerRefusal.data.decisionId)).toBe('suspended');
  });

  // »Hvis patienten ikke fastholder sit ønske, skal den behandlingsansvarlige læge og eventuelle relevante
  //  øvrige sundhedspersoner orienteres herom.« (000 U4); pkt. 4.1 »… herunder det behandlingssted, hvor
  //  fravalget oprindeligt er truffet.«
  it('R19 the home-care helper records that she withdraws the refusal she made to her GP; that suspends the register the nursing home looked up — both the GP and the nursing home are told CPR, in Danish', () => {
    const reg = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    const withdrawal = revised({ decisionId: own.data.decisionId, action: 'withdraw', revisedAt: '2026-03-09T19:30:00+01:00', reason: 'Patienten siger, at hun vil genoplives' }, { by: careWorker });
    const owed = messagesCausedBy([karen, reg, own, withdrawal], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(GP.sor), korr(NURSING_HOME.sor)]));
    for (const m of owed) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
    expect(notDanishIn(owed)).toEqual([]);
  });

  // »Sundhedspersonen, overfor hvem borgeren tilbagekalder sin beslutning …, skal sikre, at den
  //  behandlingsansvarlige læge orienteres.« (000 U5) — a physician cannot have re-assessed a wish nobody had
  //  told him of.
  it('R20 she withdrew her own refusal on Friday evening, entered only on Monday; the physician\'s routine re-evaluation on Saturday kept his decision without knowing of it — he must still be asked to re-assess', () => {
    const physician = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: gpPhysician });
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    const routine = revised({ decisionId: physician.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-07T10:00:00+01:00', reason: 'Rutinemæssig revurdering' }, { by: gpPhysician });
    const withdrawal = revised({ decisionId: own.data.decisionId, action: 'withdraw', revisedAt: '2026-03-06T20:00:00+01:00', reason: 'Patienten siger, at hun vil genoplives' }, { by: homeNurse, recordedAt: '2026-03-09T08:00:00+01:00' });
    const s = statusOf([karen, physician, own, routine, withdrawal], '2026-03-09T09:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(s)).toContain('PATIENT_WISHES_CPR');
  });

  // »Den behandlingsansvarlige læges beslutning … gælder, indtil lægen eller en eventuel efterfølgende
  //  behandlingsansvarlig læge beslutter andet.« (000 U3); »… skal sikre, at den behandlingsansvarlige læge
  //  orienteres.« (000 U5)
  it('R21 (judgement) the GP\'s older decision and the ward physician\'s newer one (shown); she wishes CPR; the ward physician, now responsible, re-assesses after the wish and keeps hers — the request to re-assess is done', () => {
    const gpDecision = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: gpPhysician });
    const ward = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-02T09:00:00+01:00' }, { by: hospitalPhysician });
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, illnessSituation: cancer, statedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalNurse });
    const kept = revised({ decisionId: ward.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-05T15:00:00+01:00', reason: 'Talt med patienten; fortsat uafvendeligt døende' }, { by: hospitalPhysician });
    const s = statusOf([karen, gpDecision, ward, wish, kept], '2026-03-05T16:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(s)).not.toContain('PATIENT_WISHES_CPR');
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('R6.6 + R1.2 — a will the registry no longer shows', () => {
  const found = willLookedUp({ at: '2026-03-05T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'] }, { by: hospitalNurse });
  const will = testamentActivated({ lookupId: found.data.lookupId, kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
  const notFound = (at: string, recordedAt = at) => willLookedUp({ at, result: 'not_found' }, { by: homeNurse, recordedAt });

  // »Når den behandlingsansvarlige læge har vurderet, at patientens testamente er trådt i kraft, skal lægen sikre,
  //  at øvrige relevante sundhedspersoner og behandlingssteder orienteres om vurderingen.« (000 U6) and pkt. 4.1
  //  »… herunder det behandlingssted, hvor fravalget oprindeligt er truffet.«
  it('R22 the hospital found the will in force and discharged her; the nursing-home nurse\'s look-up finds no will — the hospital that activated it and the GP are told CPR, and the letter asks the physician to clear it up, in Danish', () => {
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-06T11:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }, { by: hospitalNurse });
    const owed = messagesCausedBy([karen, found, will, discharge, notFound('2026-03-20T09:00:00+01:00')], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(HOSPITAL.sor), korr(GP.sor)]));
    for (const m of owed) {
      expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
      expect(m.resuscitation.flags.map((f) => f.code)).toContain('WILL_NOT_IN_REGISTRY');
    }
    expect(notDanishIn(owed)).toEqual([]);
  });

  // »Hvis der er hjertestop, men tvivl om, hvorvidt en af undtagelserne gælder, skal genoplivningsforsøg
  //  iværksættes.« (000 pkt. 2); »… fuldstændigt tilbagekalde sit behandlings- eller livstestamente …, kan det
  //  gøres via digital selvbetjening på sundhed.dk.« (000 U6)
  it('R23 after the look-up that found no will, a physician "re-activates" the will citing the old look-up from before it — the newest registry answer still says no will: CPR', () => {
    const events = accepted([karen, found, will, notFound('2026-03-20T09:00:00+01:00')], activateTestament({ lookupId: found.data.lookupId, kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-21T10:00:00+01:00' }), '2026-03-21T10:01:00+01:00');
    given(...events).at('2026-03-21T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // Same sentences: a new assessment of incompetence and situation does not answer whether the will still exists.
  it('R24 (judgement) after the look-up that found no will, a physician records a new activation citing no look-up — still doubt whether the will exists: CPR', () => {
    const r = record([karen, found, will, notFound('2026-03-20T09:00:00+01:00')], activateTestament({ kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-21T10:00:00+01:00' }), '2026-03-21T10:01:00+01:00');
    if (!isRejection(r)) given(...r).at('2026-03-21T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Hvis tilkendegivelsen er gjort betinget af accept fra de nærmeste pårørende m.fl., er den først bindende,
  //  hvis de nærmeste pårørende m.fl. accepterer den.« (000 pkt. 7 f)
  it('R25 activated as unconditional (b); a later look-up shows the will conditional on the relatives\' acceptance, which nobody has obtained — not binding: CPR', () => {
    const conditional = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'], conditionalOnRelatives: true }, { by: homeNurse });
    given(karen, found, will, conditional).at('2026-03-20T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Både læger og alle øvrige sundhedspersoner skal … efterleve et gældende fravalg …, hvis de har kendskab til
  //  det.« (000 pkt. 2); »Forkortelser/koder om beslutningen kan alene anvendes som supplement …« (000 pkt. 6)
  it('R26 the look-up of 20 March is typed in on the 25th: asked on the 22nd the service said "no CPR"; asked today about the 22nd, CPR — and what the crew reads is Danish, with the time of the look-up in Danish time', () => {
    const late = notFound('2026-03-20T09:00:00+01:00', '2026-03-25T08:00:00+01:00');
    given(karen, found, will, late).at('2026-03-22T12:00:00+01:00', '2026-03-22T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament' });
    const s = statusOf([karen, found, will, late], '2026-03-22T12:00:00+01:00');
    expect(s).toMatchObject({ status: 'ATTEMPT_CPR' });
    const flag = s.flags.find((f) => f.code === 'WILL_NOT_IN_REGISTRY');
    expect(flag?.detail).toContain('20. marts 2026 kl. 09.00');
    expect(notDanishInStatus(s)).toEqual([]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('R6.4 — a wish said by an incompetent patient: the register yields, the will does not', () => {
  // »Dette gælder uanset borgerens habilitetsniveau.« (000 U5) against »Patienten kan, så længe denne er habil,
  //  tilkendegive overfor en sundhedsperson, at vedkommende ønsker midlertidigt … at trække det tilbage.« (000 U6);
  //  »Hvis tilkendegivelsen er gjort betinget af accept fra de nærmeste pårørende m.fl., er den først bindende,
  //  hvis de nærmeste pårørende m.fl. accepterer den.« (000 pkt. 7 f)
  it('R27 register in force, a (b) will conditional on the relatives; in delirium she cries "help me" — CPR until the relatives accept; once they do, the will binds (the register stays suspended)', () => {
    const reg = register();
    const pending = testamentActivated({ situation: 'severe_disability', conditionalOnRelatives: true, relativesAccepted: false, assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: false, illnessSituation: urosepsis, statedAt: '2026-03-06T02:00:00+01:00' }, { by: hospitalNurse });
    const s1 = statusOf([karen, reg, pending, wish], '2026-03-06T03:00:00+01:00');
    expect(s1.status).toBe('ATTEMPT_CPR');
    expect(stateOf(s1, reg.data.decisionId)).toBe('suspended');
    const events = accepted([karen, reg, pending, wish], activateTestament({ situation: 'severe_disability', conditionalOnRelatives: true, relativesAccepted: true, assessedAt: '2026-03-07T10:00:00+01:00' }), '2026-03-07T10:01:00+01:00');
    const s2 = statusOf(events, '2026-03-07T11:00:00+01:00');
    expect(s2).toMatchObject({ status: 'DNACPR', basis: 'testament' });
    expect(stateOf(s2, reg.data.decisionId)).toBe('suspended');
  });

  // »Angivelsen af beslutningen skal være tydelig, og der må ikke være tvivl om betydningen.« (001); the wish of
  //  an incompetent patient does not reach the will (000 U6 »så længe denne er habil«).
  it('R28 same patient, will binding: the note on her wish must not tell the crew it covers all her own refusals while the will she made still says no CPR', () => {
    const reg = register();
    const will = testamentActivated({ situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: false, illnessSituation: urosepsis, statedAt: '2026-03-06T02:00:00+01:00' }, { by: hospitalNurse });
    const s = statusOf([karen, reg, will, wish], '2026-03-06T03:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'testament' });
    const note = s.flags.find((f) => f.code === 'TEMPORARY_REVOCATION_ACTIVE')?.detail ?? '';
    expect(note).not.toMatch(/alle patientens egne fravalg|også patientens øvrige fravalg/);
    expect(notDanishInStatus(s)).toEqual([]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('Threads of at most 20 segments; the register\'s opening day', () => {
  // »Alle beslutninger om fravalg af livsforlængende behandling, herunder revurderinger, skal overleveres
  //  skriftligt eller elektronisk mellem de forskellige behandlingssteder.« (001); »Angivelsen af beslutningen
  //  skal være tydelig, og der må ikke være tvivl om betydningen.« (001)
  it('R29 a ward physician who re-evaluates again and again fills the thread with the nursing home; her withdrawal then reaches the nursing home as a new message that still says everything: CPR, in Danish, at most 20 segments', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-05T11:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }, { by: hospitalNurse });
    const reviews = Array.from({ length: MAX_SEGMENTS - 1 }, (_, i) =>
      revised({ decisionId: decided.data.decisionId, action: 'reaffirm', revisedAt: `2026-04-${String(i + 1).padStart(2, '0')}T09:00:00+02:00`, reason: 'Revurderet; uændret' }, { by: hospitalPhysician }));
    const withdrawal = revised({ decisionId: decided.data.decisionId, action: 'withdraw', revisedAt: '2026-05-01T09:00:00+02:00', reason: 'Ikke længere uafvendeligt døende' }, { by: hospitalPhysician });
    const all = messagesOwed([karen, decided, discharge, ...reviews, withdrawal], P);
    const toHome = all.filter((m) => m.kind === 'korrespondancemeddelelse' && m.recipient.sor === NURSING_HOME.sor);
    for (const m of toHome) {
      const communication = bundleOf(m).entry.map((e) => e.resource).find((r) => r.resourceType === 'Communication') as { payload: unknown[] };
      expect(communication.payload.length).toBeLessThanOrEqual(20);
    }
    const last = toHome.find((m) => m.causedBy === withdrawal.eventId) as HandoverMessage;
    expect(last.inReplyTo).toBeUndefined();
    expect(last.thread?.earlier).toEqual([]);
    expect(last.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', statement: 'Genoplivning skal forsøges' });
    expect(last.text).toMatch(/trukket tilbage/);
    expect(notDanishIn([last])).toEqual([]);
  });

  // »Denne vejledning har virkning fra 15. januar 2025 …« (000 pkt. 8); »Fravalget træder i kraft syv dage efter
  //  registrering …« (000 U5)
  it('R30 registered on the register\'s first day, 15 January 2025: CPR until midnight into 22 January (Danish time), "no CPR" from then; the day before the register opened is refused', () => {
    const events = accepted([karen], { ...makeDecision({ basis: 'register', registeredAt: '2025-01-15', decidedAt: '2025-01-16T10:00:00+01:00' }, 'nurse'), by: homeNurse }, '2025-01-16T10:01:00+01:00');
    given(...events).at('2025-01-21T23:59:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
    given(...events).at('2025-01-22T00:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
    given(karen).when({ ...makeDecision({ basis: 'register', registeredAt: '2025-01-14', decidedAt: '2025-01-16T10:00:00+01:00' }, 'paramedic'), by: paramedic }, '2025-01-16T10:01:00+01:00').thenRejected({ rule: 'R5.1' });
  });
});

