/**
 * What a withdrawal ends with it, what a wish for CPR reaches, and when the will registry casts
 * doubt on a will — found by the second independent clinical review (round-two-cases.spec.ts
 * N05, N06, N07, N09, N14, N17, N33).
 */
import { given } from '../../spec/given';
import { activationIdOf, conditionImproved, decisionMade, patientRegistered, revised, temporarilyRevoked, testamentActivated, willLookedUp } from '../../spec/builders';
import { activateTestament, makeDecision, revise, revokeTemporarily } from '../../spec/commands';
import { MOST_INSTRUMENTS } from '../../decider/decide';

const aged78 = patientRegistered('1948-03-01');
const copd = { id: 'kol', description: 'KOL' };
const pneumonia = { id: 'pneumoni-2026', description: 'Lungebetændelse' };

describe('R3.3 a physician who withdraws a decision ends every physician decision made by then', () => {
  // »… gælder, indtil lægen eller en eventuel efterfølgende behandlingsansvarlig læge beslutter andet« (undtagelse 3)
  const gp = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-02-01T10:00:00+01:00' });
  const hospital = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-11T09:00:00+01:00' });
  const withdrawHospital = revised({ decisionId: hospital.data.decisionId, action: 'withdraw', revisedAt: '2026-03-15T10:00:00+01:00' });

  it('both decisions end: CPR', () => {
    const g = given(aged78, gp, hospital, withdrawHospital).at('2026-03-15T11:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    g.expectInstrument(gp.data.decisionId, 'withdrawn');
  });

  it('the older decision, ended with it, cannot be revised again', () =>
    given(aged78, gp, hospital, withdrawHospital).when(revise(gp.data.decisionId, 'reaffirm', 'physician', '2026-03-16T10:00:00+01:00'), '2026-03-16T10:01:00+01:00').thenRejected({ rule: 'R3.3' }));

  it('withdrawing the older decision after the newer was made ends the newer too (third review, R05): the physician decided otherwise', () => {
    const withdrawGp = revised({ decisionId: gp.data.decisionId, action: 'withdraw', revisedAt: '2026-03-15T10:00:00+01:00' });
    const g = given(aged78, gp, hospital, withdrawGp).at('2026-03-15T11:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    g.expectInstrument(hospital.data.decisionId, 'withdrawn');
  });

  it('withdrawing the older decision before the newer was made leaves the newer in force', () => {
    const withdrawGp = revised({ decisionId: gp.data.decisionId, action: 'withdraw', revisedAt: '2026-03-01T10:00:00+01:00' });
    given(aged78, gp, hospital, withdrawGp).at('2026-03-15T11:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'physician', decision: expect.objectContaining({ decisionId: hospital.data.decisionId }) });
  });

  it('a decision made after the withdrawal stands', () => {
    const newer = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-20T09:00:00+01:00' });
    given(aged78, gp, hospital, withdrawHospital, newer).at('2026-03-20T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'physician' });
  });
});

describe('R5.4 the register holds one registration: its deletion ends every recorded look-up of it', () => {
  const first = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' });
  const second = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-03-10T21:20:00+01:00' });

  it('withdrawing either look-up ends both: CPR', () => {
    for (const named of [first, second]) {
      const deleted = revised({ decisionId: named.data.decisionId, action: 'withdraw', revisedAt: '2026-04-01T10:00:00+02:00' });
      given(aged78, first, second, deleted).at('2026-04-01T11:00:00+02:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    }
  });

  it('a registration made again and looked up after the deletion stands', () => {
    const deleted = revised({ decisionId: first.data.decisionId, action: 'withdraw', revisedAt: '2026-04-01T10:00:00+02:00' });
    const again = decisionMade({ basis: 'register', registeredAt: '2026-05-01', decidedAt: '2026-05-02T10:00:00+02:00' });
    given(aged78, first, second, deleted, again).at('2026-05-09T10:00:00+02:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });
});

describe('R5.5 a registration found invalid: every look-up of that registration stops binding; a later one too when the citizen was permanently incompetent', () => {
  const invalidity = { assessment: 'Utvivlsomt varigt inhabil ved registreringen', reportedToStps: { at: '2026-03-02' } };
  const first = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' });
  const second = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-03-01T10:00:00+01:00' });
  const later = decisionMade({ basis: 'register', registeredAt: '2026-01-10', decidedAt: '2026-03-01T11:00:00+01:00' });
  const invalid = revised({ decisionId: first.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-02T10:00:00+01:00', ...invalidity });

  it('temporarily incompetent when registering: both look-ups of that registration are withdrawn; the later registration binds', () => {
    const temporary = revised({ decisionId: first.data.decisionId, action: 'declare_invalid', revisedAt: '2026-03-02T10:00:00+01:00', assessment: 'Delirium ved registreringen', incompetence: 'temporary' });
    const g = given(aged78, first, second, later, temporary).at('2026-03-03T10:00:00+01:00');
    g.expectInstrument(second.data.decisionId, 'withdrawn');
    g.expectStatus({ status: 'DNACPR', basis: 'register', decision: expect.objectContaining({ decisionId: later.data.decisionId }) });
  });

  // »Det er fx tilfældet, hvis sundhedspersonen selv har vurderet den pågældende varigt inhabil forud for
  //  registreringstidspunktet.« (undtagelse 5)
  it('permanently incompetent: a later registration does not bind either — looked up before the finding or after it', () => {
    given(aged78, first, second, later, invalid).at('2026-03-03T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    const lookedUpAfter = decisionMade({ basis: 'register', registeredAt: '2026-02-20', decidedAt: '2026-03-04T10:00:00+01:00' });
    const g = given(aged78, first, invalid, lookedUpAfter).at('2026-03-05T10:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR' });
    g.expectInstrument(lookedUpAfter.data.decisionId, 'withdrawn');
    given(aged78, first, invalid, lookedUpAfter).when(revise(lookedUpAfter.data.decisionId, 'withdraw', 'nurse', '2026-03-06T10:00:00+01:00'), '2026-03-06T10:01:00+01:00').thenRejected({ rule: 'R5.4' });
  });
});

describe('R5.1 the register opened on 15 January 2025', () => {
  it('a registration dated before is refused; on the day it opened it is accepted', () => {
    given(aged78).when(makeDecision({ basis: 'register', registeredAt: '2025-01-14', decidedAt: '2026-03-01T10:00:00+01:00' }, 'nurse'), '2026-03-01T10:01:00+01:00').thenRejected({ rule: 'R5.1' });
    given(aged78).when(makeDecision({ basis: 'register', registeredAt: '2025-01-15', decidedAt: '2026-03-01T10:00:00+01:00' }, 'nurse'), '2026-03-01T10:01:00+01:00').thenEvents([{ type: 'DecisionMade' }]);
  });
});

describe('R4.4 + R5.3b withdrawing their own refusal, the patient wishes CPR in that illness situation', () => {
  const own = decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-02-10T10:00:00+01:00' });
  const withdrawn = revised({ decisionId: own.data.decisionId, action: 'withdraw', revisedAt: '2026-03-09T19:30:00+01:00' });

  it('the register is suspended too, and the flag says why', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-01-05T10:00:00+01:00' });
    const g = given(aged78, register, own, withdrawn).at('2026-03-09T19:35:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
    g.expectInstrument(register.data.decisionId, 'suspended');
    expect(g.status().flags).toContainEqual(expect.objectContaining({ code: 'TEMPORARY_REVOCATION_ACTIVE', rule: 'R5.3b' }));
    expect(g.status().flags.find((f) => f.code === 'TEMPORARY_REVOCATION_ACTIVE')?.detail).toContain('trukket sit eget fravalg tilbage');
  });

  it('so is a will in force', () => {
    const will = testamentActivated({ situation: 'irreversibly_dying', assessedAt: '2026-03-01T10:00:00+01:00' });
    given(aged78, own, will, withdrawn).at('2026-03-09T19:35:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  it('until the patient can be discharged from that illness situation (R5.3): then the register binds again', () => {
    const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-01-05T10:00:00+01:00' });
    const better = conditionImproved({ at: '2026-03-20T10:00:00+01:00', dischargeable: true, illnessSituationId: copd.id });
    given(aged78, register, own, withdrawn, better).at('2026-03-21T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'register' });
  });

  it('a withdrawal with nothing else to reach says only that it ended the refusal (no flag)', () => {
    const g = given(aged78, own, withdrawn).at('2026-03-09T19:35:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN', flags: [] });
  });

  it("a physician's decision stands, flagged so the physician re-assesses", () => {
    const physician = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T10:00:00+01:00' });
    const g = given(aged78, physician, own, withdrawn).at('2026-03-09T19:35:00+01:00');
    g.expectStatus({ status: 'DNACPR', basis: 'physician' });
    g.expectFlag('PATIENT_WISHES_CPR');
  });
});

describe('R5.3b the physician who re-assesses after the wish and keeps the decision has done what the flag asks', () => {
  const physician = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T14:00:00+01:00' });
  const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-05T10:00:00+01:00', illnessSituation: pneumonia });
  const reaffirmed = revised({ decisionId: physician.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-05T15:00:00+01:00' });

  it('reaffirmed after the wish: no flag', () => given(aged78, physician, wish, reaffirmed).at('2026-03-05T16:00:00+01:00').expectFlag('PATIENT_WISHES_CPR', false));

  it('reaffirmed before the wish: still flagged', () => {
    const early = revised({ decisionId: physician.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-04T15:00:00+01:00' });
    given(aged78, physician, early, wish).at('2026-03-05T16:00:00+01:00').expectFlag('PATIENT_WISHES_CPR');
  });

  it('a re-evaluation recorded before the wish was known does not count, whatever time it states (third review, R20)', () => {
    const lateWish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-05T10:00:00+01:00', illnessSituation: pneumonia }, { recordedAt: '2026-03-08T09:00:00+01:00' });
    const unaware = revised({ decisionId: physician.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-06T10:00:00+01:00' }, { recordedAt: '2026-03-06T10:01:00+01:00' });
    given(aged78, physician, unaware, lateWish).at('2026-03-08T10:00:00+01:00').expectFlag('PATIENT_WISHES_CPR');
  });

  it('with two physicians\' decisions in force, the one who re-evaluates hers after the wish has done it (third review, R21)', () => {
    const newer = decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-03T14:00:00+01:00' });
    const keptNewer = revised({ decisionId: newer.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-05T15:00:00+01:00' });
    given(aged78, physician, newer, wish, keptNewer).at('2026-03-05T16:00:00+01:00').expectFlag('PATIENT_WISHES_CPR', false);
    const g = given(aged78, physician, newer, wish).at('2026-03-05T16:00:00+01:00');
    expect(g.status().flags.find((f) => f.code === 'PATIENT_WISHES_CPR')?.instrumentId).toBe(newer.data.decisionId);
  });

  it('a newer wish after the reaffirmation flags it again', () => {
    const again = temporarilyRevoked({ instrument: 'register', patientCompetent: true, statedAt: '2026-03-07T10:00:00+01:00', illnessSituation: pneumonia });
    given(aged78, physician, wish, reaffirmed, again).at('2026-03-07T11:00:00+01:00').expectFlag('PATIENT_WISHES_CPR');
  });
});

describe('R6.4 a will is revoked only while the patient is competent; the register whatever the competence (R5.3)', () => {
  // »Patienten kan, så længe denne er habil, …« (undtagelse 6) against »Dette gælder uanset borgerens habilitetsniveau.« (undtagelse 5)
  const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-01-05T10:00:00+01:00' });
  const will = testamentActivated({ situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00' });
  const wishWith = (patientCompetent: boolean | undefined) => temporarilyRevoked({ instrument: 'register', patientCompetent, illnessSituation: pneumonia, statedAt: '2026-03-06T02:00:00+01:00' });

  it('said by a patient recorded as incompetent: the register is suspended, the will binds', () => {
    const g = given(aged78, register, will, wishWith(false)).at('2026-03-06T02:05:00+01:00');
    g.expectInstrument(register.data.decisionId, 'suspended');
    g.expectStatus({ status: 'DNACPR', basis: 'testament' });
  });

  it('and the note on the wish says the will still binds (third review, R28)', () => {
    const note = given(aged78, register, will, wishWith(false)).at('2026-03-06T02:05:00+01:00').status().flags.find((f) => f.code === 'TEMPORARY_REVOCATION_ACTIVE')?.detail;
    expect(note).toContain('men ikke et behandlings- eller livstestamente');
    expect(note).not.toContain('alle patientens egne fravalg');
  });

  it('competence not stated: doubt, CPR (R1.2)', () => given(aged78, register, will, wishWith(undefined)).at('2026-03-06T02:05:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' }));
});

describe('R6.6 + R1.2 a later look-up of the will registry that does not show the will leaves it in doubt', () => {
  const found = willLookedUp({ at: '2026-03-05T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'] });
  const will = testamentActivated({ lookupId: found.data.lookupId, kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' });

  it('two answers at the same minute, one showing the will and one not: CPR whichever id or order, and the flag says they disagree (fourth review, Q03)', () => {
    const again = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'] });
    const none = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'not_found' });
    for (const order of [[again, none], [none, again]]) {
      const g = given(aged78, found, will, ...order).at('2026-03-20T10:00:00+01:00');
      g.expectStatus({ status: 'ATTEMPT_CPR' });
      expect(g.status().flags.find((f) => f.code === 'WILL_NOT_IN_REGISTRY')?.detail).toMatch(/giver forskellige svar/);
      expect(g.status().explanation).toMatch(/forskellige svar/);
      expect(g.status().willLookup?.result).toBe('not_found');
    }
  });

  it('none found: CPR, the will suspended, the physician asked to clear it up', () => {
    const g = given(aged78, found, will, willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'not_found' })).at('2026-03-20T10:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'TEMPORARILY_REVOKED' });
    g.expectInstrument(activationIdOf(will), 'suspended');
    expect(g.status().flags).toContainEqual(expect.objectContaining({ code: 'WILL_NOT_IN_REGISTRY', rule: 'R6.6', instrumentId: activationIdOf(will) }));
    expect(g.status().explanation).toContain('testamenteregistret viser ikke');
  });

  it('another kind found, or the situation not covered: the same doubt', () => {
    const livstestamente = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'found', kind: 'livstestamente', situations: ['severe_disability'] });
    given(aged78, found, will, livstestamente).at('2026-03-20T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
    const otherSituation = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['irreversibly_dying'] });
    given(aged78, found, will, otherSituation).at('2026-03-20T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  it('a look-up that shows the will again, or one that names no situations, leaves it binding', () => {
    const gone = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'not_found' });
    const back = willLookedUp({ at: '2026-03-21T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'] });
    given(aged78, found, will, gone, back).at('2026-03-21T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament' });
    const unnamed = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente' });
    given(aged78, found, will, unnamed).at('2026-03-20T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament' });
  });

  it('the latest answer counts whenever it came: a look-up that found none before an activation citing none leaves it in doubt (third review, R24)', () => {
    const earlier = willLookedUp({ at: '2026-03-04T09:00:00+01:00', result: 'not_found' });
    const uncited = testamentActivated({ kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-05T10:00:00+01:00' });
    given(aged78, earlier, uncited).at('2026-03-05T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  it('a new activation citing the old look-up does not outweigh the newer one that found none (third review, R23)', () => {
    const gone = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'not_found' });
    const again = testamentActivated({ lookupId: found.data.lookupId, kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-21T10:00:00+01:00' });
    given(aged78, found, will, gone, again).at('2026-03-21T11:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR' });
  });

  it('asked about a moment before the later look-up, the will binds', () =>
    given(aged78, found, will, willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'not_found' })).at('2026-03-19T10:00:00+01:00').expectStatus({ status: 'DNACPR', basis: 'testament' }));

  // »Hvis tilkendegivelsen er gjort betinget af accept fra de nærmeste pårørende m.fl., er den først bindende, hvis de
  //  nærmeste pårørende m.fl. accepterer den.« (000 pkt. 7 f)
  it('a later look-up that shows the will conditional on the relatives: it awaits them (third review, R25)', () => {
    const conditional = willLookedUp({ at: '2026-03-20T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'], conditionalOnRelatives: true });
    given(aged78, found, will, conditional).at('2026-03-20T10:00:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'AWAITING_RELATIVES_ACCEPTANCE' });
  });
});

describe('R8.2 a record holds at most MOST_INSTRUMENTS decisions and will activations (re-attack: the feed grew with its square)', () => {
  const full = Array.from({ length: MOST_INSTRUMENTS }, (_, i) => decisionMade({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+01:00` }));
  const now = '2026-03-01T10:01:00+01:00';

  it('one more decision or activation is refused', () => {
    given(aged78, ...full).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T10:00:00+01:00' }), now).thenRejected({ rule: 'R8.2' });
    given(aged78, ...full).when(activateTestament({ situation: 'irreversibly_dying', assessedAt: '2026-03-01T10:00:00+01:00' }), now).thenRejected({ rule: 'R8.2' });
  });

  it('a wish for CPR and a withdrawal are never refused for it', () => {
    given(aged78, ...full).when(revise(full[0].data.decisionId, 'withdraw', 'physician', '2026-03-01T10:00:00+01:00'), now).thenEvents([{ type: 'Revised' }]);
    given(aged78, ...full).when(revokeTemporarily({ instrument: 'register', illnessSituation: pneumonia, statedAt: '2026-03-01T10:00:00+01:00' }, 'care_worker'), now).thenEvents([{ type: 'TemporarilyRevoked' }]);
  });

  it('one fewer, and the decision is recorded', () =>
    given(aged78, ...full.slice(1)).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'], decidedAt: '2026-03-01T10:00:00+01:00' }), now).thenEvents([{ type: 'DecisionMade' }]));
});

describe('R5.3b the note on a wish for CPR says which illness situation it covers (fourth review, Q15)', () => {
  // »Angivelsen af beslutningen skal være tydelig, og der må ikke være tvivl om betydningen.« (001)
  const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-02-01T10:00:00+01:00' });
  const wish = temporarilyRevoked({ instrument: 'register', patientCompetent: true, illnessSituation: pneumonia, statedAt: '2026-03-01T10:00:00+01:00' });
  const cancer = decisionMade({ basis: 'patient', illnessSituation: { id: 'lungecancer', description: 'Lungecancer' }, decidedAt: '2026-03-03T14:00:00+01:00' });

  it('beside a newer refusal in another illness situation: bound to its own, and the newer refusal said to stand', () => {
    const s = given(aged78, register, wish, cancer).at('2026-03-03T15:00:00+01:00');
    s.expectStatus({ status: 'DNACPR', basis: 'patient' });
    const note = s.status().flags.find((f) => f.code === 'TEMPORARY_REVOCATION_ACTIVE')?.detail ?? '';
    expect(note).toContain('»Lungebetændelse«');
    expect(note).toMatch(/i denne sygdomssituation/);
    expect(note).toMatch(/Et fravalg, som patienten siden selv har truffet over for lægen, gælder/);
    expect(note).not.toMatch(/alle patientens egne fravalg/);
  });
});

describe('R4.5/R4.5a an improvement and a refusal stated at the same minute (fourth review, Q02)', () => {
  const old = decisionMade({ basis: 'patient', illnessSituation: pneumonia, decidedAt: '2026-03-01T11:00:00+01:00' }, { recordedAt: '2026-03-01T11:05:00+01:00' });
  const improved = conditionImproved({ at: '2026-03-08T10:00:00+01:00', dischargeable: true }, { recordedAt: '2026-03-08T10:20:00+01:00' });
  const renewed = (recordedAt: string) => decisionMade({ basis: 'patient', illnessSituation: copd, decidedAt: '2026-03-08T10:00:00+01:00' }, { recordedAt });

  it('the renewed refusal entered after the improvement was made knowing of it: it stands, nothing left to clarify', () => {
    const r = renewed('2026-03-08T10:30:00+01:00');
    const g = given(aged78, old, improved, r).at('2026-03-08T12:00:00+01:00');
    g.expectStatus({ status: 'DNACPR', basis: 'patient' });
    g.expectInstrument(r.data.decisionId, 'in_force');
    g.expectFlag('CLARIFY_PATIENT_WISH', false);
  });

  it('one entered before the improvement was known: the improvement reaches it — lapsed, CPR', () => {
    const r = renewed('2026-03-08T10:10:00+01:00');
    const g = given(aged78, old, r, improved).at('2026-03-08T12:00:00+01:00');
    g.expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_LAPSED' });
    g.expectInstrument(r.data.decisionId, 'lapsed');
  });
});

describe('R3.4/R6.8 a re-evaluation counts from when the improvement was known (fourth review, Q17)', () => {
  // »Hvis patientens tilstand forbedres væsentligt, skal den behandlingsansvarlige læge kontaktes …« (undtagelse 3)
  const gp = decisionMade({ basis: 'physician', grounds: ['severe_disability'], decidedAt: '2026-01-10T14:00:00+01:00' }, { recordedAt: '2026-01-10T14:05:00+01:00' });
  const review = revised({ decisionId: gp.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-16T12:00:00+01:00' }, { recordedAt: '2026-03-16T12:05:00+01:00' });
  const noted = (recordedAt: string) => conditionImproved({ at: '2026-03-15T09:00:00+01:00', dischargeable: false }, { recordedAt });

  it('noted on the 15th, entered on the 18th: the routine review of the 16th was made without it — still flagged', () =>
    given(aged78, gp, review, noted('2026-03-18T08:00:00+01:00')).at('2026-03-18T09:00:00+01:00').expectFlag('REEVALUATION_REQUIRED'));

  it('entered on the 15th: the review of the 16th re-evaluated it — the flag ends', () =>
    given(aged78, gp, noted('2026-03-15T09:05:00+01:00'), review).at('2026-03-18T09:00:00+01:00').expectFlag('REEVALUATION_REQUIRED', false));

  it('the same for a will (R6.8)', () => {
    const will = testamentActivated({ situation: 'severe_disability', assessedAt: '2026-03-01T10:00:00+01:00' }, { recordedAt: '2026-03-01T10:05:00+01:00' });
    const reassessed = revised({ decisionId: activationIdOf(will), action: 'reaffirm', revisedAt: '2026-03-16T12:00:00+01:00' }, { recordedAt: '2026-03-16T12:05:00+01:00' });
    given(aged78, will, reassessed, noted('2026-03-18T08:00:00+01:00')).at('2026-03-18T09:00:00+01:00').expectFlag('REEVALUATION_REQUIRED');
  });
});
