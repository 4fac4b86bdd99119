/**
 * Every command's form in a real browser, signed in as a physician: filled in, checked in the
 * browser with the service's own zod schemas, sent, and — for a rule only the service can judge —
 * the 422 shown in Danish next to the field it concerns. Each form is scanned with axe; the
 * service's record (GET …/events) proves what each form sent.
 */
import { Locator, Page } from 'playwright-core';
import { Browser, notDanishOnScreen, openBrowser, seriousAxeViolations, signInForDevelopment, Watched } from './support/browser';
import { ConsoleService, freshCpr, GP, HOSPITAL, NURSING_HOME, PHYSICIAN, startConsoleService } from './support/service';
import { until } from '../support/until';

let s: ConsoleService;
let browser: Browser;
let clinician: Watched;
let page: Page;
let token: string;
let patientId: string;
/** The console reads the status afresh after each recording; the next form is opened only once it has. */
let statusReads = 0;
const cpr = freshCpr('1947-08-14');

beforeAll(async () => {
  s = await startConsoleService();
  browser = await openBrowser();
  token = await s.token(PHYSICIAN);
  for (const site of [HOSPITAL, NURSING_HOME, GP]) {
    const { sor, ...rest } = site;
    await s.call('PUT', `/v1/sites/${sor}`, rest, token);
  }
  clinician = await browser.page();
  page = clinician.page;
  page.on('response', (r) => { if (r.request().method() === 'GET' && r.url().includes('/resuscitation-status')) statusReads += 1; });
  await signInForDevelopment(page, s.url, PHYSICIAN);
  await page.getByRole('link', { name: 'Registrér' }).click();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

const form = (title: string): Locator => page.getByRole('form', { name: title });

const choice = (title: string): Locator => page.getByRole('navigation', { name: 'Vælg registrering' }).getByRole('button', { name: title, exact: true });

async function open(title: string): Promise<Locator> {
  await choice(title).click();
  const shown = form(title);
  await shown.waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await notDanishOnScreen(page)).toEqual([]);
  return shown;
}

/** Sends the form and waits for the service's answer; returns the outcome text or the errors shown. */
async function send(shown: Locator, button: string, refreshes = true): Promise<number> {
  const reads = statusReads;
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(`${s.url}/v1/`));
  await shown.getByRole('button', { name: button }).click();
  const status = (await answered).status();
  if (status < 300) {
    await shown.locator('.outcome').waitFor();
    if (refreshes) await until(() => statusReads > reads, 10_000, 'the status read after recording');
  } else {
    await shown.locator('.field-error, .form-error').first().waitFor();
  }
  expect(await notDanishOnScreen(page)).toEqual([]); // the outcome, or the refusal, in Danish
  return status;
}

/** The error shown next to a field: the element its aria-describedby names. */
async function errorAt(field: Locator): Promise<string> {
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const id = ids.split(' ').find((i) => i.endsWith('-error'));
  return page.locator(`[id="${id}"]`).innerText();
}

async function eventTypes(): Promise<string[]> {
  return (await s.call('GET', `/v1/patients/${patientId}/events`, undefined, token)).body.map((e: { type: string }) => e.type);
}

