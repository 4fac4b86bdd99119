/**
 * R7.3b for patients projected before the relay kept schedules: a relay.db from then (made here
 * by dropping feed_schedule from a projected one — the table is all that differs) gets, when first
 * opened, a request to backfill; the relay makes each such patient's schedule from their stream
 * before its projection resumes, so a registration pending at the upgrade is published when it
 * takes effect — and one that took effect meanwhile is published late, at its own instant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PatientEvent } from '@dnr/domain';
import { InMemoryEventStore, InMemoryLog, newEventId, patientStream } from '@dnr/event-store';
import { until } from '../../../../test/support/until';
import { decisionMade, handedOverTo, patientRegistered } from '../../../domain/src/spec/builders';
import { OutboxStore } from '../store/outbox-store';
import { OUTBOX_CHECKPOINT, OutboxProjector } from '../projection/outbox-projector';
import * as fixture from '../testing/feed-fixture';
import { clockOf, IN_FORCE, policy, registerRefusal } from '../testing/feed-fixture';
import { backfillSchedules } from './schedule-backfill';

let dir: string;
let file: string;
let outbox: OutboxStore;
let store: InMemoryEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dnr-backfill-'));
  file = join(dir, 'relay.db');
  outbox = new OutboxStore(file);
  store = new InMemoryEventStore(new InMemoryLog());
});
afterEach(() => { outbox.close(); rmSync(dir, { recursive: true, force: true }); });

const record = (patientId: string, events: PatientEvent[]) => fixture.record(store, patientId, events);
const project = () => fixture.project(store, outbox);
const clock = (feed: OutboxStore = outbox) => clockOf(store, feed);
const feedOf = (patientId: string, feed: OutboxStore = outbox) => fixture.feedOf(feed, patientId);

/** relay.db as the relay left it before it kept schedules: the same, without feed_schedule. */
function asBeforeSchedules(): void {
  outbox.close();
  const db = new Database(file);
  db.exec('DROP TABLE feed_schedule');
  db.close();
  outbox = new OutboxStore(file);
}

const statusOf = (entry: { status: unknown }) => (entry.status as { status: string }).status;

