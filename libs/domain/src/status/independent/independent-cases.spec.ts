/**
 * Independent clinical cases (issue 10), written by a clinician-reviewer from the guidance —
 * VEJ nr. 9921 af 31/10/2024 (seed 000, which wins), the municipal instruction (001) and the
 * Region Nordjylland hospital guideline (002) — before reading how the service is built.
 *
 * Each case is a situation from a Danish ward, nursing home, home care, general practice or
 * ambulance; the Danish sentence it rests on is quoted above it. The expectation is what the
 * guidance requires, never what the code happens to do. Who must be told is in
 * independent-handover-cases.spec.ts.
 */
import { activationIdOf, conditionImproved, decisionMade, handedOverTo, patientRegistered, revised, temporarilyRevoked, testamentActivated, willLookedUp } from '../../spec/builders';
import { activateTestament, makeDecision, recordHandover, recordImprovement, revise, revokeTemporarily } from '../../spec/commands';
import { given } from '../../spec/given';
import { accepted, careWorker, gpPhysician, homeNurse, hospitalNurse, hospitalPhysician, isRejection, paramedic, record, statusOf } from './testing/clinic';

const karen = patientRegistered('1948-03-01'); // 78 years old in 2026
const codes = (s: { flags: Array<{ code: string }> }) => s.flags.map((f) => f.code);

describe('Default, doubt and knowledge (pkt. 2, 2.2, 2.3)', () => {
  // »… det forhold, at lægen har udfyldt en terminalerklæring, ansøgning om terminaltilskud eller har
  //  ordineret terminal pleje for en patient, ikke i sig selv udgør et forudgående lægeligt fravalg af
  //  genoplivningsforsøg.« (000, undtagelse 3, »Tidspunkt for den behandlingsansvarlige læges beslutning«)
  it('C01 home care: terminal care ordered by the GP but no decision recorded — the nurse must start CPR', () => {
    given(karen).at('2026-03-10T03:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', basis: null, reason: 'NO_PRIOR_DECISION', statement: 'Genoplivning skal forsøges' });
  });

  // »Både læger og alle øvrige sundhedspersoner skal i en sådan situation efterleve et gældende fravalg
  //  af genoplivningsforsøg, hvis de har kendskab til det.« (000 pkt. 2)
  it('C02 a decision taken at 09.00 but entered at 11.00: asked at 10.30 about 10.00, the service knew of no refusal', () => {
    const late = decisionMade({ basis: 'physician', decidedAt: '2026-03-02T09:00:00+01:00' }, { recordedAt: '2026-03-02T11:00:00+01:00', by: hospitalPhysician });
    given(karen, late).at('2026-03-02T10:00:00+01:00', '2026-03-02T10:30:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' });
    // Known now, the decision was in force at 10.00 (valid time): the audit shows both answers.
    given(karen, late).at('2026-03-02T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'physician' });
  });
});

describe('Undtagelse 3 — the responsible physician decides in advance', () => {
  // »Den behandlingsansvarlige læge kan på forhånd have besluttet, at der ikke skal forsøges genoplivning
  //  ved hjertestop, hvis det vurderes udsigtsløst.« … »a) patienten er uafvendeligt døende« (000 U3);
  // »Ved lægeligt fravalg kan fx angives: »Ingen lægelig indikation for genoplivningsforsøg ved hjertestop«« (000 pkt. 6)
  it('C03 medical ward: metastatic lung cancer, irreversibly dying — the physician\'s refusal is in force', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    given(karen, decided).at('2026-03-01T22:00:00+01:00').expectStatus({
      status: 'DNACPR', basis: 'physician', statement: 'Ingen lægelig indikation for genoplivningsforsøg ved hjertestop', reason: null,
    });
  });

  // »Genoplivningsforsøg kan vurderes at være udsigtsløs, når: a) … b) … c) …« (000 U3) — a physician's
  // refusal rests on one of the three grounds; without one it is not a decision under undtagelse 3.
  it('C04 a physician tries to record a refusal naming no ground — refused (R3.1)', () => {
    given(karen).when(makeDecision({ basis: 'physician', grounds: [] }), '2026-03-01T09:05:00+01:00').thenRejected({ rule: 'R3.1' });
  });

  // »Den behandlingsansvarlige læges beslutning om fravalg af genoplivningsforsøg gælder, indtil lægen
  //  eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet. Det gælder uanset
  //  sektorskifte …« (000 U3 »Varighed af fravalget«)
  it('C05 discharged from hospital to a nursing home: a month later the hospital physician\'s refusal still holds', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['severe_suffering'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-05T11:00:00+01:00' }, { by: hospitalNurse });
    given(karen, decided, discharge).at('2026-04-05T02:00:00+02:00').expectStatus({ status: 'DNACPR', basis: 'physician' });
  });

  // Same sentence: »… indtil lægen eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet.«
  it('C06 after discharge the GP (now responsible physician) withdraws the hospital\'s refusal — CPR from then on', () => {
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-05T11:00:00+01:00' }, { by: hospitalNurse });
    const events = accepted([karen, decided, discharge], { ...revise(decided.data.decisionId, 'withdraw', 'physician', '2026-04-01T10:00:00+02:00'), by: gpPhysician }, '2026-04-01T10:02:00+02:00');
    given(...events).at('2026-04-01T10:03:00+02:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    given(...events).at('2026-03-31T10:00:00+02:00').expectStatus({ status: 'DNACPR' });
  });

  // »Lægen skal inddrage patienten i sine overvejelser, men det er lægen, der skal tage beslutningen.« (000 U3)
  // »Det er ikke personalets vurdering, om der skal fravælges livsforlængende behandling …« (001)
  it('C07 a nursing-home nurse finds the patient much better and tries to withdraw the physician\'s refusal herself — refused', () => {
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    given(karen, decided).when({ ...revise(decided.data.decisionId, 'withdraw', 'nurse', '2026-03-20T10:00:00+01:00'), by: homeNurse }, '2026-03-20T10:01:00+01:00').thenRejected({});
  });

  // »Den behandlingsansvarlige læge skal revurdere beslutningen om fravalg af genoplivningsforsøg, hvis
  //  lægen vurderer, at der er sket en væsentlig forbedring i patientens tilstand.« (000 U3) and
  // »Hvis patientens tilstand forbedres væsentligt, skal den behandlingsansvarlige læge kontaktes …« (000 U3)
  it('C08 significant improvement: the refusal stands, flagged for re-evaluation, until the physician reaffirms it', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-15T10:00:00+01:00' }, { by: homeNurse });
    const events = [karen, decided, better];
    const s = statusOf(events, '2026-03-16T10:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(s)).toContain('REEVALUATION_REQUIRED');
    const reaffirmed = accepted(events, { ...revise(decided.data.decisionId, 'reaffirm', 'physician', '2026-03-18T10:00:00+01:00'), by: gpPhysician }, '2026-03-18T10:00:00+01:00');
    const after = statusOf(reaffirmed, '2026-03-18T11:00:00+01:00');
    expect(after).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(after)).not.toContain('REEVALUATION_REQUIRED');
    // Two months later she improves markedly again: a new re-evaluation is due.
    const again = [...reaffirmed, conditionImproved({ at: '2026-05-20T10:00:00+02:00' }, { by: homeNurse })];
    expect(codes(statusOf(again, '2026-05-21T10:00:00+02:00'))).toContain('REEVALUATION_REQUIRED');
  });

  // »I akutte situationer kan det ske mundtligt, men skal i så fald følges op skriftligt.« (001)
  it('C09 out of hours the vagtlæge decides by phone: in force at once, flagged until confirmed in writing', () => {
    const oral = decisionMade({ basis: 'physician', oral: true, decidedAt: '2026-03-07T02:10:00+01:00' }, { by: gpPhysician });
    const s = statusOf([karen, oral], '2026-03-07T02:30:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(s)).toContain('WRITTEN_CONFIRMATION_PENDING');
    const confirmed = accepted([karen, oral], { ...revise(oral.data.decisionId, 'confirm_in_writing', 'physician', '2026-03-07T09:00:00+01:00'), by: gpPhysician }, '2026-03-07T09:01:00+01:00');
    expect(codes(statusOf(confirmed, '2026-03-07T09:30:00+01:00'))).not.toContain('WRITTEN_CONFIRMATION_PENDING');
  });

  // »KUN den behandlingsansvarlige læge kan fravælge livsforlængende behandling hos borgere under 15 år.« (001)
  it('C10 children\'s ward: a 10-year-old with a progressive neuromuscular disease — the physician\'s refusal is valid, the child\'s own is not', () => {
    const child = patientRegistered('2016-02-01');
    accepted([child], makeDecision({ basis: 'physician', grounds: ['severe_suffering'], decidedAt: '2026-03-01T09:00:00+01:00' }), '2026-03-01T09:01:00+01:00');
    given(child).when(makeDecision({ basis: 'patient', decidedAt: '2026-03-01T09:00:00+01:00', illnessSituation: { id: 'nmd', description: 'Spinal muskelatrofi' } }), '2026-03-01T09:01:00+01:00').thenRejected({ rule: 'R4.1' });
  });

  // »… gælder, indtil lægen eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet.« —
  // once withdrawn there is nothing left to reaffirm: a new refusal must be a new decision.
  it('C11 a withdrawn refusal cannot be "reaffirmed" back into force — refused (R3.3)', () => {
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const withdrawn = revised({ decisionId: decided.data.decisionId, action: 'withdraw', revisedAt: '2026-03-03T10:00:00+01:00' }, { by: hospitalPhysician });
    given(karen, decided, withdrawn).when(revise(decided.data.decisionId, 'reaffirm', 'physician', '2026-03-04T10:00:00+01:00'), '2026-03-04T10:01:00+01:00').thenRejected({ rule: 'R3.3' });
  });
});

