import fc from 'fast-check';
import { arbHistory } from '../spec/arbitraries';
import { conditionImproved, decisionMade, handedOverTo, patientRegistered, revised } from '../spec/builders';
import { assessStatus, receiverWouldNotice, StatusAssessment } from './status-at';
import { queryAsOf, statusChangedBy } from './status-change';

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

describe('what a receiver would notice (R7.1, R7.3b): the answer, a flag, an instrument\'s state', () => {
  /** The comparison as it was first written: a text of each assessment, its lists sorted. */
  const signature = (a: StatusAssessment) =>
    `${a.strongest?.view.kind ?? a.reason}|${a.flags.map((f) => f.code).sort().join(',')}|${a.instruments.map((i) => `${i.view.id}:${i.view.state}`).sort().join(',')}`;

  it('is a difference of those texts, before and after every event of random histories', () => {
    let noticed = 0;
    fc.assert(fc.property(arbHistory, (stream) => {
      stream.forEach((event, k) => {
        const query = queryAsOf(event, 'p');
        const before = assessStatus(stream.slice(0, k), query);
        const after = assessStatus(stream.slice(0, k + 1), query);
        expect(receiverWouldNotice(before, after)).toBe(signature(before) !== signature(after));
        if (receiverWouldNotice(before, after)) noticed += 1;
      });
    }), { numRuns: 300, seed: 7 });
    expect(noticed).toBeGreaterThan(100); // the histories do change things
  });

  it('counts repeated items: the same flag twice is not the same as once with another', () => {
    const base = assessStatus([patientRegistered()], { patientId: 'p', at: 0, knownAt: 0 });
    const flag = (code: string) => ({ code, rule: 'R3.4', detail: () => '' }) as StatusAssessment['flags'][number];
    const withFlags = (...codes: string[]) => ({ ...base, flags: codes.map(flag) });
    expect(receiverWouldNotice(withFlags('A', 'A', 'B'), withFlags('A', 'B', 'B'))).toBe(true);
    expect(receiverWouldNotice(withFlags('A', 'B'), withFlags('B', 'A'))).toBe(false);
  });
});
