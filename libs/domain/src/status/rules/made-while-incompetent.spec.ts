/**
 * R4.7 and R5.5 read off the whole record — found by the fourth independent clinical review
 * (spec/clinical-review-4.spec.ts Q04–Q07): a refusal the patient is recorded as making when the
 * record shows her permanently incompetent does not bind, whichever of the two was entered first.
 */
import { given } from '../../spec/given';
import { conditionImproved, decisionMade, patientRegistered, revised, testamentActivated } from '../../spec/builders';
import { makeDecision, revise } from '../../spec/commands';
import { notDanish } from '../../spec/danish-text';

const aged78 = patientRegistered('1948-03-01');
const copd = { id: 'kol', description: 'KOL' };
const refusal = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-10T11:00:00+01:00' });
// A livstestamente (b) only advises (R6.3), but every activation documents the assessment of permanent incompetence (R6.1).
const assessedBefore = testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-05T15:00:00+01:00' }, { recordedAt: '2026-03-12T09:00:00+01:00' });

describe('R4.7 a patient refusal dated when the record shows the patient permanently incompetent', () => {
  // »Varigt inhabile borgere kan ikke fravælge genoplivningsforsøg« (001) — entered later, the assessment still dates from before.
  it('does not bind: suspended, CPR, and the flag and explanation say why in Danish', () => {
    const s = given(aged78, refusal, assessedBefore).at('2026-03-12T10:00:00+01:00');
    s.expectStatus({ status: 'ATTEMPT_CPR' });
    s.expectInstrument(refusal.data.decisionId, 'suspended');
    const status = s.status();
    const flag = status.flags.find((f) => f.code === 'MADE_WHILE_PERMANENTLY_INCOMPETENT');
    expect(flag).toMatchObject({ rule: 'R4.7', instrumentId: refusal.data.decisionId });
    expect(flag?.detail).toMatch(/varigt inhabil/);
    expect(status.explanation).toMatch(/varigt inhabil/);
    expect([flag?.detail ?? '', status.explanation].flatMap(notDanish)).toEqual([]);
  });

  it('what the service knew before the assessment was entered: the refusal, as it was answered then (bitemporal)', () =>
    given(aged78, refusal, assessedBefore).at('2026-03-11T10:00:00+01:00', '2026-03-11T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' }));

  it('R4.6 a refusal made before the assessment keeps binding', () => {
    const later = testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-11T15:00:00+01:00' });
    given(aged78, refusal, later).at('2026-03-12T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
  });

  it('a registration found invalid for permanent incompetence shows it too, from the registration day', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' });
    const invalid = revised({ decisionId: register.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-11T10:00:00+01:00', assessment: 'Varigt inhabil siden 2024', reportedToStps: { at: '2026-03-11' } });
    given(aged78, register, refusal, invalid).at('2026-03-12T10:00:00+01:00').expectInstrument(refusal.data.decisionId, 'suspended');
  });
});

describe('R4.7 the decider: no new or reaffirmed refusal of the patient\'s own while the record shows her permanently incompetent', () => {
  const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' });
  const declared = (incompetence: 'permanent' | 'temporary') => revised({ decisionId: register.data.decisionId, action: 'declare_invalid', revisedAt: '2026-02-10T10:00:00+01:00', assessment: 'Inhabil ved registreringen', incompetence, reportedToStps: { at: '2026-02-10' } });
  const newRefusal = makeDecision({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-03T11:00:00+01:00' });

  it('a registration declared invalid for permanent incompetence: a new patient refusal is refused (Q04)', () =>
    given(aged78, register, declared('permanent')).when(newRefusal).thenRejected({ kind: 'rule', rule: 'R4.7' }));

  it('declared invalid for temporary incompetence (a delirium): the patient may refuse again', () =>
    given(aged78, register, declared('temporary')).when(newRefusal).thenEvents([{ type: 'DecisionMade' }]));

  it('a lapsed refusal cannot be reaffirmed as her own wish once she is assessed permanently incompetent (Q07)', () => {
    const incompetent = testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-11T10:00:00+01:00' });
    const improved = conditionImproved({ at: '2026-03-11T12:00:00+01:00', dischargeable: false, illnessSituationId: copd.id });
    given(aged78, refusal, incompetent, improved).when(revise(refusal.data.decisionId, 'reaffirm', 'physician', '2026-03-12T10:00:00+01:00')).thenRejected({ kind: 'rule', rule: 'R4.7' });
  });
});

describe('R5.5 a registration dated after the record shows the citizen permanently incompetent', () => {
  // »Det er fx tilfældet, hvis sundhedspersonen selv har vurderet den pågældende varigt inhabil forud for registreringstidspunktet.« (undtagelse 5)
  const assessed = testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2025-11-10T10:00:00+01:00' });
  const registered = (registeredAt: string) => decisionMade({ basis: 'register', registeredAt, decidedAt: '2026-03-01T10:00:00+01:00' });

  it('does not bind: suspended, CPR, and the flag asks for the assessment and the report (Q06)', () => {
    const register = registered('2026-01-20');
    const s = given(aged78, assessed, register).at('2026-03-02T10:00:00+01:00');
    s.expectStatus({ status: 'ATTEMPT_CPR' });
    s.expectInstrument(register.data.decisionId, 'suspended');
    const flag = s.status().flags.find((f) => f.code === 'MADE_WHILE_PERMANENTLY_INCOMPETENT');
    expect(flag?.detail).toMatch(/Styrelsen for Patientsikkerhed/);
    expect([flag?.detail ?? '', s.status().explanation].flatMap(notDanish)).toEqual([]);
  });

  it('a registration made before the assessment binds (R4.6, R5.1)', () =>
    given(aged78, assessed, registered('2025-10-01')).at('2026-03-02T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' }));

  it('assessed on the registration day itself: not undoubtedly before it — the registration binds', () => {
    const sameDay = testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-01-20T15:00:00+01:00' });
    given(aged78, sameDay, registered('2026-01-20')).at('2026-03-02T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });
});
