/** R1.4 Times that callers state describe something that has happened (decider side). */
import { given } from '../../spec/given';
import { decisionMade, patientRegistered } from '../../spec/builders';
import { activateTestament, makeDecision, recordHandover, recordImprovement, recordWillLookup, revise, revokeTemporarily } from '../../spec/commands';

const aged78 = patientRegistered('1948-03-01');
const NOW = '2026-03-10T12:00:00+01:00';
const plus = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

describe('R1.4 a stated time more than 5 minutes after its recording is refused', () => {
  it('a decision stated 5 minutes ahead is accepted (clocks differ a little)', () =>
    given(aged78).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: plus(5) }), NOW).thenEvents([{ type: 'DecisionMade' }]));

  it('a decision stated 6 minutes ahead is refused: a typo must not create a refusal that takes effect later', () =>
    given(aged78).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: plus(6) }), NOW).thenRejected({ kind: 'rule', rule: 'R1.4' }));

  it('a decision stated a year ahead (a typo in the year) is refused', () =>
    given(aged78).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2027-03-10T12:00:00+01:00' }), NOW).thenRejected({ kind: 'rule', rule: 'R1.4' }));

  it.each([
    ['registeredAt tomorrow', makeDecision({ basis: 'register', registeredAt: '2026-03-11', decidedAt: NOW }, 'nurse')],
    ['a reaffirmation an hour ahead', revise('00000000-0000-4000-8000-00000000d001', 'reaffirm', 'physician', plus(60))],
    ['assessedAt an hour ahead', activateTestament({ assessedAt: plus(60) })],
    ['an improvement an hour ahead', recordImprovement('nurse', { at: plus(60) })],
    ['a will look-up an hour ahead', recordWillLookup({ result: 'not_found', at: plus(60) })],
  ])('%s: R1.4', (_what, command) => {
    const decision = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { eventId: '00000000-0000-4000-8000-00000000e001' });
    decision.data.decisionId = '00000000-0000-4000-8000-00000000d001';
    given(aged78, decision).when(command, NOW).thenRejected({ kind: 'rule', rule: 'R1.4' });
  });

  // R5.3a: recording a wish for CPR is never blocked; it takes effect when recorded (second-pass.spec.ts R1.4).
  it.each([
    ['a withdrawal stated a day ahead', revise('00000000-0000-4000-8000-00000000d001', 'withdraw', 'care_worker', plus(24 * 60))],
    ['a withdrawal stated before the decision', revise('00000000-0000-4000-8000-00000000d001', 'withdraw', 'physician', '2026-02-01T09:00:00+01:00')],
    ['a temporary revocation stated a year ahead', revokeTemporarily({ instrument: 'register', statedAt: '2027-03-10T12:00:00+01:00' })],
  ])('a wish for CPR is never refused for its time: %s is recorded', (_what, command) => {
    const decision = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T09:00:00+01:00', illnessSituation: { id: 'p', description: 'Lungebetændelse' } });
    decision.data.decisionId = '00000000-0000-4000-8000-00000000d001';
    given(aged78, decision).when(command, NOW).thenEvents([{ type: command.type === 'ReviseDecision' ? 'Revised' : 'TemporarilyRevoked' }]);
  });

  it('a registration dated today is accepted', () =>
    given(aged78).when(makeDecision({ basis: 'register', registeredAt: '2026-03-10', decidedAt: NOW }, 'nurse'), NOW).thenEvents([{ type: 'DecisionMade' }]));

  it('a handover may be planned up to 14 days ahead, not more', () => {
    given(aged78).when(recordHandover('nurse', { at: '2026-03-24T11:59:00+01:00' }), NOW).thenEvents([{ type: 'HandedOverTo' }]);
    given(aged78).when(recordHandover('nurse', { at: '2026-03-24T12:06:00+01:00' }), NOW).thenRejected({ kind: 'rule', rule: 'R1.4' });
  });

  it('a time before the patient was born is refused', () =>
    given(patientRegistered('1990-06-15')).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '1990-06-14T12:00:00+02:00' }), NOW)
      .thenRejected({ kind: 'rule', rule: 'R1.4' }));

  it('who may do it is answered before whether the time can be true (403 before 422)', () =>
    given(aged78).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: plus(600) }, 'nurse'), NOW).thenRejected({ kind: 'role', rule: 'R3.1' }));
});
