/**
 * The worklist when much is owed, in a real browser:
 * - an escalated message someone must phone about stays in sight however many newer messages the
 *   organisation has (the console reads the escalated ones on their own, not among the newest page);
 * - an UNADDRESSED message says what is missing — here the sending hospital's own telephone number —
 *   and a nurse fills it in from the list (PUT /v1/sites/{sor}); the relay then sends the message
 *   and it leaves the list of what needs someone. The service's refusal (403) of another organisation's EAN change is said in Danish
 *   at the field.
 */
import type { Page } from 'playwright-core';
import type { Site } from '@dnr/domain';
import { Browser, notDanishOnScreen, openBrowser, seriousAxeViolations, signInForDevelopment, Watched } from './support/browser';
import { ConsoleService, GP, HOSPITAL, NURSE, NURSING_HOME, Person, PHYSICIAN, recorded, registered, startConsoleService } from './support/service';
import { eventually } from '../support/until';

/** A hospital the directory knows only from a handover that gave no telephone number. */
const HJORRING: Site = { sector: 'hospital', sor: '6001001000016004', ean: '5790000456789', name: 'Regionshospital Nordjylland, Hjørring' };
const HJORRING_NURSE: Person = { role: 'nurse', name: 'Anne Bak', org: HJORRING.sor, orgName: 'Regionshospital Nordjylland, Hjørring' };
const HJORRING_CARE_WORKER: Person = { ...HJORRING_NURSE, role: 'care_worker', name: 'Bente Lund' };
/** Discharges after the forgotten one: three messages each, so more than 200 newer messages. */
const LATER_DISCHARGES = 70;

let s: ConsoleService;
let browser: Browser;
let token: string;
let forgotten: string;
let unaddressed: string;

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

