/**
 * Debian's Chromium (installed by scripts/install-chromium.sh), driven by playwright-core, with a
 * fresh profile each time; helpers the suites share: sign in through the console, an axe-core scan,
 * and what the browser's history and requests hold.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page, Request } from 'playwright-core';
import { notDanish } from '../../../libs/domain/src/spec/danish-text';
import type { Person } from './service';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Browser {
  context: BrowserContext;
  page(viewport?: { width: number; height: number }): Promise<Watched>;
  close(): Promise<void>;
}

/** A page and what it did: every request it sent and every error it logged (a CSP refusal is one). */
export interface Watched {
  page: Page;
  requests: Request[];
  errors: string[];
}

export async function openBrowser(): Promise<Browser> {
  // launchPersistentContext gives Chromium --user-data-dir: a fresh, empty profile per run.
  const profile = mkdtempSync(join(tmpdir(), 'dnr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'da-DK', timezoneId: 'UTC', viewport: { width: 1100, height: 900 },
  });
  return {
    context,
    async page(viewport) {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      if (viewport) await page.setViewportSize(viewport);
      const watched: Watched = { page, requests: [], errors: [] };
      page.on('request', (r) => watched.requests.push(r));
      // An answer the console expects (a 404 for a CPR nothing is recorded for) is logged by Chromium too; everything else counts.
      page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) watched.errors.push(m.text()); });
      page.on('pageerror', (e) => watched.errors.push(e.message));
      return watched;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function signInForDevelopment(page: Page, baseUrl: string, person: Person): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('Rolle').selectOption(person.role);
  await page.getByLabel('Dit navn').fill(person.name);
  await page.getByLabel('Organisationens SOR-id').fill(person.org);
  await page.getByLabel('Organisationens navn').fill(person.orgName ?? '');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('link', { name: 'Opslag' }).waitFor();
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * axe-core on the page as it is now: the serious and critical violations (WCAG 2.x A/AA and best
 * practice). Evaluated through the DevTools protocol, so the page's own CSP (no inline script) holds.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.evaluate(AXE);
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/**
 * What on the screen is not plain Danish for people: English words, enum codes, rule ids, ISO or
 * UTC timestamps — the domain's checker for clinicians' texts (libs/domain/src/spec/danish-text.ts)
 * on the text the page shows now (`innerText`: what is rendered, not attributes or input values).
 * Structured numbers (CPR, SOR, EAN, telephone) pass it as they are.
 */
export async function notDanishOnScreen(page: Page, selector = 'body'): Promise<string[]> {
  return notDanish(await page.innerText(selector));
}

/** What the page keeps in the browser's storage (evaluated in the page; these suites compile without the DOM types). */
export const STORAGE = '({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie })';

/** Every address in the tab's history (back and forward), from the DevTools protocol. */
export async function historyUrls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: Array<{ url: string }> };
  await cdp.detach();
  return entries.map((e) => e.url);
}

/** The CPR number in every spelling a URL could carry it. */
export function spellingsOf(cpr: string): string[] {
  const digits = cpr.replace('-', '');
  return [digits, `${digits.slice(0, 6)}-${digits.slice(6)}`, `${digits.slice(0, 6)}%2D${digits.slice(6)}`];
}
