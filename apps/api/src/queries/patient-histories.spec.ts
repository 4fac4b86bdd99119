import { assessStream, foldDeciderState, instantOf, PatientEvent, renderStatus, statusAt, StreamStatus, streamStatusOf } from '@dnr/domain';
import { InMemoryEventStore, patientStream } from '@dnr/event-store';
import { conditionImproved, decisionMade, patientRegistered, revised } from '../../../../libs/domain/src/spec/builders';
import { KEEPS_STATUS_FROM, PatientHistories } from './patient-histories';

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

it("a command's own append extends what is remembered, as a read would give it: the next look reads nothing but the version", async () => {
  const store = new InMemoryEventStore();
  const histories = new PatientHistories(store);
  await append(store, patientRegistered(), 'no_stream');
  const before = await histories.of('p');
  const decision = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' });
  await append(store, decision, 1);
  histories.appended('p', 1, 2, decision);
  const reads = jest.spyOn(store, 'readStream');
  const extended = await histories.of('p');
  expect(reads).not.toHaveBeenCalled();
  expect(extended).toEqual(JSON.parse(JSON.stringify([...before, decision])));
  expect(Object.isFrozen(extended)).toBe(true);
});

it('an append notice is ignored unless the version remembered is the one the append expected', async () => {
  const store = new InMemoryEventStore();
  const histories = new PatientHistories(store);
  await append(store, patientRegistered(), 'no_stream');
  await histories.of('p'); // remembered at version 1
  const foreign = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' });
  await append(store, foreign, 1); // another replica: version 2
  const own = decisionMade({ basis: 'physician', decidedAt: '2026-03-02T10:00:00+01:00' });
  await append(store, own, 2); // ours: version 3, expecting 2 — not the version remembered
  histories.appended('p', 2, 3, own);
  histories.appended('p', 1, 3, own); // nor a version that does not follow the expected one
  expect((await histories.of('p')).map((e) => e.eventId)).toEqual([expect.any(String), foreign.eventId, own.eventId]);
});

it("keeps a long record's status with its events, grown by a command's own append: a lookup assesses it and answers what the fold answers", async () => {
  const store = new InMemoryEventStore();
  const histories = new PatientHistories(store);
  await append(store, patientRegistered(), 'no_stream');
  for (let v = 1; v < KEEPS_STATUS_FROM - 1; v += 1) await append(store, conditionImproved({ at: '2026-03-01T09:00:00+01:00' }), v);
  const short = await histories.withStatus('p');
  expect(short.events).toHaveLength(KEEPS_STATUS_FROM - 1);
  expect(short.status).toBeUndefined(); // a short record is folded, as before
  const decision = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] });
  await append(store, decision, KEEPS_STATUS_FROM - 1);
  const long = await histories.withStatus('p');
  expect(long.status).toEqual(streamStatusOf(long.events));
  expect((await histories.withStatus('p')).status).toBe(long.status); // made once per version
  const withdrawal = revised({ decisionId: decision.data.decisionId, action: 'withdraw', revisedAt: '2026-03-03T10:00:00+01:00' });
  await append(store, withdrawal, KEEPS_STATUS_FROM);
  histories.appended('p', KEEPS_STATUS_FROM, KEEPS_STATUS_FROM + 1, withdrawal);
  const grown = await histories.withStatus('p');
  expect(grown.status?.events).toEqual(grown.events);
  for (const at of ['2026-03-02T10:00:00+01:00', '2026-03-04T10:00:00+01:00']) {
    const query = { patientId: 'p', at: instantOf(at), knownAt: Date.now() };
    expect(renderStatus(assessStream(grown.status as StreamStatus, query))).toEqual(statusAt(grown.events, query));
  }
  expect(renderStatus(assessStream(grown.status as StreamStatus, { patientId: 'p', at: instantOf('2026-03-02T10:00:00+01:00'), knownAt: Date.now() })).status).toBe('DNACPR');
});

it("keeps the decider's state of a commanded patient, grown by the command's own append and made anew when another writer appended: always the fold of the events", async () => {
  const store = new InMemoryEventStore();
  const histories = new PatientHistories(store);
  const fold = (events: readonly PatientEvent[]) => foldDeciderState(events);
  await append(store, patientRegistered(), 'no_stream');
  const first = await histories.forCommand('p');
  expect(first).toEqual({ version: 1, decider: fold(await histories.of('p')) });
  expect((await histories.forCommand('p')).decider).toBe(first.decider); // made once per version
  const decision = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] });
  await append(store, decision, 1);
  histories.appended('p', 1, 2, decision); // our own command's append
  const grown = await histories.forCommand('p');
  expect(grown.version).toBe(2);
  expect(grown.decider).toEqual(fold(await histories.of('p')));
  expect(grown.decider.decisions.has(decision.data.decisionId)).toBe(true);
  const withdrawal = revised({ decisionId: decision.data.decisionId, action: 'withdraw', revisedAt: '2026-03-03T10:00:00+01:00' });
  await append(store, withdrawal, 2); // another replica's: no notice
  const seen = await histories.forCommand('p');
  expect(seen.version).toBe(3);
  expect(seen.decider.decisions.get(decision.data.decisionId)?.withdrawn).toBe(true);
  expect(seen.decider).toEqual(fold(await histories.of('p')));
});
