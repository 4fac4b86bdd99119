/**
 * Security review 2026-12-06, finding 11: text a clinician reads must show what it says — site
 * names, illness situations, reasons and notes refuse control characters, bidirectional overrides
 * and text that renders as nothing — and a SOR id never reads as a CPR number (it names a folder
 * in the drop folder). Every refusal is a 400 that quotes nothing and writes nothing.
 */
import { HOSPITAL, NURSING_HOME, registerPatient, Service, startService } from '../support/service';

let s: Service;
beforeAll(async () => { s = await startService(); });
afterAll(async () => { await s.close(); });

const eventsOf = async (p: string) => (await s.call('GET', `/v1/patients/${p}/events`, { role: 'physician' })).body as unknown[];

describe('readable text in what callers record', () => {
  it.each([
    ['a receiving site named by a Hangul filler', (p: string) => s.call('POST', `/v1/patients/${p}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: { ...NURSING_HOME, name: '\u3164' } } })],
    ['a site with a SOR id that reads as a CPR number', (p: string) => s.call('POST', `/v1/patients/${p}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: { ...NURSING_HOME, sor: '0101481234' } } })],
    ['an illness situation with a bidi override', (p: string) => s.call('POST', `/v1/patients/${p}/decisions`, { role: 'physician', body: { basis: 'patient', decidedAt: '2026-03-01T10:00:00+01:00', illnessSituation: { id: 'kol', description: 'KOL \u202Eesoniz' } } })],
    ['a temporary revocation in an illness situation of blanks', (p: string) => s.call('POST', `/v1/patients/${p}/temporary-revocations`, { role: 'care_worker', body: { instrument: 'register', statedAt: '2026-03-01T10:00:00+01:00', illnessSituation: { id: 'x', description: ' \u200B ' } } })],
    ['a decision note with a NUL', (p: string) => s.call('POST', `/v1/patients/${p}/decisions`, { role: 'physician', body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'], note: 'a\u0000b' } })],
  ])('%s: 400, nothing written', async (_what, send) => {
    const p = await registerPatient(s);
    const before = await eventsOf(p);
    const r = await send(p);
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(r.body)).not.toContain('0101481234');
    expect(await eventsOf(p)).toEqual(before);
  });

  it('a reason made of a line break only: 400, the decision stays as it was', async () => {
    const p = await registerPatient(s);
    const made = await s.call('POST', `/v1/patients/${p}/decisions`, { role: 'physician', body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } });
    expect(made.status).toBe(201);
    const decisionId = ((await eventsOf(p))[1] as { data: { decisionId: string } }).data.decisionId;
    const r = await s.call('POST', `/v1/patients/${p}/decisions/${decisionId}/revisions`, { role: 'physician', body: { action: 'withdraw', reason: '\n', revisedAt: '2026-03-02T10:00:00+01:00' } });
    expect(r.status).toBe(400);
    expect(await eventsOf(p)).toHaveLength(2);
  });
});
