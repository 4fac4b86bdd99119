import { given } from '../../spec/given';
import { decisionMade, patientRegistered, revised } from '../../spec/builders';

describe('R7.1 an oral acute decision is valid but awaits written confirmation', () => {
  const oral = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T02:00:00+01:00', oral: true });

  it('DNACPR with WRITTEN_CONFIRMATION_PENDING', () => {
    const g = given(patientRegistered(), oral).at('2026-03-01T03:00:00+01:00');
    g.expectStatus({ status: 'DNACPR', basis: 'physician' });
    g.expectFlag('WRITTEN_CONFIRMATION_PENDING');
  });

  it('confirm_in_writing clears the flag', () =>
    given(patientRegistered(), oral, revised({ decisionId: oral.data.decisionId, action: 'confirm_in_writing', revisedAt: '2026-03-01T08:00:00+01:00' }))
      .at('2026-03-01T09:00:00+01:00').expectFlag('WRITTEN_CONFIRMATION_PENDING', false));
});

describe('R8.1 the record wording', () => {
  it.each([
    ['physician', 'Ingen lægelig indikation for genoplivningsforsøg ved hjertestop'],
    ['patient', 'Patienten er habil og ønsker ikke genoplivningsforsøg ved hjertestop'],
  ] as const)('%s refusal reads »%s«', (basis, statement) =>
    given(patientRegistered(), decisionMade({ basis, decidedAt: '2026-03-01T09:00:00+01:00' })).at('2026-03-02T09:00:00+01:00').expectStatus({ statement }));

  it('ATTEMPT_CPR reads »Genoplivning skal forsøges«', () =>
    given(patientRegistered()).at('2026-03-02T09:00:00+01:00').expectStatus({ statement: 'Genoplivning skal forsøges' }));
});
