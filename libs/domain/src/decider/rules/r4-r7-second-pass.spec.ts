/** The decider's side of the rules added on 2026-11-22: R4.3a, R4.7, R5.5, R6.1a, R6.6, R6.7, R6.8, R7.2a. */
import { given } from '../../spec/given';
import { activationIdOf, decisionMade, patientRegistered, revised, testamentActivated, willLookedUp } from '../../spec/builders';
import { activateTestament, makeDecision, recordHandover, recordWillLookup, revise } from '../../spec/commands';

const aged78 = patientRegistered('1948-03-01');
const refusalIn = (illnessSituation: { id: string; description: string; diagnoses?: string[] }) =>
  makeDecision({ basis: 'patient', decidedAt: '2026-03-05T09:00:00+01:00', illnessSituation });

describe('R4.3a frailty of old age alone is not an illness situation', () => {
  it.each([
    ['only DR54 codes', { id: 'a', description: 'Svækket', diagnoses: ['DR54', 'DR549'] }],
    ['»alderdomssvækkelse«', { id: 'a', description: 'Alderdomssvækkelse' }],
    ['»almen svækkelse«', { id: 'a', description: 'almen svækkelse' }],
    ['»Almen alderdomssvækkelse, høj alder«', { id: 'a', description: 'Almen alderdomssvækkelse, høj alder' }],
  ])('%s: R4.3', (_what, situation) => given(aged78).when(refusalIn(situation)).thenRejected({ kind: 'rule', rule: 'R4.3' }));

  it.each([
    ['a diagnosis besides senility', { id: 'a', description: 'Alderdomssvækkelse', diagnoses: ['DR54', 'DJ449'] }],
    ['an illness named', { id: 'a', description: 'Svær KOL og alderdomssvækkelse' }],
    ['an illness by code only', { id: 'a', description: 'Indlagt', diagnoses: ['DC349'] }],
    ['an illness besides age and home (fourth review, Q09)', { id: 'a', description: '94-årig kvinde på plejehjem med hjertesvigt og almen svækkelse' }],
    ['a real illness beside frailty', { id: 'a', description: 'Alderdomssvækkelse, plejehjemsbeboer, lungebetændelse' }],
  ])('%s: accepted', (_what, situation) => given(aged78).when(refusalIn(situation)).thenEvents([{ type: 'DecisionMade' }]));
});

