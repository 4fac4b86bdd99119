import { given } from '../../spec/given';
import { decisionMade, patientRegistered, temporarilyRevoked, testamentActivated } from '../../spec/builders';

const at = '2026-05-02T09:00:00+02:00';

describe('R6.1 a will takes effect once a physician assessed permanent incompetence in a covered situation', () => {
  it('behandlingstestamente, irreversibly dying: DNACPR, basis testament', () =>
    given(patientRegistered(), testamentActivated({ assessedAt: '2026-05-01T09:00:00+02:00' })).at(at).expectStatus({
      status: 'DNACPR', basis: 'testament', statement: 'Behandlingstestamente trådt i kraft',
    }));

  it('livstestamente, irreversibly dying: binding', () =>
    given(patientRegistered(), testamentActivated({ kind: 'livstestamente', assessedAt: '2026-05-01T09:00:00+02:00' })).at(at).expectStatus({
      status: 'DNACPR', statement: 'Livstestamente trådt i kraft',
    }));

  it('not in force before the assessment', () =>
    given(patientRegistered(), testamentActivated({ assessedAt: '2026-05-03T09:00:00+02:00' })).at(at).expectStatus({ status: 'ATTEMPT_CPR' }));
});

describe('R6.3 livstestamente (b) only advises; conditional situations bind once relatives accept', () => {
  it('livstestamente, severe disability: ATTEMPT_CPR, TESTAMENT_ADVISORY_ONLY', () => {
    const w = testamentActivated({ kind: 'livstestamente', situation: 'severe_disability', assessedAt: '2026-05-01T09:00:00+02:00' });
    const g = given(patientRegistered(), w).at(at);
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'TESTAMENT_ADVISORY_ONLY' });
    g.expectInstrument(w.eventId, 'advisory');
  });

  it('behandlingstestamente (c) conditional on relatives: AWAITING_RELATIVES_ACCEPTANCE', () =>
    given(patientRegistered(), testamentActivated({ situation: 'severe_suffering', conditionalOnRelatives: true, assessedAt: '2026-05-01T09:00:00+02:00' }))
      .at(at).expectStatus({ status: 'ATTEMPT_CPR', reason: 'AWAITING_RELATIVES_ACCEPTANCE' }));

  it('a later activation with relativesAccepted completes the conditional one', () =>
    given(
      patientRegistered(),
      testamentActivated({ situation: 'severe_suffering', conditionalOnRelatives: true, assessedAt: '2026-05-01T09:00:00+02:00' }),
      testamentActivated({ situation: 'severe_suffering', conditionalOnRelatives: true, relativesAccepted: true, assessedAt: '2026-05-01T15:00:00+02:00' }),
    ).at(at).expectStatus({ status: 'DNACPR', basis: 'testament' }));
});

describe('R6.4 a temporary change of the will applies only in the current illness situation', () => {
  it('suspended: ATTEMPT_CPR, TEMPORARILY_REVOKED', () =>
    given(
      patientRegistered(),
      temporarilyRevoked({ instrument: 'testament', patientCompetent: true, statedAt: '2026-04-20T09:00:00+02:00' }),
      testamentActivated({ assessedAt: '2026-05-01T09:00:00+02:00' }),
    ).at(at).expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' }));

  // R5.3b (2026-11-22): the wish for CPR suspends every patient-made instrument, whichever one the recorder named.
  it('R5.3b a revocation recorded as of the register suspends the will too', () =>
    given(
      patientRegistered(),
      temporarilyRevoked({ instrument: 'register', statedAt: '2026-04-20T09:00:00+02:00' }),
      testamentActivated({ assessedAt: '2026-05-01T09:00:00+02:00' }),
    ).at(at).expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' }));
});

describe('R6.5 precedence: a patient refusal and a physician decision outrank a will', () => {
  it('physician > testament', () =>
    given(patientRegistered(), testamentActivated({ assessedAt: '2026-05-01T09:00:00+02:00' }), decisionMade({ basis: 'physician', decidedAt: '2026-04-01T09:00:00+02:00' }))
      .at(at).expectStatus({ basis: 'physician' }));

  it('physician > patient', () =>
    given(patientRegistered(), decisionMade({ basis: 'patient', decidedAt: '2026-04-01T09:00:00+02:00' }), decisionMade({ basis: 'physician', decidedAt: '2026-04-02T09:00:00+02:00' }))
      .at(at).expectStatus({ basis: 'physician' }));
});
