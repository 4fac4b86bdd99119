/**
 * CareCommunication threads as MedCom's guide and its reply example (Bundle-b56549f7-…) have them:
 * a reply only within a thread the recipient is part of, keeping the thread's
 * Communication.identifier, carrying the earlier segments, its revision pointing at the thread's
 * latest CareCommunication — never at an epikrise or udskrivningsrapport; identifiers of UUID v4
 * form; and threads that a projection folded again (a relay restart) rebuilds exactly.
 */
import { actor, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered, revised } from '../spec/builders';
import { HandoverMessage } from './handover-message';
import { UUID_V4_FORM } from './message-id';
import { MAX_SEGMENTS, segmentIdOf } from './care-thread';
import { foldOutbox, messagesOnEvent, messagesOwed } from './messages-owed';

const reg = patientRegistered('1948-03-01');
const hospitalPhysician = actor('physician', { org: HOSPITAL.sor, name: 'Anna Holm' });
const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { by: hospitalPhysician });
const discharge = handedOverTo({ at: '2026-03-05T10:00:00+01:00' }, { by: actor('nurse', { org: HOSPITAL.sor, name: 'Mette Lund' }) });
const withdrawal = revised({ decisionId: decided.data.decisionId, action: 'withdraw', revisedAt: '2026-03-20T09:00:00+01:00' }, { by: actor('physician', { org: GP.sor, name: 'Peter Krogh' }) });
const decidedAgain = decisionMade({ basis: 'physician', decidedAt: '2026-03-25T09:00:00+01:00' }, { by: hospitalPhysician });
const stream = [reg, decided, discharge, withdrawal, decidedAgain];
const all = messagesOwed(stream, 'p1');
const korrespondance = (causedBy: string, to: string) => all.find((m) => m.kind === 'korrespondancemeddelelse' && m.causedBy === causedBy && m.recipient.sor === to) as HandoverMessage;

const first = korrespondance(discharge.eventId, NURSING_HOME.sor);
const gpToHome = korrespondance(withdrawal.eventId, NURSING_HOME.sor);
const gpToHospital = korrespondance(withdrawal.eventId, HOSPITAL.sor);
const reply = korrespondance(decidedAgain.eventId, NURSING_HOME.sor);
const hospitalToGp = korrespondance(decidedAgain.eventId, GP.sor);

describe('the first korrespondancemeddelelse between two organisations is a new message', () => {
  it('the discharge to the nursing home opens a thread: no earlier segments, no reply', () => {
    expect(first.thread).toMatchObject({ earlier: [] });
    expect(first.inReplyTo).toBeUndefined();
  });

  it('the GP, who was never part of the hospital–nursing home thread, starts its own threads', () => {
    for (const m of [gpToHome, gpToHospital]) {
      expect(m.inReplyTo).toBeUndefined();
      expect(m.thread?.earlier).toEqual([]);
      expect(m.thread?.identifier).not.toBe(first.thread?.identifier);
    }
  });

  it('never a reply to an epikrise or udskrivningsrapport: the GP had only the epikrise (as its addressee)', () => {
    const sections = all.filter((m) => m.kind !== 'korrespondancemeddelelse').map((m) => m.messageId);
    expect(sections).toHaveLength(2);
    for (const m of all) expect(sections).not.toContain(m.inReplyTo);
  });
});

describe('a later message between the same two is a reply in their thread', () => {
  it('the hospital decides again: to the nursing home, a reply keeping the thread identifier, its revision the thread’s latest message', () => {
    expect(reply.thread?.identifier).toBe(first.thread?.identifier);
    expect(reply.inReplyTo).toBe(first.messageId);
  });

  it('it carries the earlier segment: its text, author and date', () => {
    expect(reply.thread?.earlier).toEqual([{
      messageId: first.messageId, senderSor: HOSPITAL.sor, at: discharge.recordedAt, author: { name: 'Mette Lund', role: 'nurse', org: HOSPITAL.sor },
      text: first.text,
    }]);
  });

  it('to the GP, the hospital replies in the thread the GP opened when it told the hospital of the withdrawal', () => {
    expect(hospitalToGp.thread?.identifier).toBe(gpToHospital.thread?.identifier);
    expect(hospitalToGp.inReplyTo).toBe(gpToHospital.messageId);
    expect(hospitalToGp.thread?.earlier.map((e) => e.author.name)).toEqual(['Peter Krogh']);
  });

  it('the author of every message is the person who recorded its event, with their role — never an organisation', () => {
    expect(first.author).toEqual({ name: 'Mette Lund', role: 'nurse', org: HOSPITAL.sor });
    expect(gpToHome.author).toEqual({ name: 'Peter Krogh', role: 'physician', org: GP.sor });
    expect(reply.author).toEqual({ name: 'Anna Holm', role: 'physician', org: HOSPITAL.sor });
  });
});

describe('a thread is bounded: a message carries at most MAX_SEGMENTS segments, then the pair starts a new message', () => {
  it('reply after reply keeps the thread until it holds the bound, then a new thread with no earlier segment and no reply', () => {
    // The hospital physician re-evaluates again and again (R7.1a): each reaffirmation reaches the nursing home.
    const again = Array.from({ length: MAX_SEGMENTS + 2 }, (_, i) =>
      revised({ decisionId: decided.data.decisionId, action: 'reaffirm', revisedAt: `2026-04-${String(i + 1).padStart(2, '0')}T09:00:00+02:00` }, { by: hospitalPhysician }));
    const toHome = messagesOwed([reg, decided, discharge, ...again], 'p1').filter((m) => m.kind === 'korrespondancemeddelelse' && m.recipient.sor === NURSING_HOME.sor);
    const lengths = toHome.map((m) => m.thread!.earlier.length);
    expect(Math.max(...lengths)).toBe(MAX_SEGMENTS - 1); // and its own segment
    const fresh = toHome[MAX_SEGMENTS];
    expect(fresh.thread).toMatchObject({ earlier: [] });
    expect(fresh.inReplyTo).toBeUndefined();
    expect(fresh.thread!.identifier).not.toBe(toHome[0].thread!.identifier);
    expect(toHome[MAX_SEGMENTS + 1].thread).toMatchObject({ identifier: fresh.thread!.identifier, earlier: [expect.objectContaining({ messageId: fresh.messageId })] });
  });
});

describe('identifiers', () => {
  it('Communication.identifier and every segment identifier are UUIDs of version-4 form, deterministic', () => {
    const ids = all.flatMap((m) => [m.thread?.identifier, ...(m.thread?.earlier ?? []).map((e) => segmentIdOf(e.messageId))]).filter((id): id is string => id !== undefined);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(id.replace('urn:uuid:', '')).toMatch(UUID_V4_FORM);
    expect(messagesOwed(stream, 'p1')).toEqual(all);
  });
});

describe('threads live in the ledger and survive a restart', () => {
  it('a ledger rebuilt by folding the stream (a relay that lost its memory) gives the same next messages as the one kept step by step', () => {
    let kept = foldOutbox([], 'p1').ledger;
    for (let i = 0; i < stream.length - 1; i++) kept = messagesOnEvent(kept, stream.slice(0, i + 1), 'p1').ledger;
    const rebuilt = foldOutbox(stream.slice(0, -1), 'p1').ledger;
    expect(rebuilt.threads).toEqual(kept.threads);
    expect(messagesOnEvent(rebuilt, stream, 'p1').messages).toEqual(messagesOnEvent(kept, stream, 'p1').messages);
  });
});
