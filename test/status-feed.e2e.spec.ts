/** R7.3b the status feed on the embedded default: every change once, in order, in the folder and over HTTP. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshCpr, HOSPITAL, mintToken, NURSING_HOME, Service, startService } from './support/service';
import { eventually } from './support/until';
import { SqliteEventStore } from '@dnr/event-store';
import { FEED_AUDIT_STREAM } from '../libs/outbox/src/http/feed-read-audit';

let s: Service;
beforeAll(async () => { s = await startService({ RELAY: 'on' }); });
afterAll(async () => { await s.close(); });

const feedFolder = () => join(s.dataDir, 'status-feed');
const feedFiles = () => (existsSync(feedFolder()) ? readdirSync(feedFolder()).filter((f) => f.endsWith('.json')).sort() : []);

describe('R7.3b each change of a patient\'s status is published once, in order', () => {
  it('a decision, a handover (no change) and a withdrawal: two entries, each with the status as of its change', async () => {
    const cpr = freshCpr();
    const patientId = (await s.call('POST', '/v1/patients', { role: 'nurse', body: { cpr, name: 'Karen Jensen' } })).body.patientId;
    const physician = await mintToken('physician', { org: HOSPITAL.sor });
    const decided = await s.call('POST', `/v1/patients/${patientId}/decisions`, { token: physician, body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } });
    await s.call('POST', `/v1/patients/${patientId}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME } });
    const events = (await s.call('GET', `/v1/patients/${patientId}/events`)).body;
    const withdrawn = await s.call('POST', `/v1/patients/${patientId}/decisions/${events[1].data.decisionId}/revisions`, { token: physician, body: { action: 'withdraw', reason: 'bedring', revisedAt: '2026-03-03T10:00:00+01:00' } });

    const mine = await eventually(async () => ((await s.call('GET', '/v1/status-feed?limit=1000', { role: 'paramedic' })).body as any[]).filter((e) => e.patientId === patientId), (e) => e.length === 2, 'two changes on the feed');
    expect(mine.map((e) => [e.causedBy, e.status.status])).toEqual([[decided.body.eventId, 'DNACPR'], [withdrawn.body.eventId, 'ATTEMPT_CPR']]);
    expect(mine[0].position).toBeLessThan(mine[1].position);
    expect(JSON.stringify(mine)).not.toContain(cpr); // no CPR on the feed

    const files = await eventually(() => feedFiles().map((f) => JSON.parse(readFileSync(join(feedFolder(), f), 'utf8'))), (all) => all.filter((e) => e.patientId === patientId).length === 2, 'the feed folder');
    expect(files.filter((e) => e.patientId === patientId).map((e) => e.causedBy)).toEqual(mine.map((e) => e.causedBy));
  });

  it('pages by position with a Link to the next page', async () => {
    const first = await s.call('GET', '/v1/status-feed?after=0&limit=1', { role: 'nurse' });
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(1);
    expect(first.headers.get('link')).toMatch(new RegExp(`^</v1/status-feed\\?after=${first.body[0].position}&limit=1>; rel="next", `));
    const second = await s.call('GET', `/v1/status-feed?after=${first.body[0].position}&limit=1`, { role: 'nurse' });
    expect(second.body[0].position).toBeGreaterThan(first.body[0].position);
  });

  it('links the newest page as the feed stands (rel="last"): a reader that shows what is new need not read a long feed from the start', async () => {
    const all = (await s.call('GET', '/v1/status-feed?after=0&limit=1000', { role: 'nurse' })).body as Array<{ position: number }>;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const first = await s.call('GET', '/v1/status-feed?after=0&limit=1', { role: 'nurse' });
    const last = /<([^>]*)>; rel="last"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(last).toBe(`/v1/status-feed?after=${all[all.length - 2].position}&limit=1`);
    const newest = await s.call('GET', last as string, { role: 'nurse' });
    expect(newest.body.map((e: { position: number }) => e.position)).toEqual([all[all.length - 1].position]);
  });

  it('every page read is audited, and one caller looping on a page writes one line, not one per read', async () => {
    const auditLines = () => new SqliteEventStore(join(s.dataDir, 'events.db')).readStream(FEED_AUDIT_STREAM).then((events) => events.length);
    const before = await auditLines();
    const poller = await mintToken('paramedic', { sub: 'amk-poller', org: HOSPITAL.sor });
    await s.call('GET', '/v1/status-feed?after=999999&limit=1', { token: poller });
    expect(await auditLines()).toBe(before + 1);
    for (let i = 0; i < 50; i += 1) expect((await s.call('GET', '/v1/status-feed?after=999999&limit=1', { token: poller })).status).toBe(200);
    expect(await auditLines()).toBe(before + 1);
    for (let i = 0; i < 50; i += 1) await s.call('GET', `/v1/status-feed?after=${1_000_000 + i}&limit=1`, { token: poller }); // past the end, stepping
    expect(await auditLines()).toBe(before + 1);
    await s.call('GET', '/v1/status-feed?after=0&limit=1', { token: poller }); // a page that shows someone: its own line
    expect(await auditLines()).toBe(before + 2);
  });

  it('is for health professionals: a care worker gets 403; bad paging is 400 and changes nothing', async () => {
    expect(await s.call('GET', '/v1/status-feed', { role: 'care_worker' })).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    expect(await s.call('GET', '/v1/status-feed?after=-1', { role: 'paramedic' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await s.call('GET', '/v1/status-feed?limit=5000', { role: 'paramedic' })).toMatchObject({ status: 400 });
    expect(await s.call('GET', '/v1/status-feed?cpr=0101501234', { role: 'paramedic' })).toMatchObject({ status: 400 });
  });
});
