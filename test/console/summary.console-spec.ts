/**
 * The printed summary, »Fravalg af genoplivningsforsøg«: Chromium's own print to PDF (A4), read
 * back with pdftotext and pdfinfo (poppler-utils) — one page, and the text a crew is handed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { danishDate, danishDateOf, GROUND_IN_DANISH } from '@dnr/domain';
import { Browser, notDanishOnScreen, openBrowser, seriousAxeViolations, signInForDevelopment, Watched } from './support/browser';
import { notDanish } from '../../libs/domain/src/spec/danish-text';
import { ConsoleService, HOSPITAL, PHYSICIAN, recorded, registered, startConsoleService } from './support/service';
import { ROOT } from '../durability/processes';

let s: ConsoleService;
let browser: Browser;
let staff: Watched;
let token: string;
const pdfs = mkdtempSync(join(tmpdir(), 'dnr-summary-'));

beforeAll(async () => {
  s = await startConsoleService();
  browser = await openBrowser();
  token = await s.token(PHYSICIAN);
  const { sor, ...site } = HOSPITAL;
  await s.call('PUT', `/v1/sites/${sor}`, site, token);
  staff = await browser.page();
  await signInForDevelopment(staff.page, s.url, PHYSICIAN);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  rmSync(pdfs, { recursive: true, force: true });
});

/** Looks the patient up on the crew card, opens Udskrift, prints it to PDF; the PDF's path, its pages and its text (whitespace folded). */
async function printed(cpr: string, name: string): Promise<{ pdf: string; pages: number; text: string }> {
  const { page } = staff;
  await page.getByRole('link', { name: 'Opslag' }).click();
  await page.getByLabel('CPR-nummer').fill(cpr);
  await page.getByRole('button', { name: 'Slå op' }).click();
  await page.getByRole('region', { name: 'Genoplivningsstatus' }).getByText(name).waitFor();
  await page.getByRole('link', { name: 'Udskrift' }).click();
  await page.getByText('Den aktuelle status i systemet er altid gældende', { exact: false }).waitFor();
  await page.getByText(/Udskrevet .* af Lise Hansen/).waitFor();
  // Organisations' names come from the sites directory after the status; every site here is in it.
  // A locator, not a string predicate: the console's CSP (no 'unsafe-eval') refuses a string evaluated in the page.
  await page.getByText('organisation med SOR-id', { exact: false }).first().waitFor({ state: 'detached' });
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await notDanishOnScreen(page)).toEqual([]);
  const pdf = join(pdfs, `${cpr}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(notDanish(text)).toEqual([]); // the paper the crew is handed, too
  return { pdf, pages, text };
}

const today = () => danishDate(danishDateOf(Date.now()));

it("a physician's decision: one A4 page with status, basis, who and when, grounds, how it may change, what is owed, printed-at and the authoritative line", async () => {
  // A fixed, fictitious CPR number, so docs/console-summary.png changes only with the page (and its printed-at time).
  const { cpr, patientId } = await registered(s, token, 'Karen Jensen', '1947-05-02', '0205471234');
  await recorded(s, token, patientId, 'decisions', { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying', 'severe_suffering'], oral: true });
  const { pdf, pages, text } = await printed(cpr, 'Karen Jensen');
  expect(pages).toBe(1);
  for (const expected of [
    'Fravalg af genoplivningsforsøg',
    'Karen Jensen', `${cpr.slice(0, 6)}-${cpr.slice(6)}`,
    'Ingen genoplivning ved hjertestop',
    '»Ingen lægelig indikation for genoplivningsforsøg ved hjertestop«',
    'Grundlag Lægens beslutning (undtagelse 3)',
    'Lise Hansen, læge, Aalborg Universitetshospital, Medicinsk afdeling',
    'Tidspunkt 1. marts 2026 kl. 10.00',
    GROUND_IN_DANISH.irreversibly_dying, GROUND_IN_DANISH.severe_suffering,
    'Gælder på tværs af sektorovergange, indtil en behandlingsansvarlig læge beslutter andet.',
    'Mundtlig beslutning – skal bekræftes skriftligt.',
    `Udskrevet ${today()} kl.`,
    'Den aktuelle status i systemet er altid gældende.',
  ]) expect(text).toContain(expected);
  // Print CSS: the console around the summary is not on the paper.
  for (const screenOnly of ['Udskriv', 'Arbejdsliste', 'Log ud', 'Aktuel patient']) expect(text).not.toContain(screenOnly);
  expect(text).not.toMatch(/DNACPR|ATTEMPT_CPR|physician|R\d\.\d/);
  // The summary as printed, for docs/ (CONSOLE_SCREENSHOTS=1 npm run test:console): the PDF's page rendered by poppler.
  if (process.env.CONSOLE_SCREENSHOTS === '1') {
    execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', pdf, join(pdfs, 'summary')]);
    renameSync(join(pdfs, 'summary.png'), join(ROOT, 'docs/console-summary.png'));
  }
});

it("a patient's own refusal: the illness situation from the record", async () => {
  const { cpr, patientId } = await registered(s, token, 'Ole Hansen');
  await recorded(s, token, patientId, 'decisions', { basis: 'patient', decidedAt: '2026-04-02T09:30:00+02:00', illnessSituation: { id: 'kol-2026', description: 'KOL med svær respirationsinsufficiens' } });
  const { pages, text } = await printed(cpr, 'Ole Hansen');
  expect(pages).toBe(1);
  expect(text).toContain('Sygdomssituation KOL med svær respirationsinsufficiens');
  expect(text).toContain('Gælder kun i den aktuelle sygdomssituation.');
});

it('a registered refusal not yet in force: »Genoplivning skal forsøges«, why, and when it takes effect', async () => {
  const { cpr, patientId } = await registered(s, token, 'Inger Madsen', '1950-06-15');
  const registeredAt = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  await recorded(s, token, patientId, 'decisions', { basis: 'register', decidedAt: new Date(Date.now() - 60_000).toISOString(), registeredAt });
  const { pages, text } = await printed(cpr, 'Inger Madsen');
  expect(pages).toBe(1);
  expect(text).toContain('Genoplivning skal forsøges');
  expect(text).toContain('Det registrerede fravalg træder først i kraft 7 dage efter registreringen.');
  expect(text).toContain('Registreret fravalg – endnu ikke i kraft.');
  expect(text).toContain('Genoplivning skal forsøges, medmindre en gyldig beslutning om fravalg bliver kendt.');
  expect(staff.errors).toEqual([]);
});
