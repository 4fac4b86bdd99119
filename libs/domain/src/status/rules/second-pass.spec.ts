/** The status side of the rules added on 2026-11-22: R1.4, R4.5a, R4.6, R5.3b, R5.5, R6.6, R6.7, R6.8. */
import { given } from '../../spec/given';
import {
  activationIdOf, actor, conditionImproved, decisionMade, patientRegistered, revised, temporarilyRevoked, testamentActivated, willLookedUp,
} from '../../spec/builders';

const aged78 = patientRegistered('1948-03-01');
const pneumonia = { id: 'pneumoni-2026', description: 'Lungebetændelse' };
const copd = { id: 'kol', description: 'KOL' };

describe('R1.4 a wish for CPR takes effect at the earlier of its stated time and its recording', () => {
  const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T09:00:00+01:00', illnessSituation: pneumonia });
  // Stated a day ahead by mistake, recorded now: the patient's withdrawal holds from the recording.
  const withdrawal = revised({ decisionId: refusal.data.decisionId, action: 'withdraw', revisedAt: '2026-03-06T10:00:00+01:00' }, { recordedAt: '2026-03-05T10:00:00+01:00' });

  it('a withdrawal stamped a day ahead is in effect from its recording', () =>
    given(aged78, refusal, withdrawal).at('2026-03-05T10:01:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' }));

  it('asked as known before the recording, the earlier answer stands', () =>
    given(aged78, refusal, withdrawal).at('2026-03-05T10:01:00+01:00', '2026-03-05T09:59:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' }));

  it('a temporary revocation stamped ahead suspends the register from its recording', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-02-01', decidedAt: '2026-03-01T09:00:00+01:00' });
    const revocation = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-05T12:00:00+01:00', illnessSituation: pneumonia }, { recordedAt: '2026-03-05T10:00:00+01:00' });
    given(aged78, register, revocation).at('2026-03-05T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });

  it('a decision (not a wish for CPR) takes effect at its stated time only', () => {
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-05T10:04:00+01:00' }, { recordedAt: '2026-03-05T10:00:00+01:00' });
    given(aged78, decided).at('2026-03-05T10:02:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' });
  });
});