describe('R4.7 no new patient refusal for a patient recorded as permanently incompetent', () => {
  const incompetent = testamentActivated({ assessedAt: '2026-03-01T09:00:00+01:00' });
  const refusal = refusalIn({ id: 'pneumoni', description: 'Lungebetændelse' });

  it('after an activation assessed the patient permanently incompetent: R4.7', () =>
    given(aged78, incompetent).when(refusal).thenRejected({ kind: 'rule', rule: 'R4.7' }));

  it('a refusal dated before that assessment can still be recorded (R4.6: made while competent)', () =>
    given(aged78, incompetent).when(makeDecision({ basis: 'patient', decidedAt: '2026-02-20T09:00:00+01:00', illnessSituation: { id: 'p', description: 'Lungebetændelse' } })).thenEvents([{ type: 'DecisionMade' }]));

  it('once the activation was withdrawn as made in error, the patient may refuse again', () =>
    given(aged78, incompetent, revised({ decisionId: activationIdOf(incompetent), action: 'withdraw', revisedAt: '2026-03-02T09:00:00+01:00' }))
      .when(refusal).thenEvents([{ type: 'DecisionMade' }]));

  it('the physician may still decide for the patient (R3)', () =>
    given(aged78, incompetent).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'] })).thenEvents([{ type: 'DecisionMade' }]));
});

describe('R5.5 declaring a registration invalid', () => {
  const register = decisionMade({ basis: 'register', registeredAt: '2025-06-01', decidedAt: '2026-03-01T09:00:00+01:00' });
  const physician = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' });
  const invalidity = { assessment: 'Varigt inhabil ved registreringen (demens, vurderet af mig 2024)', reportedToStps: { at: '2026-03-05', reference: 'STPS-1' } };

  it.each(['physician', 'nurse'] as const)('%s may declare a registration invalid', (role) =>
    given(aged78, register).when(revise(register.data.decisionId, 'declare_invalid', role, undefined, invalidity))
      .thenEvents([{ type: 'Revised', data: { action: 'declare_invalid', assessment: invalidity.assessment, reportedToStps: invalidity.reportedToStps } }]));

  it.each(['paramedic', 'care_worker'] as const)('%s may not: R5.5', (role) =>
    given(aged78, register).when(revise(register.data.decisionId, 'declare_invalid', role, undefined, invalidity)).thenRejected({ kind: 'role', rule: 'R5.5' }));

  it('only a registration can be invalid', () =>
    given(aged78, physician).when(revise(physician.data.decisionId, 'declare_invalid', 'physician', undefined, invalidity)).thenRejected({ kind: 'rule', rule: 'R5.5' }));
});

describe('R6.1a who can have made a will', () => {
  it('under 18 at assessedAt: R6.1', () =>
    given(patientRegistered('2008-03-06')).when(activateTestament({ assessedAt: '2026-03-05T10:00:00+01:00' })).thenRejected({ kind: 'rule', rule: 'R6.1' }));

  it('18 on the day: a behandlingstestamente is possible', () =>
    given(patientRegistered('2008-03-05')).when(activateTestament({ assessedAt: '2026-03-05T10:00:00+01:00' })).thenEvents([{ type: 'TestamentActivated' }]));

  // »Livstestamenter kunne oprettes indtil 1. januar 2019« — the last day was 31 December 2018.
  it.each(['2001-01-01', '2001-01-02'])('born %s, 18 on or after 1 January 2019: no livstestamente', (born) =>
    given(patientRegistered(born)).when(activateTestament({ kind: 'livstestamente' })).thenRejected({ kind: 'rule', rule: 'R6.1' }));

  it('born 31 December 2000, 18 on the last day: a livstestamente is possible', () =>
    given(patientRegistered('2000-12-31')).when(activateTestament({ kind: 'livstestamente' })).thenEvents([{ type: 'TestamentActivated' }]));
});

describe('R6.6 will-registry look-ups', () => {
  it.each(['physician', 'nurse'] as const)('%s documents a look-up', (role) =>
    given(aged78).when(recordWillLookup({ result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'] }, role))
      .thenEvents([{ type: 'WillRegistryLookedUp', data: { result: 'found', kind: 'behandlingstestamente' } }]));

  it.each(['paramedic', 'care_worker'] as const)('%s may not: R6.6', (role) =>
    given(aged78).when(recordWillLookup({ result: 'not_found' }, role)).thenRejected({ kind: 'role', rule: 'R6.6' }));

  const found = willLookedUp({ at: '2026-03-04T09:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability', 'severe_suffering'], conditionalOnRelatives: true });
  const nothing = willLookedUp({ at: '2026-03-04T09:00:00+01:00', result: 'not_found' });
  const activation = (body: object) => activateTestament({ lookupId: found.data.lookupId, situation: 'severe_disability', conditionalOnRelatives: true, ...body });

  it('an activation citing the look-up that found the will is accepted', () =>
    given(aged78, found).when(activation({})).thenEvents([{ type: 'TestamentActivated', data: { lookupId: found.data.lookupId } }]));

  it.each([
    ['a look-up not recorded', activateTestament({ lookupId: '00000000-0000-4000-8000-0000000fffff' }), [found]],
    ['a look-up that found nothing', activateTestament({ lookupId: nothing.data.lookupId }), [nothing]],
    ['another kind', activation({ kind: 'livstestamente', conditionalOnRelatives: false }), [found]],
    ['a situation the will does not cover', activation({ situation: 'irreversibly_dying', conditionalOnRelatives: false }), [found]],
    ['a conditional will activated as unconditional', activation({ conditionalOnRelatives: false }), [found]],
  ] as const)('citing %s: R6.6', (_what, command, lookups) =>
    given(aged78, ...lookups).when(command).thenRejected({ kind: 'rule', rule: 'R6.6' }));
});

describe('R6.7/R6.8 a physician withdraws or re-assesses an activation', () => {
  const activated = testamentActivated({ assessedAt: '2026-03-01T10:00:00+01:00' });
  const id = activationIdOf(activated);

  it('a physician withdraws it', () =>
    given(aged78, activated).when(revise(id, 'withdraw', 'physician')).thenEvents([{ type: 'Revised', data: { decisionId: id, action: 'withdraw' } }]));

  it.each(['nurse', 'paramedic', 'care_worker'] as const)('%s may not withdraw it: R6.7', (role) =>
    given(aged78, activated).when(revise(id, 'withdraw', role)).thenRejected({ kind: 'role', rule: 'R6.7' }));

  it('a physician re-assesses it after improvement (R6.8)', () =>
    given(aged78, activated).when(revise(id, 'reaffirm', 'physician')).thenEvents([{ type: 'Revised', data: { action: 'reaffirm' } }]));

  it('confirm_in_writing and declare_invalid do not apply to an activation', () => {
    given(aged78, activated).when(revise(id, 'confirm_in_writing', 'physician')).thenRejected({ kind: 'rule', rule: 'R6.7' });
    given(aged78, activated).when(revise(id, 'declare_invalid', 'physician', undefined, { assessment: 'x', reportedToStps: { at: '2026-03-05' } })).thenRejected({ kind: 'rule', rule: 'R5.5' });
  });

  it('a withdrawn activation cannot be revised again', () =>
    given(aged78, activated, revised({ decisionId: id, action: 'withdraw', revisedAt: '2026-03-02T10:00:00+01:00' }))
      .when(revise(id, 'withdraw', 'physician')).thenRejected({ kind: 'rule', rule: 'R6.7' }));
});

describe('R7.2a the prehospital staff pass an admission on', () => {
  it('a paramedic records an admission', () =>
    given(aged78).when(recordHandover('paramedic', { kind: 'admission' })).thenEvents([{ type: 'HandedOverTo', data: { kind: 'admission' } }]));

  it.each(['discharge', 'transfer'] as const)('a paramedic may not record a %s', (kind) =>
    given(aged78).when(recordHandover('paramedic', { kind })).thenRejected({ kind: 'role', rule: 'R7.1' }));

  it('a care worker may not record an admission', () =>
    given(aged78).when(recordHandover('care_worker', { kind: 'admission' })).thenRejected({ kind: 'role', rule: 'R7.2a' }));
});
