/** R7.3b: between the instants nextChangeAfter names, time alone changes nothing the feed would publish. */
import fc from 'fast-check';
import { PatientEvent } from '../events/patient-event';
import { arbHistory, arbTimelyHistory, iso, WINDOW_MINUTES } from '../spec/arbitraries';
import { decisionMade, patientRegistered, revised, temporarilyRevoked } from '../spec/builders';
import { Instant, instantOf, startOfDanishDay } from '../time/danish-time';
import { nextChangeAfter, nextChangeOf, statusChangedByTime } from './next-change';
import { ResuscitationStatus } from './resuscitation-status';
import { statusAt } from './status-at';
import { streamStatusOf } from './stream-status';

const DAY = 24 * 60 * 60_000;
const FAR = instantOf('2100-01-01T00:00:00Z');

/** What a feed entry carries, without the instants it was asked at. */
function published(events: readonly PatientEvent[], at: Instant): Omit<ResuscitationStatus, 'at' | 'knownAt'> {
  const { at: _at, knownAt: _knownAt, ...rest } = statusAt(events, { patientId: 'p', at, knownAt: FAR });
  return rest;
}

/** Instants strictly between `after` and `until`: at both edges and where the fractions fall. */
function between(after: Instant, until: Instant, fractions: readonly number[]): Instant[] {
  const inside = [after + 1, until - 1, ...fractions.map((f) => after + 1 + Math.floor(f * (until - after - 2)))];
  return inside.filter((t) => t > after && t < until);
}

describe('nextChangeAfter (R7.3b changes by time alone)', () => {
  it.each([['recorded in any order', arbHistory], ['recorded as things happen', arbTimelyHistory]])(
    '%s: the published answer at every instant from `after` up to (not including) the instant returned is the answer at `after` — forever, when it returns null',
    (_what, histories) => fc.assert(fc.property(
      histories,
      fc.integer({ min: -14 * DAY, max: (WINDOW_MINUTES + 30 * 24 * 60) * 60_000 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
      (events, offset, fractions) => {
        const after = instantOf(iso(0)) + offset;
        const next = nextChangeAfter(streamStatusOf(events), after);
        if (next !== null) expect(next).toBeGreaterThan(after);
        const until = next ?? after + 400 * DAY; // the histories' times all lie within a few months
        const expected = published(events, after);
        for (const t of between(after, until, fractions)) expect(published(events, t)).toEqual(expected);
      }), { numRuns: 400 }),
  );

  it.each([['recorded in any order', arbHistory], ['recorded as things happen', arbTimelyHistory]])(
    '%s: walking from instant to instant finds every change a day-by-day sampling finds',
    (_what, histories) => fc.assert(fc.property(histories, (events) => {
      const stream = streamStatusOf(events);
      const start = instantOf(iso(0)) - 14 * DAY;
      const instants = new Set<Instant>();
      for (let t: Instant | null = start; t !== null; t = nextChangeAfter(stream, t)) instants.add(t);
      let previous = published(events, start);
      for (let t = start + 3_600_000; t < start + 80 * DAY; t += 6 * 3_600_000) {
        const now = published(events, t);
        if (JSON.stringify(now) !== JSON.stringify(previous)) {
          const last = [...instants].filter((i) => i <= t).pop() as Instant;
          expect(last).toBeGreaterThan(t - 6 * 3_600_000); // a named instant lies in the step where it changed
        }
        previous = now;
      }
    }), { numRuns: 200 }),
  );

  it('R5.1 a registered refusal pending: the next change is 00:00 Danish time on the registration day + 7, then none', () => {
    const events = [patientRegistered(), decisionMade({ basis: 'register', registeredAt: '2026-03-02', decidedAt: '2026-03-02T10:00:00+01:00' }, { recordedAt: '2026-03-02T10:00:00+01:00' })];
    const recorded = instantOf('2026-03-02T10:00:00+01:00');
    const effective = startOfDanishDay('2026-03-09');
    expect(nextChangeOf(events, recorded)).toBe(effective);
    expect(nextChangeOf(events, effective)).toBeNull();
    const status = statusChangedByTime(streamStatusOf(events), 'p', recorded, effective);
    expect(status?.status).toBe('DNACPR');
    expect(status?.flags.map((f) => f.code)).not.toContain('REGISTER_PENDING');
    expect(statusChangedByTime(streamStatusOf(events), 'p', recorded, effective - 1)).toBeNull();
  });

  it('R5.4 a registered refusal withdrawn while pending never takes effect: nothing to wait for', () => {
    const made = decisionMade({ basis: 'register', registeredAt: '2026-03-02', decidedAt: '2026-03-02T10:00:00+01:00' }, { recordedAt: '2026-03-02T10:00:00+01:00' });
    const withdrawn = revised({ decisionId: made.data.decisionId, action: 'withdraw', revisedAt: '2026-03-03T10:00:00+01:00' }, { recordedAt: '2026-03-03T10:00:00+01:00' });
    expect(nextChangeOf([patientRegistered(), made, withdrawn], instantOf('2026-03-03T10:00:00+01:00'))).toBeNull();
  });

  it('R1.4 an event stated minutes ahead of its recording is a change at its stated time', () => {
    const made = decisionMade({ basis: 'physician', decidedAt: '2026-03-02T10:05:00+01:00' }, { recordedAt: '2026-03-02T10:01:00+01:00' });
    expect(nextChangeOf([patientRegistered(), made], instantOf('2026-03-02T10:01:00+01:00'))).toBe(instantOf('2026-03-02T10:05:00+01:00'));
  });

  it('R5.3 a temporary revocation of a pending registration: the registration still takes effect — suspended — at its day', () => {
    const made = decisionMade({ basis: 'register', registeredAt: '2026-03-02', decidedAt: '2026-03-02T10:00:00+01:00' }, { recordedAt: '2026-03-02T10:00:00+01:00' });
    const wish = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-04T10:00:00+01:00', illnessSituation: { id: 's1', description: 'pneumoni' }, patientCompetent: true }, { recordedAt: '2026-03-04T10:00:00+01:00' });
    expect(nextChangeOf([patientRegistered(), made, wish], instantOf('2026-03-04T10:00:00+01:00'))).toBe(startOfDanishDay('2026-03-09'));
  });
});
