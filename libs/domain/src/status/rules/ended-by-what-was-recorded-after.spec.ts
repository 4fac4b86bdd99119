/**
 * R5.4 read by record order where valid time alone would miss it (and, in the property, R3.3: a
 * withdrawal repeated after another decision was recorded) — found by the status
 * properties (status.properties.spec.ts, about one run in 20,000); each case failed before.
 */
import { instantOf, statusAt } from '../../index';
import { decisionMade, patientRegistered, revised } from '../../spec/builders';
import { PatientEvent } from '../../events/patient-event';

const statusOf = (events: PatientEvent[], at: string) => statusAt(events, { patientId: 'p', at: instantOf(at), knownAt: instantOf('2030-01-01T00:00:00Z') });

it('R5.4 the registration deleted at 00.00 ends a look-up recorded before the deletion, though that look-up states 00.01: no DNACPR from it on any later day', () => {
  const first = decisionMade({ basis: 'register', registeredAt: '2026-03-01', decidedAt: '2026-03-01T00:00:00Z' }, { recordedAt: '2026-03-01T00:00:00Z' });
  const second = decisionMade({ basis: 'register', registeredAt: '2026-03-02', decidedAt: '2026-03-01T00:01:00Z' }, { recordedAt: '2026-03-01T00:01:00Z' });
  const events = [patientRegistered('1948-03-01'), first, second, revised({ decisionId: first.data.decisionId, action: 'withdraw', revisedAt: '2026-03-01T00:00:00Z' }, { recordedAt: '2026-03-01T00:02:00Z' })];
  const later = statusOf(events, '2026-03-20T00:00:00Z');
  expect(later.status).toBe('ATTEMPT_CPR');
  expect(later.instruments.find((i) => i.id === second.data.decisionId)?.state).toBe('withdrawn');
});

it('R5.4 a deletion recorded against a look-up already found invalid still ends the other look-ups', () => {
  const first = decisionMade({ basis: 'register', registeredAt: '2026-03-01', decidedAt: '2026-03-01T00:00:00Z' }, { recordedAt: '2026-03-01T00:00:00Z' });
  const second = decisionMade({ basis: 'register', registeredAt: '2026-03-02', decidedAt: '2026-03-01T00:00:00Z' }, { recordedAt: '2026-03-01T00:01:00Z' });
  const events = [
    patientRegistered('1948-03-01'), first, second,
    revised({ decisionId: second.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-01T00:00:00Z', assessment: 'midlertidigt delirisk', incompetence: 'temporary' }, { recordedAt: '2026-03-01T00:02:00Z' }),
    revised({ decisionId: second.data.decisionId, action: 'withdraw', revisedAt: '2026-03-01T00:00:00Z' }, { recordedAt: '2026-03-01T00:03:00Z' }),
  ];
  const later = statusOf(events, '2026-03-20T00:00:00Z');
  expect(later.status).toBe('ATTEMPT_CPR');
  expect(later.instruments.find((i) => i.id === first.data.decisionId)?.state).toBe('withdrawn');
});
