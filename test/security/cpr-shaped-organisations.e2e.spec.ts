/**
 * Re-attack 2026-12-06: an organisation id names the sender of every message it causes and a
 * folder in the drop folder, so a CPR-shaped one is refused wherever it comes in — a token's
 * `org`, a site's SOR (with a zero in front, or a substitute number's day + 60 too) — and the
 * invalid-registration report's reference is readable text.
 */
import { HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from '../support/service';

let s: Service;
beforeAll(async () => { s = await startService({ RELAY: 'on' }); });
afterAll(async () => { await s.close(); });

it('a token whose org has the form of a CPR number is refused, and nothing is written', async () => {
  const p = await registerPatient(s);
  const token = await mintToken('physician', { org: '0101481234' });
  const r = await s.call('POST', `/v1/patients/${p}/decisions`, { token, body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } });
  expect(r.status).toBe(401);
  expect(JSON.stringify(r.body)).not.toContain('0101481234');
  expect((await s.call('GET', `/v1/patients/${p}/events`, { role: 'physician' })).body).toHaveLength(1);
});

it.each(['00101481234', '6101481234'])('PUT /v1/sites/%s: 400, quoting nothing', async (sor) => {
  const r = await s.call('PUT', `/v1/sites/${sor}`, { role: 'nurse', body: { sector: 'hospital', ean: HOSPITAL.ean, name: 'Akutafdelingen' } });
  expect({ status: r.status, code: r.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  expect(JSON.stringify(r.body)).not.toContain(sor);
});

it("declare_invalid with a report reference holding a NUL: 400, the registration still binds", async () => {
  const p = await registerPatient(s);
  const nurse = await mintToken('nurse', { org: NURSING_HOME.sor });
  expect((await s.call('POST', `/v1/patients/${p}/decisions`, { token: nurse, body: { basis: 'register', decidedAt: '2026-03-01T10:00:00+01:00', registeredAt: '2025-06-01' } })).status).toBe(201);
  const decisionId = (await s.call('GET', `/v1/patients/${p}/events`, { role: 'nurse' })).body[1].data.decisionId;
  const r = await s.call('POST', `/v1/patients/${p}/decisions/${decisionId}/revisions`, { token: nurse, body: {
    action: 'declare_invalid', reason: 'Utvivlsomt inhabil ved registreringen', revisedAt: '2026-03-02T10:00:00+01:00',
    assessment: 'Svær demens', reportedToStps: { at: '2026-03-02', reference: 'ref\u0000x' },
  } });
  expect(r.status).toBe(400);
  expect((await s.call('GET', `/v1/patients/${p}/events`, { role: 'nurse' })).body).toHaveLength(2);
});
