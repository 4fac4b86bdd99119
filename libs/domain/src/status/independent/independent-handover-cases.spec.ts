/**
 * Independent clinical cases (issue 10): who must be told. Written from VEJ nr. 9921 af 31/10/2024
 * pkt. 4 and the two local instructions, against the pure outbox projection (messages-owed.ts).
 * Each case names the situation, the Danish sentence, and the recipients the guidance requires.
 */
import { HandoverMessage } from '../../outbox/handover-message';
import { messagesCausedBy, messagesOwed } from '../../outbox/messages-owed';
import {
  activationIdOf, conditionImproved, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered, revised, temporarilyRevoked, testamentActivated,
} from '../../spec/builders';
import { recordHandover } from '../../spec/commands';
import { accepted, careWorker, gpPhysician, HOSPICE, homeNurse, hospicePhysician, hospitalNurse, hospitalPhysician, paramedic } from './testing/clinic';

const P = 'patient-handover-case';
const karen = patientRegistered('1948-03-01');
const to = (ms: HandoverMessage[]) => ms.map((m) => `${m.kind}→${m.recipient.sor ?? 'ingen SOR'}`).sort();
const korr = (sor: string) => `korrespondancemeddelelse→${sor}`;

const decided = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-05T11:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }, { by: hospitalNurse });