describe('R7.3b schedules for patients projected before the relay kept them', () => {
  it('a registration pending at the upgrade is published by time when it takes effect, once', async () => {
    const events = registerRefusal();
    await record('a', events);
    await project();
    asBeforeSchedules();
    expect(outbox.feedSchedule('a')).toBeNull();
    expect(outbox.schedulesBackfill()).toEqual({ upto: outbox.checkpoint(OUTBOX_CHECKPOINT), after: null });

    await project(); // the relay starts: the backfill before the projection resumes
    expect(outbox.schedulesBackfill()).toBeNull();
    expect(outbox.feedSchedule('a')).toMatchObject({ dueAt: IN_FORCE, causedBy: events[1].eventId, version: 2 });
    expect(await clock().runDue(IN_FORCE)).toBe(1);
    expect(feedOf('a').map((e) => [e.by ?? 'event', e.at, statusOf(e)])).toEqual([
      ['event', '2026-03-02T10:00:00+01:00', 'ATTEMPT_CPR'],
      ['time', '2026-03-09T00:00:00+01:00', 'DNACPR'],
    ]);
    expect(await clock().runDue(IN_FORCE + 86_400_000)).toBe(0);
  });

  it('a patient whose last event was a handover: the schedule is the handover\'s, and a change that fell due before the upgrade is published late at its own instant', async () => {
    const events = [...registerRefusal(), handedOverTo({ at: '2026-03-05T10:00:00+01:00' }, { recordedAt: '2026-03-05T10:00:00+01:00' })];
    await record('a', events);
    await project();
    asBeforeSchedules();
    await project();
    expect(outbox.feedSchedule('a')).toMatchObject({ dueAt: IN_FORCE, causedBy: events[2].eventId, version: 3 });
    expect(await clock().runDue(IN_FORCE + 30 * 86_400_000)).toBe(1); // the upgrade came weeks later
    expect(feedOf('a').at(-1)).toMatchObject({ causedBy: events[2].eventId, by: 'time', at: '2026-03-09T00:00:00+01:00' });
  });

  it('a patient with nothing to change by time gets no schedule; one recorded after the upgrade keeps the projection\'s own', async () => {
    const physician = decisionMade({ basis: 'physician', decidedAt: '2026-03-02T10:00:00+01:00' }, { recordedAt: '2026-03-02T10:00:00+01:00' });
    await record('settled', [patientRegistered('1948-03-01', { recordedAt: '2026-03-01T09:00:00+01:00' }), physician]);
    await project();
    asBeforeSchedules();
    const later = registerRefusal();
    await record('new', later);
    await project();
    expect(outbox.feedSchedule('settled')).toBeNull();
    expect(outbox.feedSchedule('new')).toMatchObject({ dueAt: IN_FORCE, causedBy: later[1].eventId });
  });

  it('only what was projected: an event recorded since is the projection\'s, which carries the schedule on', async () => {
    const events = registerRefusal();
    await record('a', events.slice(0, 1));
    await project();
    asBeforeSchedules();
    await record('a', events.slice(1));
    const backfilled = await backfillSchedules(store, outbox, { log: () => undefined, stopping: () => false });
    expect(backfilled).toBe(0); // the registration alone schedules nothing; the decision, not yet projected, is not the backfill's
    await project();
    expect(outbox.feedSchedule('a')).toMatchObject({ dueAt: IN_FORCE, causedBy: events[1].eventId });
  });

  it('resumes where it stopped, page by page, and asks for nothing once done', async () => {
    for (let i = 0; i < 600; i += 1) await record(`p${i}`, registerRefusal());
    await project();
    asBeforeSchedules();
    let pages = 0;
    const made = await backfillSchedules(store, outbox, { log: () => undefined, stopping: () => (pages += 1) > 1 });
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(600);
    expect(outbox.schedulesBackfill()?.after).not.toBeNull();
    outbox.close();
    outbox = new OutboxStore(file); // a restart mid-way
    expect(await backfillSchedules(store, outbox, { log: () => undefined, stopping: () => false })).toBe(600 - made);
    expect(outbox.feedDue(IN_FORCE, 1_000)).toHaveLength(600);
    expect(outbox.schedulesBackfill()).toBeNull();
  });

  it('a stream the fold cannot take costs that patient\'s schedule only', async () => {
    await record('a', registerRefusal());
    await store.append(patientStream('broken'), [{ eventId: newEventId(), type: 'FromANewerBuild', payload: { type: 'FromANewerBuild' } }], 'no_stream');
    await record('b', registerRefusal());
    outbox.saveCheckpoint(OUTBOX_CHECKPOINT, (await store.readAll(null, 10_000)).at(-1)!.position); // as if projected
    asBeforeSchedules();
    const warnings: string[] = [];
    expect(await backfillSchedules(store, outbox, { log: (_, m) => warnings.push(m), stopping: () => false })).toBe(2);
    expect(outbox.feedSchedule('a')).not.toBeNull();
    expect(outbox.feedSchedule('b')).not.toBeNull();
    expect(warnings.join('\n')).toContain('patient broken');
  });

  it('when the store cannot be read, the projection goes on after a few attempts and the backfill is asked for again', async () => {
    await record('a', registerRefusal());
    await project();
    asBeforeSchedules();
    await record('later', registerRefusal());
    const failing = Object.create(store) as InMemoryEventStore;
    let failures = 0;
    failing.readAll = async (...args) => (failures < 4 ? Promise.reject(new Error(`disk gone ${failures += 1}`)) : store.readAll(...args)); // the backfill's four attempts fail; the projection's reads do not
    const logged: string[] = [];
    const projector = new OutboxProjector(failing, outbox, { policy, now: () => 0, onRecorded: () => undefined, log: (level, m) => logged.push(`${level} ${m}`) });
    projector.start();
    try {
      await until(async () => outbox.feedSchedule('later') !== null, 10_000, 'the projection went on');
    } finally {
      await projector.stop();
    }
    expect(failures).toBe(4);
    expect(logged.filter((l) => l.startsWith('error'))).toHaveLength(1);
    expect(outbox.schedulesBackfill()).not.toBeNull();
  });

  it('a new relay.db and one already upgraded ask for no backfill', async () => {
    expect(outbox.schedulesBackfill()).toBeNull();
    await record('a', registerRefusal());
    await project();
    outbox.close();
    outbox = new OutboxStore(file);
    expect(outbox.schedulesBackfill()).toBeNull();
  });
});
