/**
 * Property: random malformed requests never produce a 5xx and never change the stream.
 * Bodies are random JSON values, random mutations of valid bodies, and random raw text.
 */
import fc from 'fast-check';
import { GP, HOSPITAL, registerPatient, Service, startService } from './support/service';

let s: Service;
let patientId: string;
let decisionId: string;
beforeAll(async () => {
  s = await startService();
  patientId = await registerPatient(s, '2015-05-05'); // 11 years old: patient and register refusals are rule violations
  await s.call('POST', `/v1/patients/${patientId}/decisions`, { body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } });
  decisionId = (await s.call('GET', `/v1/patients/${patientId}/events`)).body[1].data.decisionId;
});
afterAll(async () => { await s.close(); });

const valid: Record<string, object> = {
  '/decisions': { basis: 'patient', decidedAt: '2026-03-01T10:00:00+01:00', illnessSituation: { id: 's', description: 'd' } },
  '/handovers': { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: HOSPITAL, generalPractitioner: GP },
  '/temporary-revocations': { instrument: 'testament', illnessSituation: { id: 's', description: 'd' }, statedAt: '2026-03-03T10:00:00+01:00' },
  '/testament-activations': { kind: 'livstestamente', situation: 'severe_suffering', assessedAt: '2026-03-03T10:00:00+01:00', permanentlyIncompetent: true },
  '/condition-improvements': { at: 'not a time', dischargeable: true },
  '/revisions': { action: 'confirm_in_writing', reason: 'x', revisedAt: '2026-03-05T10:00:00+01:00' },
  // R5.5 applies to registered refusals only: on this physician decision every variant is refused.
  '/revisions#declare_invalid': { action: 'declare_invalid', reason: 'x', revisedAt: '2026-03-05T10:00:00+01:00', assessment: 'a', reportedToStps: { at: '2026-03-05' } },
  // A will found in the registry has a kind: without one every variant is refused (R6.6).
  '/will-lookups': { at: '2026-03-02T10:00:00+01:00', result: 'found', situations: ['irreversibly_dying'] },
};
const paths = Object.keys(valid);
const url = (p: string) => (p.startsWith('/revisions') ? `/v1/patients/${patientId}/decisions/${decisionId}/revisions` : `/v1/patients/${patientId}${p}`);

/** Each valid body made invalid: a field dropped, retyped, or an unknown one added. */
const mutated = fc.tuple(fc.constantFrom(...paths), fc.nat(), fc.oneof(fc.constant('drop'), fc.constant('extra'), fc.constant('retype')), fc.jsonValue())
  .map(([path, i, how, junk]) => {
    const body: Record<string, unknown> = { ...valid[path] };
    const keys = Object.keys(body);
    const key = keys[i % keys.length];
    if (how === 'drop') delete body[key];
    else if (how === 'extra') body[`x${i}`] = junk;
    else body[key] = typeof body[key] === 'string' ? (i % 2 ? i : [junk]) : `${String(junk)}?`;
    return { path, raw: JSON.stringify(body), role: 'physician' };
  });
const randomJson = fc.tuple(fc.constantFrom(...paths), fc.jsonValue()).map(([path, v]) => ({ path, raw: JSON.stringify(v), role: 'nurse' }));
const randomText = fc.tuple(fc.constantFrom(...paths), fc.string()).map(([path, t]) => ({ path, raw: t, role: 'paramedic' }));

describe('malformed requests (fast-check)', () => {
  it('never a 5xx, always problem+json, never a write', async () => {
    const before = (await s.call('GET', `/v1/patients/${patientId}/events`)).body.length;
    await fc.assert(fc.asyncProperty(fc.oneof(mutated, randomJson, randomText), fc.option(fc.string(), { nil: undefined }), async (req, ifMatch) => {
      const headers: Record<string, string> = {};
      if (ifMatch !== undefined && /^[\x21-\x7e]*$/.test(ifMatch)) headers['if-match'] = ifMatch;
      const r = await s.call('POST', url(req.path), { role: req.role, rawBody: req.raw, headers });
      if (r.status === 201) throw new Error(`accepted ${req.path} ${req.raw}`);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.contentType).toMatch(/application\/problem\+json/);
    }), { numRuns: 250 });
    expect((await s.call('GET', `/v1/patients/${patientId}/events`)).body.length).toBe(before);
  });

  it('random query strings on the status never give a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string()), async (query) => {
      const qs = new URLSearchParams(query).toString();
      const r = await s.call('GET', `/v1/patients/${patientId}/resuscitation-status?${qs}`);
      expect(r.status).toBeLessThan(500);
    }), { numRuns: 100 });
  });
});
