import { given } from '../../spec/given';
import { actor, conditionImproved, decisionMade, patientRegistered, revised } from '../../spec/builders';

const hip = { id: 'hip-fracture', description: 'Hoftefraktur' };
const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T09:00:00+01:00', illnessSituation: hip });
const id = refusal.data.decisionId;

describe("R4.2 the patient's own refusal, recorded by the physician, answers DNACPR with the patient basis", () => {
  it('DNACPR, basis patient', () =>
    given(patientRegistered(), refusal).at('2026-03-01T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' }));
});

describe('R4.3 it belongs to the illness situation it was made in', () => {
  it('the instrument names its illness situation', () =>
    expect(given(patientRegistered(), refusal).at('2026-03-01T10:00:00+01:00').status().instruments[0].illnessSituationId).toBe('hip-fracture'));

  it('an improvement in another illness situation does not touch it', () =>
    given(patientRegistered(), refusal, conditionImproved({ at: '2026-03-02T09:00:00+01:00', illnessSituationId: 'other' }))
      .at('2026-03-03T09:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' }));
});

describe('R4.4 the patient may withdraw it at any time; staff follow at once', () => {
  it('withdrawn to a care worker: ATTEMPT_CPR from that minute', () => {
    const g = given(patientRegistered(), refusal, revised({ decisionId: id, action: 'withdraw', revisedAt: '2026-03-02T14:00:00+01:00' }, { by: actor('care_worker') }));
    g.at('2026-03-02T14:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    g.at('2026-03-02T13:59:00+01:00').expectStatus({ status: 'DNACPR' });
  });
});

describe('R4.5 significant improvement: the refusal lapses until the wish is clarified and assessed anew', () => {
  const improved = conditionImproved({ at: '2026-03-05T09:00:00+01:00', illnessSituationId: 'hip-fracture' });

  it('ATTEMPT_CPR, DECISION_LAPSED, CLARIFY_PATIENT_WISH', () => {
    const g = given(patientRegistered(), refusal, improved).at('2026-03-05T10:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' });
    g.expectFlag('CLARIFY_PATIENT_WISH');
    g.expectInstrument(id, 'lapsed');
  });

  it('an improvement that names no illness situation lapses it too (the safe direction)', () =>
    given(patientRegistered(), refusal, conditionImproved({ at: '2026-03-05T09:00:00+01:00' }))
      .at('2026-03-05T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' }));

  it('the physician assessing it anew (reaffirm) puts it back in force', () =>
    given(patientRegistered(), refusal, improved, revised({ decisionId: id, action: 'reaffirm', revisedAt: '2026-03-06T09:00:00+01:00' }))
      .at('2026-03-06T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient', flags: [] }));

  it('an improvement before the refusal was made does not lapse it', () =>
    given(patientRegistered(), conditionImproved({ at: '2026-02-20T09:00:00+01:00' }), refusal)
      .at('2026-03-02T10:00:00+01:00').expectStatus({ status: 'DNACPR' }));
});
