/**
 * Clinical vignettes written from the guidance (VEJ 9921/2024 and the local instructions).
 * Each row: what happened, when we ask, and what the crew must be told.
 */
import { PatientEvent } from '../events/patient-event';
import { PatientCommand } from '../commands/commands';
import { RuleId } from '../decider/rejection';
import { decideDelivery, HandoverMessage, isSite, messagesCausedBy } from '../index';
import {
  activationIdOf, actor, conditionImproved, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered, revised, temporarilyRevoked, testamentActivated, willLookedUp,
} from '../spec/builders';
import { activateTestament, makeDecision, recordHandover } from '../spec/commands';
import { given } from '../spec/given';
import { instantOf } from '../time/danish-time';
import { accepted, AMBULANCE, HOME_CARE, homeNurse, hospitalNurse, hospitalPhysician, paramedic } from './independent/testing/clinic';
import { ResuscitationStatus } from './resuscitation-status';

type Expected = { status: 'DNACPR' | 'ATTEMPT_CPR'; basis: string | null; reason: string | null };
const dnacpr = (basis: string): Expected => ({ status: 'DNACPR', basis, reason: null });
const attempt = (reason: string): Expected => ({ status: 'ATTEMPT_CPR', basis: null, reason });

const old = patientRegistered('1948-03-01'); // 78 in 2026
const hip = { id: 'hip-2026', description: 'Hoftefraktur' };
const copd = { id: 'kol-2026', description: 'KOL-exacerbation' };

/** `also`: what else the guidance requires the crew to be shown (a flag, the documented look-up). */
function vignette(name: string, build: () => { events: PatientEvent[]; at: string; expected: Expected; also?: (s: ResuscitationStatus) => void }) {
  return [name, build] as const;
}

const reg = (registeredAt: string, decidedAt = '2026-03-20T09:00:00+01:00') => decisionMade({ basis: 'register', registeredAt, decidedAt });
const phys = (decidedAt: string, extra: object = {}) => decisionMade({ basis: 'physician', decidedAt, ...extra });
const pat = (decidedAt: string, illnessSituation = hip) => decisionMade({ basis: 'patient', decidedAt, illnessSituation });

