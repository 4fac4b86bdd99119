import { given } from '../../spec/given';
import { conditionImproved, decisionMade, patientRegistered, revised, temporarilyRevoked, testamentActivated } from '../../spec/builders';

const registered = decisionMade({ basis: 'register', registeredAt: '2026-03-01', decidedAt: '2026-03-02T09:00:00+01:00' }, { recordedAt: '2026-03-02T09:00:00+01:00' });

describe('R5.1 a registered refusal takes effect 7 days after registration', () => {
  it('is pending on day 6, flagged with its effective date', () => {
    const g = given(patientRegistered(), registered).at('2026-03-07T23:59:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'REGISTER_NOT_YET_EFFECTIVE' });
    expect(g.status().flags).toContainEqual(expect.objectContaining({ code: 'REGISTER_PENDING', rule: 'R5.1', detail: expect.stringContaining('8. marts 2026 kl. 00.00') }));
    expect(g.status().instruments[0].effectiveFrom).toBe('2026-03-08');
  });

  it('is in force from 00:00 Danish time on day 7', () =>
    given(patientRegistered(), registered).at('2026-03-08T00:00:00+01:00').expectStatus({
      status: 'DNACPR', basis: 'register', statement: 'Registreret fravalg af genoplivningsforsøg', flags: [],
    }));

  it('applies in every situation, independent of health (an accident, an improvement)', () =>
    given(patientRegistered(), registered, conditionImproved({ at: '2026-03-10T09:00:00+01:00', dischargeable: true }))
      .at('2026-03-11T00:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' }));
});

describe('R5.2 a registered refusal prevails over every other arrangement', () => {
  it('register and physician both in force: basis register', () =>
    given(patientRegistered(), registered, decisionMade({ basis: 'physician', decidedAt: '2026-03-09T09:00:00+01:00' }))
      .at('2026-03-10T00:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' }));
});

describe('R5.3 temporary revocation: immediate, only for the current illness situation, ends when dischargeable', () => {
  const revoked = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-10T08:00:00+01:00', illnessSituation: { id: 'pneumonia', description: 'Lungebetændelse' } });

  it('suspends the register refusal at once', () => {
    const g = given(patientRegistered(), registered, revoked).at('2026-03-10T08:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
    g.expectInstrument(registered.data.decisionId, 'suspended');
  });

  it('an improvement that is not dischargeable keeps the revocation', () =>
    given(patientRegistered(), registered, revoked, conditionImproved({ at: '2026-03-12T09:00:00+01:00', dischargeable: false, illnessSituationId: 'pneumonia' }))
      .at('2026-03-12T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' }));

  it('dischargeable in that illness situation ends it: the register refusal is back in force', () =>
    given(patientRegistered(), registered, revoked, conditionImproved({ at: '2026-03-14T09:00:00+01:00', dischargeable: true, illnessSituationId: 'pneumonia' }))
      .at('2026-03-14T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' }));

  it('a dischargeable improvement that names no illness situation does not end it (doubt keeps CPR, R1.2)', () =>
    given(patientRegistered(), registered, revoked, conditionImproved({ at: '2026-03-14T09:00:00+01:00', dischargeable: true }))
      .at('2026-03-14T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' }));

  it('suspends only the register: a physician decision still answers DNACPR', () =>
    given(patientRegistered(), registered, revoked, decisionMade({ basis: 'physician', decidedAt: '2026-03-11T09:00:00+01:00' }))
      .at('2026-03-11T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'physician' }));
});

describe('R5.3a a revocation told before the register was looked up suspends it when recorded later', () => {
  it('revocation first, register lookup afterwards: still ATTEMPT_CPR', () => {
    const early = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-09T08:00:00+01:00' });
    const lookedUp = decisionMade({ basis: 'register', registeredAt: '2026-01-01', decidedAt: '2026-03-09T10:00:00+01:00' });
    given(patientRegistered(), early, lookedUp).at('2026-03-09T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
  });
});

describe('R5.4 full revocation happens in the register; the system records the new state', () => {
  it('withdrawn register refusal: ATTEMPT_CPR, DECISION_WITHDRAWN', () =>
    given(patientRegistered(), registered, revised({ decisionId: registered.data.decisionId, action: 'withdraw', revisedAt: '2026-04-01T09:00:00+02:00' }))
      .at('2026-04-02T09:00:00+02:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' }));
});

describe('R6.5 / R5.2 the register wins over a treatment will', () => {
  it('both in force: basis register', () =>
    given(patientRegistered(), registered, testamentActivated({ assessedAt: '2026-03-09T09:00:00+01:00' }))
      .at('2026-03-10T09:00:00+01:00').expectStatus({ basis: 'register' }));
});
