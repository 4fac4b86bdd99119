/**
 * The timeline in a real browser: the record drawn (the decision's bar in force, then withdrawn;
 * events as marks; lookups as ticks) and the »kendt pr.« replay — what the service answered at an
 * earlier moment, asked of the service (GET …/resuscitation-status?at=T&knownAt=T).
 */
import { danishWallTimeOf } from '../../apps/console/src/words/time';
import { Browser, notDanishOnScreen, openBrowser, seriousAxeViolations, signInForDevelopment, Watched } from './support/browser';
import { ConsoleService, freshCpr, NURSE, PARAMEDIC, PHYSICIAN, recorded, registered, startConsoleService } from './support/service';

let s: ConsoleService;
let browser: Browser;
let nurse: Watched;
let token: string;
let cpr: string;
let patientId: string;
/** Between the crew's lookup (the decision in force) and the withdrawal. */
let beforeWithdrawal: number;

beforeAll(async () => {
  s = await startConsoleService();
  browser = await openBrowser();
  token = await s.token(PHYSICIAN);
  // A crew looked the CPR up before anyone registered the patient: found nobody (404), and is on the trail.
  const probe = await s.call('POST', '/v1/patients/status-lookups', { cpr: (cpr = freshCpr()) }, await s.token(PARAMEDIC));
  expect(probe.status).toBe(404);
  ({ patientId } = await registered(s, token, 'Karen Jensen', undefined, cpr));
  const made = await recorded(s, token, patientId, 'decisions', { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] });
  const crewLookup = await s.call('POST', '/v1/patients/status-lookups', { cpr }, await s.token(PARAMEDIC));
  expect(crewLookup.body.status).toMatchObject({ status: 'DNACPR', version: 2 });
  // The field takes whole seconds: leave two between the decision and the withdrawal, and replay at a whole second between them.
  await new Promise((r) => setTimeout(r, 2100));
  beforeWithdrawal = Date.now() - 500;
  const decisionId = (await s.call('GET', `/v1/patients/${patientId}/events`, undefined, token)).body.find((e: { eventId: string }) => e.eventId === made.eventId).data.decisionId;
  await recorded(s, token, patientId, `decisions/${decisionId}/revisions`, { action: 'withdraw', reason: 'Ny vurdering', revisedAt: new Date(Date.now() - 100).toISOString() });
  nurse = await browser.page();
  await signInForDevelopment(nurse.page, s.url, NURSE);
  await nurse.page.getByLabel('CPR-nummer').fill(cpr);
  await nurse.page.getByRole('button', { name: 'Slå op' }).click();
  await nurse.page.getByRole('region', { name: 'Genoplivningsstatus' }).getByText('Genoplivning skal forsøges').waitFor();
  await nurse.page.getByRole('link', { name: 'Tidslinje' }).click();
  await nurse.page.getByRole('heading', { name: 'Tidslinje for Karen Jensen' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

const svg = () => nurse.page.getByRole('figure').locator('svg');

it('draws the decision as a bar, in force from its time and then withdrawn; events as marks; each lookup as a tick', async () => {
  const titles = await svg().locator('rect > title').allTextContents();
  expect(titles).toContain('i kraft fra 1. marts 2026 kl. 10.00');
  expect(titles.some((t) => t.startsWith('trukket tilbage fra '))).toBe(true);
  expect(titles).toContain('Ingen genoplivning ved hjertestop fra 1. marts 2026 kl. 10.00');
  expect(await svg().locator('path.mark').count()).toBe(2); // the decision and its withdrawal (the registration has no valid time)
  const lookups = (await s.call('GET', `/v1/patients/${patientId}/lookups`, undefined, token)).body;
  expect(await svg().locator('line.tick').count()).toBe(lookups.length);
  expect(await seriousAxeViolations(nurse.page)).toEqual([]);
  expect(await notDanishOnScreen(nurse.page)).toEqual([]);
});

it('replays what the service answered at a moment before the withdrawal, and marks the moment', async () => {
  const replays = nurse.requests.length;
  await nurse.page.getByLabel('Kendt pr. (dansk tid)').fill(danishWallTimeOf(beforeWithdrawal));
  await nurse.page.getByRole('button', { name: 'Vis svaret' }).click();
  const replayed = nurse.page.locator('.replayed');
  await replayed.waitFor();
  expect(await replayed.innerText()).toContain('med det der var registreret dengang (journalversion 2)');
  expect(await replayed.getByRole('heading', { level: 3 }).first().innerText()).toBe('Ingen genoplivning ved hjertestop');
  const asked = nurse.requests.slice(replays).find((r) => r.url().includes('/resuscitation-status?'));
  const query = new URL(asked!.url()).searchParams;
  expect(query.get('knownAt')).toBe(query.get('at'));
  expect(Math.abs(Date.parse(query.get('knownAt')!) - Math.floor(beforeWithdrawal / 1000) * 1000)).toBe(0);
  expect(await svg().locator('g.known-at').count()).toBe(1);
  expect(await notDanishOnScreen(nurse.page)).toEqual([]);
  // …while the service's answer now is »Genoplivning skal forsøges«.
  expect((await s.call('GET', `/v1/patients/${patientId}/resuscitation-status`, undefined, token)).body).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN', version: 3 });
});

it("replays a lookup from the trail: the crew's read answered as it was", async () => {
  const rows = nurse.page.locator('table.lookups tbody tr');
  // The crew's read of the decision (not their earlier look-up, which found nobody).
  const crewRow = rows.filter({ hasText: 'Mads Kjær, ambulancebehandler' }).filter({ hasText: 'Ingen genoplivning ved hjertestop' });
  expect(await crewRow.count()).toBe(1);
  await crewRow.getByRole('button', { name: 'Genafspil' }).click();
  await nurse.page.locator('.replayed').getByText('journalversion 2').waitFor();
  expect(await seriousAxeViolations(nurse.page)).toEqual([]);
  expect(await notDanishOnScreen(nurse.page)).toEqual([]);
  expect(nurse.errors).toEqual([]);
});

it('shows a look-up made before the registration as found nothing, with nothing to replay', async () => {
  const probeRow = nurse.page.locator('table.lookups tbody tr').filter({ hasText: 'Ikke fundet' });
  expect(await probeRow.count()).toBe(1);
  expect(await probeRow.innerText()).toContain('Mads Kjær, ambulancebehandler');
  expect(await probeRow.getByRole('button', { name: 'Genafspil' }).count()).toBe(0);
  expect(await svg().locator('line.tick > title').allTextContents()).toContainEqual(expect.stringContaining('Ikke fundet'));
});

it('is for physicians and nurses: a paramedic is not offered the screen', async () => {
  const crew = await browser.page({ width: 390, height: 844 });
  await signInForDevelopment(crew.page, s.url, PARAMEDIC);
  expect(await crew.page.getByRole('link', { name: 'Tidslinje' }).count()).toBe(0);
  await crew.page.close();
});
