/**
 * Independent clinical cases, round two. Written by a clinician-reviewer from VEJ nr. 9921 af
 * 31/10/2024 (seed 000, which wins over everything else), the municipal instruction (001) and the
 * Region Nordjylland guideline (002). They probe combinations and boundaries the first round
 * (independent-cases.spec.ts, independent-handover-cases.spec.ts) did not: several instruments at
 * once, the exact edges of ages and of the register's seven days in Danish time, the scope and end
 * of a temporary revocation, stated times in the past or future, bitemporal questions (`at` vs
 * `knownAt`), re-evaluation flags, wills and their look-ups, identity, and who is told.
 *
 * The Danish sentence each case rests on is quoted above it. The expectation is what the guidance
 * requires — never what the code happens to do. Doubt, missing data and conflicts ⇒ attempt CPR.
 */
import { messagesCausedBy } from '../../outbox/messages-owed';
import { HandoverMessage } from '../../outbox/handover-message';
import {
  activationIdOf, conditionImproved, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered, revised, temporarilyRevoked,
  testamentActivated, willLookedUp,
} from '../../spec/builders';
import { activateTestament, makeDecision, recordImprovement, recordWillLookup, revise, revokeTemporarily } from '../../spec/commands';
import { given } from '../../spec/given';
import { statusChangedBy } from '../status-change';
import { accepted, careWorker, gpPhysician, homeNurse, hospitalNurse, hospitalPhysician, isRejection, paramedic, record, statusOf } from './testing/clinic';

const karen = patientRegistered('1948-03-01'); // 78 years old in 2026
const codes = (s: { flags: Array<{ code: string }> }) => s.flags.map((f) => f.code);
const P = 'patient-round-two';
const to = (ms: HandoverMessage[]) => ms.map((m) => `${m.kind}→${m.recipient.sor ?? 'ingen SOR'}`).sort();
const korr = (sor: string) => `korrespondancemeddelelse→${sor}`;

