import { given } from '../../spec/given';
import { actor, conditionImproved, decisionMade, handedOverTo, patientRegistered, revised } from '../../spec/builders';

const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00', grounds: ['irreversibly_dying'] });
const id = decided.data.decisionId;

describe('R3.1 the responsible physician decides, stating grounds', () => {
  it('a physician decision in force answers DNACPR with the physician basis and the decider', () =>
    given(patientRegistered(), decided).at('2026-03-01T10:00:00+01:00').expectStatus({
      status: 'DNACPR', basis: 'physician', reason: null,
      decision: { decisionId: id, decidedAt: '2026-03-01T09:00:00+01:00', decidedBy: { name: 'Læge Lise Hansen', role: 'physician', org: '123456789012345' } },
    }));

  it('lists the grounds on the instrument', () =>
    expect(given(patientRegistered(), decided).at('2026-03-01T10:00:00+01:00').status().instruments[0].grounds).toEqual(['irreversibly_dying']));
});

describe('R3.3 the decision holds across sector changes until a physician decides otherwise', () => {
  it('still DNACPR after discharge to a nursing home and admission elsewhere', () =>
    given(patientRegistered(), decided, handedOverTo({ at: '2026-03-05T10:00:00+01:00' }), handedOverTo({ at: '2026-03-20T10:00:00+01:00', kind: 'admission' }))
      .at('2026-04-01T10:00:00+02:00').expectStatus({ status: 'DNACPR', basis: 'physician' }));

  it('a later responsible physician withdraws it: ATTEMPT_CPR, DECISION_WITHDRAWN', () => {
    const g = given(patientRegistered(), decided, revised({ decisionId: id, action: 'withdraw', revisedAt: '2026-03-10T09:00:00+01:00' }, { by: actor('physician', { sub: 'gp-7', org: '999' }) }));
    g.at('2026-03-10T09:01:00+01:00').expectStatus({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN' });
    g.at('2026-03-10T09:01:00+01:00').expectInstrument(id, 'withdrawn');
    g.at('2026-03-09T09:00:00+01:00').expectStatus({ status: 'DNACPR' });
  });
});

describe('R3.4 significant improvement: the decision stands, flagged for re-evaluation', () => {
  const improved = conditionImproved({ at: '2026-03-04T10:00:00+01:00', dischargeable: true });

  it('stays DNACPR with REEVALUATION_REQUIRED', () => {
    const g = given(patientRegistered(), decided, improved).at('2026-03-04T11:00:00+01:00');
    g.expectStatus({ status: 'DNACPR', basis: 'physician' });
    g.expectFlag('REEVALUATION_REQUIRED');
  });

  it('is not flagged before the improvement', () =>
    given(patientRegistered(), decided, improved).at('2026-03-04T09:00:00+01:00').expectFlag('REEVALUATION_REQUIRED', false));

  it('reaffirming clears the flag', () =>
    given(patientRegistered(), decided, improved, revised({ decisionId: id, action: 'reaffirm', revisedAt: '2026-03-05T10:00:00+01:00' }))
      .at('2026-03-05T11:00:00+01:00').expectFlag('REEVALUATION_REQUIRED', false));
});
