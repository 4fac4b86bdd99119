/** The stream kept event by event answers exactly what the full fold answers. */
import fc from 'fast-check';
import { arbHistory, arbMinute, arbTimelyHistory, iso } from '../spec/arbitraries';
import { conditionImproved, decisionMade, handedOverTo, patientRegistered, revised } from '../spec/builders';
import { instantOf } from '../time/danish-time';
import { renderStatus, statusAt } from './status-at';
import { assessStream, EMPTY_STREAM_STATUS, streamStatusOf, withEvent } from './stream-status';

describe('StreamStatus', () => {
  it.each([['recorded in any order', arbHistory], ['recorded as things happen', arbTimelyHistory]])('%s: after every event, at any moment and as known at any moment, the answer is the fold\'s', (_what, histories) =>
    fc.assert(fc.property(histories, fc.array(fc.tuple(arbMinute, fc.integer({ min: -60, max: 60 * 24 * 40 })), { minLength: 1, maxLength: 4 }), (events, moments) => {
      let stream = EMPTY_STREAM_STATUS;
      for (let k = 0; k < events.length; k += 1) {
        stream = withEvent(stream, events[k]);
        const prefix = events.slice(0, k + 1);
        const asked = [
          // as the outbox asks: at the later of the event's own and record time, known at its record time
          { at: Math.max(instantOf(events[k].recordedAt), instantOf(iso(0))), knownAt: instantOf(events[k].recordedAt) },
          ...moments.map(([at, known]) => ({ at: instantOf(iso(at)), knownAt: instantOf(iso(known)) })),
        ];
        for (const q of asked) {
          const query = { patientId: 'p', ...q };
          expect(renderStatus(assessStream(stream, query))).toEqual(statusAt(prefix, query));
        }
      }
    }), { numRuns: 300 }));

  it.each([['recorded in any order', arbHistory], ['recorded as things happen', arbTimelyHistory]])('%s: a stream taken in one pass, then grown event by event, answers what the fold answers — the status a lookup keeps between reads', (_what, histories) =>
    fc.assert(fc.property(histories, fc.nat(), fc.array(fc.tuple(arbMinute, fc.integer({ min: -60, max: 60 * 24 * 40 })), { minLength: 1, maxLength: 4 }), (events, cut, moments) => {
      const split = cut % (events.length + 1);
      let stream = streamStatusOf(events.slice(0, split));
      expect(stream).toEqual(events.slice(0, split).reduce(withEvent, EMPTY_STREAM_STATUS));
      for (let k = split; k <= events.length; k += 1) {
        if (k > split) stream = withEvent(stream, events[k - 1]);
        const prefix = events.slice(0, k);
        for (const [at, known] of moments) {
          const query = { patientId: 'p', at: instantOf(iso(at)), knownAt: instantOf(iso(known)) };
          expect(renderStatus(assessStream(stream, query))).toEqual(statusAt(prefix, query));
        }
      }
    }), { numRuns: 300 }));

  it('growing a stream never changes an earlier one: each step keeps answering what the fold of its own prefix answers (a lookup may hold one while a command grows it)', () =>
    fc.assert(fc.property(arbHistory, arbMinute, fc.integer({ min: -60, max: 60 * 24 * 40 }), (events, at, known) => {
      const query = { patientId: 'p', at: instantOf(iso(at)), knownAt: instantOf(iso(known)) };
      const steps = [EMPTY_STREAM_STATUS];
      for (const event of events) steps.push(withEvent(steps[steps.length - 1], event));
      steps.forEach((step, k) => expect(renderStatus(assessStream(step, query))).toEqual(statusAt(events.slice(0, k), query)));
    }), { numRuns: 300 }));

  it('events in valid-time order are applied step by step; one stated earlier is put in its place and the timeline made again', () => {
    const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' });
    const inOrder = [
      patientRegistered(), decided, handedOverTo({ at: '2026-03-02T10:00:00+01:00' }),
      conditionImproved({ at: '2026-03-05T10:00:00+01:00' }), revised({ decisionId: decided.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-06T10:00:00+01:00' }),
    ];
    let stream = EMPTY_STREAM_STATUS;
    for (const e of inOrder) stream = withEvent(stream, e);
    expect(stream.ordered.map((e) => e.event)).toEqual(inOrder);
    const late = decisionMade({ basis: 'patient', decidedAt: '2026-03-03T09:00:00+01:00' }, { recordedAt: '2026-03-07T09:00:00+01:00' });
    stream = withEvent(stream, late);
    expect(stream.ordered.map((e) => e.event)).toEqual([...inOrder.slice(0, 3), late, ...inOrder.slice(3)]);
    expect(stream.timeline.decisions.has(late.data.decisionId)).toBe(true);
    for (const at of ['2026-03-08T09:00:00+01:00', '2026-03-04T09:00:00+01:00', '2026-03-02T09:00:00+01:00']) {
      const query = { patientId: 'p', at: instantOf(at), knownAt: instantOf('2026-03-08T09:00:00+01:00') };
      expect(renderStatus(assessStream(stream, query))).toEqual(statusAt([...inOrder, late], query));
    }
  });
});
