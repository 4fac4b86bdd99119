/**
 * The worklist in a real browser, for the discharging hospital's nurse: an out-of-hours discharge
 * owes messages the relay sends at once, the udskrivningsrapport escalated with »ring til
 * modtageren« and the number; a receipt given by phone recorded from the list; the counts; and the
 * status feed as it arrives.
 */
import { Browser, notDanishOnScreen, openBrowser, seriousAxeViolations, signInForDevelopment, Watched } from './support/browser';
import { ConsoleService, GP, HOSPITAL, NURSE, NURSING_HOME, PHYSICIAN, recorded, registered, startConsoleService } from './support/service';
import { eventually } from '../support/until';

let s: ConsoleService;
let browser: Browser;
let nurse: Watched;
let token: string;
let patientId: string;

beforeAll(async () => {
  s = await startConsoleService();
  browser = await openBrowser();
  token = await s.token(PHYSICIAN);
  ({ patientId } = await registered(s, token, 'Karen Jensen'));
  await recorded(s, token, patientId, 'decisions', { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] });
  await recorded(s, token, patientId, 'handovers', { kind: 'discharge', at: new Date(Date.now() - 60_000).toISOString(), from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP, outOfHours: true });
  // The relay (on its thread) sends them; the udskrivningsrapport stays escalated until someone has phoned.
  await eventually(() => s.call('GET', `/v1/outbox?patientId=${patientId}`, undefined, token), (r) => r.body.length === 3 && r.body.every((m: { lastSentAt: string | null }) => m.lastSentAt), 'three messages sent');
  nurse = await browser.page();
  await signInForDevelopment(nurse.page, s.url, NURSE);
  await nurse.page.getByRole('link', { name: 'Arbejdsliste' }).click();
  await nurse.page.getByRole('heading', { name: 'Arbejdsliste for Aalborg Universitetshospital' }).waitFor();
  await nurse.page.locator('ol.messages').first().waitFor(); // a list per section: those needing someone, then the rest
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

const counts = async () => (await nurse.page.getByRole('list', { name: 'Antal meddelelser' }).innerText()).replace(/\s+/g, ' ');

it('the escalated message first, with the reason in Danish and the number to phone; the counts', async () => {
  const first = nurse.page.locator('ol.messages > li').first();
  expect(await first.getByRole('heading').innerText()).toBe('Udskrivningsrapport til Plejecenter Solhaven');
  const text = await first.innerText();
  expect(text).toContain('Ring til modtageren: udskrevet uden for dagtid');
  expect(text).toContain('Karen Jensen');
  expect(await first.getByRole('link', { name: NURSING_HOME.phone }).getAttribute('href')).toBe(`tel:${NURSING_HOME.phone?.replace(/\s/g, '')}`);
  expect(await counts()).toContain('1 kræver handling');
  expect(await counts()).toContain('2 sendt, afventer kvittering');
  expect(await nurse.page.locator('ol.messages > li').count()).toBe(3);
  for (const item of await nurse.page.locator('ol.messages > li').all()) expect(await item.innerText()).toContain('Karen Jensen'); // every kind names the patient
  expect(await seriousAxeViolations(nurse.page)).toEqual([]);
  expect(await notDanishOnScreen(nurse.page)).toEqual([]);
});

it('a receipt given by phone, recorded from the list: the message is acknowledged, with who confirmed it', async () => {
  const first = nurse.page.locator('ol.messages > li').first();
  await first.getByRole('button', { name: 'Registrér kvittering givet pr. telefon' }).click();
  await first.getByLabel('Hvem bekræftede modtagelsen? (valgfrit)').fill('Sygeplejerske Bo Jensen, Solhaven');
  expect(await seriousAxeViolations(nurse.page)).toEqual([]);
  expect(await notDanishOnScreen(nurse.page)).toEqual([]);
  await first.getByRole('button', { name: 'Modtagelsen er bekræftet pr. telefon' }).click();
  await eventually(counts, (c) => c.includes('1 kvitteret'), 'the counts after the receipt');
  expect(await counts()).toContain('0 kræver handling');
  const report = (await s.call('GET', `/v1/outbox?patientId=${patientId}&kind=udskrivningsrapport`, undefined, token)).body[0];
  expect(report).toMatchObject({ state: 'acknowledged', receipt: { outcome: 'ok', detail: 'Kvitteret pr. telefon: Sygeplejerske Bo Jensen, Solhaven' } });
  const acknowledged = nurse.page.locator('ol.messages > li', { hasText: 'Udskrivningsrapport til Plejecenter Solhaven' });
  expect(await acknowledged.innerText()).toContain('kvitteret');
  expect(await notDanishOnScreen(nurse.page)).toEqual([]);
});

it('the status feed shows each change as it arrives', async () => {
  const feed = nurse.page.locator('ol.feed-entries > li');
  await feed.first().waitFor();
  const before = await feed.count();
  expect(await feed.first().innerText()).toContain('Ingen genoplivning ved hjertestop – Lægens beslutning (undtagelse 3)');
  const other = await registered(s, token, 'Ole Hansen');
  await recorded(s, token, other.patientId, 'decisions', { basis: 'patient', decidedAt: '2026-04-02T09:30:00+02:00', illnessSituation: { id: 'kol', description: 'KOL med svær respirationsinsufficiens' } });
  await eventually(() => feed.count(), (n) => n > before, 'a new entry on the feed', 15_000);
  expect(await feed.first().innerText()).toContain('Ingen genoplivning ved hjertestop – Patientens eget fravalg (undtagelse 4)');
  expect(await notDanishOnScreen(nurse.page)).toEqual([]);
  expect(nurse.errors).toEqual([]);
});
