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

it("a command's own append extends what is remembered, as a read would give it; one after another writer's does not", async () => {
  const store = new InMemoryEventStore();
  const histories = new PatientHistories(store);
  await append(store, patientRegistered(), 'no_stream');
  const before = await histories.of('p');
  const decision = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' });
  await append(store, decision, 1);
  histories.appended('p', 2, decision);
  const extended = await histories.of('p');
  expect(extended).not.toBe(before);
  expect(extended).toEqual(JSON.parse(JSON.stringify([...before, decision])));
  expect(await histories.of('p')).toBe(extended); // remembered at version 2: nothing read
  // Another writer appends version 3; a late notice of an append at version 3 from the version before it (2) …
  const second = decisionMade({ basis: 'physician', decidedAt: '2026-03-02T10:00:00+01:00' });
  await append(store, second, 2);
  histories.appended('p', 4, second); // … not the version remembered (2): ignored
  expect((await histories.of('p')).map((e) => e.eventId)).toEqual([before[0].eventId, decision.eventId, second.eventId]);
});
