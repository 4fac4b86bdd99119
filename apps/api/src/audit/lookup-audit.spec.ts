/**
 * On KurrentDB a status lookup's audit append must not read the lookup history first (it grew
 * with every lookup ever made): counted on the stand-in server, the events a lookup reads stay
 * the same after 500 earlier lookups.
 */
import { actor, patientRegistered } from '../../../../libs/domain/src/spec/builders';
import { KurrentDbEventStore, lookupStream, patientStream } from '@dnr/event-store';
import { KurrentStandInServer } from '../../../../libs/event-store/src/kurrentdb/testing/kurrent-stand-in';
import { Clock, Metrics } from '@dnr/http';
import { GetResuscitationStatus, GetResuscitationStatusHandler } from '../queries/queries';
import { LookupAudit } from './lookup-audit';

it('a lookup reads the same number of events whether the patient was looked up 1 or 500 times before', async () => {
  const server = new KurrentStandInServer();
  const store = new KurrentDbEventStore(server.client());
  const clock = new Clock();
  const handler = new GetResuscitationStatusHandler(store, new LookupAudit(store, clock, new Metrics()), clock);
  const patientId = 'a'.repeat(32);
  const registered = patientRegistered();
  await store.append(patientStream(patientId), [{ eventId: registered.eventId, type: registered.type, payload: registered }], 'no_stream');
  const readsOf = (stream: string) => server.eventsRead.get(stream) ?? 0;
  const costOfOneLookup = async () => {
    const before = [readsOf(patientStream(patientId)), readsOf(lookupStream(patientId))];
    await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic')));
    return [readsOf(patientStream(patientId)) - before[0], readsOf(lookupStream(patientId)) - before[1]];
  };

  const first = await costOfOneLookup();
  for (let i = 0; i < 500; i++) await handler.execute(new GetResuscitationStatus(patientId, actor('paramedic')));
  const later = await costOfOneLookup();

  expect(first).toEqual([1, 0]); // the patient's one event; nothing of the lookup stream
  expect(later).toEqual(first);
  expect((await store.readStream(lookupStream(patientId))).length).toBe(502); // every lookup audited
  await store.close();
});