const copd = { id: 'kol-2026', description: 'KOL, GOLD D, i eget hjem', diagnoses: ['DJ449'] };
const pneumonia = { id: 'pneumoni-2026-03', description: 'Pneumoni hos patient med KOL', diagnoses: ['DJ189'] };
const urosepsis = { id: 'urosepsis-2026-03', description: 'Urosepsis med delir', diagnoses: ['DA419'] };
const register = (registeredAt = '2025-06-01', decidedAt = '2026-02-01T10:00:00+01:00', by = homeNurse) =>
  decisionMade({ basis: 'register', registeredAt, decidedAt }, { by });

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('Several instruments at once — precedence (R5.2, R6.5, R3.3, R4.4)', () => {
  // »Et sådant fravalg træder dog først i kraft syv dage efter registrering, og derfor er ovenstående
  //  vurdering mv. fortsat nødvendig i forhold til den aktuelle sygdomssituation, fx i forbindelse med en
  //  indlæggelse.« (000 U4) and »Fravalget gælder i alle situationer … Det er dermed uafhængigt af
  //  borgerens helbredstilstand inden hjertestoppet.« (000 U5)
  it('N01 admitted with a COPD exacerbation two days after registering: her own refusal carries the admission; when she improves it lapses but the register, now in force, holds', () => {
    const reg = register('2026-03-02', '2026-03-04T10:00:00+01:00', hospitalNurse);
    const own = decisionMade({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-04T11:00:00+01:00' }, { by: hospitalPhysician });
    const during = statusOf([karen, reg, own], '2026-03-05T12:00:00+01:00');
    expect(during).toMatchObject({ status: 'DNACPR', basis: 'patient' });
    expect(codes(during)).toContain('REGISTER_PENDING');
    const better = conditionImproved({ at: '2026-03-12T10:00:00+01:00', dischargeable: true, illnessSituationId: pneumonia.id }, { by: hospitalNurse });
    const after = statusOf([karen, reg, own, better], '2026-03-12T12:00:00+01:00');
    expect(after).toMatchObject({ status: 'DNACPR', basis: 'register' });
    expect(after.instruments.find((i) => i.id === own.data.decisionId)?.state).toBe('lapsed');
  });

  // »Et registreret fravalg af genoplivningsforsøg går forud for alle øvrige ordninger om fravalg af
  //  behandling …« and »Fravalget gælder i alle situationer, hvor borgeren får hjertestop …« (000 U5)
  it('N02 the hospital physician withdraws his own refusal (reversible cause found) — the citizen\'s registered refusal still binds', () => {
    const reg = register();
    const decided = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const events = accepted([karen, reg, decided], { ...revise(decided.data.decisionId, 'withdraw', 'physician', '2026-03-10T10:00:00+01:00', { reason: 'Reversibel årsag fundet' }), by: hospitalPhysician }, '2026-03-10T10:01:00+01:00');
    given(...events).at('2026-03-10T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });

  // »Ønsker borgeren at tilbagekalde sit fravalg fuldstændigt … kan borgeren gøre dette ved at ændre
  //  registreringen på sundhed.dk …« (000 U5); »Alle tre fravalg er bindende for sundhedspersonerne, når
  //  testamentet er trådt i kraft.« (000 pkt. 7 f)
  it('N03 the registration is deleted on sundhed.dk while her behandlingstestamente (a) is in force — the will still binds', () => {
    const reg = register();
    const will = testamentActivated({ situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const events = accepted([karen, reg, will], { ...revise(reg.data.decisionId, 'withdraw', 'nurse', '2026-03-08T10:00:00+01:00', { reason: 'Registreringen er slettet på sundhed.dk' }), by: hospitalNurse }, '2026-03-08T10:01:00+01:00');
    given(...events).at('2026-03-08T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament' });
  });

  // »Hvis der er uoverensstemmelser mellem et fravalg efter behandlings- eller livstestamentet og et
  //  registreret fravalg af genoplivningsforsøg, er det sidstnævnte, der er gældende.« (000 U6)
  it('N04 a livstestamente (b) that only advises, and a registered refusal in force: the register decides — no CPR', () => {
    const reg = register();
    const advisory = testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const s = statusOf([karen, reg, advisory], '2026-03-06T10:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'register' });
    expect(s.instruments.find((i) => i.kind === 'testament')?.state).toBe('advisory');
  });

  // »Hvis borgeren er i en konkret, aktuel sygdomssituation og ønsker midlertidigt at tilbagekalde sin
  //  beslutning om fravalg af genoplivningsforsøg, kan borgeren gøre det ved at fortælle det til en
  //  sundhedsperson. Dette gælder uanset borgerens habilitetsniveau.« (000 U5); pkt. 2: »Hvis der er
  //  hjertestop, men tvivl om, hvorvidt en af undtagelserne gælder, skal genoplivningsforsøg iværksættes.«
  it('N05 home care: registered refusal plus her own COPD refusal; she tells the helper "I want to be resuscitated", recorded as withdrawing her own refusal — CPR', () => {
    const reg = register();
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    const events = accepted([karen, reg, own], {
      ...revise(own.data.decisionId, 'withdraw', 'care_worker', '2026-03-09T19:30:00+01:00', { reason: 'Patienten siger, at hun nu ønsker genoplivning' }), by: careWorker,
    }, '2026-03-09T19:31:00+01:00');
    given(...events).at('2026-03-09T19:35:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Ønsker borgeren at tilbagekalde sit fravalg fuldstændigt … kan borgeren gøre dette ved at ændre
  //  registreringen på sundhed.dk …« (000 U5) — the register holds one registration per citizen; two
  //  look-ups of it are not two refusals. pkt. 2: doubt ⇒ CPR.
  it('N06 the register was looked up twice (nursing home in February, ambulance in March); in April it shows the registration deleted and the nurse withdraws the refusal the status shows — CPR', () => {
    const first = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const second = register('2025-06-01', '2026-03-10T21:20:00+01:00', paramedic);
    const before = statusOf([karen, first, second], '2026-04-01T10:00:00+02:00');
    expect(before).toMatchObject({ status: 'DNACPR', basis: 'register' });
    const shown = before.decision?.decisionId as string;
    const events = accepted([karen, first, second], { ...revise(shown, 'withdraw', 'nurse', '2026-04-01T10:00:00+02:00', { reason: 'Nyt opslag: registreringen er slettet på sundhed.dk' }), by: homeNurse }, '2026-04-01T10:01:00+02:00');
    given(...events).at('2026-04-01T10:05:00+02:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Den behandlingsansvarlige læges beslutning om fravalg af genoplivningsforsøg gælder, indtil lægen
  //  eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet.« (000 U3)
  it('N07 the GP\'s refusal, then the admitting physician\'s own; she later finds a reversible cause and withdraws the refusal the status shows — the GP\'s older refusal must not keep "no CPR" alive', () => {
    const gpDecision = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: gpPhysician });
    const hospitalDecision = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-11T09:00:00+01:00' }, { by: hospitalPhysician });
    const before = statusOf([karen, gpDecision, hospitalDecision], '2026-03-15T09:00:00+01:00');
    const shown = before.decision?.decisionId as string;
    const events = accepted([karen, gpDecision, hospitalDecision], {
      ...revise(shown, 'withdraw', 'physician', '2026-03-15T10:00:00+01:00', { reason: 'Hyperkaliæmi korrigeret; genoplivningsforsøg er indiceret' }), by: hospitalPhysician,
    }, '2026-03-15T10:01:00+01:00');
    given(...events).at('2026-03-15T10:05:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('Temporary revocation — who may say it, what it covers, when it ends (R5.3, R5.3a, R5.3b, R6.4)', () => {
  // »Patienten kan til enhver tid trække sin beslutning tilbage.« (000 U4); »Dette gælder uanset borgerens
  //  habilitetsniveau.« (000 U5); pkt. 2 doubt ⇒ CPR.
  it('N08 ALS, refusal made to the physician while competent; now confused, she tells the night nurse "save me" — CPR', () => {
    const als = { id: 'als', description: 'Amyotrofisk lateral sklerose', diagnoses: ['DG122'] };
    const own = decisionMade({ basis: 'patient', illnessSituation: als, decidedAt: '2026-01-10T10:00:00+01:00' }, { by: hospitalPhysician });
    const events = accepted([karen, own], { ...revokeTemporarily({ instrument: 'register', patientCompetent: false, illnessSituation: als, statedAt: '2026-03-10T03:00:00+01:00' }, 'nurse'), by: homeNurse }, '2026-03-10T03:02:00+01:00');
    given(...events).at('2026-03-10T03:05:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Patienten kan, så længe denne er habil, tilkendegive overfor en sundhedsperson, at vedkommende ønsker
  //  midlertidigt at ændre i sit behandlings- eller livstestamente eller midlertidigt at trække det tilbage.«
  //  (000 U6) versus »Dette gælder uanset borgerens habilitetsniveau.« (000 U5, the register only).
  //  »Alle tre fravalg er bindende for sundhedspersonerne, når testamentet er trådt i kraft.« (000 pkt. 7 f)
  it('N09 (judgement) permanently incompetent, with a register and an activated will; in delirium she says "help me" — the register is suspended, but the will cannot be revoked by an incompetent patient', () => {
    const reg = register();
    const will = testamentActivated({ situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const events = accepted([karen, reg, will], { ...revokeTemporarily({ instrument: 'register', patientCompetent: false, illnessSituation: urosepsis, statedAt: '2026-03-06T02:00:00+01:00' }, 'nurse'), by: hospitalNurse }, '2026-03-06T02:01:00+01:00');
    const s = statusOf(events, '2026-03-06T02:05:00+01:00');
    expect(s.instruments.find((i) => i.id === reg.data.decisionId)?.state).toBe('suspended');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'testament' });
  });

  // »… hvis tilkendegivelsen er givet i den situation, at en patient indlægges på grund af akut opstået
  //  sygdom eller forværring af en tilstand, men udskrives efter væsentlig bedring i tilstanden, gælder det
  //  ikke efter udskrivelsen.« (000 U6); R6.8 »vurdere, om patienten … befinder sig i en af de situationer«
  it('N10 competent on admission she revoked her will for the pneumonia; a stroke then left her permanently incompetent; once the pneumonia is dischargeable the will binds again, flagged for re-assessment', () => {
    const wish = temporarilyRevoked({ instrument: 'testament', patientCompetent: true, illnessSituation: pneumonia, statedAt: '2026-03-02T10:00:00+01:00' }, { by: hospitalNurse });
    const will = testamentActivated({ situation: 'severe_disability', assessedAt: '2026-03-06T10:00:00+01:00' }, { by: hospitalPhysician });
    given(karen, wish, will).at('2026-03-07T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
    const better = conditionImproved({ at: '2026-03-20T10:00:00+01:00', dischargeable: true, illnessSituationId: pneumonia.id }, { by: hospitalPhysician });
    const s = statusOf([karen, wish, will, better], '2026-03-21T10:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'testament' });
    expect(codes(s)).toContain('REEVALUATION_REQUIRED');
  });

  // »En sådan midlertidig tilbagekaldelse træder i kraft med det samme og gælder kun for den aktuelle
  //  sygdomssituation. … Hvis borgerens tilstand forbedres væsentligt så borgeren kan udskrives, gælder den
  //  midlertidige tilbagekaldelse ikke længere.« (000 U5)
  it('N11 she revoked the register during urosepsis; the orthopaedic ward records her hip fracture as dischargeable — the urosepsis revocation still holds: CPR', () => {
    const wish = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-10T21:15:00+01:00', illnessSituation: urosepsis }, { by: paramedic });
    const hip = conditionImproved({ at: '2026-03-16T10:00:00+01:00', dischargeable: true, illnessSituationId: 'hoftefraktur-2026' }, { by: hospitalNurse });
    given(karen, register(), wish, hip).at('2026-03-17T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });

  // Same sentence: the revocation ends on improvement so that she can be discharged — a discharge to
  //  terminal care at home is not an improvement. pkt. 2: doubt ⇒ CPR.
  it('N12 she revoked the register for the pneumonia and is discharged home for terminal care, no improvement recorded — her wish for CPR still holds', () => {
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-02T10:00:00+01:00', illnessSituation: pneumonia }, { by: hospitalNurse });
    const home = handedOverTo({ kind: 'discharge', at: '2026-03-09T11:00:00+01:00', to: NURSING_HOME }, { by: hospitalNurse });
    given(karen, register(), wish, home).at('2026-03-20T03:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });

  // »Patienten kan til enhver tid trække sin beslutning tilbage.« (000 U4) — a physician's re-evaluation of
  //  the patient's refusal cannot override the patient's own later wish for CPR.
  it('N13 she told the nurse she wants CPR this admission; the physician then "reaffirms" her earlier refusal — CPR, the patient\'s wish stands', () => {
    const cancer = { id: 'lungecancer', description: 'Lungecancer', diagnoses: ['DC349'] };
    const own = decisionMade({ basis: 'patient', illnessSituation: cancer, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: hospitalPhysician });
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-05T10:00:00+01:00', illnessSituation: cancer }, { by: hospitalNurse });
    const events = accepted([karen, own, wish], revise(own.data.decisionId, 'reaffirm', 'physician', '2026-03-06T10:00:00+01:00'), '2026-03-06T10:01:00+01:00');
    given(...events).at('2026-03-06T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Sundhedspersonen, overfor hvem borgeren tilbagekalder sin beslutning …, skal sikre, at den
  //  behandlingsansvarlige læge orienteres.« (000 U5) — once the physician has been told and has
  //  re-assessed, there is nothing left to bring to the physician.
  it('N14 (judgement) the physician hears of her wish for CPR, re-assesses and keeps his refusal: no CPR, and the "tell the physician" flag is done', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-05T10:00:00+01:00', illnessSituation: pneumonia }, { by: hospitalNurse });
    const events = accepted([karen, decided, wish], revise(decided.data.decisionId, 'reaffirm', 'physician', '2026-03-05T15:00:00+01:00', { reason: 'Talt med patienten; fortsat uafvendeligt døende' }), '2026-03-05T15:01:00+01:00');
    const s = statusOf(events, '2026-03-05T16:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(s)).not.toContain('PATIENT_WISHES_CPR');
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('The register\'s seven days, to the minute in Danish time (R5.1)', () => {
  // »Fravalget træder i kraft syv dage efter registrering, hvorefter det vil fremgå af registret.« (000 U5);
  //  api.md: in force from 00:00 Danish time on D + 7.
  it('N15 the seventh day falls on the night the clocks change, and across New Year', () => {
    // Registered 22 March 2026: in force 00.00 on Sunday 29 March, still winter time (+01), = 23.00 UTC on the 28th.
    const spring = register('2026-03-22', '2026-03-23T10:00:00+01:00');
    given(karen, spring).at('2026-03-28T22:59:00Z').expectStatus({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
    given(karen, spring).at('2026-03-28T23:00:00Z').expectStatus({ status: 'DNACPR', basis: 'register' });
    // Registered 18 October 2026: in force 00.00 on Sunday 25 October, still summer time (+02), = 22.00 UTC on the 24th.
    const autumn = register('2026-10-18', '2026-10-19T10:00:00+02:00');
    given(karen, autumn).at('2026-10-24T21:59:00Z').expectStatus({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
    given(karen, autumn).at('2026-10-24T22:00:00Z').expectStatus({ status: 'DNACPR', basis: 'register' });
    // Registered on New Year's Eve 2026: in force 00.00 on 7 January 2027 (+01) = 23.00 UTC on the 6th.
    const newYear = register('2026-12-31', '2027-01-02T10:00:00+01:00');
    given(karen, newYear).at('2027-01-06T22:59:00Z').expectStatus({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
    given(karen, newYear).at('2027-01-06T23:00:00Z').expectStatus({ status: 'DNACPR', basis: 'register' });
  });

  // »En sådan midlertidig tilbagekaldelse træder i kraft med det samme og gælder kun for den aktuelle
  //  sygdomssituation.« (000 U5) — a wish for CPR told while the registration was still pending covers the
  //  moment it takes effect within the same admission.
  it('N16 registered on 3 March, admitted on the 4th, wants CPR on the 5th; at 00.30 on the 10th the register takes effect — still CPR', () => {
    const reg = register('2026-03-03', '2026-03-04T10:00:00+01:00', hospitalNurse);
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-05T10:00:00+01:00', illnessSituation: pneumonia }, { by: hospitalNurse });
    given(karen, reg, wish).at('2026-03-10T00:30:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });

  // »Denne vejledning har virkning fra 15. januar 2025, hvor vejledning nr. 9934 af 29. oktober 2019 …
  //  samtidig bortfalder.« (000 pkt. 8) — the register of undtagelse 5 is new in this guidance (the 2019
  //  guidance, 003, has five exceptions and no register). A registration dated before it existed is a typo,
  //  like a livstestamente after 1 January 2019 (R6.1a); pkt. 2: doubt ⇒ CPR.
  it('N17 (judgement) a registration date of 1 June 2024 — before the register existed — is not accepted', () => {
    const r = record([karen], makeDecision({ basis: 'register', registeredAt: '2024-06-01', decidedAt: '2026-03-01T10:00:00+01:00' }, 'nurse'), '2026-03-01T10:01:00+01:00');
    expect(isRejection(r)).toBe(true);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('Ages at their exact boundaries, and identity (R4.1, R3.6, R5.1, R2.1)', () => {
  // »Enhver habil patient, der er fyldt 18 år, kan i den aktuelle sygdomssituation fravælge
  //  genoplivningsforsøg. Det gælder også 15-17-årige patienter, hvis den behandlingsansvarlige læge
  //  vurderer, at patienten kan forstå konsekvenserne …« (000 U4); ages change at 00:00 Danish time.
  it('N18 turning 18 on 10 January 2026 (winter time): at 23.30 Danish time the evening before, the physician\'s judgement is still required; at 00.30 it is not', () => {
    const boy = patientRegistered('2008-01-10');
    const osteosarcoma = { id: 'osteosarkom', description: 'Metastaserende osteosarkom', diagnoses: ['DC402'] };
    given(boy).when(makeDecision({ basis: 'patient', illnessSituation: osteosarcoma, decidedAt: '2026-01-09T22:30:00Z' }), '2026-01-09T22:35:00Z').thenRejected({ rule: 'R4.1' });
    const events = accepted([boy], makeDecision({ basis: 'patient', illnessSituation: osteosarcoma, decidedAt: '2026-01-09T23:30:00Z' }), '2026-01-09T23:35:00Z');
    given(...events).at('2026-01-10T08:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
  });

  // Same sentence; born on 29 February: in a common year the 18th birthday has not come on 28 February
  //  (in doubt the stricter reading, pkt. 2).
  it('N19 born 29 February 2008: on 28 February 2026 she is still 17; on 1 March she is 18', () => {
    const girl = patientRegistered('2008-02-29');
    const cf = { id: 'cf', description: 'Cystisk fibrose med respirationssvigt', diagnoses: ['DE849'] };
    given(girl).when(makeDecision({ basis: 'patient', illnessSituation: cf, decidedAt: '2026-02-28T12:00:00+01:00' }), '2026-02-28T12:01:00+01:00').thenRejected({ rule: 'R4.1' });
    accepted([girl], makeDecision({ basis: 'patient', illnessSituation: cf, decidedAt: '2026-03-01T12:00:00+01:00' }), '2026-03-01T12:01:00+01:00');
  });

  // »KUN den behandlingsansvarlige læge kan fravælge livsforlængende behandling hos borgere under 15 år.«
  //  (001); »Alle habile borgere, der er fyldt 60 år …« (000 U5); »… en habil patient, der er fyldt 18 år …«
  //  (000 U6)
  it('N20 an 11-year-old with a brain-stem glioma: no register refusal, no will, no own refusal — only the physician\'s refusal is possible', () => {
    const child = patientRegistered('2014-05-01');
    const now = '2026-03-01T09:01:00+01:00';
    given(child).when(makeDecision({ basis: 'register', registeredAt: '2026-02-01', decidedAt: '2026-03-01T09:00:00+01:00' }, 'nurse'), now).thenRejected({ rule: 'R5.1' });
    given(child).when(activateTestament({ situation: 'irreversibly_dying', assessedAt: '2026-03-01T09:00:00+01:00' }), now).thenRejected({ rule: 'R6.1' });
    given(child).when(makeDecision({ basis: 'patient', illnessSituation: { id: 'dipg', description: 'Diffust pontint gliom', diagnoses: ['DC717'] }, decidedAt: '2026-03-01T09:00:00+01:00' }), now).thenRejected({ rule: 'R4.1' });
    const events = accepted([child], makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T09:00:00+01:00' }), now);
    given(...events).at('2026-03-01T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'physician' });
  });

  // »Alle habile borgere, der er fyldt 60 år, har ret til på forhånd at registrere …« (000 U5); api.md: the
  //  birth date and age come from the CPR (7th digit 4 with year 66 ⇒ 1966, not 2066).
  it('N21 CPR 150366-4234: born 15 March 1966 — a registration on 14 March 2026 is refused, one on 15 March accepted', () => {
    const registered = accepted([], { type: 'RegisterPatient', by: hospitalNurse, body: { cpr: '1503664234', name: 'Bente Holm' } }, '2026-03-20T10:00:00+01:00');
    expect(registered[0]).toMatchObject({ type: 'PatientRegistered', data: { birthDate: '1966-03-15' } });
    given(...registered).when(makeDecision({ basis: 'register', registeredAt: '2026-03-14', decidedAt: '2026-03-20T10:05:00+01:00' }, 'nurse'), '2026-03-20T10:06:00+01:00').thenRejected({ rule: 'R5.1' });
    accepted(registered, makeDecision({ basis: 'register', registeredAt: '2026-03-15', decidedAt: '2026-03-20T10:05:00+01:00' }, 'nurse'), '2026-03-20T10:06:00+01:00');
  });

  // »… sikker identifikation … at en person med tydeligt kendskab til patienten … identificerer patienten
  //  med navn og personnummer« … »Er der tvivl om identifikationen, skal genoplivningsforsøg derfor
  //  iværksættes.« (000 pkt. 2.1)
  it('N22 the ambulance registers "Karin Jensen" with Karen Jensen\'s CPR: nothing changes in her record; an impossible or unborn CPR is refused', () => {
    given(karen).when({ type: 'RegisterPatient', by: paramedic, body: { cpr: karen.data.cpr, name: 'Karin Jensen' } }, '2026-03-10T21:00:00+01:00').thenEvents([]);
    const r1 = record([], { type: 'RegisterPatient', by: paramedic, body: { cpr: '3002661234', name: 'Ukendt' } }, '2026-03-10T21:00:00+01:00');
    expect(isRejection(r1)).toBe(true);
    const r2 = record([], { type: 'RegisterPatient', by: paramedic, body: { cpr: '0101304234', name: 'Ukendt' } }, '2026-03-10T21:00:00+01:00');
    expect(isRejection(r2)).toBe(true);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('What did the service know at K about T — `at` versus `knownAt`', () => {
  // »Både læger og alle øvrige sundhedspersoner skal … efterleve et gældende fravalg af
  //  genoplivningsforsøg, hvis de har kendskab til det.« (000 pkt. 2)
  it('N23 arrest at 12.00; the register is looked up and entered at 14.00: at 12.00 the service knew nothing (CPR); today it shows the register was in force then', () => {
    const reg = register('2025-06-01', '2026-03-10T14:00:00+01:00', hospitalNurse);
    given(karen, reg).at('2026-03-10T12:00:00+01:00', '2026-03-10T12:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' });
    given(karen, reg).at('2026-03-10T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });

  // »Hvis patientens tilstand er forbedret væsentligt siden fravalget, er der ikke længere tale om den samme
  //  sygdomssituation.« (000 U4)
  it('N24 the improvement of 8 March was entered on the 12th: asked on the 10th the service said "no CPR"; asked today about the 10th, the refusal had lapsed', () => {
    const own = decisionMade({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: hospitalPhysician });
    const late = conditionImproved({ at: '2026-03-08T10:00:00+01:00', dischargeable: true }, { by: hospitalNurse, recordedAt: '2026-03-12T09:00:00+01:00' });
    given(karen, own, late).at('2026-03-10T12:00:00+01:00', '2026-03-10T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
    given(karen, own, late).at('2026-03-10T12:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' });
  });

  // »Fravalget træder i kraft syv dage efter registrering …« (000 U5) and »En sådan midlertidig
  //  tilbagekaldelse træder i kraft med det samme …« (000 U5)
  it('N25 asked about 31 March: with what was known on the 24th the register would hold; with what was known on the 27th (her wish for CPR) it would not', () => {
    const reg = register('2026-03-23', '2026-03-24T10:00:00+01:00', hospitalNurse);
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-26T10:00:00+01:00', illnessSituation: pneumonia }, { by: hospitalNurse });
    given(karen, reg, wish).at('2026-03-31T12:00:00+02:00', '2026-03-24T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
    given(karen, reg, wish).at('2026-03-31T12:00:00+02:00', '2026-03-27T12:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });

  // »En sådan midlertidig tilbagekaldelse træder i kraft med det samme …« (000 U5) — from when it was said,
  //  not from when the weekend staff got it into the record.
  it('N26 she told the Friday-evening nurse she wants CPR; it was entered on Monday: on Saturday the service said "no CPR"; in hindsight she wanted CPR from Friday', () => {
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-06T20:00:00+01:00', illnessSituation: pneumonia }, { by: homeNurse, recordedAt: '2026-03-09T08:00:00+01:00' });
    given(karen, register(), wish).at('2026-03-07T12:00:00+01:00', '2026-03-07T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
    given(karen, register(), wish).at('2026-03-07T12:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('Stated times and re-evaluations (R1.4, R3.4, R4.5a)', () => {
  // »Den behandlingsansvarlige læge skal revurdere beslutningen …, hvis lægen vurderer, at der er sket en
  //  væsentlig forbedring i patientens tilstand.« (000 U3) — a re-evaluation typed a week ahead has not
  //  happened (R1.4).
  it('N27 the physician\'s re-evaluation typed with next week\'s date is refused (R1.4)', () => {
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-15T10:00:00+01:00' }, { by: homeNurse });
    given(karen, decided, better).when(revise(decided.data.decisionId, 'reaffirm', 'physician', '2026-03-25T10:00:00+01:00'), '2026-03-18T10:00:00+01:00').thenRejected({ rule: 'R1.4' });
  });

  // Same sentence: a re-evaluation made before the improvement cannot be the re-evaluation of it.
  it('N28 a routine review dated 10 March, entered on the 16th after the improvement of the 15th, does not clear the re-evaluation the improvement calls for', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: gpPhysician });
    const better = conditionImproved({ at: '2026-03-15T10:00:00+01:00' }, { by: homeNurse });
    const events = accepted([karen, decided, better], { ...revise(decided.data.decisionId, 'reaffirm', 'physician', '2026-03-10T10:00:00+01:00'), by: gpPhysician }, '2026-03-16T10:00:00+01:00');
    const s = statusOf(events, '2026-03-16T11:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(s)).toContain('REEVALUATION_REQUIRED');
  });

  // »De øvrige sundhedspersoner skal derfor sikre, at det afklares, om patienten fastholder sit ønske i den
  //  nye sygdomssituation. … Hvis patienten fastholder sit ønske, skal lægen kontaktes for fornyet
  //  vurdering« (000 U4)
  it('N29 a reaffirmation dated the day before the improvement does not bring the lapsed refusal back', () => {
    const own = decisionMade({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-08T10:00:00+01:00', dischargeable: true }, { by: hospitalNurse });
    const events = accepted([karen, own, better], revise(own.data.decisionId, 'reaffirm', 'physician', '2026-03-07T10:00:00+01:00'), '2026-03-09T10:00:00+01:00');
    const s = statusOf(events, '2026-03-09T11:00:00+01:00');
    expect(s).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' });
    expect(codes(s)).toContain('CLARIFY_PATIENT_WISH');
  });

  // U3 »Den behandlingsansvarlige læge skal revurdere beslutningen …«; U4 »Hvis patientens tilstand er
  //  forbedret væsentligt siden fravalget, er der ikke længere tale om den samme sygdomssituation.«;
  //  U6 »Det er den behandlingsansvarlige læge, der skal vurdere, om patienten er varigt inhabil og befinder
  //  sig i en af de situationer, som testamentet vedrører.«
  it('N30 three instruments and one improvement: the physician\'s refusal stands (re-evaluate), her own lapses (clarify), the will stands (re-assess); the physician then withdraws his — the will still binds, flagged', () => {
    const als = { id: 'als', description: 'Amyotrofisk lateral sklerose', diagnoses: ['DG122'] };
    const own = decisionMade({ basis: 'patient', illnessSituation: als, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: hospitalPhysician });
    const decided = decisionMade({ basis: 'physician', grounds: ['severe_suffering'], decidedAt: '2026-02-15T10:00:00+01:00' }, { by: gpPhysician });
    const will = testamentActivated({ situation: 'severe_disability', assessedAt: '2026-03-01T10:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-20T10:00:00+01:00' }, { by: homeNurse });
    const events = [karen, own, decided, will, better];
    const s = statusOf(events, '2026-03-21T10:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    const reevaluate = s.flags.filter((f) => f.code === 'REEVALUATION_REQUIRED').map((f) => f.instrumentId);
    expect(reevaluate).toEqual(expect.arrayContaining([decided.data.decisionId, activationIdOf(will)]));
    expect(codes(s)).toContain('CLARIFY_PATIENT_WISH');
    const withdrawn = accepted(events, { ...revise(decided.data.decisionId, 'withdraw', 'physician', '2026-03-22T10:00:00+01:00'), by: gpPhysician }, '2026-03-22T10:01:00+01:00');
    const after = statusOf(withdrawn, '2026-03-22T11:00:00+01:00');
    expect(after).toMatchObject({ status: 'DNACPR', basis: 'testament' });
    expect(codes(after)).toContain('REEVALUATION_REQUIRED');
  });

  // »Hvis patientens tilstand er forbedret væsentligt siden fravalget … De øvrige sundhedspersoner skal
  //  derfor sikre, at det afklares …« (000 U4); »øvrige sundhedspersoner … fx sygeplejersker, social- og
  //  sundhedsassistenter samt social- og sundhedshjælpere« (000 pkt. 1). The reviewer would let the helper
  //  record the improvement herself; the HTTP contract (api.md, fixed) gives recording it to physicians and
  //  nurses, so the helper's duty to »sikre, at det afklares« is met by calling the nurse, who records it.
  it('N31 (contract) the social- og sundhedshjælper on the evening visit finds the COPD patient markedly better — she calls the home nurse, who records it', () => {
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    const refused = record([karen, own], { ...recordImprovement('care_worker', { at: '2026-03-09T19:30:00+01:00', dischargeable: false }), by: careWorker }, '2026-03-09T19:31:00+01:00');
    expect(refused).toMatchObject({ kind: 'role', allowed: ['physician', 'nurse'] });
    const events = accepted([karen, own], { ...recordImprovement('nurse', { at: '2026-03-09T19:30:00+01:00', dischargeable: false }), by: homeNurse }, '2026-03-09T19:50:00+01:00');
    given(...events).at('2026-03-09T19:35:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('Wills: the registry look-up and what it shows (R6.1, R6.3, R6.6, R6.7)', () => {
  // »Alle sundhedspersoner har, når det er relevant, pligt til at undersøge, om en varigt inhabil patient har
  //  oprettet et behandlings- eller livstestamente.« and »Det er den behandlingsansvarlige læge, der skal
  //  vurdere, om patienten … befinder sig i en af de situationer, som testamentet vedrører.« (000 U6)
  it('N32 the look-up found a livstestamente covering only the dying situation: an activation as a behandlingstestamente, or for severe disability, contradicts it (R6.6)', () => {
    const found = willLookedUp({ at: '2026-03-05T09:00:00+01:00', result: 'found', kind: 'livstestamente', situations: ['irreversibly_dying'] }, { by: hospitalNurse });
    given(karen, found).when(activateTestament({ lookupId: found.data.lookupId, kind: 'behandlingstestamente', situation: 'irreversibly_dying' }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.6' });
    given(karen, found).when(activateTestament({ lookupId: found.data.lookupId, kind: 'livstestamente', situation: 'severe_disability' }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.6' });
    accepted([karen, found], activateTestament({ lookupId: found.data.lookupId, kind: 'livstestamente', situation: 'irreversibly_dying' }), '2026-03-05T10:01:00+01:00');
  });

  // »Ønsker en patient at ændre eller fuldstændigt tilbagekalde sit behandlings- eller livstestamente …, kan
  //  det gøres via digital selvbetjening på sundhed.dk.« (000 U6); pkt. 2: »… tvivl om, hvorvidt en af
  //  undtagelserne gælder, skal genoplivningsforsøg iværksættes.«
  it('N33 the will was found and activated; a later documented look-up finds no will in the registry — that conflict must not leave "no CPR" standing', () => {
    const found = willLookedUp({ at: '2026-03-05T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'] }, { by: hospitalNurse });
    const will = testamentActivated({ lookupId: found.data.lookupId, situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const events = accepted([karen, found, will], { ...recordWillLookup({ at: '2026-03-20T09:00:00+01:00', result: 'not_found' }), by: homeNurse }, '2026-03-20T09:01:00+01:00');
    given(...events).at('2026-03-20T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Patienten kan gøre beslutning om fravalg af b) og c) betinget af, at nærmeste pårørende m.fl.
  //  accepterer det. … er den først bindende, hvis de nærmeste pårørende m.fl. accepterer den.« (000 pkt. 7 f)
  it('N34 a conditional (b) will whose relatives\' acceptance was obtained at the same assessment binds at once; a nurse cannot record the acceptance', () => {
    const events = accepted([karen], activateTestament({ situation: 'severe_disability', conditionalOnRelatives: true, relativesAccepted: true }), '2026-03-05T10:01:00+01:00');
    given(...events).at('2026-03-05T11:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament' });
    const pending = testamentActivated({ situation: 'severe_suffering', conditionalOnRelatives: true, relativesAccepted: false, assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    given(karen, pending).when({ ...activateTestament({ situation: 'severe_suffering', conditionalOnRelatives: true, relativesAccepted: true, assessedAt: '2026-03-06T10:00:00+01:00' }, 'nurse'), by: hospitalNurse }, '2026-03-06T10:01:00+01:00').thenRejected({});
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────────────
describe('Who is told, and what (R7.1a, R7.2a, R7.3, R7.4, R7.5, R7.3b)', () => {
  // »Hvis patientens tilstand er forbedret væsentligt siden fravalget, er der ikke længere tale om den samme
  //  sygdomssituation. De øvrige sundhedspersoner skal derfor sikre, at det afklares …« (000 U4) and
  //  »Ved udskrivelse … skal øvrige sundhedspersoner også videregive de nødvendige oplysninger om gældende
  //  fravalg til det modtagende behandlingssted …« (000 pkt. 4.2)
  it('N35 discharged after her pneumonia resolved: the letters must not carry the lapsed refusal — they say CPR and ask the nursing home to clarify her wish', () => {
    const own = decisionMade({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-08T10:00:00+01:00', dischargeable: true }, { by: hospitalNurse });
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-09T11:00:00+01:00' }, { by: hospitalNurse });
    const owed = messagesCausedBy([karen, own, better, discharge], P);
    expect(to(owed)).toEqual([`epikrise→${GP.sor}`, `udskrivningsrapport→${NURSING_HOME.sor}`, korr(NURSING_HOME.sor)].sort());
    for (const m of owed) {
      expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' });
      expect(m.resuscitation.flags.map((f) => f.code)).toContain('CLARIFY_PATIENT_WISH');
    }
  });

  // »Hvis borgerens tilstand forbedres væsentligt så borgeren kan udskrives, gælder den midlertidige
  //  tilbagekaldelse ikke længere.« (000 U5) and »… skal lægen sikre, at de relevante øvrige sundhedspersoner
  //  og behandlingssteder informeres, herunder det behandlingssted, hvor fravalget oprindeligt er truffet.«
  //  (000 pkt. 4.1)
  it('N36 the urosepsis is dischargeable: the register applies again — the nursing home that recorded it is told "no CPR", and the status feed publishes it for AMK', () => {
    const reg = register('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const admission = handedOverTo({ kind: 'admission', at: '2026-03-10T21:40:00+01:00', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined }, { by: paramedic });
    const wish = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-10T21:50:00+01:00', illnessSituation: urosepsis }, { by: paramedic });
    const better = conditionImproved({ at: '2026-03-16T10:00:00+01:00', dischargeable: true, illnessSituationId: urosepsis.id }, { by: hospitalPhysician });
    const events = [karen, reg, admission, wish, better];
    const owed = messagesCausedBy(events, P);
    expect(to(owed)).toContain(korr(NURSING_HOME.sor));
    for (const m of owed) expect(m.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'register' });
    expect(statusChangedBy(events, P)).toMatchObject({ status: 'DNACPR', basis: 'register' });
  });

  // »I akutte situationer kan det ske mundtligt, men skal i så fald følges op skriftligt.« and »Alle
  //  beslutninger … herunder revurderinger, skal overleveres skriftligt eller elektronisk mellem de
  //  forskellige behandlingssteder.« (001); »… skal desuden sikre den nødvendige videregivelse af oplysninger
  //  til det sygehus, hvor patienten indlægges …« (000 pkt. 4.2)
  it('N37 the vagtlæge decides by phone at 02.10; the ambulance admits her at 05.00 (the hospital learns of an oral decision); the GP confirms in writing at 09.00 — the hospital is told', () => {
    const oral = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], oral: true, decidedAt: '2026-03-07T02:10:00+01:00' }, { by: gpPhysician });
    const admission = handedOverTo({ kind: 'admission', at: '2026-03-07T05:00:00+01:00', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined }, { by: paramedic });
    const atAdmission = messagesCausedBy([karen, oral, admission], P);
    expect(to(atAdmission)).toEqual([korr(HOSPITAL.sor)]);
    expect(atAdmission[0]?.resuscitation.status).toBe('DNACPR');
    expect(atAdmission[0]?.resuscitation.flags.map((f) => f.code)).toContain('WRITTEN_CONFIRMATION_PENDING');
    const confirmed = revised({ decisionId: oral.data.decisionId, action: 'confirm_in_writing', revisedAt: '2026-03-07T09:00:00+01:00' }, { by: gpPhysician });
    const owed = messagesCausedBy([karen, oral, admission, confirmed], P);
    expect(to(owed)).toContain(korr(HOSPITAL.sor));
    for (const m of owed) {
      expect(m.resuscitation.status).toBe('DNACPR');
      expect(m.resuscitation.flags.map((f) => f.code)).not.toContain('WRITTEN_CONFIRMATION_PENDING');
    }
  });

  // »Hvis den behandlingsansvarlige læge vurderer, at beslutningen om fravalg skal ændres, skal lægen sikre,
  //  at de relevante øvrige sundhedspersoner og behandlingssteder informeres …« (000 pkt. 4.1) — everyone who
  //  was told at the earlier discharge, on the next admission.
  it('N38 discharged with a refusal, readmitted a month later, the ward withdraws it: the GP (who had the epikrise) and the nursing home are told CPR', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-05T11:00:00+01:00' }, { by: hospitalNurse });
    const readmission = handedOverTo({ kind: 'admission', at: '2026-04-10T21:00:00+02:00', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined }, { by: paramedic });
    const withdrawal = revised({ decisionId: decided.data.decisionId, action: 'withdraw', revisedAt: '2026-04-12T10:00:00+02:00', reason: 'Ikke længere uafvendeligt døende' }, { by: hospitalPhysician });
    const owed = messagesCausedBy([karen, decided, discharge, readmission, withdrawal], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(GP.sor), korr(NURSING_HOME.sor)]));
    for (const m of owed) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
  });

  // »Fravalget træder i kraft syv dage efter registrering …« (000 U5); R7.4 register: "effective from <date>"
  it('N39 discharged two days after registering: every letter says CPR for now and names the day the registered refusal takes effect', () => {
    const reg = register('2026-03-02', '2026-03-04T10:00:00+01:00', hospitalNurse);
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-05T11:00:00+01:00' }, { by: hospitalNurse });
    const owed = messagesCausedBy([karen, reg, discharge], P);
    expect(owed).toHaveLength(3);
    for (const m of owed) {
      expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE', registerEffectiveFrom: '2026-03-09' });
      expect(m.text).toContain('9. marts 2026');
    }
  });

  // »Hvis patienten fastholder sit ønske, skal lægen kontaktes for fornyet vurdering …« (000 U4) and
  //  »Når den behandlingsansvarlige læge har taget beslutning om eller revurderet en beslutning …, skal lægen
  //  sikre, at relevante øvrige sundhedspersoner og behandlingssteder informeres« (000 U3, pkt. 4.1)
  it('N40 back at the nursing home she keeps her wish; the GP assesses it anew — the nursing home and the hospital where she made it are told "no CPR"', () => {
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-08T10:00:00+01:00', dischargeable: true }, { by: hospitalNurse });
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-09T11:00:00+01:00' }, { by: hospitalNurse });
    const reaffirmed = revised({ decisionId: own.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-12T10:00:00+01:00', reason: 'Patienten fastholder ønsket; habil' }, { by: gpPhysician });
    const owed = messagesCausedBy([karen, own, better, discharge, reaffirmed], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(NURSING_HOME.sor), korr(HOSPITAL.sor)]));
    for (const m of owed) {
      expect(m.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'patient' });
      expect(m.resuscitation.flags.map((f) => f.code)).not.toContain('CLARIFY_PATIENT_WISH');
    }
  });
});
