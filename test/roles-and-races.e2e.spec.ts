/** The role matrix per endpoint (api.md) and concurrent writers on one patient. */
import { GP, HOSPITAL, NURSING_HOME, registerPatient, Service, startService } from './support/service';

let s: Service;
beforeAll(async () => { s = await startService(); });
afterAll(async () => { await s.close(); });

type Case = { name: string; path: (decisionId: string) => string; body: unknown; setup?: 'physician' | 'patient' | 'register' | 'oral'; allowed: string[] };

const at = '2026-03-02T10:00:00+01:00';
const cases: Case[] = [
  { name: 'physician decision', path: () => '/decisions', body: { basis: 'physician', decidedAt: at, grounds: ['severe_disability'] }, allowed: ['physician'] },
  { name: 'patient decision (R4.2)', path: () => '/decisions', body: { basis: 'patient', decidedAt: at, illnessSituation: { id: 's', description: 'd' } }, allowed: ['physician'] },
  { name: 'register decision (R5.6)', path: () => '/decisions', body: { basis: 'register', decidedAt: at, registeredAt: '2026-01-01' }, allowed: ['physician', 'nurse', 'paramedic'] },
  { name: 'withdraw physician decision (R3.3)', setup: 'physician', path: (id) => `/decisions/${id}/revisions`, body: { action: 'withdraw', reason: 'r', revisedAt: at }, allowed: ['physician'] },
  { name: 'withdraw patient decision (R4.4)', setup: 'patient', path: (id) => `/decisions/${id}/revisions`, body: { action: 'withdraw', reason: 'r', revisedAt: at }, allowed: ['physician', 'nurse', 'paramedic', 'care_worker'] },
  { name: 'withdraw register decision (R5.4)', setup: 'register', path: (id) => `/decisions/${id}/revisions`, body: { action: 'withdraw', reason: 'r', revisedAt: at }, allowed: ['physician', 'nurse', 'paramedic'] },
  { name: 'reaffirm (R3.4)', setup: 'physician', path: (id) => `/decisions/${id}/revisions`, body: { action: 'reaffirm', reason: 'r', revisedAt: at }, allowed: ['physician'] },
  { name: 'confirm_in_writing (R7.1)', setup: 'oral', path: (id) => `/decisions/${id}/revisions`, body: { action: 'confirm_in_writing', reason: 'r', revisedAt: at }, allowed: ['physician'] },
  { name: 'handover', path: () => '/handovers', body: { kind: 'discharge', at, from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }, allowed: ['physician', 'nurse'] },
  { name: 'temporary revocation (R5.3)', path: () => '/temporary-revocations', body: { instrument: 'register', illnessSituation: { id: 's', description: 'd' }, statedAt: at }, allowed: ['physician', 'nurse', 'paramedic', 'care_worker'] },
  { name: 'testament activation (R6.1)', path: () => '/testament-activations', body: { kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: at, permanentlyIncompetent: true }, allowed: ['physician'] },
  { name: 'condition improvement', path: () => '/condition-improvements', body: { at, dischargeable: true }, allowed: ['physician', 'nurse'] },
];

const ROLES = ['physician', 'nurse', 'paramedic', 'care_worker'];

describe('role matrix', () => {
  const rows = cases.flatMap((c) => ROLES.map((role) => [c.name, role, c.allowed.includes(role) ? 201 : 403, c] as const));
  it.each(rows)('%s as %s ⇒ %i', async (_name, role, expected, c) => {
    const patientId = await registerPatient(s);
    let decisionId = '';
    if (c.setup) {
      const basis = c.setup === 'oral' ? 'physician' : c.setup;
      const setup = await s.call('POST', `/v1/patients/${patientId}/decisions`, {
        body: { basis, decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'], illnessSituation: { id: 's', description: 'd' }, registeredAt: '2026-01-01', oral: c.setup === 'oral' },
      });
      const events = (await s.call('GET', `/v1/patients/${patientId}/events`)).body;
      expect(setup.status).toBe(201);
      decisionId = events[1].data.decisionId;
    }
    const r = await s.call('POST', `/v1/patients/${patientId}${c.path(decisionId)}`, { role, body: c.body });
    expect(r.status).toBe(expected);
    if (expected === 403) expect(r.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', allowedRoles: expect.arrayContaining(c.allowed) });
  });

  it('every role may read the status', async () => {
    const patientId = await registerPatient(s);
    for (const role of ROLES) expect((await s.call('GET', `/v1/patients/${patientId}/resuscitation-status`, { role })).status).toBe(200);
  });
});

describe('concurrent writers on one patient', () => {
  const body = { at, dischargeable: false };

  it('without If-Match: every writer gets 201 or 409, and the stream holds exactly the accepted commands', async () => {
    const patientId = await registerPatient(s);
    const results = await Promise.all(Array.from({ length: 50 }, () => s.call('POST', `/v1/patients/${patientId}/condition-improvements`, { role: 'nurse', body })));
    const accepted = results.filter((r) => r.status === 201);
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'CONCURRENT_MODIFICATION'))).toBe(true);
    const events = (await s.call('GET', `/v1/patients/${patientId}/events`)).body;
    expect(events).toHaveLength(1 + accepted.length);
    expect(new Set(accepted.map((r) => r.body.version)).size).toBe(accepted.length);
    expect(events.slice(1).map((e: { eventId: string }) => e.eventId).sort()).toEqual(accepted.map((r) => r.body.eventId).sort());
  });

  it('with the same If-Match: exactly one wins, every other writer gets 409', async () => {
    const patientId = await registerPatient(s);
    const results = await Promise.all(Array.from({ length: 50 }, () =>
      s.call('POST', `/v1/patients/${patientId}/condition-improvements`, { role: 'nurse', body, headers: { 'if-match': '1' } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    expect((await s.call('GET', `/v1/patients/${patientId}/events`)).body).toHaveLength(2);
  });
});
