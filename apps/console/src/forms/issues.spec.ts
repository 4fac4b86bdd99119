import { MakeDecisionBody, RecordHandoverBody } from '@dnr/domain';
import { issuesInDanish, serverErrorsInDanish } from './issues';

const site = { sector: 'hospital', sor: '265071000016002', ean: '5790000121526', name: 'Aalborg Universitetshospital' };

describe('the shared schemas complain in Danish, per field', () => {
  it('a decision without a time, with an unknown basis and a note too long', () => {
    const body = { basis: 'relative', note: 'x'.repeat(2001) };
    const result = MakeDecisionBody.safeParse(body);
    expect(result.success).toBe(false);
    expect(issuesInDanish(result.error!.issues, body)).toEqual({
      basis: 'Vælg en af mulighederne.',
      decidedAt: 'Skal udfyldes.',
      note: 'Højst 2000 tegn.',
    });
  });

  it('a handover site with a bad EAN check digit and a SOR of letters, keyed by the path in the body', () => {
    const body = { kind: 'discharge', at: '2026-03-01T10:00:00+01:00', from: { ...site, ean: '5790000121527' }, to: { ...site, sor: 'Solhaven' } };
    const result = RecordHandoverBody.safeParse(body);
    expect(issuesInDanish(result.error!.issues, body)).toEqual({
      'from.ean': 'Et lokationsnummer (EAN) er 13 cifre med gyldigt kontrolciffer.',
      'to.sor': 'Et SOR-id består af cifre.',
    });
  });

  it("the service's 400 paths map to the same fields", () =>
    expect(serverErrorsInDanish([{ path: 'body.cpr' }, { path: 'body.to.phone' }, { path: 'body' }])).toEqual({
      cpr: 'Et CPR-nummer er 10 cifre (DDMMÅÅ-LLLL) med en gyldig fødselsdato.',
      'to.phone': 'Et telefonnummer består af cifre og mellemrum, evt. med + foran.',
      _form: 'Ugyldig værdi.',
    }));
});