describe('R4.5a the clarification ends on reaffirmation or on a new refusal after the lapse', () => {
  const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T09:00:00+01:00', illnessSituation: copd });
  const improved = conditionImproved({ at: '2026-03-10T09:00:00+01:00', illnessSituationId: copd.id, dischargeable: true });

  it('lapsed: the flag asks to clarify', () => given(aged78, refusal, improved).at('2026-03-11T09:00:00+01:00').expectFlag('CLARIFY_PATIENT_WISH'));

  it('reaffirmed by the physician: in force, no flag', () => {
    const g = given(aged78, refusal, improved, revised({ decisionId: refusal.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-12T09:00:00+01:00' })).at('2026-03-13T09:00:00+01:00');
    g.expectStatus({ status: 'DNACPR', basis: 'patient' });
    g.expectFlag('CLARIFY_PATIENT_WISH', false);
  });

  it('a new refusal in a new illness situation after the lapse: the flag ends', () => {
    const newer = decisionMade({ basis: 'patient', decidedAt: '2026-04-01T09:00:00+02:00', illnessSituation: pneumonia });
    const g = given(aged78, refusal, improved, newer).at('2026-04-02T09:00:00+02:00');
    g.expectStatus({ status: 'DNACPR', basis: 'patient' });
    g.expectFlag('CLARIFY_PATIENT_WISH', false);
  });

  it('a refusal made before the lapse does not clarify it', () => {
    const older = decisionMade({ basis: 'patient', decidedAt: '2026-02-01T09:00:00+01:00', illnessSituation: pneumonia });
    given(aged78, older, refusal, improved).at('2026-03-11T09:00:00+01:00').expectFlag('CLARIFY_PATIENT_WISH');
  });
});

describe('R4.6 a refusal made in the foreseeable course survives later incompetence; relatives never refuse', () => {
  it('the patient refused while competent, then was assessed permanently incompetent: the refusal holds', () =>
    given(aged78, decisionMade({ basis: 'patient', decidedAt: '2026-03-01T09:00:00+01:00', illnessSituation: copd }), testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-03-10T09:00:00+01:00' }))
      .at('2026-03-11T09:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' }));

  it('what relatives say is not an event of the record: with nothing recorded, CPR is attempted', () =>
    given(aged78).at('2026-03-11T09:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' }));
});

describe('R5.3b a wish for CPR suspends every patient-made instrument of that illness situation', () => {
  const wish = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-05T10:00:00+01:00', illnessSituation: pneumonia });
  const at = '2026-03-06T10:00:00+01:00';

  it("the patient's own refusal, whichever instrument the recorder named", () => {
    const refusal = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T09:00:00+01:00', illnessSituation: pneumonia });
    const g = given(aged78, refusal, wish).at(at);
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
    g.expectInstrument(refusal.data.decisionId, 'suspended');
  });

  it('a will, though the recorder named the register', () => {
    const will = testamentActivated({ assessedAt: '2026-03-01T09:00:00+01:00' });
    given(aged78, will, wish).at(at).expectInstrument(activationIdOf(will), 'suspended');
  });

  it("a physician's decision stands, flagged PATIENT_WISHES_CPR so the physician re-assesses", () => {
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' });
    const g = given(aged78, decided, wish).at(at);
    g.expectStatus({ status: 'DNACPR', basis: 'physician' });
    expect(g.status().flags).toContainEqual(expect.objectContaining({ code: 'PATIENT_WISHES_CPR', rule: 'R5.3b', instrumentId: decided.data.decisionId }));
  });

  it('a refusal the patient makes after the wish is the newer word and stands', () => {
    const later = decisionMade({ basis: 'patient', decidedAt: '2026-03-08T09:00:00+01:00', illnessSituation: pneumonia });
    given(aged78, wish, later).at('2026-03-09T09:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'patient' });
  });

  it('after discharge on significant improvement the wish no longer applies', () => {
    const refusal = decisionMade({ basis: 'register', registeredAt: '2025-02-01', decidedAt: '2026-03-01T09:00:00+01:00' });
    given(aged78, refusal, wish, conditionImproved({ at: '2026-03-10T09:00:00+01:00', dischargeable: true, illnessSituationId: pneumonia.id }))
      .at('2026-03-11T09:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });
});

describe('R5.5 a registration declared invalid does not bind', () => {
  const register = decisionMade({ basis: 'register', registeredAt: '2025-02-01', decidedAt: '2026-03-01T09:00:00+01:00' });
  const invalid = revised({
    decisionId: register.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-05T09:00:00+01:00',
    assessment: 'Var varigt inhabil ved registreringen', reportedToStps: { at: '2026-03-05', reference: 'STPS-2026-17' },
  }, { by: actor('nurse') });

  it('attempt CPR, the register shown withdrawn under R5.5 with the assessment and the report', () => {
    const g = given(aged78, register, invalid).at('2026-03-06T09:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    expect(g.status().instruments[0]).toMatchObject({ state: 'withdrawn', rule: 'R5.5', declaredInvalid: { assessment: 'Var varigt inhabil ved registreringen', incompetence: 'permanent', reportedToStps: { at: '2026-03-05', reference: 'STPS-2026-17' } } });
    expect(g.status().explanation).toMatch(/vurderet ugyldig/);
  });

  it('another instrument still applies', () =>
    given(aged78, register, invalid, decisionMade({ basis: 'physician', decidedAt: '2026-03-07T09:00:00+01:00' })).at('2026-03-08T09:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'physician' }));
});

describe('R6.6 the latest will-registry look-up is shown', () => {
  const first = willLookedUp({ at: '2026-03-01T09:00:00+01:00', result: 'not_found' });
  const second = willLookedUp({ at: '2026-03-04T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'] });

  it('the latest by the time asked', () => {
    expect(given(aged78, first, second).at('2026-03-05T09:00:00+01:00').status().willLookup).toMatchObject({ lookupId: second.data.lookupId, result: 'found', kind: 'behandlingstestamente', lookedUpBy: { role: 'nurse' } });
    expect(given(aged78, first, second).at('2026-03-02T09:00:00+01:00').status().willLookup).toMatchObject({ lookupId: first.data.lookupId, result: 'not_found' });
  });

  it('none before the first look-up; a look-up alone changes nothing about the answer', () => {
    expect(given(aged78, first).at('2026-02-28T09:00:00+01:00').status().willLookup).toBeNull();
    given(aged78, second).at('2026-03-05T09:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' });
  });

  it('an activation shows the look-up it cites', () => {
    const will = testamentActivated({ assessedAt: '2026-03-05T09:00:00+01:00', situation: 'severe_disability', lookupId: second.data.lookupId });
    expect(given(aged78, second, will).at('2026-03-06T09:00:00+01:00').status().instruments[0]).toMatchObject({ kind: 'testament', lookupId: second.data.lookupId });
  });
});

describe('R6.7 a withdrawn activation no longer binds, at once', () => {
  const will = testamentActivated({ assessedAt: '2026-03-01T09:00:00+01:00' });
  const withdrawal = revised({ decisionId: activationIdOf(will), action: 'withdraw', revisedAt: '2026-03-05T09:00:00+01:00', reason: 'Testamentet er tilbagekaldt fuldstændigt på sundhed.dk' });

  it('attempt CPR, the will withdrawn under R6.7', () => {
    const g = given(aged78, will, withdrawal).at('2026-03-05T09:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    g.expectInstrument(activationIdOf(will), 'withdrawn');
  });

  it('the activation that completed a conditional one is withdrawn with it', () => {
    const conditional = testamentActivated({ situation: 'severe_disability', conditionalOnRelatives: true, assessedAt: '2026-03-01T09:00:00+01:00' });
    const accepted = testamentActivated({ situation: 'severe_disability', conditionalOnRelatives: true, relativesAccepted: true, assessedAt: '2026-03-02T09:00:00+01:00' });
    const g = given(aged78, conditional, accepted, revised({ decisionId: activationIdOf(accepted), action: 'withdraw', revisedAt: '2026-03-05T09:00:00+01:00' })).at('2026-03-06T09:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    expect(g.status().instruments).toHaveLength(1);
  });

  it('a new activation after the withdrawal is a new instrument', () => {
    const again = testamentActivated({ assessedAt: '2026-04-01T09:00:00+02:00' });
    const s = given(aged78, will, withdrawal, again).at('2026-04-02T09:00:00+02:00').status();
    expect(s).toMatchObject({ status: 'DNACPR', basis: 'testament', decision: { decisionId: activationIdOf(again) } });
    expect(s.instruments.map((i) => i.state).sort()).toEqual(['in_force', 'withdrawn']);
  });
});

describe('R6.8 a significant improvement while a will is in force flags it for re-assessment', () => {
  const will = testamentActivated({ assessedAt: '2026-03-01T09:00:00+01:00' });
  const improved = conditionImproved({ at: '2026-03-10T09:00:00+01:00' });

  it('the will stays in force, flagged REEVALUATION_REQUIRED under R6.8', () => {
    const g = given(aged78, will, improved).at('2026-03-11T09:00:00+01:00');
    g.expectStatus({ status: 'DNACPR', basis: 'testament' });
    expect(g.status().flags).toContainEqual(expect.objectContaining({ code: 'REEVALUATION_REQUIRED', rule: 'R6.8', instrumentId: activationIdOf(will) }));
  });

  it('re-assessed by the physician: the flag ends', () =>
    given(aged78, will, improved, revised({ decisionId: activationIdOf(will), action: 'reaffirm', revisedAt: '2026-03-12T09:00:00+01:00' }))
      .at('2026-03-13T09:00:00+01:00').expectFlag('REEVALUATION_REQUIRED', false));
});