describe('Undtagelse 4 — the patient refuses in the current illness situation', () => {
  const cancer = { id: 'lungecancer-2026', description: 'Metastaserende lungecancer', diagnoses: ['DC349'] };

  // »Ved patientfravalg: »Patienten er habil og ønsker ikke genoplivningsforsøg ved hjertestop«« (000 pkt. 6);
  // »Enhver habil patient, der er fyldt 18 år, kan i den aktuelle sygdomssituation fravælge genoplivningsforsøg.« (000 U4)
  it('C12 oncology outpatient clinic: a competent 78-year-old refuses; the physician records it — in force', () => {
    const events = accepted([karen], makeDecision({ basis: 'patient', illnessSituation: cancer, decidedAt: '2026-03-01T11:00:00+01:00' }), '2026-03-01T11:05:00+01:00');
    given(...events).at('2026-03-02T11:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient', statement: 'Patienten er habil og ønsker ikke genoplivningsforsøg ved hjertestop' });
  });

  // »Tilkendegiver patienten ønsket under indlæggelse på et sygehus, skal det sygeplejefaglige personale
  //  give beskeden videre til den behandlingsansvarlige læge …« (000 U4); »Borgerens fravælg gælder først,
  //  når den behandlingsansvarlige læge har noteret det i journalen« (001)
  it('C13 a night nurse hears the patient say "no CPR for me" and tries to record it as the patient\'s refusal — refused', () => {
    given(karen).when({ ...makeDecision({ basis: 'patient', illnessSituation: cancer, decidedAt: '2026-03-01T02:00:00+01:00' }, 'nurse'), by: hospitalNurse }, '2026-03-01T02:01:00+01:00').thenRejected({});
  });

  // »Det gælder også 15-17-årige patienter, hvis den behandlingsansvarlige læge vurderer, at patienten kan
  //  forstå konsekvenserne af sin beslutning.« (000 U4); ages change at 00.00 Danish time (api.md)
  describe('C14 a girl with relapsed leukaemia turns 15 on 15 June 2026 (summer time)', () => {
    const girl = patientRegistered('2011-06-15');
    const leukaemia = { id: 'all-recidiv', description: 'Recidiv af akut lymfatisk leukæmi', diagnoses: ['DC910'] };
    it('at 23.30 Danish time the evening before her birthday she is 14 — her own refusal cannot be recorded (R4.1)', () => {
      given(girl).when(makeDecision({ basis: 'patient', illnessSituation: leukaemia, patientUnderstandsConsequences: true, decidedAt: '2026-06-14T21:30:00+00:00' }), '2026-06-14T21:35:00+00:00').thenRejected({ rule: 'R4.1' });
    });
    it('at 00.10 Danish time on her birthday (22.10 UTC the day before) she is 15 — accepted when the physician judges she understands', () => {
      const events = accepted([girl], makeDecision({ basis: 'patient', illnessSituation: leukaemia, patientUnderstandsConsequences: true, decidedAt: '2026-06-14T22:10:00+00:00' }), '2026-06-14T22:15:00+00:00');
      given(...events).at('2026-06-15T08:00:00+02:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
    });
  });

  it('C15 a 16-year-old with cystic fibrosis: without the physician\'s judgement that he understands, refused (R4.1)', () => {
    const boy = patientRegistered('2009-11-20');
    const cf = { id: 'cf-2026', description: 'Cystisk fibrose, terminal respirationssvigt', diagnoses: ['DE849'] };
    given(boy).when(makeDecision({ basis: 'patient', illnessSituation: cf, decidedAt: '2026-03-01T10:00:00+01:00' }), '2026-03-01T10:01:00+01:00').thenRejected({ rule: 'R4.1' });
    const events = accepted([boy], makeDecision({ basis: 'patient', illnessSituation: cf, patientUnderstandsConsequences: true, decidedAt: '2026-03-01T10:00:00+01:00' }), '2026-03-01T10:01:00+01:00');
    given(...events).at('2026-03-01T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
  });

  // »For at der er tale om en aktuel sygdomssituation, skal patienten have en sygdom/være behandlingskrævende.
  //  Almen alderdomssvækkelse alene er ikke nok.« (000 U4 »Varighed af fravalget«)
  it('C16 a 96-year-old at the nursing home, "tired of life", no illness — frailty of old age alone is not an illness situation (R4.3)', () => {
    const old = patientRegistered('1930-01-05');
    given(old).when(makeDecision({ basis: 'patient', illnessSituation: { id: 'svaekkelse', description: 'Alderdomssvækkelse', diagnoses: ['DR549'] }, decidedAt: '2026-03-01T10:00:00+01:00' }), '2026-03-01T10:01:00+01:00').thenRejected({ rule: 'R4.3' });
    given(old).when(makeDecision({ basis: 'patient', illnessSituation: { id: 'svaekkelse', description: 'Almen alderdomssvækkelse' }, decidedAt: '2026-03-01T10:00:00+01:00' }), '2026-03-01T10:01:00+01:00').thenRejected({ rule: 'R4.3' });
  });

  // »Der er ikke en nedre grænse for, hvor alvorlig en sygdomssituation patienten skal befinde sig i. Patienter,
  //  der fx har KOL, hypertension og diabetes kan således fravælge …« (001)
  it('C17 a frail 90-year-old with COPD and diabetes refuses: frailty plus real illness is an illness situation', () => {
    const old = patientRegistered('1936-02-10');
    const events = accepted([old], makeDecision({ basis: 'patient', illnessSituation: { id: 'kol-dm', description: 'KOL og type 2-diabetes hos svækket ældre', diagnoses: ['DR549', 'DJ449', 'DE119'] }, decidedAt: '2026-03-01T10:00:00+01:00' }), '2026-03-01T10:01:00+01:00');
    given(...events).at('2026-03-01T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
  });

  // »Hvis en borger ønsker at tilbagekalde sit fravalg af genoplivning ved hjertestop, kan dette ske ved
  //  henvendelse til personalet, som øjeblikkeligt skal rette sig efter ønsket, men herefter skal det
  //  bekræftes af lægen i journalen.« (001); »Patienten kan til enhver tid trække sin beslutning tilbage.« (000 U4)
  it('C18 home care, evening visit: the patient tells the social- og sundhedshjælper she now wants CPR — in force at once', () => {
    const refusal = decisionMade({ basis: 'patient', illnessSituation: cancer, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: gpPhysician });
    const events = accepted([karen, refusal], { ...revise(refusal.data.decisionId, 'withdraw', 'care_worker', '2026-03-09T19:30:00+01:00'), by: careWorker }, '2026-03-09T19:31:00+01:00');
    given(...events).at('2026-03-09T19:32:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
  });

  // »Hvis patientens tilstand er forbedret væsentligt siden fravalget, er der ikke længere tale om den samme
  //  sygdomssituation. De øvrige sundhedspersoner skal derfor sikre, at det afklares, om patienten fastholder
  //  sit ønske i den nye sygdomssituation.« (000 U4)
  describe('C19–C21 pneumonia resolves: the patient\'s refusal lapses and the wish must be clarified', () => {
    const pneumonia = { id: 'pneumoni-2026-03', description: 'Svær lungebetændelse hos patient med KOL', diagnoses: ['DJ189', 'DJ449'] };
    const refusal = decisionMade({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-08T10:00:00+01:00', dischargeable: true }, { by: hospitalNurse });
    const lapsed = [karen, refusal, better];

    it('C19 after the improvement: CPR, and the nurses are asked to clarify the wish', () => {
      const s = statusOf(lapsed, '2026-03-08T12:00:00+01:00');
      expect(s).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' });
      expect(codes(s)).toContain('CLARIFY_PATIENT_WISH');
    });

    // »Hvis patienten fastholder sit ønske, skal lægen kontaktes for fornyet vurdering« (000 U4) — once the
    // physician has assessed the maintained wish, the clarification is done (R4.5a).
    it('C20 the patient maintains the wish and the physician reaffirms it: refusal in force, nothing left to clarify', () => {
      const events = accepted(lapsed, revise(refusal.data.decisionId, 'reaffirm', 'physician', '2026-03-09T10:00:00+01:00'), '2026-03-09T10:01:00+01:00');
      const s = statusOf(events, '2026-03-09T12:00:00+01:00');
      expect(s).toMatchObject({ status: 'DNACPR', basis: 'patient' });
      expect(codes(s)).not.toContain('CLARIFY_PATIENT_WISH');
      // A month later, recovered from the next exacerbation as well: again not the same situation — it lapses again.
      const again = [...events, conditionImproved({ at: '2026-04-15T10:00:00+02:00', dischargeable: true }, { by: hospitalNurse })];
      const s2 = statusOf(again, '2026-04-16T10:00:00+02:00');
      expect(s2).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' });
      expect(codes(s2)).toContain('CLARIFY_PATIENT_WISH');
    });

    it('C21 instead the physician records a new refusal for the new situation (COPD at home): in force, nothing left to clarify', () => {
      const copd = { id: 'kol-2026', description: 'KOL, GOLD D, i eget hjem', diagnoses: ['DJ449'] };
      const events = accepted(lapsed, makeDecision({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-09T10:00:00+01:00' }), '2026-03-09T10:01:00+01:00');
      const s = statusOf(events, '2026-03-09T12:00:00+01:00');
      expect(s).toMatchObject({ status: 'DNACPR', basis: 'patient' });
      expect(codes(s)).not.toContain('CLARIFY_PATIENT_WISH');
    });
  });

  // »Varigt inhabile patienter kan have fravalgt genoplivningsforsøg, mens de var habile. Et sådant fravalg skal
  //  efterleves, hvis det er sket overfor lægen i den aktuelle sygdomssituation.« (000 U4) and note 12: »Hvis det
  //  er forudsigeligt, at patienten vil få hjertestop som led i den aktuelle sygdomssituation, kan patienten …
  //  fravælge genoplivningsforsøg … med henblik på at det skal gælde, hvis patienten bliver bevidstløs eller varigt
  //  inhabil inden for den aktuelle sygdomssituation.«
  describe('C22–C26 ALS: a refusal made while competent, then permanent incompetence', () => {
    const als = { id: 'als', description: 'Amyotrofisk lateral sklerose med tiltagende respirationssvigt', diagnoses: ['DG122'] };
    const ownRefusal = decisionMade({ basis: 'patient', illnessSituation: als, decidedAt: '2026-01-10T10:00:00+01:00' }, { by: hospitalPhysician });
    const incompetent = testamentActivated({ kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-01T10:00:00+01:00' }, { by: hospitalPhysician });

    it('C22 (R4.6) the refusal made to the physician early in the course still binds after she becomes permanently incompetent', () => {
      const s = statusOf([karen, ownRefusal, incompetent], '2026-03-05T10:00:00+01:00');
      expect(s.status).toBe('DNACPR');
      expect(s.instruments.find((i) => i.id === ownRefusal.data.decisionId)?.state).toBe('in_force');
    });

    // »Nærmeste pårørende m.fl. kan ikke fravælge genoplivning på vegne af en varigt inhabil patient.« (000 U4);
    // »Varigt inhabile borgere kan ikke fravælge genoplivningsforsøg/livsforlængende behandling i en aktuel
    //  sygdomssituation – det kan kun en læge.« (001)
    it('C23 (R4.7) the daughter says "mother would not want CPR": it cannot be recorded as the patient\'s refusal', () => {
      given(karen, incompetent).when(makeDecision({ basis: 'patient', illnessSituation: als, decidedAt: '2026-03-05T10:00:00+01:00' }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R4.7' });
    });

    it('C24 a refusal she made on 1 March while still competent, entered late on 10 March after the 5 March assessment, is accepted', () => {
      const assessedLater = testamentActivated({ situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
      accepted([karen, assessedLater], makeDecision({ basis: 'patient', illnessSituation: als, decidedAt: '2026-03-01T10:00:00+01:00' }), '2026-03-10T09:00:00+01:00');
    });

    // »Enhver habil patient … kan i den aktuelle sygdomssituation fravælge genoplivningsforsøg.« (000 U4) — a patient
    // reassessed as not permanently incompetent (the activation withdrawn, R6.7) is competent again.
    it('C25 the activation is withdrawn (the delirium cleared, she is competent): her own new refusal is accepted', () => {
      const events = accepted([karen, incompetent], revise(activationIdOf(incompetent), 'withdraw', 'physician', '2026-03-10T10:00:00+01:00', { reason: 'Ny vurdering: delir aftaget, patienten er habil' }), '2026-03-10T10:01:00+01:00');
      accepted(events, makeDecision({ basis: 'patient', illnessSituation: als, decidedAt: '2026-03-12T10:00:00+01:00' }), '2026-03-12T10:01:00+01:00');
    });

    it('C26 for the permanently incompetent patient the physician can still decide (undtagelse 3)', () => {
      const events = accepted([karen, incompetent], makeDecision({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-03-05T10:00:00+01:00' }), '2026-03-05T10:01:00+01:00');
      given(...events).at('2026-03-05T11:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'physician' });
    });
  });
});

describe('Undtagelse 5 — the registered refusal (60+)', () => {
  // »Fravalget træder i kraft syv dage efter registrering, hvorefter det vil fremgå af registret.« (000 U5);
  // in force from 00.00 Danish time on the seventh day (api.md conventions).
  const registeredOn = (registeredAt: string, decidedAt: string, by = hospitalNurse) => decisionMade({ basis: 'register', registeredAt, decidedAt }, { by });

  it('C27 admitted five days after registering on sundhed.dk: not yet in force — CPR, with the date it takes effect in Danish', () => {
    const register = registeredOn('2026-03-23', '2026-03-28T10:00:00+01:00');
    const s = statusOf([karen, register], '2026-03-28T12:00:00+01:00');
    expect(s).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
    const pending = s.flags.find((f) => f.code === 'REGISTER_PENDING');
    expect(pending?.detail).toContain('30. marts 2026');
  });

  it('C28 registered 23 March 2026; summer time begins 29 March — in force from 00.00 Danish summer time on 30 March (22.00 UTC on the 29th)', () => {
    const register = registeredOn('2026-03-23', '2026-03-24T10:00:00+01:00');
    given(karen, register).at('2026-03-29T21:59:00+00:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
    given(karen, register).at('2026-03-29T22:00:00+00:00').expectStatus({ status: 'DNACPR', basis: 'register', statement: 'Registreret fravalg af genoplivningsforsøg' });
  });

  it('C29 registered 20 October 2026; winter time begins 25 October — in force from 00.00 Danish time on 27 October (23.00 UTC on the 26th)', () => {
    const register = registeredOn('2026-10-20', '2026-10-21T10:00:00+02:00');
    given(karen, register).at('2026-10-26T22:59:00+00:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
    given(karen, register).at('2026-10-26T23:00:00+00:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });

  // »Alle habile borgere, der er fyldt 60 år, har ret til på forhånd at registrere …« (000 U5)
  it('C30 a registration made the day before the 60th birthday is not a valid registration (R5.1); one made on the birthday is', () => {
    const sixty = patientRegistered('1966-03-10');
    given(sixty).when(makeDecision({ basis: 'register', registeredAt: '2026-03-09', decidedAt: '2026-03-20T10:00:00+01:00' }, 'nurse'), '2026-03-20T10:01:00+01:00').thenRejected({ rule: 'R5.1' });
    accepted([sixty], makeDecision({ basis: 'register', registeredAt: '2026-03-10', decidedAt: '2026-03-20T10:00:00+01:00' }, 'nurse'), '2026-03-20T10:01:00+01:00');
  });

  // »Fravalget gælder i alle situationer, hvor borgeren får hjertestop, herunder i ulykkestilfælde mv., når
  //  sundhedspersonen har kendskab til fravalget. Det er dermed uafhængigt af borgerens helbredstilstand …« (000 U5)
  it('C31 a healthy 70-year-old cyclist hit by a car; the ambulance crew looks the register up — no CPR', () => {
    const cyclist = patientRegistered('1956-05-05');
    const events = accepted([cyclist], { ...makeDecision({ basis: 'register', registeredAt: '2025-11-01', decidedAt: '2026-05-20T16:40:00+02:00' }, 'paramedic'), by: paramedic }, '2026-05-20T16:41:00+02:00');
    given(...events).at('2026-05-20T16:42:00+02:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });

  // »… kan borgeren gøre det ved at fortælle det til en sundhedsperson. Dette gælder uanset borgerens
  //  habilitetsniveau. … En sådan midlertidig tilbagekaldelse træder i kraft med det samme og gælder kun for
  //  den aktuelle sygdomssituation.« (000 U5)
  it('C32 a confused 84-year-old with urosepsis tells the ambulance crew "I want to be saved" — CPR at once, whatever her competence', () => {
    const register = registeredOn('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const events = accepted([karen, register], { ...revokeTemporarily({ instrument: 'register', patientCompetent: false, statedAt: '2026-03-10T21:15:00+01:00', illnessSituation: { id: 'urosepsis', description: 'Urosepsis med delir' } }, 'paramedic'), by: paramedic }, '2026-03-10T21:16:00+01:00');
    given(...events).at('2026-03-10T21:17:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });

  // »Hvis borgerens tilstand forbedres væsentligt så borgeren kan udskrives, gælder den midlertidige
  //  tilbagekaldelse ikke længere.« (000 U5)
  describe('C33–C34 the temporary revocation and the end of the illness situation', () => {
    const register = registeredOn('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const revoked = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-10T21:15:00+01:00', illnessSituation: { id: 'urosepsis', description: 'Urosepsis' } }, { by: paramedic });
    it('C33 well enough to be discharged from the urosepsis admission: the registered refusal applies again', () => {
      const better = conditionImproved({ at: '2026-03-16T10:00:00+01:00', dischargeable: true, illnessSituationId: 'urosepsis' }, { by: hospitalPhysician });
      given(karen, register, revoked, better).at('2026-03-17T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
    });
    it('C34 better but not yet dischargeable: the revocation still holds — CPR', () => {
      const better = conditionImproved({ at: '2026-03-13T10:00:00+01:00', dischargeable: false, illnessSituationId: 'urosepsis' }, { by: hospitalNurse });
      given(karen, register, revoked, better).at('2026-03-14T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
    });
  });

  // Same sentence (»træder i kraft med det samme«) and pkt. 2: »… tvivl om, hvorvidt en af undtagelserne gælder,
  //  skal genoplivningsforsøg iværksættes.«
  it('C35 (R5.3a) the wish for CPR is told in the ambulance before anyone has looked the register up; the register is recorded in the ward later — CPR', () => {
    const revoked = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-10T21:15:00+01:00', illnessSituation: { id: 'apopleksi', description: 'Apopleksi' } }, { by: paramedic });
    const looked = registeredOn('2025-06-01', '2026-03-10T23:00:00+01:00');
    given(karen, revoked, looked).at('2026-03-11T02:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Patienten kan til enhver tid trække sin beslutning tilbage.« (000 U4); »En sådan midlertidig
  //  tilbagekaldelse træder i kraft med det samme …« (000 U5)
  it('C36 (R5.3b) COPD patient with a registered refusal and her own refusal for the COPD tells the paramedic "resuscitate me this time" — CPR, neither refusal applies', () => {
    const copd = { id: 'kol-2026', description: 'KOL i exacerbation', diagnoses: ['DJ441'] };
    const register = registeredOn('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-15T10:00:00+01:00' }, { by: gpPhysician });
    const events = accepted([karen, register, own], { ...revokeTemporarily({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-10T21:15:00+01:00', illnessSituation: copd }, 'paramedic'), by: paramedic }, '2026-03-10T21:16:00+01:00');
    const s = statusOf(events, '2026-03-10T21:20:00+01:00');
    expect(s).toMatchObject({ status: 'ATTEMPT_CPR' });
    expect(s.instruments.find((i) => i.id === own.data.decisionId)?.state).not.toBe('in_force');
  });

  // »Patienten kan ikke kræve en bestemt behandling.« (000 U3) — the physician's decision stands; the
  // physician must learn of the wish: »… skal sikre, at den behandlingsansvarlige læge orienteres.« (000 U5)
  it('C37 (R5.3b) a patient with a physician\'s refusal says she wants CPR: the physician\'s refusal stands, flagged for the physician', () => {
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const revoked = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-10T10:00:00+01:00', illnessSituation: { id: 'x', description: 'Hjerteinsufficiens' } }, { by: hospitalNurse });
    const s = statusOf([karen, decided, revoked], '2026-03-10T11:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(codes(s)).toContain('PATIENT_WISHES_CPR');
  });

  // »Et registreret fravalg af genoplivningsforsøg går forud for alle øvrige ordninger om fravalg af behandling,
  //  herunder behandlingstestamentet, i tilfælde af hjertestop.« (000 U5, U6)
  it('C38 nursing home: a registered refusal in force and a treatment will awaiting the relatives — the register decides: no CPR', () => {
    const register = registeredOn('2026-01-05', '2026-02-01T10:00:00+01:00', homeNurse);
    const conditional = testamentActivated({ situation: 'severe_suffering', conditionalOnRelatives: true, relativesAccepted: false, assessedAt: '2026-03-01T10:00:00+01:00' }, { by: gpPhysician });
    given(karen, register, conditional).at('2026-03-10T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });

  // »Hvis sundhedspersonen ved, at borgeren utvivlsomt var enten midlertidigt eller varigt inhabil … på
  //  registreringstidspunktet, er registreringen ikke bindende for sundhedspersonen.« … »Sundhedspersonen skal
  //  indberette det til Styrelsen for Patientsikkerhed, hvis borgeren utvivlsomt var varigt inhabil …« (000 U5)
  it('C39 (R5.5) the GP had assessed the patient permanently incompetent (Alzheimer) before she "registered": declared invalid and reported — CPR', () => {
    const register = registeredOn('2026-01-20', '2026-03-01T10:00:00+01:00', homeNurse);
    const events = accepted([karen, register], {
      ...revise(register.data.decisionId, 'declare_invalid', 'physician', '2026-03-05T10:00:00+01:00', {
        assessment: 'Patienten blev vurderet varigt inhabil (svær Alzheimers demens) af mig 12. november 2025, før registreringen.',
        reportedToStps: { at: '2026-03-05', reference: 'STPS-2026-0412' },
      }),
      by: gpPhysician,
    }, '2026-03-05T10:05:00+01:00');
    given(...events).at('2026-03-05T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Ønsker borgeren at tilbagekalde sit fravalg fuldstændigt … kan borgeren gøre dette ved at ændre
  //  registreringen på sundhed.dk eller via fysisk blanketordning.« (000 U5)
  it('C40 a new look-up shows the citizen has removed the registration on sundhed.dk: the nurse records it — CPR', () => {
    const register = registeredOn('2025-06-01', '2026-02-01T10:00:00+01:00', homeNurse);
    const events = accepted([karen, register], { ...revise(register.data.decisionId, 'withdraw', 'nurse', '2026-03-05T10:00:00+01:00', { reason: 'Registreringen er slettet på sundhed.dk' }), by: homeNurse }, '2026-03-05T10:01:00+01:00');
    given(...events).at('2026-03-05T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
  });
});

describe('Undtagelse 6 — treatment wills and living wills', () => {
  // »Testamentet træder først i kraft, hvis patienten bliver vurderet varigt inhabil af en læge.« (000 U6);
  // »Alle tre fravalg er bindende for sundhedspersonerne, når testamentet er trådt i kraft.« (000 pkt. 7 f)
  it('C41 after a large stroke, irreversibly dying: the physician finds the behandlingstestamente has come into force — no CPR', () => {
    const events = accepted([karen], activateTestament({ kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' }), '2026-03-05T10:01:00+01:00');
    given(...events).at('2026-03-05T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament', statement: 'Behandlingstestamente trådt i kraft' });
  });

  // »Beslutning om fravalg af a) er bindende, mens beslutning om fravalg af b) alene er vejledende for den
  //  behandlingsansvarlige læge.« (000 pkt. 7 f, livstestamente)
  it('C42 a livstestamente (b), severe disability after a stroke, is only advisory — CPR until the physician decides', () => {
    const events = accepted([karen], activateTestament({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' }), '2026-03-05T10:01:00+01:00');
    given(...events).at('2026-03-05T12:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TESTAMENT_ADVISORY_ONLY' });
  });

  it('C43 a livstestamente (a), irreversibly dying, binds — no CPR', () => {
    const events = accepted([karen], activateTestament({ kind: 'livstestamente', situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' }), '2026-03-05T10:01:00+01:00');
    given(...events).at('2026-03-05T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament', statement: 'Livstestamente trådt i kraft' });
  });

  // A livstestamente has only situations a) and b) (000 pkt. 7 f); c) exists only in a behandlingstestamente.
  it('C44 a livstestamente cannot cover "very severe and full of suffering" (c) — refused (R6.2)', () => {
    given(karen).when(activateTestament({ kind: 'livstestamente', situation: 'severe_suffering' }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.2' });
  });

  // »Hvis tilkendegivelsen er gjort betinget af accept fra de nærmeste pårørende m.fl., er den først bindende,
  //  hvis de nærmeste pårørende m.fl. accepterer den.« (000 pkt. 7 f); »Hvis patientens valg er gjort betinget af
  //  tilslutning fra de nærmeste pårørende m.fl., skal lægen sikre, at de kontaktes …« (000 U6)
  it('C45 a behandlingstestamente (c) conditional on the relatives: CPR until the son accepts, no CPR once he has', () => {
    const conditional = testamentActivated({ situation: 'severe_suffering', conditionalOnRelatives: true, relativesAccepted: false, assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    given(karen, conditional).at('2026-03-05T12:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'AWAITING_RELATIVES_ACCEPTANCE' });
    const acceptance = testamentActivated({ situation: 'severe_suffering', conditionalOnRelatives: true, relativesAccepted: true, assessedAt: '2026-03-06T15:00:00+01:00' }, { by: hospitalPhysician });
    given(karen, conditional, acceptance).at('2026-03-06T16:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament' });
  });

  // »Patienten kan gøre beslutning om fravalg af b) og c) betinget af, at nærmeste pårørende m.fl. accepterer det.«
  //  (000 pkt. 7 f) — a) cannot be conditional, and a livstestamente has no conditional choices at all.
  it('C46 "conditional on relatives" for a) or for a livstestamente does not exist — refused (R6.3)', () => {
    given(karen).when(activateTestament({ situation: 'irreversibly_dying', conditionalOnRelatives: true }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.3' });
    given(karen).when(activateTestament({ kind: 'livstestamente', situation: 'severe_disability', conditionalOnRelatives: true }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.3' });
  });

  // »I et behandlings- eller livstestamente kan en habil patient, der er fyldt 18 år, på forhånd tilkendegive …« (000 U6)
  it('C47 a 17-year-old after a traffic accident cannot have a will — activation refused (R6.1)', () => {
    const teen = patientRegistered('2008-09-01');
    given(teen).when(activateTestament({ situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.1' });
    // Turning 18 at 00.00 Danish time on 5 March 2026 (23.00 UTC on the 4th): at 23.30 Danish time on the 4th she is 17.
    const eighteen = patientRegistered('2008-03-05');
    given(eighteen).when(activateTestament({ situation: 'severe_disability', assessedAt: '2026-03-04T22:30:00+00:00' }), '2026-03-04T22:31:00+00:00').thenRejected({ rule: 'R6.1' });
    accepted([eighteen], activateTestament({ situation: 'severe_disability', assessedAt: '2026-03-04T23:30:00+00:00' }), '2026-03-04T23:31:00+00:00');
  });

  // »Livstestamenter kunne oprettes indtil 1. januar 2019.« … »Det har været muligt at oprette et
  //  behandlingstestamente fra 1. januar 2019.« (000 note 14)
  describe('C48 a livstestamente for someone who was not 18 before 1 January 2019 cannot exist (R6.1)', () => {
    const livs = activateTestament({ kind: 'livstestamente', situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' });
    it('born 1 April 2002 (18 in 2020): refused', () => {
      given(patientRegistered('2002-04-01')).when(livs, '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.1' });
    });
    it('born 1 January 2001: 18 on the very day livstestamenter could no longer be made — refused', () => {
      given(patientRegistered('2001-01-01')).when(livs, '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.1' });
    });
    it('born 31 December 2000: 18 on the last day a livstestamente could be made — accepted', () => {
      accepted([patientRegistered('2000-12-31')], livs, '2026-03-05T10:01:00+01:00');
    });
  });

  // »Hvis patientens valg er gjort betinget af tilslutning fra de nærmeste pårørende m.fl., skal lægen sikre, at de
  //  kontaktes med henblik på afklaring.« (000 U6); »Det skal dokumenteres i epj, hvem der har foretaget opslag samt
  //  hvornår og med hvilket resultat …« (002 §6)
  it('C49 (R6.6) the documented look-up shows a will conditional on the relatives, or no will at all: an unconditional activation citing it is refused', () => {
    const conditional = willLookedUp({ at: '2026-03-05T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_suffering'], conditionalOnRelatives: true }, { by: hospitalNurse });
    given(karen, conditional).when(activateTestament({ lookupId: conditional.data.lookupId, situation: 'severe_suffering', conditionalOnRelatives: false }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.6' });
    const nothing = willLookedUp({ at: '2026-03-05T09:00:00+01:00', result: 'not_found' }, { by: hospitalNurse });
    given(karen, nothing).when(activateTestament({ lookupId: nothing.data.lookupId }), '2026-03-05T10:01:00+01:00').thenRejected({ rule: 'R6.6' });
    // The look-up itself is part of the record and shown with the status (who looked, when, what was found).
    expect(JSON.stringify(statusOf([karen, nothing], '2026-03-05T10:00:00+01:00'))).toContain(nothing.data.lookupId);
  });

  // »Ønsker en patient at ændre eller fuldstændigt tilbagekalde sit behandlings- eller livstestamente ud over den
  //  aktuelle sygdomssituation, kan det gøres via digital selvbetjening på sundhed.dk.« (000 U6)
  it('C50 (R6.7) the will turns out to have been revoked on sundhed.dk: the physician withdraws the activation — CPR; a nurse cannot', () => {
    const activation = testamentActivated({ situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    given(karen, activation).when({ ...revise(activationIdOf(activation), 'withdraw', 'nurse', '2026-03-06T10:00:00+01:00'), by: hospitalNurse }, '2026-03-06T10:01:00+01:00').thenRejected({});
    const events = accepted([karen, activation], revise(activationIdOf(activation), 'withdraw', 'physician', '2026-03-06T10:00:00+01:00', { reason: 'Testamentet er tilbagekaldt på sundhed.dk' }), '2026-03-06T10:01:00+01:00');
    given(...events).at('2026-03-06T10:02:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Det er den behandlingsansvarlige læge, der skal vurdere, om patienten er varigt inhabil og befinder sig i en af
  //  de situationer, som testamentet vedrører.« (000 U6)
  it('C51 (R6.8) a will in force, then a significant improvement: still no CPR until the physician re-assesses, but flagged', () => {
    const activation = testamentActivated({ situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-20T10:00:00+01:00' }, { by: homeNurse });
    const s = statusOf([karen, activation, better], '2026-03-21T10:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'testament' });
    expect(codes(s)).toContain('REEVALUATION_REQUIRED');
  });

  // »Patienten kan, så længe denne er habil, tilkendegive overfor en sundhedsperson, at vedkommende ønsker
  //  midlertidigt … at trække det tilbage. Patientens ændring eller tilbagekaldelse træder i kraft, så snart
  //  tilkendegivelsen er fremsat og har alene virkning i forbindelse med den aktuelle sygdomssituation.« (000 U6)
  it('C52 admitted with pneumonia, still competent, she tells the nurse "this time I want everything"; later in the admission the will would apply — CPR', () => {
    const pneumonia = { id: 'pneumoni-2026-03', description: 'Pneumoni' };
    given(karen).when(revokeTemporarily({ instrument: 'testament', illnessSituation: pneumonia, statedAt: '2026-03-02T10:00:00+01:00' }), '2026-03-02T10:01:00+01:00').thenRejected({ rule: 'R6.4' });
    const events = accepted([karen], { ...revokeTemporarily({ instrument: 'testament', patientCompetent: true, illnessSituation: pneumonia, statedAt: '2026-03-02T10:00:00+01:00' }, 'nurse'), by: hospitalNurse }, '2026-03-02T10:01:00+01:00');
    const activated = accepted(events, activateTestament({ situation: 'irreversibly_dying', assessedAt: '2026-03-06T10:00:00+01:00' }), '2026-03-06T10:01:00+01:00');
    given(...activated).at('2026-03-06T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });
});

describe('Time-stamping mistakes and stated times (R1.4)', () => {
  // pkt. 2: »Hvis der er hjertestop, men tvivl om, hvorvidt en af undtagelserne gælder, skal genoplivningsforsøg
  //  iværksættes.« — a refusal dated a year ahead by a typo must not lie in wait to take effect.
  it('C53 a physician types 2027 for 2026: refused (R1.4); a clock three minutes fast is accepted', () => {
    given(karen).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2027-03-01T09:00:00+01:00' }), '2026-03-01T09:10:00+01:00').thenRejected({ rule: 'R1.4' });
    accepted([karen], makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T09:13:00+01:00' }), '2026-03-01T09:10:00+01:00');
  });

  it('C54 a decision dated before the patient was born is a typo: refused (R1.4)', () => {
    given(karen).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '1947-03-01T09:00:00+01:00' }), '2026-03-01T09:10:00+01:00').thenRejected({ rule: 'R1.4' });
  });

  it('C55 a discharge planned two weeks ahead may be recorded; one more than 14 days ahead is refused (R1.4)', () => {
    accepted([karen], recordHandover('nurse', { at: '2026-03-19T09:00:00+01:00' }), '2026-03-05T10:00:00+01:00');
    given(karen).when(recordHandover('nurse', { at: '2026-03-20T10:30:00+01:00' }), '2026-03-05T10:00:00+01:00').thenRejected({ rule: 'R1.4' });
  });

  // »… som øjeblikkeligt skal rette sig efter ønsket …« (001); »… træder i kraft med det samme …« (000 U5)
  it('C56 a withdrawal already in the record stamped a day ahead of its recording takes effect when it was recorded', () => {
    const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T11:00:00+01:00' }, { by: gpPhysician });
    const withdrawal = revised({ decisionId: refusal.data.decisionId, action: 'withdraw', revisedAt: '2026-03-11T10:00:00+01:00' }, { by: careWorker, recordedAt: '2026-03-10T10:00:00+01:00' });
    given(karen, refusal, withdrawal).at('2026-03-10T10:05:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
  });

  it('C57 a withdrawal typed with tomorrow\'s date: either refused for the date (R1.4) or in force at once — never "no CPR" until tomorrow', () => {
    const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T11:00:00+01:00' }, { by: gpPhysician });
    const r = record([karen, refusal], { ...revise(refusal.data.decisionId, 'withdraw', 'care_worker', '2026-03-11T10:00:00+01:00'), by: careWorker }, '2026-03-10T10:00:00+01:00');
    if (isRejection(r)) expect(r).toMatchObject({ rule: 'R1.4' });
    else given(...r).at('2026-03-10T10:01:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  it('C58 a temporary revocation stated four minutes "ahead" (the tablet\'s clock) takes effect at once', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' }, { by: homeNurse });
    const events = accepted([karen, register], { ...revokeTemporarily({ instrument: 'register', statedAt: '2026-03-10T21:19:00+01:00' }, 'paramedic'), by: paramedic }, '2026-03-10T21:15:00+01:00');
    given(...events).at('2026-03-10T21:16:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });

  // »Både læger og alle øvrige sundhedspersoner skal … efterleve et gældende fravalg …, hvis de har kendskab til det.«
  it('C59 the withdrawal told at 10.00 was entered at 14.00: at noon the service had to answer "no CPR"; today it shows she wanted CPR from 10.00', () => {
    const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T11:00:00+01:00' }, { by: gpPhysician });
    const withdrawal = revised({ decisionId: refusal.data.decisionId, action: 'withdraw', revisedAt: '2026-03-10T10:00:00+01:00' }, { by: careWorker, recordedAt: '2026-03-10T14:00:00+01:00' });
    given(karen, refusal, withdrawal).at('2026-03-10T12:00:00+01:00', '2026-03-10T12:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
    given(karen, refusal, withdrawal).at('2026-03-10T12:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
  });
});

describe('Wishes for CPR, re-assessments and typos — a second look', () => {
  // »Patienten kan til enhver tid trække sin beslutning tilbage.« (000 U4); »Patientens ændring eller tilbagekaldelse
  //  træder i kraft, så snart tilkendegivelsen er fremsat …« (000 U6)
  it('C60 (R5.3b) competent, admitted with heart failure, she revokes her will for this admission — her own refusal for the same illness no longer applies either', () => {
    const hf = { id: 'hjertesvigt-2026', description: 'Hjertesvigt NYHA IV', diagnoses: ['DI500'] };
    const own = decisionMade({ basis: 'patient', illnessSituation: hf, decidedAt: '2026-02-10T10:00:00+01:00' }, { by: gpPhysician });
    const events = accepted([karen, own], { ...revokeTemporarily({ instrument: 'testament', patientCompetent: true, illnessSituation: hf, statedAt: '2026-03-02T10:00:00+01:00' }, 'nurse'), by: hospitalNurse }, '2026-03-02T10:01:00+01:00');
    given(...events).at('2026-03-02T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Enhver habil patient … kan i den aktuelle sygdomssituation fravælge genoplivningsforsøg.« (000 U4) — a wish for
  // CPR does not take away the right to refuse again later; the newer word of a competent patient stands.
  it('C61 after wanting CPR on admission, two days later she tells the physician she does not want it after all: her new refusal is in force', () => {
    const pneu = { id: 'pneumoni-2026-03', description: 'Pneumoni hos patient med KOL', diagnoses: ['DJ189'] };
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-02T10:00:00+01:00', illnessSituation: pneu }, { by: hospitalNurse });
    const events = accepted([karen, wish], makeDecision({ basis: 'patient', illnessSituation: pneu, decidedAt: '2026-03-04T10:00:00+01:00' }), '2026-03-04T10:01:00+01:00');
    given(...events).at('2026-03-04T11:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
  });

  // »En sådan midlertidig tilbagekaldelse træder i kraft med det samme …« … »Hvis borgerens tilstand forbedres
  //  væsentligt så borgeren kan udskrives, gælder den midlertidige tilbagekaldelse ikke længere.« (000 U5) — an
  // improvement dated next week by mistake must not end a wish for CPR in advance; a registration dated tomorrow
  // has not happened.
  it('C62 typos in an improvement\'s date and in a registration date are refused (R1.4)', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' }, { by: homeNurse });
    given(karen, register).when(recordImprovement('nurse', { at: '2026-03-17T10:00:00+01:00', dischargeable: true }), '2026-03-10T10:00:00+01:00').thenRejected({ rule: 'R1.4' });
    given(karen).when(makeDecision({ basis: 'register', registeredAt: '2026-03-11', decidedAt: '2026-03-10T10:00:00+01:00' }, 'nurse'), '2026-03-10T10:01:00+01:00').thenRejected({ rule: 'R1.4' });
  });

  // »Patienten kan, så længe denne er habil, … midlertidigt at trække det tilbage.« (000 U6) and pkt. 2 on doubt:
  // a competent patient who says "this time I want to be resuscitated" has taken back every refusal she made herself.
  it('C63 (R5.3b) a competent patient revokes her registered refusal for this admission; later in the admission her will would apply — CPR', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' }, { by: homeNurse });
    const pneu = { id: 'pneumoni-2026-03', description: 'Pneumoni' };
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-02T10:00:00+01:00', illnessSituation: pneu }, { by: hospitalNurse });
    const events = accepted([karen, register, wish], activateTestament({ situation: 'irreversibly_dying', assessedAt: '2026-03-06T10:00:00+01:00' }), '2026-03-06T10:01:00+01:00');
    given(...events).at('2026-03-06T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Det er den behandlingsansvarlige læge, der skal vurdere, om patienten er varigt inhabil og befinder sig i en af de
  //  situationer, som testamentet vedrører.« (000 U6)
  it('C64 (R6.8) after the improvement the physician re-assesses the will: kept ⇒ flag cleared; no longer covered ⇒ withdrawn, CPR', () => {
    const activation = testamentActivated({ situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-20T10:00:00+01:00' }, { by: homeNurse });
    const kept = accepted([karen, activation, better], { ...revise(activationIdOf(activation), 'reaffirm', 'physician', '2026-03-22T10:00:00+01:00'), by: gpPhysician }, '2026-03-22T10:01:00+01:00');
    const s = statusOf(kept, '2026-03-22T11:00:00+01:00');
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'testament' });
    expect(codes(s)).not.toContain('REEVALUATION_REQUIRED');
    const ended = accepted([karen, activation, better], { ...revise(activationIdOf(activation), 'withdraw', 'physician', '2026-03-22T10:00:00+01:00', { reason: 'Ikke længere varigt inhabil' }), by: gpPhysician }, '2026-03-22T10:01:00+01:00');
    given(...ended).at('2026-03-22T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Hvis patienten ikke fastholder sit ønske, skal den behandlingsansvarlige læge og eventuelle relevante øvrige
  //  sundhedspersoner orienteres herom.« (000 U4) — once the nurse has asked and the patient does not maintain the
  // wish, the clarification is done: the status must not go on telling staff to clarify it.
  it('C65 after the lapse the nurse asks; the patient no longer wants to refuse — recorded as withdrawn, CPR, nothing left to clarify', () => {
    const pneu = { id: 'pneumoni-2026-03', description: 'Svær lungebetændelse', diagnoses: ['DJ189'] };
    const refusal = decisionMade({ basis: 'patient', illnessSituation: pneu, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: hospitalPhysician });
    const better = conditionImproved({ at: '2026-03-08T10:00:00+01:00', dischargeable: true }, { by: hospitalNurse });
    const events = accepted([karen, refusal, better], { ...revise(refusal.data.decisionId, 'withdraw', 'nurse', '2026-03-08T14:00:00+01:00', { reason: 'Patienten fastholder ikke ønsket' }), by: hospitalNurse }, '2026-03-08T14:01:00+01:00');
    const s = statusOf(events, '2026-03-08T15:00:00+01:00');
    expect(s).toMatchObject({ status: 'ATTEMPT_CPR' });
    expect(codes(s)).not.toContain('CLARIFY_PATIENT_WISH');
  });

  // »I andre tilfælde kan situationen vare mange år, fx hvis situationen er, at patienten har en stabil, men kronisk
  //  sygdom.« (000 U4) — moving to a hospice does not end the illness situation.
  it('C66 transferred from the ward to a hospice with the same cancer: her own refusal still applies there', () => {
    const cancer = { id: 'pancreascancer', description: 'Metastaserende pancreascancer', diagnoses: ['DC259'] };
    const refusal = decisionMade({ basis: 'patient', illnessSituation: cancer, decidedAt: '2026-03-01T11:00:00+01:00' }, { by: hospitalPhysician });
    const transfer = handedOverTo({ kind: 'transfer', at: '2026-03-04T11:00:00+01:00', generalPractitioner: undefined }, { by: hospitalNurse });
    given(karen, refusal, transfer).at('2026-03-10T03:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
  });

  // »Alle tre fravalg er bindende for sundhedspersonerne, når testamentet er trådt i kraft.« (000 pkt. 7 f) — an
  // activation withdrawn (R6.7) does not stop a physician from finding the will in force again later.
  it('C67 the activation was withdrawn when she rallied; three weeks later she is irreversibly dying and the physician activates the will again — no CPR', () => {
    const first = testamentActivated({ situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const withdrawn = revised({ decisionId: activationIdOf(first), action: 'withdraw', revisedAt: '2026-03-08T10:00:00+01:00', reason: 'Bedring; ikke længere uafvendeligt døende' }, { by: hospitalPhysician });
    const events = accepted([karen, first, withdrawn], activateTestament({ situation: 'irreversibly_dying', assessedAt: '2026-03-29T10:00:00+02:00' }), '2026-03-29T10:01:00+02:00');
    given(...events).at('2026-03-29T11:00:00+02:00').expectStatus({ status: 'DNACPR', basis: 'testament' });
  });

  // pkt. 2: »… tvivl om, hvorvidt en af undtagelserne gælder, skal genoplivningsforsøg iværksættes.«; »En sådan
  //  midlertidig tilbagekaldelse træder i kraft med det samme …« (000 U5)
  it('C68 (R5.3b) she says "resuscitate me this time"; the nurse picks "testament" although only a registered refusal exists — CPR all the same', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' }, { by: homeNurse });
    const events = accepted([karen, register], { ...revokeTemporarily({ instrument: 'testament', patientCompetent: true, statedAt: '2026-03-02T10:00:00+01:00' }, 'nurse'), by: homeNurse }, '2026-03-02T10:01:00+01:00');
    given(...events).at('2026-03-02T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  // »Hvis borgerens tilstand forbedres væsentligt så borgeren kan udskrives, gælder den midlertidige tilbagekaldelse
  //  ikke længere.« (000 U5) — a wish for CPR told in January's admission does not reach a register found in April.
  it('C69 a wish for CPR ended with the January admission; in April the register is looked up for the first time — no CPR', () => {
    const jan = { id: 'pneumoni-2026-01', description: 'Pneumoni' };
    const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-01-10T10:00:00+01:00', illnessSituation: jan }, { by: hospitalNurse });
    const better = conditionImproved({ at: '2026-01-15T10:00:00+01:00', dischargeable: true, illnessSituationId: jan.id }, { by: hospitalPhysician });
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-04-10T10:00:00+02:00' }, { by: paramedic });
    given(karen, wish, better, register).at('2026-04-10T11:00:00+02:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });
});
