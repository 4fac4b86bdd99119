import { given } from '../../spec/given';
import { decisionMade, handedOverTo, patientRegistered, revised, temporarilyRevoked } from '../../spec/builders';

describe('R1.1 a patient is resuscitated unless an exception applies and is known', () => {
  it('with nothing recorded: ATTEMPT_CPR, NO_PRIOR_DECISION', () =>
    given(patientRegistered()).at('2026-03-01T10:00:00+01:00').expectStatus({
      status: 'ATTEMPT_CPR', basis: null, reason: 'NO_PRIOR_DECISION', statement: 'Genoplivning skal forsøges', decision: null,
    }));

  it('a decision recorded later is not known at an earlier knownAt', () => {
    const d = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { recordedAt: '2026-03-01T12:00:00+01:00' });
    given(patientRegistered(), d).at('2026-03-01T11:00:00+01:00', '2026-03-01T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' });
    given(patientRegistered(), d).at('2026-03-01T11:00:00+01:00', '2026-03-01T12:00:00+01:00').expectStatus({ status: 'DNACPR' });
  });

  it('nor when a later event was recorded earlier (a stream whose record times run backwards, which the decider never writes)', () => {
    const d = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { recordedAt: '2026-03-01T12:00:00+01:00' });
    const h = handedOverTo({ at: '2026-03-01T10:00:00+01:00' }, { recordedAt: '2026-03-01T10:00:00+01:00' });
    given(patientRegistered(), d, h).at('2026-03-01T11:00:00+01:00', '2026-03-01T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' });
  });
});

describe('R1.2 in doubt: attempt CPR, with the reason stated', () => {
  it('a decision not yet effective at `at` reads as ATTEMPT_CPR, never as a refusal', () =>
    given(patientRegistered(), decisionMade({ basis: 'physician', decidedAt: '2026-03-02T09:00:00+01:00' }))
      .at('2026-03-01T09:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' }));

  it('a revocation with no instrument recorded still answers ATTEMPT_CPR and is flagged', () => {
    const g = given(patientRegistered(), temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-01T09:00:00+01:00' })).at('2026-03-01T10:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR' });
    g.expectFlag('TEMPORARY_REVOCATION_ACTIVE');
  });

  it('every ATTEMPT_CPR answer carries a reason and an explanation saying that in doubt CPR is attempted', () => {
    const d = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' });
    const s = given(patientRegistered(), d, revised({ decisionId: d.data.decisionId, action: 'withdraw', revisedAt: '2026-03-02T09:00:00+01:00' }))
      .at('2026-03-03T00:00:00+01:00').status();
    expect(s.reason).toBe('DECISION_WITHDRAWN');
    expect(s.explanation).toBe('Lægens beslutning om fravalg af genoplivningsforsøg blev trukket tilbage 2. marts 2026 kl. 09.00. Er der tvivl, skal genoplivning forsøges (jf. VEJ nr. 9921 af 31/10/2024, pkt. 2).');
  });
});
