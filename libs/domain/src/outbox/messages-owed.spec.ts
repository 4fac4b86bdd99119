import { actor, conditionImproved, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered, revised, site } from '../spec/builders';
import { messagesCausedBy, messagesOwed } from './messages-owed';

const reg = patientRegistered('1948-03-01');
const hospitalPhysician = actor('physician', { org: HOSPITAL.sor });
const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { by: hospitalPhysician });
const discharge = handedOverTo({ at: '2026-03-05T10:00:00+01:00', kind: 'discharge', outOfHours: true }, { by: actor('nurse', { org: HOSPITAL.sor }) });
const kindsTo = (ms: ReturnType<typeof messagesOwed>) => ms.map((m) => `${m.kind}→${m.recipient.sor}`);

describe('R7.3 discharge: epikrise to the GP, udskrivningsrapport and korrespondancemeddelelse to the receiving site', () => {
  const owed = messagesCausedBy([reg, decided, discharge], 'p1');

  it('owes exactly the three messages', () =>
    expect(kindsTo(owed)).toEqual([`epikrise→${GP.sor}`, `udskrivningsrapport→${NURSING_HOME.sor}`, `korrespondancemeddelelse→${NURSING_HOME.sor}`]));

  it('epikrise is marked green; the out-of-hours udskrivningsrapport needs a phone call', () => {
    expect(owed[0].followUp).toBe('green');
    expect(owed[1]).toMatchObject({ phoneContactRequired: true, futureArrangements: expect.stringContaining('Ingen lægelig indikation') });
  });

  it('R7.4 every message says whose decision it is, how it may change, with the R8.1 wording', () => {
    for (const m of owed) {
      expect(m.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'physician', statement: 'Ingen lægelig indikation for genoplivningsforsøg ved hjertestop', decidedBy: { name: hospitalPhysician.name } });
      expect(m.resuscitation.whoseDecision).toMatch(/Lægens beslutning/);
      expect(m.text).toContain('Ingen lægelig indikation for genoplivningsforsøg ved hjertestop');
    }
  });

  it('messageIds are deterministic', () =>
    expect(messagesCausedBy([reg, decided, discharge], 'p1').map((m) => m.messageId)).toEqual(owed.map((m) => m.messageId)));
});

describe('R7.2 admission and transfer', () => {
  it('admission: korrespondancemeddelelse to the admitting hospital, stating no refusal when there is none', () => {
    const admission = handedOverTo({ at: '2026-03-05T10:00:00+01:00', kind: 'admission', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined });
    const [m] = messagesCausedBy([reg, admission], 'p1');
    expect(kindsTo([m])).toEqual([`korrespondancemeddelelse→${HOSPITAL.sor}`]);
    expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', statement: 'Genoplivning skal forsøges', reason: 'NO_PRIOR_DECISION' });
  });

  it('transfer: korrespondancemeddelelse to the receiving site and epikrise to the GP', () => {
    const other = site('hospital', '111', '5790000121526', 'Andet hospital');
    expect(kindsTo(messagesCausedBy([reg, handedOverTo({ at: '2026-03-05T10:00:00+01:00', kind: 'transfer', to: other })], 'p1')))
      .toEqual(['korrespondancemeddelelse→111', `epikrise→${GP.sor}`]);
  });
});

describe('R7.5 a changed decision is told to everyone told before, including the site that made it', () => {
  const gpPhysician = actor('physician', { org: GP.sor });
  const withdrawal = revised({ decisionId: decided.data.decisionId, action: 'withdraw', revisedAt: '2026-03-20T09:00:00+01:00' }, { by: gpPhysician });

  it('the GP withdraws: the nursing home and the hospital where it was made are told; not the GP itself', () => {
    const owed = messagesCausedBy([reg, decided, discharge, withdrawal], 'p1');
    expect(kindsTo(owed).sort()).toEqual([`korrespondancemeddelelse→${HOSPITAL.sor}`, `korrespondancemeddelelse→${NURSING_HOME.sor}`].sort());
    for (const m of owed) expect(m.resuscitation).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    expect(owed.map((m) => m.sender.sor)).toEqual([GP.sor, GP.sor]);
  });

  it('an improvement that only flags re-evaluation (R3.4) is a change; one that changes nothing owes nothing', () => {
    const improved = conditionImproved({ at: '2026-03-10T09:00:00+01:00' }, { by: actor('nurse', { org: NURSING_HOME.sor }) });
    expect(messagesCausedBy([reg, decided, discharge, improved], 'p1').length).toBeGreaterThan(0);
    const again = conditionImproved({ at: '2026-03-11T09:00:00+01:00' }, { by: actor('nurse', { org: NURSING_HOME.sor }) });
    expect(messagesCausedBy([reg, decided, discharge, improved, again], 'p1')).toEqual([]);
  });

  it('before any sector change, a decision owes nothing (no one to tell yet)', () =>
    expect(messagesOwed([reg, decided], 'p1')).toEqual([]));

  it('each message carries the status as of its causing event, not a later one', () => {
    const all = messagesOwed([reg, decided, discharge, withdrawal], 'p1');
    expect(all.filter((m) => m.causedBy === discharge.eventId).every((m) => m.resuscitation.status === 'DNACPR')).toBe(true);
  });
});
