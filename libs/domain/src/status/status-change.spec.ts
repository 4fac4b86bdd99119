import { conditionImproved, decisionMade, handedOverTo, patientRegistered, revised } from '../spec/builders';
import { statusChangedBy } from './status-change';

describe('R7.3b each change of a patient\'s status is published once', () => {
  const registered = patientRegistered();
  const decision = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' });

  it('a decision changes the status: published with the status as of that event', () =>
    expect(statusChangedBy([registered, decision], 'p')).toMatchObject({ status: 'DNACPR', basis: 'physician' }));

  it('a handover changes nothing a receiver would notice: not published', () =>
    expect(statusChangedBy([registered, decision, handedOverTo({ at: '2026-03-02T10:00:00+01:00' })], 'p')).toBeNull());

  it('an improvement that flags re-evaluation is a change (a flag)', () =>
    expect(statusChangedBy([registered, decision, conditionImproved({ at: '2026-03-03T10:00:00+01:00', dischargeable: true })], 'p')?.flags.map((f) => f.code)).toContain('REEVALUATION_REQUIRED'));

  it('a withdrawal is a change back to attempt CPR', () =>
    expect(statusChangedBy([registered, decision, revised({ decisionId: decision.data.decisionId, action: 'withdraw', revisedAt: '2026-03-04T10:00:00+01:00' })], 'p')).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' }));

  it('registration opens the stream: nothing to publish', () => expect(statusChangedBy([registered], 'p')).toBeNull());
});