const vignettes = [
  vignette('78-year-old, registered refusal 3 days ago, admitted with hip fracture', () => ({
    events: [old, reg('2026-03-17')], at: '2026-03-20T14:00:00+01:00', expected: attempt('REGISTER_NOT_YET_EFFECTIVE'),
  })),
  vignette('78-year-old, registered refusal 3 days ago, tells the nurse she wants CPR this time', () => ({
    events: [old, reg('2026-03-17'), temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-20T15:00:00+01:00', illnessSituation: hip })],
    at: '2026-03-25T14:00:00+01:00', expected: attempt('TEMPORARILY_REVOKED'),
  })),
  vignette('registered refusal a year ago, found in cardiac arrest at the bus stop (accident)', () => ({
    events: [old, reg('2025-03-01')], at: '2026-03-20T14:00:00+01:00', expected: dnacpr('register'),
  })),
  vignette('registered refusal; revoked during pneumonia; discharged well: refusal back', () => ({
    events: [old, reg('2025-03-01'), temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-01T10:00:00+01:00', illnessSituation: copd }), conditionImproved({ at: '2026-03-10T10:00:00+01:00', dischargeable: true, illnessSituationId: copd.id })],
    at: '2026-03-11T10:00:00+01:00', expected: dnacpr('register'),
  })),
  vignette('registered refusal; revoked during pneumonia; improving but not dischargeable', () => ({
    events: [old, reg('2025-03-01'), temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-01T10:00:00+01:00', illnessSituation: copd }), conditionImproved({ at: '2026-03-05T10:00:00+01:00', dischargeable: false, illnessSituationId: copd.id })],
    at: '2026-03-06T10:00:00+01:00', expected: attempt('TEMPORARILY_REVOKED'),
  })),
  vignette('citizen deleted the registration on sundhed.dk; register looked up again', () => {
    const r = reg('2025-03-01');
    return { events: [old, r, revised({ decisionId: r.data.decisionId, action: 'withdraw', revisedAt: '2026-04-01T10:00:00+02:00' }, { by: actor('nurse') })], at: '2026-04-02T10:00:00+02:00', expected: attempt('DECISION_WITHDRAWN') };
  }),
  vignette('register refusal and a physician decision: the register is shown (R5.2)', () => ({
    events: [old, reg('2025-03-01'), phys('2026-03-01T10:00:00+01:00')], at: '2026-03-02T10:00:00+01:00', expected: dnacpr('register'),
  })),
  vignette('register revoked for this admission but the physician has decided no CPR', () => ({
    events: [old, reg('2025-03-01'), temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-01T10:00:00+01:00' }), phys('2026-03-02T10:00:00+01:00')],
    at: '2026-03-03T10:00:00+01:00', expected: dnacpr('physician'),
  })),
  vignette('terminal cancer, physician decided no CPR at the hospital, discharged to home care', () => ({
    events: [old, phys('2026-02-01T10:00:00+01:00'), handedOverTo({ at: '2026-02-05T12:00:00+01:00' })], at: '2026-02-20T03:00:00+01:00', expected: dnacpr('physician'),
  })),
  vignette('physician decision, then the patient recovered markedly (re-evaluation pending)', () => ({
    events: [old, phys('2026-02-01T10:00:00+01:00'), conditionImproved({ at: '2026-02-15T10:00:00+01:00', dischargeable: true })], at: '2026-02-16T10:00:00+01:00', expected: dnacpr('physician'),
  })),
  vignette('GP withdrew the hospital physician decision after recovery', () => {
    const d = phys('2026-02-01T10:00:00+01:00');
    return { events: [old, d, revised({ decisionId: d.data.decisionId, action: 'withdraw', revisedAt: '2026-03-01T10:00:00+01:00' })], at: '2026-03-02T10:00:00+01:00', expected: attempt('DECISION_WITHDRAWN') };
  }),
  vignette('terminal declaration only, no explicit decision (R3.2)', () => ({
    events: [old, handedOverTo({ at: '2026-02-05T12:00:00+01:00' })], at: '2026-02-06T10:00:00+01:00', expected: attempt('NO_PRIOR_DECISION'),
  })),
  vignette('oral decision by the on-call doctor at night, not yet in writing', () => ({
    events: [old, phys('2026-03-01T02:00:00+01:00', { oral: true })], at: '2026-03-01T04:00:00+01:00', expected: dnacpr('physician'),
  })),
  vignette('relatives say she does not want CPR; nothing recorded (R2.2)', () => ({
    events: [old], at: '2026-03-01T04:00:00+01:00', expected: attempt('NO_PRIOR_DECISION'),
  })),
  vignette('COPD patient refused CPR to the physician during admission', () => ({
    events: [old, pat('2026-03-01T10:00:00+01:00', copd)], at: '2026-03-02T10:00:00+01:00', expected: dnacpr('patient'),
  })),
  vignette('COPD patient refused CPR, then improved significantly (R4.5)', () => ({
    events: [old, pat('2026-03-01T10:00:00+01:00', copd), conditionImproved({ at: '2026-03-08T10:00:00+01:00', dischargeable: true, illnessSituationId: copd.id })],
    at: '2026-03-09T10:00:00+01:00', expected: attempt('DECISION_LAPSED'),
  })),
  vignette('patient refused, improved, maintained the wish and the physician assessed anew', () => {
    const d = pat('2026-03-01T10:00:00+01:00', copd);
    return { events: [old, d, conditionImproved({ at: '2026-03-08T10:00:00+01:00', illnessSituationId: copd.id, dischargeable: true }), revised({ decisionId: d.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-09T10:00:00+01:00' })], at: '2026-03-10T10:00:00+01:00', expected: dnacpr('patient') };
  }),
  vignette('patient refused, then told the care worker at night she wants CPR after all (R4.4)', () => {
    const d = pat('2026-03-01T10:00:00+01:00');
    return { events: [old, d, revised({ decisionId: d.data.decisionId, action: 'withdraw', revisedAt: '2026-03-03T02:00:00+01:00' }, { by: actor('care_worker') })], at: '2026-03-03T02:05:00+01:00', expected: attempt('DECISION_WITHDRAWN') };
  }),
  vignette('patient refusal in one illness, improvement recorded in another illness', () => ({
    events: [old, pat('2026-03-01T10:00:00+01:00', copd), conditionImproved({ at: '2026-03-05T10:00:00+01:00', illnessSituationId: hip.id })], at: '2026-03-06T10:00:00+01:00', expected: dnacpr('patient'),
  })),
  vignette('patient refusal and physician decision: the physician basis is shown', () => ({
    events: [old, pat('2026-03-01T10:00:00+01:00'), phys('2026-03-02T10:00:00+01:00')], at: '2026-03-03T10:00:00+01:00', expected: dnacpr('physician'),
  })),
  vignette('patient refusal lapsed, but a physician decision stands', () => ({
    events: [old, pat('2026-03-01T10:00:00+01:00'), phys('2026-03-02T10:00:00+01:00'), conditionImproved({ at: '2026-03-05T10:00:00+01:00' })], at: '2026-03-06T10:00:00+01:00', expected: dnacpr('physician'),
  })),
  vignette('dementia, permanently incompetent, behandlingstestamente irreversibly dying', () => ({
    events: [old, testamentActivated({ assessedAt: '2026-03-01T10:00:00+01:00' })], at: '2026-03-02T10:00:00+01:00', expected: dnacpr('testament'),
  })),
  vignette('livstestamente, severe disability: advisory only', () => ({
    events: [old, testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-01T10:00:00+01:00' })], at: '2026-03-02T10:00:00+01:00', expected: attempt('TESTAMENT_ADVISORY_ONLY'),
  })),
  vignette('behandlingstestamente severe suffering, conditional, relatives not yet reached', () => ({
    events: [old, testamentActivated({ situation: 'severe_suffering', conditionalOnRelatives: true, assessedAt: '2026-03-01T10:00:00+01:00' })], at: '2026-03-02T10:00:00+01:00', expected: attempt('AWAITING_RELATIVES_ACCEPTANCE'),
  })),
  vignette('behandlingstestamente severe disability, conditional, relatives accepted', () => ({
    events: [old, testamentActivated({ situation: 'severe_disability', conditionalOnRelatives: true, assessedAt: '2026-03-01T10:00:00+01:00' }), testamentActivated({ situation: 'severe_disability', conditionalOnRelatives: true, relativesAccepted: true, assessedAt: '2026-03-01T16:00:00+01:00' })],
    at: '2026-03-02T10:00:00+01:00', expected: dnacpr('testament'),
  })),
  vignette('will in force, but the patient changed it temporarily while competent earlier this admission', () => ({
    events: [old, temporarilyRevoked({ instrument: 'testament', patientCompetent: true, statedAt: '2026-02-25T10:00:00+01:00', illnessSituation: copd }), testamentActivated({ assessedAt: '2026-03-01T10:00:00+01:00' })],
    at: '2026-03-02T10:00:00+01:00', expected: attempt('TEMPORARILY_REVOKED'),
  })),
  vignette('will in force and a registered refusal: the register is shown (R6.5)', () => ({
    events: [old, testamentActivated({ assessedAt: '2026-03-01T10:00:00+01:00' }), reg('2025-01-01')], at: '2026-03-21T10:00:00+01:00', expected: dnacpr('register'),
  })),
  vignette('register pending and will advisory: nothing binds yet', () => ({
    events: [old, reg('2026-03-18'), testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-19T10:00:00+01:00' })],
    at: '2026-03-20T10:00:00+01:00', expected: attempt('TESTAMENT_ADVISORY_ONLY'),
  })),
  vignette('register refusal becomes effective at Danish midnight on day 7 (summer time)', () => ({
    events: [old, reg('2026-06-01', '2026-06-02T10:00:00+02:00')], at: '2026-06-08T00:00:00+02:00', expected: dnacpr('register'),
  })),
  vignette('one minute before Danish midnight on day 7 it is still pending', () => ({
    events: [old, reg('2026-06-01', '2026-06-02T10:00:00+02:00')], at: '2026-06-07T23:59:00+02:00', expected: attempt('REGISTER_NOT_YET_EFFECTIVE'),
  })),
  vignette('a decision dated tomorrow (planned) is not in force today', () => ({
    events: [old, phys('2026-03-05T10:00:00+01:00')], at: '2026-03-04T10:00:00+01:00', expected: attempt('NO_PRIOR_DECISION'),
  })),
  vignette('re-admitted with a new illness after a withdrawn patient refusal', () => {
    const d = pat('2026-01-01T10:00:00+01:00');
    return { events: [old, d, revised({ decisionId: d.data.decisionId, action: 'withdraw', revisedAt: '2026-01-10T10:00:00+01:00' }), handedOverTo({ at: '2026-03-01T10:00:00+01:00', kind: 'admission' })], at: '2026-03-02T10:00:00+01:00', expected: attempt('DECISION_WITHDRAWN') };
  }),
  // »… gælder, indtil lægen eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet« (000 U3):
  // a physician who withdraws a decision has decided otherwise for the patient — every physician decision made by
  // then ends with it (third clinical review, R05; before, the other decision held). One made afterwards holds.
  vignette('two physician decisions, the older withdrawn after the newer was made: neither holds', () => {
    const a = phys('2026-01-01T10:00:00+01:00');
    return { events: [old, a, phys('2026-02-01T10:00:00+01:00'), revised({ decisionId: a.data.decisionId, action: 'withdraw', revisedAt: '2026-02-10T10:00:00+01:00' })], at: '2026-02-11T10:00:00+01:00', expected: attempt('DECISION_WITHDRAWN') };
  }),
  vignette('a physician decision withdrawn, then a new one made: the new one holds', () => {
    const a = phys('2026-01-01T10:00:00+01:00');
    return { events: [old, a, revised({ decisionId: a.data.decisionId, action: 'withdraw', revisedAt: '2026-01-10T10:00:00+01:00' }), phys('2026-02-01T10:00:00+01:00')], at: '2026-02-11T10:00:00+01:00', expected: dnacpr('physician') };
  }),
];

/**
 * The rules added on 2026-11-22, one vignette each, with the Danish sentence it rests on
 * (000 = VEJ nr. 9921 af 31/10/2024; 001 = the municipal instruction).
 */
const secondPass = [
  // R1.4 — 000 undtagelse 5: »En sådan midlertidig tilbagekaldelse træder i kraft med det samme«
  vignette('R1.4 night shift: the withdrawal is typed with tomorrow\'s date; the crew is called an hour later', () => {
    const d = pat('2026-03-01T10:00:00+01:00');
    const w = revised({ decisionId: d.data.decisionId, action: 'withdraw', revisedAt: '2026-03-04T02:00:00+01:00' }, { recordedAt: '2026-03-03T02:00:00+01:00', by: actor('nurse') });
    return { events: [old, d, w], at: '2026-03-03T03:00:00+01:00', expected: attempt('DECISION_WITHDRAWN') };
  }),
  // R4.5a — 000 undtagelse 4: »Hvis patienten får det væsentligt bedre, er der ikke længere tale om den samme situation.«
  vignette('R4.5a KOL refusal lapsed on improvement; months later a new refusal in a new illness (lung cancer)', () => ({
    events: [old, pat('2026-01-01T10:00:00+01:00', copd), conditionImproved({ at: '2026-01-20T10:00:00+01:00', illnessSituationId: copd.id, dischargeable: true }), pat('2026-04-01T10:00:00+02:00', { id: 'lungecancer', description: 'Lungecancer, palliativ fase' })],
    at: '2026-04-02T10:00:00+02:00', expected: dnacpr('patient'),
  })),
  // R4.6 — 000 undtagelse 4: »Et sådant fravalg skal efterleves, hvis det er sket overfor lægen i den aktuelle sygdomssituation«
  vignette('R4.6 refused CPR to the physician with advanced ALS, later permanently incompetent', () => ({
    events: [old, pat('2026-01-10T10:00:00+01:00', { id: 'als', description: 'ALS, fremskreden' }), testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-01T10:00:00+01:00' })],
    at: '2026-03-02T10:00:00+01:00', expected: dnacpr('patient'),
  })),
  // R5.3b — 000 undtagelse 4: »Patienten kan til enhver tid trække sin beslutning tilbage.«
  vignette('R5.3b refused CPR for pneumonia, then tells the night nurse she wants CPR after all; the nurse records it as a revocation', () => ({
    events: [old, pat('2026-03-01T10:00:00+01:00', { id: 'pneumoni', description: 'Lungebetændelse' }), temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-03T02:00:00+01:00', illnessSituation: { id: 'pneumoni', description: 'Lungebetændelse' } })],
    at: '2026-03-03T03:00:00+01:00', expected: attempt('TEMPORARILY_REVOKED'),
  })),
  // R5.5 — 000 undtagelse 5: »… er registreringen ikke bindende for sundhedspersonen.«
  vignette('R5.5 registered at 61 while the GP had already assessed her permanently incompetent (dementia)', () => {
    const r = reg('2025-05-01');
    const invalid = revised({ decisionId: r.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-05T10:00:00+01:00', assessment: 'Vurderet varigt inhabil af mig i 2024 (demens)', reportedToStps: { at: '2026-03-05' } }, { by: actor('physician') });
    return { events: [old, r, invalid], at: '2026-03-06T10:00:00+01:00', expected: attempt('DECISION_WITHDRAWN') };
  }),
  // R6.6 — 002 pkt. 6: »Det skal dokumenteres i epj, hvem der har foretaget opslag samt hvornår og med hvilket resultat, der er foretaget opslag i et behandlings- eller livstestamente.«
  // (Until a physician has assessed her, the will found binds nobody: attempt CPR, R6.1.)
  vignette('R6.6 admitted confused: last year\'s look-up found nothing, today the ward nurse finds a behandlingstestamente — shown with who, when and what was found', () => {
    const lastYear = willLookedUp({ at: '2025-03-01T10:00:00+01:00', result: 'not_found' }, { by: homeNurse });
    const today = willLookedUp({ at: '2026-03-01T10:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['irreversibly_dying'] }, { by: hospitalNurse });
    return {
      events: [old, lastYear, today], at: '2026-03-02T10:00:00+01:00', expected: attempt('NO_PRIOR_DECISION'),
      also: (s) => expect(s.willLookup).toEqual({
        lookupId: today.data.lookupId, at: '2026-03-01T10:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['irreversibly_dying'],
        lookedUpBy: { name: hospitalNurse.name, role: 'nurse', org: HOSPITAL.sor },
      }),
    };
  }),
  // R6.7 — 000 undtagelse 6: »fuldstændigt tilbagekalde sit behandlings- eller livstestamente … via digital selvbetjening på sundhed.dk«
  vignette('R6.7 the will was revoked in full on sundhed.dk; the physician withdraws the activation', () => {
    const w = testamentActivated({ assessedAt: '2026-03-01T10:00:00+01:00' });
    return { events: [old, w, revised({ decisionId: activationIdOf(w), action: 'withdraw', revisedAt: '2026-03-04T10:00:00+01:00' })], at: '2026-03-05T10:00:00+01:00', expected: attempt('DECISION_WITHDRAWN') };
  }),
  // R6.8 — 000 undtagelse 6: »Det er den behandlingsansvarlige læge, der skal vurdere, om patienten er varigt inhabil og befinder sig i en af de situationer, som testamentet vedrører.«
  vignette('R6.8 will in force; the patient improves markedly: the will still applies, flagged for the physician to judge it again', () => {
    const will = testamentActivated({ assessedAt: '2026-03-01T10:00:00+01:00' });
    return {
      events: [old, will, conditionImproved({ at: '2026-03-10T10:00:00+01:00' })], at: '2026-03-11T10:00:00+01:00', expected: dnacpr('testament'),
      also: (s) => expect(s.flags).toContainEqual(expect.objectContaining({ code: 'REEVALUATION_REQUIRED', rule: 'R6.8', instrumentId: activationIdOf(will) })),
    };
  }),
];

/** What a clinician tries to record, and whether the service must refuse it (decider rules added on 2026-11-22). */
const refusedRecordings: Array<readonly [string, () => { events: PatientEvent[]; command: PatientCommand; now: string; rule: RuleId }]> = [
  // R1.4 — stated times describe what has happened; a typo in the year must not create a refusal that takes effect later.
  ['R1.4 the physician types 2027 for 2026 in decidedAt', () => ({ events: [old], command: makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2027-03-01T10:00:00+01:00' }), now: '2026-03-01T10:05:00+01:00', rule: 'R1.4' })],
  // R4.3a — 000 undtagelse 4: »Almen alderdomssvækkelse alene er ikke nok.«
  ['R4.3a a 94-year-old refuses CPR with »alderdomssvækkelse« as the illness situation', () => ({ events: [old], command: makeDecision({ basis: 'patient', illnessSituation: { id: 'alder', description: 'Alderdomssvækkelse', diagnoses: ['DR54'] } }), now: '2026-03-01T10:05:00+01:00', rule: 'R4.3' })],
  // R4.7 — 001: »Varigt inhabile borgere kan ikke fravælge genoplivningsforsøg …«
  ['R4.7 a patient refusal for a patient already assessed permanently incompetent', () => ({ events: [old, testamentActivated({ assessedAt: '2026-02-01T10:00:00+01:00' })], command: makeDecision({ basis: 'patient', illnessSituation: copd }), now: '2026-03-01T10:05:00+01:00', rule: 'R4.7' })],
  // R6.1a — 000 undtagelse 6: »… kan en habil patient, der er fyldt 18 år …«; note 14: »Livstestamenter kunne oprettes indtil 1. januar 2019.«
  ['R6.1a a 16-year-old with a »behandlingstestamente«', () => ({ events: [patientRegistered('2010-01-01')], command: activateTestament({ assessedAt: '2026-03-01T10:00:00+01:00' }), now: '2026-03-01T10:05:00+01:00', rule: 'R6.1' })],
  ['R6.1a a 20-year-old with a »livstestamente«', () => ({ events: [patientRegistered('2006-01-01')], command: activateTestament({ kind: 'livstestamente', assessedAt: '2026-03-01T10:00:00+01:00' }), now: '2026-03-01T10:05:00+01:00', rule: 'R6.1' })],
];

describe('clinical vignettes, second pass (2026-11-22)', () => {
  it.each(secondPass)('%s', (_name, build) => {
    const { events, at, expected, also } = build();
    const s = given(...events).at(at).status();
    expect({ status: s.status, basis: s.basis, reason: s.reason }).toEqual(expected);
    also?.(s);
  });

  it.each(refusedRecordings)('%s: refused', (_name, build) => {
    const { events, command, now, rule } = build();
    given(...events).when(command, now).thenRejected({ kind: 'rule', rule });
  });
});

/**
 * Who is told (R7, added on 2026-11-22), one vignette each, against the pure outbox projection: the messages the
 * last event owes (messagesCausedBy), each with the Danish sentence it rests on (000 = VEJ nr. 9921 af 31/10/2024).
 */
describe('clinical vignettes, who is told (2026-11-22)', () => {
  const P = 'patient-vignette';
  const to = (ms: HandoverMessage[]) => ms.map((m) => `${m.kind}→${m.recipient.sor ?? m.recipient.name}`).sort();
  const korr = (sor: string) => `korrespondancemeddelelse→${sor}`;
  const homeCareNurse = actor('nurse', { sub: 'hc-nurse', name: 'Sygeplejerske Lone Friis', org: HOME_CARE.sor, orgName: HOME_CARE.name, sector: 'municipality' });

  // R7.1a — 000 undtagelse 3: »Når den behandlingsansvarlige læge har taget beslutning om eller revurderet en beslutning om fravalg af genoplivningsforsøg, skal lægen sikre, at relevante øvrige sundhedspersoner og behandlingssteder informeres om beslutningen, jf. pkt. 4.«
  it('R7.1a re-admitted from home care, the hospital physician re-evaluates the refusal and keeps it unchanged: the GP and the home care are told', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-02-01T10:00:00+01:00' }, { by: hospitalPhysician });
    const home = handedOverTo({ kind: 'discharge', at: '2026-02-05T11:00:00+01:00', from: HOSPITAL, to: HOME_CARE, generalPractitioner: GP }, { by: hospitalNurse });
    const back = handedOverTo({ kind: 'admission', at: '2026-03-10T09:00:00+01:00', from: HOME_CARE, to: HOSPITAL, generalPractitioner: undefined }, { by: homeCareNurse });
    const kept = revised({ decisionId: decided.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-11T10:00:00+01:00', reason: 'Revurderet under indlæggelsen; fortsat uafvendeligt døende' }, { by: hospitalPhysician });
    const owed = messagesCausedBy([old, decided, home, back, kept], P);
    expect(to(owed)).toEqual([korr(GP.sor), korr(HOME_CARE.sor)].sort()); // not the hospital, which wrote it
    for (const m of owed) expect(m.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'physician' });
  });

  // R7.2a — 000 pkt. 4.2: »De øvrige sundhedspersoner på behandlingsstedet og det præhospitale personale skal desuden sikre den nødvendige videregivelse af oplysninger til det sygehus, hvor patienten indlægges, fx via indlæggelsesrapporten.«
  it('R7.2a found at home after a fall, the ambulance crew looks up her registered refusal and records the admission: the receiving hospital is told', () => {
    const register = { ...makeDecision({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-03-10T21:20:00+01:00' }, 'paramedic'), by: paramedic };
    const admission = { ...recordHandover('paramedic', { kind: 'admission', at: '2026-03-10T21:40:00+01:00', from: AMBULANCE, to: HOSPITAL, generalPractitioner: undefined }), by: paramedic };
    const events = accepted(accepted([old], register, '2026-03-10T21:21:00+01:00'), admission, '2026-03-10T21:41:00+01:00');
    const owed = messagesCausedBy(events, P);
    expect(to(owed)).toEqual([korr(HOSPITAL.sor)]);
    expect(owed[0].resuscitation).toMatchObject({ status: 'DNACPR', basis: 'register' });
  });

  // R7.3a — 000 pkt. 4.1: »Tilsvarende skal den behandlingsansvarlige læge sikre, at beslutninger om fravalg af genoplivningsforsøg videregives til eventuel involveret præhospital enhed, den praktiserende læge og eventuelt modtagende behandlingssted ved udskrivelse eller overflytning.«
  it('R7.3a discharged home the day she moved into the municipality, before choosing a GP: the epikrise is still created, and escalated at once for want of an address', () => {
    const decided = decisionMade({ basis: 'physician', grounds: ['severe_suffering'], decidedAt: '2026-03-01T10:00:00+01:00' }, { by: hospitalPhysician });
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-05T11:00:00+01:00', from: HOSPITAL, to: HOME_CARE, generalPractitioner: undefined }, { by: hospitalNurse });
    const epikrise = messagesCausedBy([old, decided, discharge], P).find((m) => m.kind === 'epikrise');
    expect(epikrise?.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(epikrise?.recipient).toMatchObject({ sector: 'general_practice' });
    // The relay owes it as addressable only when the recipient is a full site (SOR and EAN): here it is not.
    const owedAt = instantOf(discharge.recordedAt);
    const { delivery } = decideDelivery(null, { type: 'owed', at: owedAt, addressable: isSite(epikrise!.recipient), phoneContactRequired: false }, { resendAfterMs: 1, maxResends: 1, firstRetryMs: 1, maxRetryMs: 1 });
    expect(delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'UNADDRESSED', since: owedAt } });
  });

  // R7.5a — 000 pkt. 4.1: »Hvis den behandlingsansvarlige læge vurderer, at beslutningen om fravalg skal ændres, skal lægen sikre, at de relevante øvrige sundhedspersoner og behandlingssteder informeres, herunder det behandlingssted, hvor fravalget oprindeligt er truffet.«
  it('R7.5a the hospital found her will in force and discharged her to a nursing home; the nursing-home nurse records a marked improvement: the hospital is told too', () => {
    const will = testamentActivated({ kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-01T10:00:00+01:00' }, { by: hospitalPhysician });
    const discharge = handedOverTo({ kind: 'discharge', at: '2026-03-05T11:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }, { by: hospitalNurse });
    const better = conditionImproved({ at: '2026-04-01T10:00:00+02:00', dischargeable: false }, { by: homeNurse });
    const owed = messagesCausedBy([old, will, discharge, better], P);
    expect(to(owed)).toEqual([korr(GP.sor), korr(HOSPITAL.sor)].sort()); // the nursing home wrote it
    for (const m of owed) expect(m.resuscitation.flags).toContainEqual(expect.objectContaining({ code: 'REEVALUATION_REQUIRED', rule: 'R6.8' }));
  });
});

describe('clinical vignettes (R1–R6)', () => {
  it('there are at least 30', () => expect(vignettes.length).toBeGreaterThanOrEqual(30));

  it.each(vignettes)('%s', (_name, build) => {
    const { events, at, expected } = build();
    const s = given(...events).at(at).status();
    expect({ status: s.status, basis: s.basis, reason: s.reason }).toEqual(expected);
  });
});
