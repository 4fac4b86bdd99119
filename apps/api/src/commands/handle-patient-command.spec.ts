/** The one command service on the in-memory event store: registration, decisions, If-Match, Idempotency-Key, races. */
import { InMemoryEventStore, KurrentDbEventStore, patientStream } from '@dnr/event-store';
import { KurrentStandInServer } from '../../../../libs/event-store/src/kurrentdb/testing/kurrent-stand-in';
import { Problem } from '@dnr/http';
import { actor } from '../../../../libs/domain/src/spec/builders';
import { makeDecision, revise } from '../../../../libs/domain/src/spec/commands';
import { PatientHistories } from '../queries/patient-histories';
import { handlePatientCommand } from './handle-patient-command';

const NOW = Date.parse('2026-03-05T10:00:00+01:00');
const options = (eventId: string, extra: object = {}) => ({ eventId, now: () => NOW, ...extra });
const register = { type: 'RegisterPatient' as const, by: actor('nurse'), body: { cpr: '010148-1234', name: 'Karen Jensen' } };
const decision = () => makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T10:00:00+01:00' });
const problemCode = (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => (e instanceof Problem ? e.body.code : String(e)));

let store: InMemoryEventStore;
beforeEach(async () => {
  store = new InMemoryEventStore();
  await handlePatientCommand(store, 'p', register, options('00000000-0000-4000-8000-000000000001'));
});

it('registers once; the same CPR again changes nothing', async () => {
  expect(await handlePatientCommand(store, 'p', register, options('00000000-0000-4000-8000-000000000002'))).toEqual({ kind: 'unchanged', version: 1 });
  expect(await store.streamVersion(patientStream('p'))).toBe(1);
});

it('a decision is appended at the record time, with the caller as recorder', async () => {
  const outcome = await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-000000000003'));
  expect(outcome).toEqual({ kind: 'appended', eventId: '00000000-0000-4000-8000-000000000003', version: 2, replayed: false });
  const [, stored] = await store.readStream(patientStream('p'));
  expect(stored.payload).toMatchObject({ type: 'DecisionMade', recordedAt: new Date(NOW).toISOString(), recordedBy: { role: 'physician' } });
});

it('a rule violation is a 422 problem and writes nothing', async () => {
  const noGrounds = makeDecision({ basis: 'physician', grounds: [] });
  expect(await problemCode(handlePatientCommand(store, 'p', noGrounds, options('00000000-0000-4000-8000-000000000004')))).toBe('RULE_VIOLATION');
  expect(await store.streamVersion(patientStream('p'))).toBe(1);
});

it('an unknown patient is NOT_FOUND', async () =>
  expect(await problemCode(handlePatientCommand(store, 'nobody', decision(), options('00000000-0000-4000-8000-000000000005')))).toBe('NOT_FOUND'));