beforeAll(async () => {
  s = await startConsoleService();
  browser = await openBrowser();
  token = await s.token(PHYSICIAN);
  // The oldest message: a discharge that names no GP, so its epikrise can be addressed to nobody (UNADDRESSED).
  ({ patientId: forgotten } = await registered(s, token, 'Grethe Nielsen', '1938-02-11'));
  await recorded(s, token, forgotten, 'handovers', { kind: 'discharge', at: minutesAgo(30), from: HOSPITAL, to: NURSING_HOME, outOfHours: false });
  await eventually(() => s.call('GET', `/v1/outbox?patientId=${forgotten}&kind=epikrise`, undefined, token), (r) => r.body[0]?.escalation?.reason === 'UNADDRESSED', 'the epikrise escalated');
  // Then more than 200 newer messages, all delivered.
  for (let first = 0; first < LATER_DISCHARGES; first += 10) {
    await Promise.all(Array.from({ length: Math.min(10, LATER_DISCHARGES - first) }, async (_, i) => {
      const { patientId } = await registered(s, token, `Patient Nummer ${first + i + 1}`, '1945-06-01');
      await recorded(s, token, patientId, 'handovers', { kind: 'discharge', at: minutesAgo(20), from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP, outOfHours: false });
    }));
  }
  await eventually(() => s.call('GET', '/v1/outbox?state=pending&limit=1', undefined, token), (r) => r.status === 200 && r.body.length === 0, 'every later message sent', 60_000);

  // Another organisation's nurse hands a patient over from her own hospital, whose number nobody has given yet.
  const hjorring = await s.token(HJORRING_NURSE);
  ({ patientId: unaddressed } = await registered(s, hjorring, 'Jens Kristensen', '1941-09-30'));
  await recorded(s, hjorring, unaddressed, 'handovers', { kind: 'transfer', at: minutesAgo(5), from: HJORRING, to: NURSING_HOME, outOfHours: false });
  await eventually(() => s.call('GET', `/v1/outbox?patientId=${unaddressed}`, undefined, hjorring), (r) => r.body[0]?.escalation?.reason === 'UNADDRESSED', 'the korrespondancemeddelelse escalated');
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function worklistOf(person: Person): Promise<Watched> {
  const watched = await browser.page();
  await signInForDevelopment(watched.page, s.url, person);
  await watched.page.getByRole('link', { name: 'Arbejdsliste' }).click();
  await watched.page.locator('ol.messages').first().waitFor();
  return watched;
}

const counts = async (page: Page) => (await page.getByRole('list', { name: 'Antal meddelelser' }).innerText()).replace(/\s+/g, ' ');

describe('an escalated message older than the newest 200', () => {
  let nurse: Watched;
  beforeAll(async () => { nurse = await worklistOf(NURSE); });

  it('is not among the newest page the worklist used to read (so this test means something)', async () => {
    const newest = (await s.call('GET', '/v1/outbox?limit=200', undefined, token)).body;
    expect(newest.length).toBeGreaterThan(100);
    expect(newest.some((m: { patientId: string }) => m.patientId === forgotten)).toBe(false);
    expect(newest.some((m: { state: string }) => m.state === 'escalated')).toBe(false);
  });

  it('is shown first, with what is missing or waited for, and counted among those that need someone', async () => {
    // The epikrise can go nowhere, and the udskrivningsrapport for the same ward waits behind it: both need someone.
    expect(await nurse.page.locator('ol.messages > li').first().innerText()).toContain('Grethe Nielsen'); // above the newest page
    const needing = nurse.page.getByRole('region', { name: 'Kræver handling' }).locator('ol.messages > li');
    expect(await needing.count()).toBe(2);
    const epikrise = needing.filter({ has: nurse.page.getByRole('heading', { name: 'Epikrise til Patientens praktiserende læge (ikke oplyst ved udskrivelsen)' }) });
    expect(await epikrise.innerText()).toContain('Grethe Nielsen');
    expect(await epikrise.innerText()).toContain('Kan ikke sendes: der mangler oplysninger om afsender eller modtager');
    expect(await epikrise.innerText()).toContain('Modtageren er ikke oplyst (Patientens praktiserende læge (ikke oplyst ved udskrivelsen)).');
    const report = needing.filter({ has: nurse.page.getByRole('heading', { name: 'Udskrivningsrapport til Plejecenter Solhaven' }) });
    expect(await report.innerText()).toContain('Venter på en tidligere meddelelse til samme modtager om samme patient.');
    // The escalated count is of every escalated message; the others only of the newest page read, and say so.
    const shown = await counts(nurse.page);
    expect(shown).toContain('2 kræver handling');
    expect(shown).toMatch(/\d+ sendt, afventer kvittering blandt de \d+ nyeste/);
    expect(await nurse.page.getByRole('heading', { name: /^Øvrige blandt de \d+ nyeste$/ }).count()).toBe(1);
    expect(await seriousAxeViolations(nurse.page)).toEqual([]);
    expect(await notDanishOnScreen(nurse.page)).toEqual([]);
    expect(nurse.errors).toEqual([]);
  });
});

describe('an UNADDRESSED message because the sending hospital has no telephone number in the directory', () => {
  let nurse: Watched;
  beforeAll(async () => { nurse = await worklistOf(HJORRING_NURSE); });
  const item = () => nurse.page.locator('ol.messages > li', { hasText: 'Korrespondancemeddelelse til Plejecenter Solhaven' });
  const siteForm = () => nurse.page.getByRole('form', { name: 'Stedregistret: Regionshospital Nordjylland, Hjørring' });
  const errorAt = async (label: string) => {
    const field = siteForm().getByLabel(label, { exact: true });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const id = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').find((i) => i.endsWith('-error'));
    return nurse.page.locator(`[id="${id}"]`).innerText();
  };

  it('says which number is missing, in Danish', async () => {
    const text = await item().innerText();
    expect(text).toContain('Kan ikke sendes: der mangler oplysninger om afsender eller modtager');
    expect(text).toContain('Stedregistret mangler telefonnummer for Regionshospital Nordjylland, Hjørring.');
    expect(text).not.toContain('ukendt lokationsnummer eller ingen egen læge');
    expect(await notDanishOnScreen(nurse.page)).toEqual([]);
  });

  it('the directory is kept by physicians and nurses: others see what is missing, and are not offered the form', async () => {
    const worker = await worklistOf(HJORRING_CARE_WORKER);
    const message = worker.page.locator('ol.messages > li', { hasText: 'Korrespondancemeddelelse til Plejecenter Solhaven' });
    expect(await message.innerText()).toContain('Stedregistret mangler telefonnummer for Regionshospital Nordjylland, Hjørring.');
    expect(await message.getByRole('button', { name: 'Udfyld stedregistret' }).count()).toBe(0);
    expect(await message.innerText()).toContain('En læge eller sygeplejerske kan udfylde stedregistret.');
    await worker.page.close();
  });

  it('the form is checked in the browser with the shared schema: a malformed number never leaves', async () => {
    await item().getByRole('button', { name: 'Udfyld stedregistret' }).click();
    await siteForm().waitFor();
    // What the directory holds already (from the handover), to complete.
    await eventually(() => siteForm().getByLabel('Lokationsnummer (EAN)', { exact: true }).inputValue(), (v) => v === HJORRING.ean, 'the entry fetched');
    expect(await siteForm().getByLabel('Navn', { exact: true }).inputValue()).toBe(HJORRING.name);
    expect(await seriousAxeViolations(nurse.page)).toEqual([]);
    const sent = nurse.requests.length;
    await siteForm().getByLabel('Direkte telefonnummer', { exact: true }).fill('ring omstillingen');
    await siteForm().getByRole('button', { name: 'Gem i stedregistret' }).click();
    expect(await errorAt('Direkte telefonnummer')).toBe('Et telefonnummer består af cifre og mellemrum, evt. med + foran.');
    expect(nurse.requests.length).toBe(sent);
  });

  it("the service's refusal to let another organisation change a known site's EAN (403) is said in Danish at the EAN, and nothing changes", async () => {
    // The receiving nursing home sees the same message on its worklist, and the form for the hospital's entry.
    const stranger = await worklistOf({ role: 'nurse', name: 'Lone Dahl', org: NURSING_HOME.sor, orgName: NURSING_HOME.name });
    const message = stranger.page.locator('ol.messages > li', { hasText: 'telefonnummer for Regionshospital Nordjylland, Hjørring' }).first();
    await message.getByRole('button', { name: 'Udfyld stedregistret' }).click();
    const form = stranger.page.getByRole('form', { name: 'Stedregistret: Regionshospital Nordjylland, Hjørring' });
    await eventually(() => form.getByLabel('Lokationsnummer (EAN)', { exact: true }).inputValue(), (v) => v === HJORRING.ean, 'the entry fetched');
    await form.getByLabel('Lokationsnummer (EAN)', { exact: true }).fill('5790000456796');
    await form.getByLabel('Direkte telefonnummer', { exact: true }).fill('98 92 00 00');
    const put = stranger.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/v1/sites/${HJORRING.sor}`));
    await form.getByRole('button', { name: 'Gem i stedregistret' }).click();
    expect((await put).status()).toBe(403);
    const ean = form.getByLabel('Lokationsnummer (EAN)', { exact: true });
    await eventually(() => ean.getAttribute('aria-invalid'), (v) => v === 'true', 'the refusal shown at the EAN');
    const id = ((await ean.getAttribute('aria-describedby')) ?? '').split(' ').find((i) => i.endsWith('-error'));
    expect(await stranger.page.locator(`[id="${id}"]`).innerText()).toContain('kan kun ændres af personale i stedets egen organisation');
    expect(await notDanishOnScreen(stranger.page)).toEqual([]);
    expect((await s.call('GET', `/v1/sites/${HJORRING.sor}`, undefined, token)).body).toMatchObject({ ean: HJORRING.ean });
    await stranger.page.close();
  });

  it("filling in the hospital's own number sends the message: it leaves what needs someone", async () => {
    await siteForm().getByLabel('Lokationsnummer (EAN)', { exact: true }).fill(HJORRING.ean);
    await siteForm().getByLabel('Direkte telefonnummer', { exact: true }).fill('98 92 00 00');
    const put = nurse.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/v1/sites/${HJORRING.sor}`));
    await siteForm().getByRole('button', { name: 'Gem i stedregistret' }).click();
    expect((await put).status()).toBe(200);
    expect(JSON.parse((await put).request().postData() ?? '{}')).toEqual({ sector: 'hospital', ean: HJORRING.ean, name: HJORRING.name, phone: '98 92 00 00' });
    await nurse.page.getByText('Gemt i stedregistret', { exact: false }).first().waitFor();
    await eventually(async () => {
      await nurse.page.getByRole('button', { name: 'Opdatér' }).click();
      return counts(nurse.page);
    }, (c) => c.includes('0 kræver handling'), 'the message no longer escalated');
    expect(await item().innerText()).toContain('sendt, afventer kvittering');
    const message = (await s.call('GET', `/v1/outbox?patientId=${unaddressed}`, undefined, await s.token(HJORRING_NURSE))).body[0];
    expect(message).toMatchObject({ state: 'sent', attempts: 1, sender: { sor: HJORRING.sor, phone: '98 92 00 00' } });
    expect(message.escalation).toBeUndefined();
    expect(await notDanishOnScreen(nurse.page)).toEqual([]);
    expect(nurse.errors).toEqual([]);
  });

});

