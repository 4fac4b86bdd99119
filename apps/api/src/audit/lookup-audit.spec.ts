/**
 * On KurrentDB a status lookup's audit append must not read the lookup history first (it grew
 * with every lookup ever made): counted on the stand-in server, the events a lookup reads stay
 * the same after 500 earlier lookups.
 */
import { actor, decisionMade, patientRegistered } from '../../../../libs/domain/src/spec/builders';
import { InMemoryEventStore, KurrentDbEventStore, lookupStream, patientStream } from '@dnr/event-store';
import { KurrentStandInServer } from '../../../../libs/event-store/src/kurrentdb/testing/kurrent-stand-in';
import { Clock, Metrics } from '@dnr/http';
import { GetResuscitationStatus, GetResuscitationStatusHandler } from '../queries/queries';
import { LookupAudit, MOST_OPEN_WINDOWS } from './lookup-audit';
import { PatientHistories } from '../queries/patient-histories';

it('a lookup reads the same number of events whether the patient was looked up 1 or 500 times before', async () => {
  const server = new KurrentStandInServer();
  const store = new KurrentDbEventStore(server.client());
  const clock = new Clock();
  const handler = new GetResuscitationStatusHandler(new PatientHistories(store), new LookupAudit(store, clock, new Metrics()), clock);
  const patientId = 'a'.repeat(32);
  const registered = patientRegistered();
  await store.append(patientStream(patientId), [{ eventId: registered.eventId, type: registered.type, payload: registered }], 'no_stream');
  const readsOf = (stream: string) => server.eventsRead.get(stream) ?? 0;
  const costOfOneLookup = async () => {
    const before = [readsOf(patientStream(patientId)), readsOf(lookupStream(patientId))];
    await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic')));
    return [readsOf(patientStream(patientId)) - before[0], readsOf(lookupStream(patientId)) - before[1]];
  };

  await costOfOneLookup(); // the first reads the patient's stream; later ones find it remembered (PatientHistories)
  const first = await costOfOneLookup();
  // 500 crews, each its own caller: 500 audit lines of their own (identical reads would be counted on one).
  for (let i = 0; i < 500; i++) await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic', { sub: `crew-${i}` })));
  const later = await costOfOneLookup();

  expect(first).toEqual([1, 0]); // the stream's last event (its version); nothing of the lookup stream
  expect(later).toEqual(first);
  expect((await store.readStream(lookupStream(patientId))).length).toBe(501); // every lookup audited; the repeats of the first caller are counted
  await store.close();
});

describe('issue 13: repeated identical reads are one audit line with a count — and never refused', () => {
  const setUp = async () => {
    const store = new InMemoryEventStore();
    let now = Date.parse('2026-03-05T10:00:00Z');
    const clock = { now: () => now } as Clock;
    const audit = new LookupAudit(store, clock, new Metrics());
    const handler = new GetResuscitationStatusHandler(new PatientHistories(store), audit, clock);
    const patientId = 'b'.repeat(32);
    const registered = patientRegistered();
    await store.append(patientStream(patientId), [{ eventId: registered.eventId, type: registered.type, payload: registered }], 'no_stream');
    const lines = async () => (await store.readStream(lookupStream(patientId))).map((e) => e.payload as Record<string, unknown>);
    return { store, audit, handler, patientId, lines, tick: (ms: number) => { now += ms; } };
  };

  it('1,000 identical reads: every one answered; one line at once, one line with the count when the window closes', async () => {
    const { audit, handler, patientId, lines, tick } = await setUp();
    const answers = [];
    for (let i = 0; i < 1000; i++) { answers.push(await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic')))); tick(10); }
    expect(answers.every((a) => a.status === 'ATTEMPT_CPR')).toBe(true);
    expect(await lines()).toHaveLength(1);
    await audit.beforeApplicationShutdown(); // the window closes (as at its end, or at shutdown)
    const [first, summary] = await lines();
    expect(summary).toMatchObject({ repeats: 999, since: first.at, by: first.by, status: 'ATTEMPT_CPR' });
  });

  it('1,000 reads each asking another moment (?at, ?knownAt) are still one line with a count, which says what they asked', async () => {
    const { audit, handler, patientId, lines, tick } = await setUp();
    const moment = (i: number) => new Date(Date.parse('2026-03-04T10:00:00Z') - i * 60_000).toISOString();
    for (let i = 0; i < 1000; i++) { await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic'), moment(i), moment(i % 10))); tick(10); }
    expect(await lines()).toHaveLength(1);
    await audit.beforeApplicationShutdown();
    const [first, summary, ...more] = await lines();
    expect(more).toEqual([]);
    expect(first).toMatchObject({ status: 'ATTEMPT_CPR', version: 1, askedAt: expect.stringMatching(/^2026-03-04T11:00:00/) });
    // The summary never claims the repeats asked what the first did: it names the span they asked about.
    expect(summary).not.toHaveProperty('askedAt');
    expect(summary).toMatchObject({ repeats: 999, since: first.at, status: 'ATTEMPT_CPR', version: 1 });
    const asked = summary.repeatsAsked as { at: { earliest: string; latest: string }; knownAt: { earliest: string; latest: string } };
    expect([asked.at.earliest, asked.at.latest].map(Date.parse)).toEqual([Date.parse(moment(999)), Date.parse(moment(1))]);
    expect([asked.knownAt.earliest, asked.knownAt.latest].map(Date.parse)).toEqual([Date.parse(moment(9)), Date.parse(moment(0))]);
  });

  it('another caller or another answer is a line of its own', async () => {
    const { store, handler, patientId, lines } = await setUp();
    await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic')));
    await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic', { sub: 'other' })));
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-05T09:00:00+01:00' }, { recordedAt: '2026-03-05T09:00:00+01:00' });
    await store.append(patientStream(patientId), [{ eventId: decided.eventId, type: decided.type, payload: decided }], 1);
    const answer = await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic')));
    expect(answer).toMatchObject({ status: 'DNACPR', version: 2 });
    expect((await lines()).map((l) => [(l.by as { sub: string }).sub, l.status, l.version])).toEqual([
      ['paramedic-1', 'ATTEMPT_CPR', 1], ['other', 'ATTEMPT_CPR', 1], ['paramedic-1', 'DNACPR', 2],
    ]);
  });

  it('with every window taken by other callers, a repeated reader is still coalesced (the window read longest ago makes room)', async () => {
    const { handler, patientId, lines } = await setUp();
    for (let i = 0; i < MOST_OPEN_WINDOWS; i++) await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic', { sub: `crew-${i}` })));
    const before = (await lines()).length;
    for (let i = 0; i < 100; i++) await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic')));
    // One line, its first read's: the window closed to make room (crew-0's) had no repeats to write.
    expect((await lines()).length - before).toBe(1);
  });
});
