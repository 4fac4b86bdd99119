/** Issue 13: CPR numbers never reach a log — in every form and position — while pseudonymous patientIds are left alone. */
import fc from 'fast-check';
import { callerRequestId, CPR_MASK, maskCprs, urlForLog } from './cpr-in-logs';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const cprForms = fc.tuple(digits(6), digits(4), fc.constantFrom('', '-', '.', ' ', '+', '%2D', '%2d', '%20', '%2E', '%2B'))
  .map(([a, b, sep]) => ({ plain: `${a}${decodeSep(sep)}${b}`, inUrl: `${a}${sep}${b}`, a, b }));
const decodeSep = (sep: string) => (sep.startsWith('%') ? String.fromCharCode(parseInt(sep.slice(1), 16)) : sep);
const around = fc.constantFrom(['/v1/patients/', ''], ['?cpr=', '&x=1'], ['?q=', ''], ['/', '/status'], ['?a=b&c=', '#frag'], ['/x-', '-y']);

describe('a CPR in any form and position of a URL is masked', () => {
  it('property: ten digits, or six and four with -, ., space, + (plain or percent-encoded) never survive', () =>
    fc.assert(fc.property(cprForms, around, ({ inUrl, a, b }, [before, after]) => {
      const logged = urlForLog(`${before}${inUrl}${after}`);
      expect(logged).toContain(CPR_MASK);
      expect(logged).not.toContain(`${a}${b}`);
      expect(logged.replace(/[-. +]/g, '')).not.toContain(`${a}${b}`);
    }), { numRuns: 500 }));

  it('property: a patientId (32 hex characters) is never touched, wherever its digits fall', () =>
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), (id) => {
      expect(urlForLog(`/v1/patients/${id}/resuscitation-status`)).toBe(`/v1/patients/${id}/resuscitation-status`);
      expect(maskCprs(`{"url":"/v1/patients/${id}"}`)).toBe(`{"url":"/v1/patients/${id}"}`);
    }), { numRuns: 1000 }));

  it('a patientId made of digits only is still a patientId', () =>
    expect(urlForLog('/v1/patients/01234567890123456789012345678901')).toBe('/v1/patients/01234567890123456789012345678901'));

  it('longer digit runs (timestamps, SOR ids) are not CPR numbers', () =>
    expect(maskCprs('{"time":1764000000000,"sor":"265071000016002"}')).toBe('{"time":1764000000000,"sor":"265071000016002"}'));
});

describe('a caller-supplied x-request-id is used only when it cannot hold a CPR', () => {
  it('a UUID without CPR-shaped digits is kept', () => expect(callerRequestId('6F1B7B7E-3C1A-4D8E-9B1E-4A7C2F0D9E11')).toBe('6f1b7b7e-3c1a-4d8e-9b1e-4a7c2f0d9e11'));
  it.each(['120338-9699', '1203389699', 'req-120338-9699', '6f1b7b7e-3c1a-4d8e-9b1e-a0101501234b', 'x'.repeat(200), ''])('%j is replaced', (id) =>
    expect(callerRequestId(id)).toBeNull());
});
