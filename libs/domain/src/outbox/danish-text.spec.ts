/**
 * Every text a clinician reads is plain clinical Danish (handover-messages.md "Content",
 * 2026-11-22): over many generated patient histories, every message the outbox owes — its text,
 * R7.4 wording, the letter's text block and placements and, for a korrespondancemeddelelse, every
 * narrative and segment of its CareCommunication Bundle — and every status answer's explanation
 * and flag detail hold no enum code, rule id, ISO timestamp or English word.
 */
import fc from 'fast-check';
import { arbHistory } from '../spec/arbitraries';
import { notDanish, textsOfBundle, textsOfMessage, textsOfStatus } from '../spec/danish-text';
import { statusAt } from '../status/status-at';
import { instantOf } from '../time/danish-time';
import { careCommunicationBundle } from './care-communication';
import { HandoverMessage } from './handover-message';
import { messagesOwed } from './messages-owed';

/** As the sites directory would address it: every party with an EAN and a telephone number. */
const addressed = (m: HandoverMessage): HandoverMessage => ({
  ...m,
  sender: { ...m.sender, ean: m.sender.ean ?? '5790000121526', phone: '97 66 00 00' },
  recipient: { ...m.recipient, ean: m.recipient.ean ?? '5790001348120', phone: '72 36 00 00' },
});

function textsOf(m: HandoverMessage): string[] {
  const bundle = m.kind === 'korrespondancemeddelelse' ? textsOfBundle(careCommunicationBundle(addressed(m), '5f0a8a5e-0000-4000-8000-000000000001')) : [];
  return [...textsOfMessage(m), ...bundle];
}

describe('the text of every message, status explanation and flag is plain clinical Danish', () => {
  it('no enum code, rule id, ISO timestamp or English word, over 300 generated histories', () => {
    let scanned = 0;
    fc.assert(fc.property(arbHistory, (stream) => {
      for (const m of messagesOwed(stream, 'p1')) {
        for (const text of textsOf(m)) {
          scanned += 1;
          const problems = notDanish(text);
          if (problems.length) throw new Error(`${m.kind} caused by ${m.causedBy}: ${problems.join('; ')}\n${text}`);
        }
      }
    }), { numRuns: 300 });
    expect(scanned).toBeGreaterThan(1000);
  });

  it('no enum code, rule id, ISO timestamp or English word in any status explanation or flag, at every moment of 300 generated histories', () => {
    let scanned = 0;
    fc.assert(fc.property(arbHistory, (stream) => {
      const moments = stream.flatMap((e) => [instantOf(e.recordedAt), instantOf(e.recordedAt) + 8 * 86_400_000]);
      for (const at of moments) {
        for (const text of textsOfStatus(statusAt(stream, { patientId: 'p1', at, knownAt: at }))) {
          scanned += 1;
          const problems = notDanish(text);
          if (problems.length) throw new Error(`status at ${new Date(at).toISOString()}: ${problems.join('; ')}\n${text}`);
        }
      }
    }), { numRuns: 300 });
    expect(scanned).toBeGreaterThan(1000);
  });

  it('the scan finds what it must: a code, a rule id, a timestamp, an English word', () => {
    expect(notDanish('OBS (R3.4): REEVALUATION_REQUIRED')).toHaveLength(2);
    expect(notDanish('Besluttet 2026-03-01T09:00:00Z')).not.toEqual([]);
    expect(notDanish('Begrundelse: irreversibly_dying')).not.toEqual([]);
    expect(notDanish('The decision holds')).not.toEqual([]);
    expect(notDanish('Besluttet af Anna Holm, læge, 1. marts 2026 kl. 10.00.')).toEqual([]);
  });
});