describe('Who must be told (VEJ 9921/2024 pkt. 4; 001 »Kommunikation på tværs af sektorer«; 002 §7)', () => {
  // »Tilsvarende skal den behandlingsansvarlige læge sikre, at beslutninger om fravalg af genoplivningsforsøg
  //  videregives til eventuel involveret præhospital enhed, den praktiserende læge og eventuelt modtagende
  //  behandlingssted ved udskrivelse eller overflytning.« (000 pkt. 4.1); »Beslutningen om fravalg af
  //  genoplivningsforsøg skal videreformidles via epikrisen. Epikrisen markeres med anbefaling om opfølgning
  //  (grøn).« … »Plejepersonalet i hjemmesygeplejen, plejecenter m.v. skal informeres direkte og så vidt muligt
  //  skriftligt …« (002 §7)
  it('H01 discharge from the medical ward to a nursing home: the GP gets a green epikrise, the nursing home the report and a direct letter — all saying no CPR', () => {
    const owed = messagesCausedBy([karen, decided, discharge], P);
    expect(to(owed)).toEqual([`epikrise→${GP.sor}`, `udskrivningsrapport→${NURSING_HOME.sor}`, korr(NURSING_HOME.sor)].sort());
    for (const m of owed) expect(m.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'physician', statement: 'Ingen lægelig indikation for genoplivningsforsøg ved hjertestop' });
    expect(owed.find((m) => m.kind === 'epikrise')?.followUp).toBe('green');
    // »Det skal fremgå, om beslutningen er truffet af lægen eller af borgeren …« (001)
    for (const m of owed) expect(m.text).toMatch(/læge/i);
  });

  // pkt. 2: »Hvis der er hjertestop, men tvivl om, hvorvidt en af undtagelserne gælder, skal genoplivningsforsøg
  //  iværksættes.« — silence must never read as "no refusal".
  it('H02 discharge of a patient without any refusal: the same letters are owed and say CPR must be attempted', () => {
    const owed = messagesCausedBy([karen, discharge], P);
    expect(to(owed)).toEqual([`epikrise→${GP.sor}`, `udskrivningsrapport→${NURSING_HOME.sor}`, korr(NURSING_HOME.sor)].sort());
    for (const m of owed) expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', statement: 'Genoplivning skal forsøges' });
  });

  // »… videregives til … den praktiserende læge … ved udskrivelse …« (000 pkt. 4.1) — a discharge that names no
  // GP still owes the GP the decision (R7.3a).
  it('H03 discharged at the weekend without the GP being named: the epikrise is still owed, waiting for its address', () => {
    const noGp = handedOverTo({ kind: 'discharge', at: '2026-03-07T15:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: undefined }, { by: hospitalNurse });
    const epikrise = messagesCausedBy([karen, decided, noGp], P).find((m) => m.kind === 'epikrise');
    expect(epikrise).toBeDefined();
    expect(epikrise?.recipient.sor).toBeUndefined();
    expect(epikrise?.resuscitation.status).toBe('DNACPR');
  });

  // »Hvis den behandlingsansvarlige læge vurderer, at beslutningen om fravalg skal ændres, skal lægen sikre, at de
  //  relevante øvrige sundhedspersoner og behandlingssteder informeres, herunder det behandlingssted, hvor
  //  fravalget oprindeligt er truffet.« (000 pkt. 4.1)
  it('H04 after discharge the GP withdraws the hospital\'s refusal: the nursing home and the hospital that made it are told', () => {
    const withdrawal = revised({ decisionId: decided.data.decisionId, action: 'withdraw', revisedAt: '2026-04-01T10:00:00+02:00' }, { by: gpPhysician });
    const owed = messagesCausedBy([karen, decided, discharge, withdrawal], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(HOSPITAL.sor), korr(NURSING_HOME.sor)]));
    for (const m of owed) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
  });

  // »Hvis patientens tilstand forbedres væsentligt, skal den behandlingsansvarlige læge kontaktes for at tage stilling
  //  til, om der er behov for at ændre den tidligere beslutning.« (000 U3); »Personalet skal give den
  //  behandlingsansvarlige læge tilbagemeldinger ved væsentlige ændringer i borgerens situation.« (001)
  it('H05 the nursing-home nurse records a significant improvement: the GP and the hospital that decided learn a re-evaluation is due', () => {
    const better = conditionImproved({ at: '2026-03-20T10:00:00+01:00' }, { by: homeNurse });
    const owed = messagesCausedBy([karen, decided, discharge, better], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(GP.sor), korr(HOSPITAL.sor)]));
    for (const m of owed) expect(m.resuscitation.flags.map((f) => f.code)).toContain('REEVALUATION_REQUIRED');
  });

  // »Når den behandlingsansvarlige læge har taget beslutning om eller revurderet en beslutning om fravalg af
  //  genoplivningsforsøg, skal lægen sikre, at relevante øvrige sundhedspersoner og behandlingssteder informeres om
  //  beslutningen …« (000 U3); »Alle beslutninger … herunder revurderinger, skal overleveres skriftligt eller
  //  elektronisk mellem de forskellige behandlingssteder.« (001)
  it('H06 (R7.1a) at the three-month review the GP re-evaluates and keeps the refusal: the nursing home and the hospital are told', () => {
    const kept = revised({ decisionId: decided.data.decisionId, action: 'reaffirm', revisedAt: '2026-06-01T10:00:00+02:00', reason: 'Revurderet ved kvartalsbesøg; uændret uafvendeligt døende' }, { by: gpPhysician });
    const owed = messagesCausedBy([karen, decided, discharge, kept], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(HOSPITAL.sor), korr(NURSING_HOME.sor)]));
    for (const m of owed) expect(m.resuscitation.status).toBe('DNACPR');
  });

  // »De øvrige sundhedspersoner på behandlingsstedet og det præhospitale personale skal desuden sikre den nødvendige
  //  videregivelse af oplysninger til det sygehus, hvor patienten indlægges, fx via indlæggelsesrapporten.« (000 pkt. 4.2)
  it('H07 (R7.2a) the ambulance crew records the admission from the nursing home: the receiving hospital is told of the GP\'s refusal', () => {
    const gpDecision = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: gpPhysician });
    const admission = { ...recordHandover('paramedic', { kind: 'admission', at: '2026-03-10T21:40:00+01:00', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined }), by: paramedic };
    const events = accepted([karen, gpDecision], admission, '2026-03-10T21:41:00+01:00');
    const owed = messagesCausedBy(events, P);
    expect(to(owed)).toContain(korr(HOSPITAL.sor));
    expect(owed.find((m) => m.recipient.sor === HOSPITAL.sor)?.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'physician' });
  });

  // »Sker tilbagekaldelsen overfor præhospitalt personale i en situation, hvor der ikke er en behandlingsansvarlig
  //  læge, skal informationen videregives til modtagende behandlingssted, jf. pkt. 4.« (000 U5)
  it('H08 on the way in, the patient tells the paramedic she wants CPR: the receiving hospital and the nursing home that recorded the register are told', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' }, { by: homeNurse });
    const admission = handedOverTo({ kind: 'admission', at: '2026-03-10T21:40:00+01:00', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined }, { by: paramedic });
    const wish = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-10T21:50:00+01:00', illnessSituation: { id: 'urosepsis', description: 'Urosepsis' } }, { by: paramedic });
    const owed = messagesCausedBy([karen, register, admission, wish], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(HOSPITAL.sor), korr(NURSING_HOME.sor)]));
    for (const m of owed) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
  });

  // »Hvis patienten ikke fastholder sit ønske, skal den behandlingsansvarlige læge og eventuelle relevante øvrige
  //  sundhedspersoner orienteres herom.« (000 U4); »… men herefter skal det bekræftes af lægen i journalen.« (001)
  it('H09 home care: the patient withdraws the refusal she made to her GP; no handover ever happened — the GP\'s practice must still be told', () => {
    const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-02-01T10:00:00+01:00', illnessSituation: { id: 'kol', description: 'KOL', diagnoses: ['DJ449'] } }, { by: gpPhysician });
    const withdrawal = revised({ decisionId: refusal.data.decisionId, action: 'withdraw', revisedAt: '2026-03-09T19:30:00+01:00' }, { by: careWorker });
    const owed = messagesCausedBy([karen, refusal, withdrawal], P);
    expect(to(owed)).toContain(korr(GP.sor));
    expect(owed[0]?.resuscitation.status).toBe('ATTEMPT_CPR');
  });

  // »Vurderes et registreret fravalg ugyldigt, skal sundhedspersonens vurdering af fravalgets ugyldighed og
  //  orienteringen af Styrelsen for Patientsikkerhed journalføres.« (000 pkt. 6); the sites that were told the
  //  patient must not be resuscitated must learn she must be (000 pkt. 4.1, »herunder det behandlingssted …«).
  it('H10 (R5.5) the GP declares the registration invalid: the hospital that recorded it and the nursing home are told', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2026-01-20', decidedAt: '2026-03-01T10:00:00+01:00' }, { by: hospitalNurse });
    const invalid = revised({
      decisionId: register.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-10T10:00:00+01:00',
      assessment: 'Varigt inhabil (svær demens) før registreringen', incompetence: 'permanent', reportedToStps: { at: '2026-03-10' },
    }, { by: gpPhysician });
    const owed = messagesCausedBy([karen, register, discharge, invalid], P);
    expect(to(owed)).toEqual(expect.arrayContaining([korr(HOSPITAL.sor), korr(NURSING_HOME.sor)]));
    for (const m of owed) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
  });

  // Each letter states what held when it was written (handover-messages.md): the discharge letters said no CPR; the
  // later withdrawal's letters say CPR. A replay must not rewrite the discharge letters with today's answer.
  it('H11 replaying the whole record: the discharge letters keep "no CPR", the withdrawal\'s letters say "CPR"', () => {
    const withdrawal = revised({ decisionId: decided.data.decisionId, action: 'withdraw', revisedAt: '2026-04-01T10:00:00+02:00' }, { by: gpPhysician });
    const all = messagesOwed([karen, decided, discharge, withdrawal], P);
    for (const m of all.filter((x) => x.causedBy === discharge.eventId)) expect(m.resuscitation.status).toBe('DNACPR');
    const later = all.filter((x) => x.causedBy === withdrawal.eventId);
    expect(later.length).toBeGreaterThan(0);
    for (const m of later) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
  });

  // »Når den behandlingsansvarlige læge har vurderet, at patientens testamente er trådt i kraft, skal lægen sikre, at
  //  øvrige relevante sundhedspersoner og behandlingssteder orienteres om vurderingen.« (000 U6) and pkt. 4.1
  //  »… herunder det behandlingssted, hvor fravalget oprindeligt er truffet.«
  it('H12 (R6.7) the hospital found the will in force and transferred her to a hospice; the hospice physician withdraws the activation — the hospital is told', () => {
    const activation = testamentActivated({ situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' }, { by: hospitalPhysician });
    const transfer = handedOverTo({ kind: 'transfer', at: '2026-03-06T11:00:00+01:00', from: HOSPITAL, to: HOSPICE, generalPractitioner: undefined }, { by: hospitalNurse });
    const toHospice = messagesCausedBy([karen, activation, transfer], P);
    expect(to(toHospice)).toEqual([korr(HOSPICE.sor)]);
    expect(toHospice[0]?.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'testament' });
    const withdrawn = revised({ decisionId: activationIdOf(activation), action: 'withdraw', revisedAt: '2026-03-08T10:00:00+01:00', reason: 'Testamentet er tilbagekaldt på sundhed.dk' }, { by: hospicePhysician });
    const owed = messagesCausedBy([karen, activation, transfer, withdrawn], P);
    expect(to(owed)).toContain(korr(HOSPITAL.sor));
    for (const m of owed) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
  });
});


