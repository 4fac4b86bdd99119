import { InMemoryEventStore, patientStream } from '@dnr/event-store';
import { decisionMade, patientRegistered } from '../../../../libs/domain/src/spec/builders';
import { PatientHistories } from './patient-histories';

const append = (store: InMemoryEventStore, e: { eventId: string; type: string }, expected: number | 'no_stream') =>
  store.append(patientStream('p'), [{ eventId: e.eventId, type: e.type, payload: e }], expected);

it('remembers a stream per version and reads it again once the version moved (an append by anyone)', async () => {
  const store = new InMemoryEventStore();
  const histories = new PatientHistories(store);
  expect(await histories.of('p')).toEqual([]);
  await append(store, patientRegistered(), 'no_stream');
  const first = await histories.of('p');
  expect(first).toHaveLength(1);
  expect(await histories.of('p')).toBe(first); // the same parsed events, not read again
  await append(store, decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' }), 1);
  expect((await histories.of('p')).map((e) => e.type)).toEqual(['PatientRegistered', 'DecisionMade']);
});
