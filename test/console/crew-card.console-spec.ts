/**
 * The crew card in a real browser at phone size (390 × 844): a CPR number in, the status out, for
 * every basis of a refusal, for »Genoplivning skal forsøges« with its reason, and for a CPR number
 * nothing is recorded for — in one glance: verdict, name and number, statement, basis, who and when,
 * and the flags above the fold. The number is sent in a POST body and appears on the page only:
 * in no address, no history entry and no storage.
 */
import { join } from 'node:path';
import { Browser, STORAGE, historyUrls, notDanishOnScreen, openBrowser, seriousAxeViolations, signInForDevelopment, spellingsOf, Watched } from './support/browser';
import { ConsoleService, freshCpr, HOSPITAL, PARAMEDIC, PHYSICIAN, recorded, registered, startConsoleService } from './support/service';
import { ROOT } from '../durability/processes';

let s: ConsoleService;
let browser: Browser;
let crew: Watched;
let physician: string;
const looked: string[] = [];

beforeAll(async () => {
  s = await startConsoleService();
  browser = await openBrowser();
  physician = await s.token(PHYSICIAN);
  await s.call('PUT', `/v1/sites/${HOSPITAL.sor}`, { sector: HOSPITAL.sector, ean: HOSPITAL.ean, name: HOSPITAL.name, phone: HOSPITAL.phone }, physician);
  crew = await browser.page({ width: 390, height: 844 });
  await signInForDevelopment(crew.page, s.url, PARAMEDIC);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function lookUp(cpr: string): Promise<void> {
  looked.push(cpr);
  const field = crew.page.getByLabel('CPR-nummer');
  await field.fill(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
  const answered = crew.page.waitForResponse((r) => r.url().endsWith('/v1/patients/status-lookups'));
  await crew.page.getByRole('button', { name: 'Slå op' }).click();
  await answered;
  await crew.page.getByRole('region', { name: 'Genoplivningsstatus' }).waitFor();
  expect(await field.inputValue()).toBe(''); // emptied as soon as it was sent
  expect(await notDanishOnScreen(crew.page)).toEqual([]);
}

const card = () => crew.page.getByRole('region', { name: 'Genoplivningsstatus' });
const dashed = (cpr: string) => `${cpr.slice(0, 6)}-${cpr.slice(6)}`;

/** The parts of the card that extend below the fold of a 390 × 844 screen (the page not scrolled). */
async function belowTheFold(selectors: string[]): Promise<string[]> {
  expect(await crew.page.evaluate('window.scrollY')).toBe(0); // a string: the test's own code has no DOM types
  const below: string[] = [];
  for (const selector of selectors) {
    const box = await card().locator(selector).boundingBox();
    if (!box || box.y + box.height > 844) below.push(selector);
  }
  return below;
}

describe('a refusal, for each basis: »Ingen genoplivning ved hjertestop«, the recorded name, statement, basis, who and when', () => {
  it("the physician's decision (undtagelse 3), with what must still be done — all of it above the fold", async () => {
    // A fixed, fictitious CPR number, so docs/console-crew-card.png changes only with the card (and its answered-at time).
    const { cpr, patientId } = await registered(s, physician, 'Karen Jensen', '1947-05-02', '0205471234');
    await recorded(s, physician, patientId, 'decisions', { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'], oral: true });
    await lookUp(cpr);
    expect(await card().getByRole('heading', { level: 2 }).innerText()).toBe('Ingen genoplivning ved hjertestop');
    // The organisation's name comes from the sites directory after the verdict is shown (the verdict never waits for it).
    await card().getByText('Aalborg Universitetshospital, Medicinsk afdeling', { exact: false }).waitFor();
    const text = await card().innerText();
    expect(text).toContain('Karen Jensen');
    expect(text).toContain(`CPR-nr. ${dashed(cpr)}`); // the number looked up, beside the name, to check both against the patient
    expect(text).toContain('Kontrollér, at det er patienten: navn og CPR-nummer ovenfor');
    expect(text).toContain('»Ingen lægelig indikation for genoplivningsforsøg ved hjertestop«');
    expect(text).toContain('Lægens beslutning (undtagelse 3)');
    expect(text).toContain('Lise Hansen, læge, Aalborg Universitetshospital, Medicinsk afdeling'); // the organisation's name from the sites directory
    expect(text).toContain('1. marts 2026 kl. 10.00');
    expect(text).toContain('Mundtlig beslutning – skal bekræftes skriftligt.');
    expect(text).toContain('skal følges op skriftligt'); // the flag's own detail, from the service
    expect(await notDanishOnScreen(crew.page)).toEqual([]);
    // One glance on a phone: the field has shrunk to one row, and nothing a crew must read is below the fold.
    expect(await crew.page.locator('form.lookup.compact').count()).toBe(1);
    expect(await belowTheFold(['.verdict', '.patient-name', '.patient-cpr', '.statement', '.facts', '.flags'])).toEqual([]);
    expect(await seriousAxeViolations(crew.page)).toEqual([]);
    if (process.env.CONSOLE_SCREENSHOTS === '1') await crew.page.screenshot({ path: join(ROOT, 'docs/console-crew-card.png') }); // for docs/ only on request
  });

  it("the patient's own refusal (undtagelse 4)", async () => {
    const { cpr, patientId } = await registered(s, physician, 'Ole Hansen');
    await recorded(s, physician, patientId, 'decisions', { basis: 'patient', decidedAt: '2026-04-02T09:30:00+02:00', illnessSituation: { id: 'kol-2026', description: 'KOL med svær respirationsinsufficiens' } });
    await lookUp(cpr);
    const text = await card().innerText();
    expect(text).toContain('Ingen genoplivning ved hjertestop');
    expect(text).toContain('Ole Hansen');
    expect(text).toContain('»Patienten er habil og ønsker ikke genoplivningsforsøg ved hjertestop«');
    expect(text).toContain('Patientens eget fravalg (undtagelse 4)');
    expect(text).toContain('2. april 2026 kl. 09.30');
  });

  it('a registered refusal in force (undtagelse 5)', async () => {
    const { cpr, patientId } = await registered(s, physician, 'Inger Madsen', '1950-06-15');
    await recorded(s, physician, patientId, 'decisions', { basis: 'register', decidedAt: '2026-01-12T11:00:00+01:00', registeredAt: '2026-01-10' });
    await lookUp(cpr);
    const text = await card().innerText();
    expect(text).toContain('Ingen genoplivning ved hjertestop');
    expect(text).toContain('»Registreret fravalg af genoplivningsforsøg«');
    expect(text).toContain('Registreret fravalg i fravalgsregistret (undtagelse 5)');
  });

  it('a treatment will in force (undtagelse 6)', async () => {
    const { cpr, patientId } = await registered(s, physician, 'Poul Andersen', '1940-09-09');
    await recorded(s, physician, patientId, 'testament-activations', { kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: '2026-05-05T14:00:00+02:00', permanentlyIncompetent: true });
    await lookUp(cpr);
    const text = await card().innerText();
    expect(text).toContain('Ingen genoplivning ved hjertestop');
    expect(text).toContain('»Behandlingstestamente trådt i kraft«');
    expect(text).toContain('Behandlings- eller livstestamente (undtagelse 6)');
    expect(text).toContain('5. maj 2026 kl. 14.00');
  });
});

describe('»Genoplivning skal forsøges«, never a blank', () => {
  it('a withdrawn decision: the reason, in Danish', async () => {
    const { cpr, patientId } = await registered(s, physician, 'Bent Larsen');
    const made = await recorded(s, physician, patientId, 'decisions', { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['severe_disability'] });
    const events = await s.call('GET', `/v1/patients/${patientId}/events`, undefined, physician);
    const decisionId = events.body.find((e: { eventId: string }) => e.eventId === made.eventId).data.decisionId;
    await recorded(s, physician, patientId, `decisions/${decisionId}/revisions`, { action: 'withdraw', reason: 'Ny vurdering efter bedring', revisedAt: '2026-03-10T08:00:00+01:00' });
    await lookUp(cpr);
    expect(await card().getByRole('heading', { level: 2 }).innerText()).toBe('Genoplivning skal forsøges');
    const text = await card().innerText();
    expect(text).toContain('Bent Larsen');
    // The service's own explanation: whose refusal ended, and when — and that in doubt CPR is attempted.
    expect(text).toContain('Lægens beslutning om fravalg af genoplivningsforsøg blev trukket tilbage 10. marts 2026 kl. 08.00.');
    expect(text).toContain('Er der tvivl, skal genoplivning forsøges');
    expect(text).not.toMatch(/DECISION_WITHDRAWN|ATTEMPT_CPR|R\d\.\d/);
  });

  it('a CPR number nothing is recorded for: attempt CPR, and that nothing is recorded here', async () => {
    await lookUp(freshCpr('1961-12-24'));
    expect(await card().getByRole('heading', { level: 2 }).innerText()).toBe('Genoplivning skal forsøges');
    expect(await card().innerText()).toContain('Intet er registreret om dette CPR-nummer her.');
    expect(await card().innerText()).toContain(`CPR-nr. ${dashed(looked[looked.length - 1])}`); // the number looked up: a mistyped one is seen
    expect(await seriousAxeViolations(crew.page)).toEqual([]);
  });

  it('a number that is not a CPR number is refused at the field, before anything is sent', async () => {
    const sent = crew.requests.length;
    await crew.page.getByLabel('CPR-nummer').fill('310250-1234');
    await crew.page.getByRole('button', { name: 'Slå op' }).click();
    await crew.page.getByText('Et CPR-nummer er 10 cifre (DDMMÅÅ-LLLL) med en gyldig fødselsdato.').waitFor();
    expect(crew.requests.length).toBe(sent);
    expect(await notDanishOnScreen(crew.page)).toEqual([]);
  });
});

describe('the CPR number stays out of addresses, history and storage', () => {
  it('went only in POST bodies; no request URL, no history entry, no storage holds it or the token', async () => {
    expect(looked.length).toBeGreaterThanOrEqual(6);
    const lookups = crew.requests.filter((r) => r.url().endsWith('/v1/patients/status-lookups'));
    expect(lookups.map((r) => r.method())).toEqual(looked.map(() => 'POST'));
    expect(lookups.map((r) => JSON.parse(r.postData() ?? '{}').cpr)).toEqual(looked);
    const addresses = [...crew.requests.map((r) => r.url()), ...(await historyUrls(crew.page)), crew.page.url()];
    for (const cpr of looked) for (const spelling of spellingsOf(cpr)) expect(addresses.filter((a) => a.includes(spelling))).toEqual([]);
    const stored = await crew.page.evaluate(STORAGE);
    expect(stored).toEqual({ local: 0, session: 0, cookies: '' });
    expect(await browser.context.cookies()).toEqual([]);
  });

  it('the page loaded nothing from anywhere but the service, and nothing was refused by its CSP', () => {
    expect(crew.requests.filter((r) => !r.url().startsWith(s.url))).toEqual([]);
    expect(crew.errors).toEqual([]);
  });

  it('the page is never cached; its script comes compressed and is kept (a content-hashed name)', async () => {
    const page = crew.requests.find((r) => r.url() === `${s.url}/console/`);
    const script = crew.requests.find((r) => /\/console\/assets\/app-\w+\.js$/.test(r.url()));
    expect((await page!.response())!.headers()['cache-control']).toBe('no-store');
    const headers = (await script!.response())!.headers();
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(['br', 'gzip']).toContain(headers['content-encoding']);
  });
});
