/**
 * 3. The pure projections over recorded streams: the status fold (≥ 1,000,000 events/s) and a
 * full outbox rebuild from 1,000,000 events (≤ 10 s). Reference: one plain pass over the same
 * events reading each one's type and time — the floor any fold has to pay.
 */
import fc from 'fast-check';
import { instantOf, messagesOwed, PatientEvent, statusAt } from '@dnr/domain';
import { arbHistory } from '../libs/domain/src/spec/arbitraries';
import { Figure, fmt } from './support';

const TARGET_EVENTS = 1_000_000;

export function foldFigures(): Figure[] {
  const histories = fc.sample(arbHistory, { numRuns: 20_000, seed: 20261122 });
  const streams = repeatUntil(histories, TARGET_EVENTS);
  const events = streams.reduce((n, s) => n + s.length, 0);
  const at = instantOf('2026-04-15T12:00:00+02:00');

  const plain = seconds(() => {
    let checksum = 0;
    for (const s of streams) for (const e of s) checksum += e.type.length + e.recordedAt.length;
    return checksum;
  });
  const fold = seconds(() => {
    let dnacpr = 0;
    streams.forEach((s, i) => { if (statusAt(s, { patientId: `p${i}`, at, knownAt: at }).status === 'DNACPR') dnacpr += 1; });
    return dnacpr;
  });
  let messages = 0;
  const rebuild = seconds(() => {
    streams.forEach((s, i) => { messages += messagesOwed(s, `p${i}`).length; });
    return messages;
  });
  const foldRate = events / fold;
  return [
    { name: '3 status fold', measured: `${fmt(foldRate)} events/s (${fmt(events)} events, ${fmt(streams.length)} streams)`, reference: `plain pass ${fmt(events / plain)} events/s`, ratio: `${fmt(plain / fold, 3)} ×`, target: '≥ 1,000,000 events/s', met: foldRate >= 1_000_000 },
    { name: '3 outbox rebuild', measured: `${fmt(rebuild, 2)} s for ${fmt(events)} events (${fmt(messages)} messages)`, reference: `status fold of the same ${fmt(fold, 2)} s`, ratio: `${fmt(rebuild / fold, 1)} × the fold`, target: '≤ 10 s', met: rebuild <= 10 },
  ];
}

function repeatUntil(histories: PatientEvent[][], events: number): PatientEvent[][] {
  const out: PatientEvent[][] = [];
  let n = 0;
  for (let i = 0; n < events; i += 1) {
    const h = histories[i % histories.length];
    out.push(h);
    n += h.length;
  }
  return out;
}

function seconds(work: () => number): number {
  const start = process.hrtime.bigint();
  const result = work();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (!Number.isFinite(result)) throw new Error('benchmark work returned nothing'); // keeps the work from being optimised away
  return elapsed;
}
