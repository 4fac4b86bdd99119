/**
 * R7.3b changes by time alone on the status feed, on the in-memory event store, a real relay.db
 * and a fake clock: a registered refusal pending publishes one entry when it takes effect —
 * whether the relay's clock finds it, or the projection does before a later event, or both;
 * never twice, also with the relay started again; a new event replaces the schedule.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { instantOf, PatientEvent } from '@dnr/domain';
import { InMemoryEventStore, InMemoryLog } from '@dnr/event-store';
import { decisionMade, handedOverTo, revised } from '../../../domain/src/spec/builders';
import { OutboxStore } from '../store/outbox-store';
import * as fixture from '../testing/feed-fixture';
import { clockOf, IN_FORCE, registerRefusal } from '../testing/feed-fixture';

let dir: string;
let outbox: OutboxStore;
let store: InMemoryEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dnr-timed-feed-'));
  outbox = new OutboxStore(join(dir, 'relay.db'));
  store = new InMemoryEventStore(new InMemoryLog());
});
afterEach(() => { outbox.close(); rmSync(dir, { recursive: true, force: true }); });

const record = (patientId: string, events: PatientEvent[]) => fixture.record(store, patientId, events);
const project = () => fixture.project(store, outbox);
const clock = (feed: OutboxStore = outbox) => clockOf(store, feed);
const feedOf = (patientId: string, feed: OutboxStore = outbox) => fixture.feedOf(feed, patientId);

const statusOf = (entry: { status: unknown }) => entry.status as { status: string; flags: Array<{ code: string }> };

describe('R7.3b a change by time alone is published once', () => {
  it('a registered refusal pending: at 00:00 Danish time on day + 7 one new entry with DNACPR, by time, caused by the last event; nothing before it, nothing twice', async () => {
    const events = registerRefusal();
    await record('a', events);
    await project();
    expect(feedOf('a').map((e) => [statusOf(e).status, statusOf(e).flags.map((f) => f.code)])).toEqual([['ATTEMPT_CPR', ['REGISTER_PENDING']]]);
    expect(outbox.feedSchedule('a')).toMatchObject({ dueAt: IN_FORCE, causedBy: events[1].eventId });

    const feed = clock();
    expect(await feed.runDue(IN_FORCE - 1)).toBe(0);
    expect(await feed.runDue(IN_FORCE)).toBe(1);
    const entries = feedOf('a');
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ causedBy: events[1].eventId, by: 'time', at: '2026-03-09T00:00:00+01:00' });
    expect(statusOf(entries[1]).status).toBe('DNACPR');
    expect(statusOf(entries[1]).flags.map((f) => f.code)).not.toContain('REGISTER_PENDING');
    expect(entries[0]).not.toHaveProperty('by'); // an event's entry keeps the shape it always had

    expect(await feed.runDue(IN_FORCE + 86_400_000)).toBe(0);
    expect(outbox.feedSchedule('a')).toBeNull();
    expect(feedOf('a')).toHaveLength(2);
  });

  it('the relay started again (relay.db opened anew) publishes nothing twice', async () => {
    await record('a', registerRefusal());
    await project();
    expect(await clock().runDue(IN_FORCE + 60_000)).toBe(1);
    outbox.close();
    outbox = new OutboxStore(join(dir, 'relay.db'));
    expect(await clock().runDue(IN_FORCE + 120_000)).toBe(0);
    await project(); // from its checkpoint: nothing new
    expect(feedOf('a').map((e) => statusOf(e).status)).toEqual(['ATTEMPT_CPR', 'DNACPR']);
  });

  it('a change that fell due while the relay was behind is published before the next event\'s own entry, at the instant it happened', async () => {
    const events = registerRefusal();
    const physician = decisionMade({ basis: 'physician', decidedAt: '2026-03-10T10:00:00+01:00' }, { recordedAt: '2026-03-10T10:00:00+01:00' });
    await record('a', events);
    await project();
    await record('a', [physician]); // the clock never looked on 9 March
    await project();
    const entries = feedOf('a');
    expect(entries.map((e) => [e.causedBy, e.by ?? 'event', e.at, statusOf(e).status])).toEqual([
      [events[1].eventId, 'event', '2026-03-02T10:00:00+01:00', 'ATTEMPT_CPR'],
      [events[1].eventId, 'time', '2026-03-09T00:00:00+01:00', 'DNACPR'],
      [physician.eventId, 'event', '2026-03-10T10:00:00+01:00', 'DNACPR'], // the physician's decision is a new instrument in force
    ]);
    expect(await clock().runDue(instantOf('2026-04-01T00:00:00+02:00'))).toBe(0);
    expect(feedOf('a')).toHaveLength(3);
  });

  it('a new event before the instant replaces the schedule: a withdrawal of the registration leaves nothing to publish by time', async () => {
    const events = registerRefusal();
    await record('a', events);
    await project();
    const withdrawn = revised({ decisionId: (events[1] as PatientEvent & { data: { decisionId: string } }).data.decisionId, action: 'withdraw', revisedAt: '2026-03-04T10:00:00+01:00' }, { recordedAt: '2026-03-04T10:00:00+01:00' });
    await record('a', [withdrawn]);
    await project();
    expect(outbox.feedSchedule('a')).toBeNull();
    expect(await clock().runDue(IN_FORCE + 60_000)).toBe(0);
    expect(feedOf('a').map((e) => statusOf(e).status)).toEqual(['ATTEMPT_CPR', 'ATTEMPT_CPR']);
  });

  it('a handover before the instant keeps it due, now caused by the handover; the change is published once when it falls due', async () => {
    const events = registerRefusal();
    const discharge = handedOverTo({ at: '2026-03-05T10:00:00+01:00' }, { recordedAt: '2026-03-05T10:00:00+01:00' });
    await record('a', [...events, discharge]);
    await project();
    expect(outbox.feedSchedule('a')).toMatchObject({ dueAt: IN_FORCE, causedBy: discharge.eventId });
    expect(await clock().runDue(IN_FORCE)).toBe(1);
    expect(feedOf('a').at(-1)).toMatchObject({ causedBy: discharge.eventId, by: 'time' });
  });

  it('the projection and the clock both finding the same change record it once (the clock, holding a schedule the projection replaced, writes nothing)', async () => {
    const events = registerRefusal();
    await record('a', events);
    await project();
    const stale = outbox.feedSchedule('a');
    const physician = decisionMade({ basis: 'physician', decidedAt: '2026-03-10T10:00:00+01:00' }, { recordedAt: '2026-03-10T10:00:00+01:00' });
    await record('a', [physician]);
    await project();
    expect(outbox.recordTimedChanges(stale!, [{ patientId: 'a', causedBy: events[1].eventId, at: '2026-03-09T00:00:00+01:00', status: {}, by: 'time' }], null)).toBe(false);
    expect(feedOf('a')).toHaveLength(3);
  });
});

describe('relay.db made before changes by time', () => {
  it('keeps every entry under its own position and takes a change by time under an event already on the feed', () => {
    outbox.close();
    const file = join(dir, 'old-relay.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE status_feed (position INTEGER PRIMARY KEY AUTOINCREMENT, patient_id TEXT NOT NULL, caused_by TEXT NOT NULL UNIQUE, at TEXT NOT NULL, status TEXT NOT NULL);
      INSERT INTO status_feed (patient_id, caused_by, at, status) VALUES ('a', 'e1', '2026-03-02T10:00:00+01:00', '{"status":"ATTEMPT_CPR"}'), ('b', 'e2', '2026-03-02T11:00:00+01:00', '{"status":"DNACPR"}');`);
    old.close();
    outbox = new OutboxStore(file);
    expect(outbox.feedAfter(0, 10)).toEqual([
      { position: 1, patientId: 'a', causedBy: 'e1', at: '2026-03-02T10:00:00+01:00', status: { status: 'ATTEMPT_CPR' } },
      { position: 2, patientId: 'b', causedBy: 'e2', at: '2026-03-02T11:00:00+01:00', status: { status: 'DNACPR' } },
    ]);
    outbox.recordProjection({ owed: [], changes: [
      { patientId: 'a', causedBy: 'e1', at: '2026-03-02T10:00:00+01:00', status: { again: true } }, // a replayed event: the row already there
      { patientId: 'a', causedBy: 'e1', at: '2026-03-09T00:00:00+01:00', status: { status: 'DNACPR' }, by: 'time' },
    ] });
    // after the positions already given (an ignored insert spends one, as it always did: positions only ever grow)
    const added = outbox.feedAfter(2, 10);
    expect(added).toEqual([{ position: expect.any(Number), patientId: 'a', causedBy: 'e1', at: '2026-03-09T00:00:00+01:00', status: { status: 'DNACPR' }, by: 'time' }]);
    expect(added[0].position).toBeGreaterThan(2);
    outbox.close();
    outbox = new OutboxStore(file); // opened again: nothing to migrate
    expect(outbox.feedHead()).toBe(added[0].position);
  });
});
