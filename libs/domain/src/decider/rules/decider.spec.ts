import { given } from '../../spec/given';
import { decisionMade, HOSPITAL, NURSING_HOME, patientRegistered, revised } from '../../spec/builders';
import { activateTestament, makeDecision, recordHandover, recordImprovement, revise, revokeTemporarily } from '../../spec/commands';
import { actor } from '../../spec/builders';

const aged78 = patientRegistered('1948-03-01');

describe('the patient must be registered first', () => {
  it('a decision for an unknown patient is NOT_FOUND', () =>
    given().when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'] })).thenRejected({ kind: 'not_found' }));

  it('registration parses the CPR and keeps the birth date', () =>
    given().when({ type: 'RegisterPatient', by: actor(), body: { cpr: '010150-1234', name: 'Karen Jensen' } })
      .thenEvents([{ type: 'PatientRegistered', data: { cpr: '0101501234', name: 'Karen Jensen', birthDate: '1950-01-01' } }]));

  it('an invalid CPR is invalid, not a rule violation', () =>
    given().when({ type: 'RegisterPatient', by: actor(), body: { cpr: '3102501234', name: 'X' } }).thenRejected({ kind: 'invalid', path: 'cpr' }));

  it('registering a known patient again appends nothing', () =>
    given(aged78).when({ type: 'RegisterPatient', by: actor(), body: { cpr: '0103481234', name: 'Karen Jensen' } }).thenEvents([]));
});

describe('R3.1 only the responsible physician decides, with at least one ground', () => {
  it('physician with grounds: DecisionMade', () =>
    given(aged78).when(makeDecision({ basis: 'physician', grounds: ['severe_suffering'] })).thenEvents([{ type: 'DecisionMade', data: { basis: 'physician', grounds: ['severe_suffering'] } }]));
  it.each(['nurse', 'paramedic', 'care_worker'] as const)('%s may not make a physician decision', (role) =>
    given(aged78).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'] }, role)).thenRejected({ kind: 'role', rule: 'R3.1', allowed: ['physician'] }));
  it('no grounds: R3.1', () =>
    given(aged78).when(makeDecision({ basis: 'physician', grounds: [] })).thenRejected({ kind: 'rule', rule: 'R3.1' }));
});

describe('R4.1 who may refuse: 18+, 15–17 if they understand, never under 15', () => {
  const patientRefusal = (patientUnderstandsConsequences?: boolean) =>
    makeDecision({ basis: 'patient', illnessSituation: { id: 's', description: 'd' }, decidedAt: '2026-03-01T09:00:00+01:00', patientUnderstandsConsequences });

  it('18 years old: accepted', () => given(patientRegistered('2008-03-01')).when(patientRefusal()).thenEvents([{ type: 'DecisionMade' }]));
  it('17 years old without understanding: R4.1', () => given(patientRegistered('2008-03-02')).when(patientRefusal()).thenRejected({ kind: 'rule', rule: 'R4.1' }));
  it('17 years old who understands: accepted', () => given(patientRegistered('2008-03-02')).when(patientRefusal(true)).thenEvents([{ type: 'DecisionMade' }]));
  it('15 on the day (Danish midnight): accepted with understanding', () => given(patientRegistered('2011-03-01')).when(patientRefusal(true)).thenEvents([{ type: 'DecisionMade' }]));
  it('R3.6 under 15: only the physician decides — refused even with understanding', () =>
    given(patientRegistered('2011-03-02')).when(patientRefusal(true)).thenRejected({ kind: 'rule', rule: 'R4.1' }));
  it('R3.6 under 15: a physician decision is possible', () =>
    given(patientRegistered('2015-01-01')).when(makeDecision({ basis: 'physician', grounds: ['irreversibly_dying'] })).thenEvents([{ type: 'DecisionMade' }]));
});

describe('R4.2 a wish told only to a nurse is not yet a refusal', () => {
  it('a nurse cannot record a patient refusal', () =>
    given(aged78).when(makeDecision({ basis: 'patient', illnessSituation: { id: 's', description: 'd' } }, 'nurse')).thenRejected({ kind: 'role', rule: 'R4.2' }));
});

describe('R4.3 a patient refusal names its illness situation', () => {
  it('missing illnessSituation: R4.3', () => given(aged78).when(makeDecision({ basis: 'patient' })).thenRejected({ kind: 'rule', rule: 'R4.3' }));
});

describe('R5.1 the register is for citizens 60+ on the registration day', () => {
  const reg = (registeredAt?: string, role: 'nurse' | 'care_worker' = 'nurse') => makeDecision({ basis: 'register', registeredAt }, role);
  it('60 on the registration day: accepted', () => given(patientRegistered('1966-03-01')).when(reg('2026-03-01')).thenEvents([{ type: 'DecisionMade' }]));
  it('59 on the registration day: R5.1', () => given(patientRegistered('1966-03-02')).when(reg('2026-03-01')).thenRejected({ kind: 'rule', rule: 'R5.1' }));
  it('no registeredAt: R5.1', () => given(aged78).when(reg(undefined)).thenRejected({ kind: 'rule', rule: 'R5.1' }));
  it('R5.6 only a health professional records the lookup: care_worker refused', () =>
    given(aged78).when(reg('2026-03-01', 'care_worker')).thenRejected({ kind: 'role', rule: 'R5.6' }));
});

describe('revisions: R3.3, R3.4, R4.4, R5.4, R7.1', () => {
  const physicianDecision = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' });
  const patientDecision = decisionMade({ basis: 'patient', decidedAt: '2026-03-01T09:00:00+01:00' });
  const registerDecision = decisionMade({ basis: 'register', registeredAt: '2026-01-01', decidedAt: '2026-03-01T09:00:00+01:00' });

  it('R3.3 a nurse cannot withdraw a physician decision', () =>
    given(aged78, physicianDecision).when(revise(physicianDecision.data.decisionId, 'withdraw', 'nurse')).thenRejected({ kind: 'role', rule: 'R3.3' }));
  it('R4.4 a care worker records a patient withdrawal', () =>
    given(aged78, patientDecision).when(revise(patientDecision.data.decisionId, 'withdraw', 'care_worker')).thenEvents([{ type: 'Revised', data: { action: 'withdraw' } }]));
  it('R5.4 a care worker cannot record the register state', () =>
    given(aged78, registerDecision).when(revise(registerDecision.data.decisionId, 'withdraw', 'care_worker')).thenRejected({ kind: 'role', rule: 'R5.4' }));
  it('R5.4 a paramedic records that the register no longer holds a refusal', () =>
    given(aged78, registerDecision).when(revise(registerDecision.data.decisionId, 'withdraw', 'paramedic')).thenEvents([{ type: 'Revised' }]));
  it('R3.3 a withdrawn physician decision cannot be revised again', () =>
    given(aged78, physicianDecision, revised({ decisionId: physicianDecision.data.decisionId, action: 'withdraw', revisedAt: '2026-03-02T09:00:00+01:00' }))
      .when(revise(physicianDecision.data.decisionId, 'reaffirm')).thenRejected({ kind: 'rule', rule: 'R3.3' }));
  it('R4.4 a withdrawn patient decision cannot be revised again', () =>
    given(aged78, patientDecision, revised({ decisionId: patientDecision.data.decisionId, action: 'withdraw', revisedAt: '2026-03-02T09:00:00+01:00' }))
      .when(revise(patientDecision.data.decisionId, 'withdraw')).thenRejected({ kind: 'rule', rule: 'R4.4' }));
  it('R3.4 only a physician reaffirms', () =>
    given(aged78, physicianDecision).when(revise(physicianDecision.data.decisionId, 'reaffirm', 'nurse')).thenRejected({ kind: 'role', rule: 'R3.4' }));
  it('R7.1 only an oral decision can be confirmed in writing', () =>
    given(aged78, physicianDecision).when(revise(physicianDecision.data.decisionId, 'confirm_in_writing')).thenRejected({ kind: 'rule', rule: 'R7.1' }));
  it('an unknown decision is NOT_FOUND', () =>
    given(aged78).when(revise('00000000-0000-4000-8000-999999999999', 'withdraw')).thenRejected({ kind: 'not_found' }));
  it('a re-evaluation dated before the decision is refused (a withdrawal never is: R5.3a, see r1-stated-times.spec.ts)', () =>
    given(aged78, physicianDecision).when(revise(physicianDecision.data.decisionId, 'reaffirm', 'physician', '2026-02-01T09:00:00+01:00')).thenRejected({ kind: 'rule', rule: 'R8.2' }));
});

describe('R5.3 / R5.3a / R6.4 temporary revocations', () => {
  it('R5.3 anyone may record it, with no register recorded yet (R5.3a)', () =>
    given(aged78).when(revokeTemporarily({ instrument: 'register' }, 'care_worker')).thenEvents([{ type: 'TemporarilyRevoked' }]));
  it('R6.4 a will is revoked only by a competent patient', () =>
    given(aged78).when(revokeTemporarily({ instrument: 'testament' })).thenRejected({ kind: 'rule', rule: 'R6.4' }));
  it('R6.4 competent: accepted', () =>
    given(aged78).when(revokeTemporarily({ instrument: 'testament', patientCompetent: true })).thenEvents([{ type: 'TemporarilyRevoked' }]));
});

describe('R6.1–R6.3 testament activations', () => {
  it('R6.1 only a physician assesses', () => given(aged78).when(activateTestament({}, 'nurse')).thenRejected({ kind: 'role', rule: 'R6.1' }));
  it('R6.2 a livstestamente has no severe_suffering situation', () =>
    given(aged78).when(activateTestament({ kind: 'livstestamente', situation: 'severe_suffering' })).thenRejected({ kind: 'rule', rule: 'R6.2' }));
  it('R6.3 irreversibly dying cannot be conditional', () =>
    given(aged78).when(activateTestament({ conditionalOnRelatives: true })).thenRejected({ kind: 'rule', rule: 'R6.3' }));
  it('R6.3 a livstestamente cannot be conditional', () =>
    given(aged78).when(activateTestament({ kind: 'livstestamente', situation: 'severe_disability', conditionalOnRelatives: true })).thenRejected({ kind: 'rule', rule: 'R6.3' }));
  it('behandlingstestamente (c) may be conditional', () =>
    given(aged78).when(activateTestament({ situation: 'severe_suffering', conditionalOnRelatives: true })).thenEvents([{ type: 'TestamentActivated' }]));
});

describe('handovers and improvements', () => {
  it('R7.1 a care worker cannot record a handover', () => given(aged78).when(recordHandover('care_worker')).thenRejected({ kind: 'role' }));
  it('from and to must differ', () => {
    const c = recordHandover('nurse');
    given(aged78).when({ ...c, body: { ...c.body, to: c.body.from } }).thenRejected({ kind: 'invalid', path: 'to' });
  });
  it('a nurse records a handover', () => given(aged78).when(recordHandover('nurse')).thenEvents([{ type: 'HandedOverTo' }]));
  it('R7.1 from and to name different sites: one SOR under two EANs is still one site', () => {
    const c = recordHandover('nurse');
    given(aged78).when({ ...c, body: { ...c.body, to: { ...c.body.from, ean: '5790000999996' } } }).thenRejected({ kind: 'invalid', path: 'to' });
  });
  it("R7.1 staff of neither site cannot record a handover: messages would go out in the hospital's name", () => {
    const c = recordHandover('physician');
    given(aged78).when({ ...c, by: { ...c.by, org: '953741000016999' } }).thenRejected({ kind: 'role', rule: 'R7.1' });
  });
  it("R7.1 the receiving site's staff may record it too", () => {
    const c = recordHandover('nurse');
    given(aged78).when({ ...c, by: { ...c.by, org: c.body.to.sor } }).thenEvents([{ type: 'HandedOverTo' }]);
  });
  it('R7.2a the prehospital crew records an admission from where they found the patient, though their service is neither end', () => {
    const c = recordHandover('paramedic', { kind: 'admission', from: NURSING_HOME, to: HOSPITAL, generalPractitioner: undefined });
    given(aged78).when({ ...c, by: { ...c.by, org: '953741000016777' } }).thenEvents([{ type: 'HandedOverTo' }]);
  });
  it('R4.5 a paramedic cannot record a significant improvement', () => given(aged78).when(recordImprovement('paramedic')).thenRejected({ kind: 'role' }));
});