it('If-Match names a stale version ⇒ CONCURRENT_MODIFICATION, nothing written', async () => {
  await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-000000000006'));
  expect(await problemCode(handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-000000000007', { ifMatch: 1 })))).toBe('CONCURRENT_MODIFICATION');
  expect(await store.streamVersion(patientStream('p'))).toBe(2);
});

it('Idempotency-Key: the same request again answers the first event; another request under the key is refused', async () => {
  const first = await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-000000000008', { requestHash: 'h1' }));
  const again = await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-000000000008', { requestHash: 'h1' }));
  expect(again).toEqual({ ...first, replayed: true });
  expect(await problemCode(handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-000000000008', { requestHash: 'h2' })))).toBe('IDEMPOTENCY_KEY_REUSED');
  expect(await store.streamVersion(patientStream('p'))).toBe(2);
});

it('the same request sent five times at once with its Idempotency-Key and If-Match: one event, and every sender gets its answer, not a 409', async () => {
  const send = () => handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-00000000000b', { requestHash: 'h1', ifMatch: 1 }));
  const outcomes = await Promise.all([send(), send(), send(), send(), send()]);
  expect(outcomes.map((o) => (o.kind === 'appended' ? [o.eventId, o.version] : o))).toEqual(Array(5).fill(['00000000-0000-4000-8000-00000000000b', 2]));
  expect(await store.streamVersion(patientStream('p'))).toBe(2);
  // Another request under If-Match 1 is still a conflict.
  expect(await problemCode(handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-00000000000c', { requestHash: 'h9', ifMatch: 1 })))).toBe('CONCURRENT_MODIFICATION');
});

it('the same withdrawal sent five times at once with its Idempotency-Key and no If-Match: one event, five answers — not "already withdrawn"', async () => {
  await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-00000000000d'));
  const decisionId = ((await store.readStream(patientStream('p')))[1].payload as { data: { decisionId: string } }).data.decisionId;
  const send = () => handlePatientCommand(store, 'p', revise(decisionId, 'withdraw'), options('00000000-0000-4000-8000-00000000000e', { requestHash: 'w1' }));
  const outcomes = await Promise.all([send(), send(), send(), send(), send()]);
  expect(outcomes.map((o) => (o.kind === 'appended' ? [o.eventId, o.version] : o))).toEqual(Array(5).fill(['00000000-0000-4000-8000-00000000000e', 3]));
  expect(await store.streamVersion(patientStream('p'))).toBe(3);
});

it('20 concurrent writers without If-Match on one patient: all land, versions gap-free', async () => {
  const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    handlePatientCommand(store, 'p', decision(), options(`00000000-0000-4000-8000-1000000000${String(i).padStart(2, '0')}`))));
  expect(outcomes.map((o) => (o.kind === 'appended' ? o.version : 0)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
});

/**
 * On KurrentDB (the stand-in server): the registration, then `commands` decisions (true: under an
 * Idempotency-Key), with one PatientHistories for all of them or, without it, each reading anew —
 * and how many of the stream's events the server handed out for the last one.
 */
async function eventsReadByLastCommand(withKey: boolean[], shared: boolean): Promise<number> {
  const server = new KurrentStandInServer();
  const kurrent = new KurrentDbEventStore(server.client());
  const histories = shared ? new PatientHistories(kurrent) : undefined;
  await handlePatientCommand(kurrent, 'p', register, options('00000000-0000-4000-8000-000000000001'), histories);
  let before = 0;
  for (const [i, keyed] of withKey.entries()) {
    before = server.eventsRead.get(patientStream('p')) ?? 0;
    await handlePatientCommand(kurrent, 'p', decision(), options(`00000000-0000-4000-8000-0000000000a${i}`, keyed ? { requestHash: `h${i}` } : {}), histories);
  }
  await kurrent.close();
  return (server.eventsRead.get(patientStream('p')) ?? 0) - before;
}

describe('on KurrentDB (the stand-in server, counting what is read)', () => {
  it('a command without an Idempotency-Key reads the stream once (its random id is not looked for)', async () =>
    expect(await eventsReadByLastCommand([false], false)).toBe(1));

  it('with one, the derived id is looked for before the append too (a retry is recognised)', async () =>
    expect(await eventsReadByLastCommand([true], false)).toBeGreaterThan(1));
});

describe('with the service\'s one PatientHistories (the stream read again only when its version moved)', () => {
  it('20 concurrent writers: all land, versions gap-free, and what is remembered is the stream as stored', async () => {
    const histories = new PatientHistories(store);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      handlePatientCommand(store, 'p', decision(), options(`00000000-0000-4000-8000-2000000000${String(i).padStart(2, '0')}`), histories)));
    expect(outcomes.map((o) => (o.kind === 'appended' ? o.version : 0)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(await histories.of('p')).toEqual((await store.readStream(patientStream('p'))).map((e) => e.payload));
  });

  it('another replica\'s append is seen: If-Match on the version before it is refused, and the next command decides on its content', async () => {
    const here = new PatientHistories(store);
    const there = new PatientHistories(store); // a second replica on the same store
    await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-300000000001'), here); // version 2, remembered here
    const theirs = decision();
    await handlePatientCommand(store, 'p', theirs, options('00000000-0000-4000-8000-300000000002'), there); // version 3
    expect(await problemCode(handlePatientCommand(store, 'p', revise(theirs.newDecisionId, 'withdraw'), options('00000000-0000-4000-8000-300000000003', { ifMatch: 2 }), here))).toBe('CONCURRENT_MODIFICATION');
    // Their decision exists here: revising it is not NOT_FOUND.
    expect(await handlePatientCommand(store, 'p', revise(theirs.newDecisionId, 'withdraw'), options('00000000-0000-4000-8000-300000000004', { ifMatch: 3 }), here)).toMatchObject({ kind: 'appended', version: 4 });
    expect((await here.of('p')).map((e) => e.eventId)).toEqual((await store.readStream(patientStream('p'))).map((e) => e.eventId));
  });

  it("a command decided on a memory behind another replica's append loses the race at the store and lands after it, on the stream as stored", async () => {
    const here = new PatientHistories(store);
    const there = new PatientHistories(store);
    await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-300000000011'), here); // version 2, remembered here
    await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-300000000012'), there); // version 3, not seen here
    expect(await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-300000000013'), here)).toMatchObject({ kind: 'appended', version: 4 });
    expect((await here.of('p')).map((e) => e.eventId)).toEqual((await store.readStream(patientStream('p'))).map((e) => e.eventId));
  });

  it('a refusal decided on a memory behind the store is not given: the command is decided again on the stream as it is', async () => {
    const here = new PatientHistories(store);
    const there = new PatientHistories(store);
    await handlePatientCommand(store, 'p', decision(), options('00000000-0000-4000-8000-300000000021'), here); // version 2, remembered here
    const theirs = decision();
    await handlePatientCommand(store, 'p', theirs, options('00000000-0000-4000-8000-300000000022'), there); // version 3, not seen here
    // On the memory their decision does not exist (NOT_FOUND); on the stream it does. No If-Match.
    expect(await handlePatientCommand(store, 'p', revise(theirs.newDecisionId, 'withdraw'), options('00000000-0000-4000-8000-300000000023'), here)).toMatchObject({ kind: 'appended', version: 4 });
  });
});

describe('on KurrentDB with the service\'s one PatientHistories (the stand-in server, counting what is read)', () => {
  it('after its own append a command reads nothing: it decides on what it remembers, and the server checks the version at the append', async () =>
    expect(await eventsReadByLastCommand([false, false], true)).toBe(0));

  it('an append under an Idempotency-Key does not extend the memory (its "success" may be another replica\'s event): the whole stream is read again', async () =>
    expect(await eventsReadByLastCommand([true, false], true)).toBe(2));
});