describe('registration', () => {
  it('refuses a number that is not a CPR number at the field, in Danish, before anything is sent', async () => {
    const shown = await open('Registrér patient');
    const sent = clinician.requests.length;
    await shown.getByLabel('CPR-nummer').fill('311347-1234');
    await shown.getByLabel('Patientens navn').fill('Else Mortensen');
    await shown.getByRole('button', { name: 'Registrér patient' }).click();
    expect(await errorAt(shown.getByLabel('CPR-nummer'))).toBe('Et CPR-nummer er 10 cifre (DDMMÅÅ-LLLL) med en gyldig fødselsdato.');
    expect(clinician.requests.length).toBe(sent);
  });

  it('registers the patient, empties the CPR field and makes the patient the one on screen', async () => {
    const shown = form('Registrér patient');
    await shown.getByLabel('CPR-nummer').fill(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    expect(await send(shown, 'Registrér patient')).toBeLessThan(300);
    expect(await shown.locator('.outcome').innerText()).toContain('Else Mortensen er registreret og valgt som aktuel patient.');
    expect(await shown.getByLabel('CPR-nummer').inputValue()).toBe('');
    expect(await page.locator('.current-patient').innerText()).toContain('Else Mortensen');
    patientId = (await s.call('POST', '/v1/patients/status-lookups', { cpr }, token)).body.patientId;
    expect(await eventTypes()).toEqual(['PatientRegistered']);
  });

  it('the same CPR number with another name: a loud warning to confirm the identity (R2.1), nothing changed, the patient not re-selected under the new name', async () => {
    const shown = form('Registrér patient');
    await shown.getByLabel('CPR-nummer').fill(cpr);
    await shown.getByLabel('Patientens navn').fill('Else Bak');
    expect(await send(shown, 'Registrér patient', false)).toBe(200);
    const warning = shown.getByRole('alert');
    expect(await warning.innerText()).toMatch(/^NAVNET PASSER IKKE: Der er allerede registreret et andet navn for dette CPR-nummer\. Intet er ændret\./);
    expect(await shown.locator('.outcome').innerText()).toContain('Patienten er ikke valgt.');
    expect(await page.locator('.current-patient').innerText()).toContain('Else Mortensen');
    expect(await page.locator('.current-patient').innerText()).not.toContain('Else Bak');
    expect(await eventTypes()).toEqual(['PatientRegistered']);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

describe("a physician's decision", () => {
  it('without a ground: the service refuses (422) and the rule is said in Danish at the grounds', async () => {
    const shown = await open('Beslutning om fravalg af genoplivningsforsøg');
    expect(await send(shown, 'Registrér beslutningen')).toBe(422);
    expect(await errorAt(shown.getByRole('group', { name: 'Begrundelse (mindst én)' }))).toBe('Lægens beslutning skal have mindst én begrundelse.');
    expect(await eventTypes()).toEqual(['PatientRegistered']);
  });

  it('with a ground and as an oral decision: recorded', async () => {
    const shown = form('Beslutning om fravalg af genoplivningsforsøg');
    await shown.getByLabel('Patienten er uafvendeligt døende').check();
    await shown.getByLabel('Mundtlig akut beslutning – skal bekræftes skriftligt hurtigst muligt').check();
    expect(await send(shown, 'Registrér beslutningen')).toBe(201);
    expect(await shown.locator('.outcome').innerText()).toContain('Beslutningen er registreret (journalversion 2).');
  });

  it('a time years ahead: the service refuses it (422, R1.4) and says so at the time field', async () => {
    const shown = form('Beslutning om fravalg af genoplivningsforsøg');
    await shown.getByLabel('Patienten er svært invalideret', { exact: false }).check();
    await shown.getByLabel('Tidspunkt for beslutningen').fill('2031-01-01T10:00:00');
    expect(await send(shown, 'Registrér beslutningen')).toBe(422);
    expect(await errorAt(shown.getByLabel('Tidspunkt for beslutningen'))).toBe('Tidspunktet skal være noget, der er sket: højst 5 minutter frem i tiden og ikke før patientens fødsel.');
  });

  it('a registered refusal (the register\'s answer): recorded', async () => {
    await choice('Registrér patient').click(); // away and back: a fresh form
    const shown = await open('Beslutning om fravalg af genoplivningsforsøg');
    await shown.getByLabel('Grundlag').selectOption('register');
    await shown.getByLabel('Registreringsdato i fravalgsregistret').fill('2026-01-10');
    expect(await send(shown, 'Registrér beslutningen')).toBe(201);
  });
});

describe('every other command', () => {
  it('revision: confirm the oral decision in writing', async () => {
    const shown = await open('Revision af en beslutning');
    const decision = shown.getByLabel('Beslutning');
    const options = await decision.locator('option').allInnerTexts();
    expect(options.some((o) => o.startsWith('Lægens beslutning (undtagelse 3)') && o.endsWith('(i kraft)'))).toBe(true);
    await decision.selectOption({ label: options.find((o) => o.startsWith('Lægens beslutning')) as string });
    await shown.getByLabel('Handling').selectOption({ label: 'Bekræft mundtlig beslutning skriftligt' });
    await shown.getByLabel('Begrundelse').fill('Skriftlig opfølgning i journalen');
    expect(await send(shown, 'Registrér revisionen')).toBe(201);
  });

  it('temporary revocation of the registered refusal', async () => {
    const shown = await open('Midlertidig tilbagekaldelse');
    await shown.getByLabel('Hvad tilbagekalder patienten').selectOption('register');
    await shown.getByLabel('Sygdomssituation, kort betegnelse').fill('pneumoni-2026');
    await shown.getByLabel('Beskrivelse af sygdomssituationen').fill('Lungebetændelse, indlagt');
    expect(await send(shown, 'Registrér tilbagekaldelsen')).toBe(201);
  });

  it('will-registry look-up', async () => {
    const shown = await open('Opslag i testamenteregistret');
    await shown.getByLabel('Resultat').selectOption('found');
    await shown.getByLabel('Testamente', { exact: true }).selectOption('behandlingstestamente');
    await shown.getByLabel('Patienten er uafvendeligt døende').check();
    expect(await send(shown, 'Registrér opslaget')).toBe(201);
  });

  it('testament activation: a livstestamente in the suffering situation is refused (422) in Danish at the situation; a behandlingstestamente citing the look-up is recorded', async () => {
    const shown = await open('Testamente trådt i kraft');
    expect(await shown.getByLabel('Bygger på opslag i testamenteregistret').locator('option').first().innerText()).toMatch(/^Opslag .* kl\. \d\d\.\d\d: fundet behandlingstestamente$/);
    await shown.getByLabel('Testamente', { exact: true }).selectOption('livstestamente');
    await shown.getByLabel('Situation').selectOption('severe_suffering');
    await shown.getByLabel('Patienten er vurderet varigt inhabil').check();
    expect(await send(shown, 'Registrér ikrafttrædelsen')).toBe(422);
    expect(await errorAt(shown.getByLabel('Situation'))).toBe('Et livstestamente omfatter ikke situationen med meget alvorlige og lidelsesfulde følger – det gør kun et behandlingstestamente.');
    await shown.getByLabel('Testamente', { exact: true }).selectOption('behandlingstestamente');
    await shown.getByLabel('Situation').selectOption('irreversibly_dying');
    expect(await send(shown, 'Registrér ikrafttrædelsen')).toBe(201);
  });

  it('the schema is checked in the browser: an unconfirmed incompetence never leaves', async () => {
    const shown = form('Testamente trådt i kraft');
    await shown.getByLabel('Patienten er vurderet varigt inhabil').uncheck();
    const sent = clinician.requests.length;
    await shown.getByRole('button', { name: 'Registrér ikrafttrædelsen' }).click();
    expect(await errorAt(shown.getByLabel('Patienten er vurderet varigt inhabil'))).toBe('Skal bekræftes.');
    expect(clinician.requests.length).toBe(sent);
  });

  it("the patient's own refusal (undtagelse 4) while the record shows the patient permanently incompetent: refused (422, R4.7) in Danish at the basis", async () => {
    const shown = await open('Beslutning om fravalg af genoplivningsforsøg');
    await shown.getByLabel('Grundlag').selectOption('patient');
    await shown.getByLabel('Sygdomssituation, kort betegnelse').fill('kol-2026');
    await shown.getByLabel('Beskrivelse af sygdomssituationen').fill('KOL med svær respirationsinsufficiens');
    const before = await eventTypes();
    expect(await send(shown, 'Registrér beslutningen')).toBe(422);
    expect(await errorAt(shown.getByLabel('Grundlag'))).toBe('Patienten er registreret som varigt inhabil: kun lægen kan beslutte for en varigt inhabil patient.');
    expect(await shown.innerText()).not.toMatch(/R4\.7|permanently incompetent/);
    expect(await eventTypes()).toEqual(before); // nothing recorded
  });

  it('significant improvement', async () => {
    const shown = await open('Væsentlig bedring');
    await shown.getByLabel('Notat (valgfrit)').fill('Feberfri, mobiliseret');
    expect(await send(shown, 'Registrér bedringen')).toBe(201);
  });

  it('handover: sites from the directory by SOR id; a wrong EAN is caught in the browser', async () => {
    const shown = await open('Sektorovergang');
    const site = (legend: string) => shown.getByRole('group', { name: legend });
    await site('Fra').getByRole('button', { name: 'Hent fra stedregistret' }).click();
    await site('Fra').getByText(`Hentet fra stedregistret: ${HOSPITAL.name}.`).waitFor();
    expect(await site('Fra').getByLabel('Lokationsnummer (EAN)').inputValue()).toBe(HOSPITAL.ean);
    await site('Til').getByLabel('SOR-id').fill(NURSING_HOME.sor);
    await site('Til').getByRole('button', { name: 'Hent fra stedregistret' }).click();
    await site('Til').getByText(`Hentet fra stedregistret: ${NURSING_HOME.name}.`).waitFor();
    expect(await site('Til').getByLabel('Sektor').inputValue()).toBe('municipality');
    await site('Patientens egen læge (valgfrit)').getByLabel('SOR-id').fill(GP.sor);
    await site('Patientens egen læge (valgfrit)').getByLabel('Lokationsnummer (EAN)').fill('5790000201388');
    await site('Patientens egen læge (valgfrit)').getByLabel('Navn').fill(GP.name);
    const sent = clinician.requests.length;
    await shown.getByRole('button', { name: 'Registrér overgangen' }).click();
    expect(await errorAt(site('Patientens egen læge (valgfrit)').getByLabel('Lokationsnummer (EAN)'))).toBe('Et lokationsnummer (EAN) er 13 cifre med gyldigt kontrolciffer.');
    expect(clinician.requests.length).toBe(sent);
    await site('Patientens egen læge (valgfrit)').getByRole('button', { name: 'Hent fra stedregistret' }).click();
    await site('Patientens egen læge (valgfrit)').getByText(`Hentet fra stedregistret: ${GP.name}.`).waitFor();
    expect(await send(shown, 'Registrér overgangen')).toBe(201);
  });

  it('revision: the registered refusal declared invalid, with the assessment and the report', async () => {
    const shown = await open('Revision af en beslutning');
    const decision = shown.getByLabel('Beslutning');
    const register = (await decision.locator('option').allInnerTexts()).find((o) => o.startsWith('Registreret fravalg')) as string;
    await decision.selectOption({ label: register });
    await shown.getByLabel('Handling').selectOption({ label: 'Erklær registreringen ugyldig' });
    // Temporarily: a registration found made while permanently incompetent would also refuse the
    // patient's own refusal recorded below (R4.7 — »Varigt inhabile borgere kan ikke fravælge«).
    await shown.getByLabel('Borgeren var ved registreringen').selectOption({ label: 'midlertidigt inhabil' });
    await shown.getByLabel('Begrundelse').fill('Borgeren var delirisk ved registreringen');
    await shown.getByLabel('Vurdering: hvorfor binder registreringen ikke?').fill('Delirium under indlæggelse dokumenteret på registreringsdatoen');
    await shown.getByLabel('Indberettet til Styrelsen for Patientsikkerhed (dato)').fill('2026-11-20');
    expect(await send(shown, 'Registrér revisionen')).toBe(201);
  });

  it('revision: the will activation withdrawn', async () => {
    const shown = await open('Revision af en beslutning');
    const decision = shown.getByLabel('Beslutning');
    const will = (await decision.locator('option').allInnerTexts()).find((o) => o.startsWith('Behandlings- eller livstestamente')) as string;
    await decision.selectOption({ label: will });
    expect(await shown.getByLabel('Handling').locator('option').allInnerTexts()).toEqual(['Træk tilbage', 'Fasthold efter revurdering']);
    await shown.getByLabel('Begrundelse').fill('Testamentet er tilbagekaldt på sundhed.dk');
    expect(await send(shown, 'Registrér revisionen')).toBe(201);
  });

  it("the patient's own refusal (undtagelse 4), once the will's activation is withdrawn: recorded", async () => {
    const shown = await open('Beslutning om fravalg af genoplivningsforsøg');
    await shown.getByLabel('Grundlag').selectOption('patient');
    await shown.getByLabel('Sygdomssituation, kort betegnelse').fill('kol-2026');
    await shown.getByLabel('Beskrivelse af sygdomssituationen').fill('KOL med svær respirationsinsufficiens');
    await shown.getByLabel('Diagnoser (SKS-koder)').fill('dj441, DJ961');
    expect(await send(shown, 'Registrér beslutningen')).toBe(201);
    expect(await shown.locator('.outcome').innerText()).toContain('Beslutningen er registreret (journalversion 12).');
  });

  it('the record holds one event per form sent, in order', async () => {
    expect(await eventTypes()).toEqual([
      'PatientRegistered', 'DecisionMade', 'DecisionMade', 'Revised', 'TemporarilyRevoked', 'WillRegistryLookedUp', 'TestamentActivated',
      'ConditionImproved', 'HandedOverTo', 'Revised', 'Revised', 'DecisionMade',
    ]);
    const events = (await s.call('GET', `/v1/patients/${patientId}/events`, undefined, token)).body;
    const activation = events.find((e: { type: string }) => e.type === 'TestamentActivated');
    const lookup = events.find((e: { type: string }) => e.type === 'WillRegistryLookedUp');
    expect(activation.data.lookupId).toBe(lookup.data.lookupId);
    expect(events[8].data).toMatchObject({ kind: 'discharge', from: { sor: HOSPITAL.sor, ean: HOSPITAL.ean }, to: { sor: NURSING_HOME.sor, name: NURSING_HOME.name }, generalPractitioner: { ean: GP.ean } });
    expect(events[9].data).toMatchObject({ action: 'declare_invalid', incompetence: 'temporary', reportedToStps: { at: '2026-11-20' } });
    expect(events[11].data).toMatchObject({ basis: 'patient', oral: false, illnessSituation: { id: 'kol-2026', description: 'KOL med svær respirationsinsufficiens', diagnoses: ['DJ441', 'DJ961'] } });
    expect(clinician.errors).toEqual([]);
  });
});