describe('Who must be told — an evening discharge, and the words of the letter', () => {
  // »Hvis udskrivning foregår på tidspunkter, hvor sygehuset ikke kan regne med, at udskrivningsrapporten tilgås
  //  umiddelbart, skal der rettes telefonisk henvendelse til relevant personale i kommunen.« and »Det skal fremgå, om
  //  beslutningen er truffet af lægen eller af borgeren, fordi muligheden for revurdering i primærsektor er forskellig
  //  i de 2 situationer« (001)
  it('H13 discharged at 21.30 with her own refusal: the report asks for a phone call, and every letter says it is the patient\'s decision, bound to the illness situation', () => {
    const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T11:00:00+01:00', illnessSituation: { id: 'kol', description: 'KOL, GOLD D', diagnoses: ['DJ449'] } }, { by: hospitalPhysician });
    const late = handedOverTo({ kind: 'discharge', at: '2026-03-05T21:30:00+01:00', outOfHours: true }, { by: hospitalNurse });
    const owed = messagesCausedBy([karen, refusal, late], P);
    expect(owed.find((m) => m.kind === 'udskrivningsrapport')?.phoneContactRequired).toBe(true);
    for (const m of owed) {
      expect(m.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'patient', statement: 'Patienten er habil og ønsker ikke genoplivningsforsøg ved hjertestop' });
      expect(m.text).toMatch(/sygdomssituation/);
    }
  });

  // »Hvis den behandlingsansvarlige læge vurderer, at beslutningen om fravalg skal ændres, skal lægen sikre, at de
  //  relevante øvrige sundhedspersoner og behandlingssteder informeres, herunder det behandlingssted, hvor fravalget
  //  oprindeligt er truffet.« (000 pkt. 4.1) — the other direction: decided in general practice, changed in hospital.
  it('H14 the GP\'s refusal came with the admission; the hospital physician withdraws it — the GP\'s practice is told', () => {
    const gpDecision = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: gpPhysician });
    const admission = handedOverTo({ kind: 'admission', at: '2026-03-10T21:40:00+01:00', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined }, { by: paramedic });
    const withdrawal = revised({ decisionId: gpDecision.data.decisionId, action: 'withdraw', revisedAt: '2026-03-12T10:00:00+01:00', reason: 'Reversibel årsag fundet og behandlet' }, { by: hospitalPhysician });
    const owed = messagesCausedBy([karen, gpDecision, admission, withdrawal], P);
    expect(to(owed)).toContain(korr(GP.sor));
    for (const m of owed) expect(m.resuscitation.status).toBe('ATTEMPT_CPR');
  });

  // »Angivelsen af beslutningen skal være tydelig, og der må ikke være tvivl om betydningen.« (001) and
  // »Forkortelser/koder om beslutningen kan alene anvendes som supplement til det egentlige journalnotat om
  //  beslutningen.« (000 pkt. 6); handover-messages.md (2026-11-22): roles in words, grounds in the guidance's words,
  // Danish time as »1. marts 2026 kl. 14.00«, no rule ids, enum codes, English or UTC/ISO timestamps.
  // (Written after reading the letters' text in the review step — not one of the blind cases.)
  it('H15 the letter the nursing-home nurse reads is plain clinical Danish: no codes, rule ids or ISO times', () => {
    const oral = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], oral: true, decidedAt: '2026-03-01T14:00:00+01:00' }, { by: hospitalPhysician });
    const letter = messagesCausedBy([karen, oral, discharge], P).find((m) => m.kind === 'korrespondancemeddelelse');
    const text = letter?.text ?? '';
    expect(text).toContain('1. marts 2026 kl. 14.00');
    expect(text).toMatch(/uafvendeligt døende/);
    expect(text).not.toMatch(/\bR\d+\.\d/); // rule ids
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}(T|\b)/); // ISO dates and times
    expect(text).not.toMatch(/physician|nurse|irreversibly_dying|severe_|WRITTEN_CONFIRMATION_PENDING|REEVALUATION_REQUIRED/); // codes
    expect(text).not.toContain(HOSPITAL.sor); // a SOR number is not how a nurse knows a hospital
  });
});