describe('a status feed longer than a page', () => {
  it('the worklist shows the newest changes at once, never the feed read from its start (rel="last")', async () => {
    // Two more callers, each under the service's write budget (600 a minute per caller).
    const registrar = await s.token({ ...NURSE, name: 'Mette Krog' });
    const decider = await s.token({ ...PHYSICIAN, name: 'Ole Brandt' });
    for (let first = 0; first < 250; first += 25) {
      await Promise.all(Array.from({ length: 25 }, async (_, i) => {
        const { patientId } = await registered(s, registrar, `Feedpatient ${first + i + 1}`, '1944-04-04');
        await recorded(s, decider, patientId, 'decisions', { basis: 'physician', decidedAt: minutesAgo(10), grounds: ['irreversibly_dying'] });
      }));
    }
    const feed = async () => (await s.call('GET', '/v1/status-feed?after=0&limit=1000', undefined, token)).body as Array<{ position: number }>;
    const all = await eventually(feed, (entries) => entries.length >= 250, 'the decisions on the feed', 60_000);
    const head = all[all.length - 1].position;
    const reader = await worklistOf(NURSE);
    await reader.page.locator('ol.feed-entries > li').first().waitFor();
    const asked = reader.requests.map((r) => new URL(r.url())).filter((u) => u.pathname === '/v1/status-feed').map((u) => Number(u.searchParams.get('after')));
    // From the start it would read after=0, then 100, then 200 …; it jumps from the first page to the newest.
    expect(asked.filter((after) => after > 0 && after < head - 100)).toEqual([]);
    expect(asked).toContain(head - 100);
    expect(await reader.page.locator('ol.feed-entries > li').count()).toBe(50);
    await reader.page.close();
  });
});
