/**
 * The sites directory decides where every message goes (the directory's EAN wins at delivery,
 * addressing.ts): so a handover may add a site nobody knew and fill in a missing phone, but never
 * change a known site; a known site's EAN is changed by its own organisation's staff (`keep`) or
 * the operator (`put`); and each entry says who changed it last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GP } from '../../../domain/src/spec/builders';
import { OutboxStore } from './outbox-store';
import { prepareOutboxSchema } from './outbox-schema';
import { SitesDirectory } from './sites-directory';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const FAKE_EAN = '5790000999996';
const nurse = { sub: 'nurse-1', org: '265071000016002', role: 'nurse' };
const stranger = { sub: 'mallory', org: '953741000016999', role: 'physician' };
const { phone: _phone, ...gpWithoutPhone } = GP;

function directory(): SitesDirectory {
  const db = new Database(':memory:');
  prepareOutboxSchema(db);
  return new SitesDirectory(db);
}

describe('a handover adds what is unknown and fills in what is missing, never changes a known site', () => {
  it('an unknown site is added as the handover named it, with who named it', () => {
    const sites = directory();
    sites.remember(GP, T0, nurse);
    expect(sites.get(GP.sor)).toEqual({ ...GP, source: 'handover', confirmed: false, changedBy: { ...nurse, at: '2026-03-02T09:00:00.000Z' } });
  });

  it("a later handover naming the same SOR with another EAN, name, sector or phone changes nothing — not who changed it either", () => {
    const sites = directory();
    sites.remember(GP, T0, nurse);
    sites.remember({ ...GP, ean: FAKE_EAN, name: 'Falsk lægehus', sector: 'municipality', phone: '70 11 11 11' }, T0 + 60_000, stranger);
    expect(sites.get(GP.sor)).toEqual({ ...GP, source: 'handover', confirmed: false, changedBy: { ...nurse, at: '2026-03-02T09:00:00.000Z' } });
  });

  it('a phone the entry lacks is filled in, and nothing else of what the handover said', () => {
    const sites = directory();
    sites.remember(gpWithoutPhone, T0, nurse);
    sites.remember({ ...GP, ean: FAKE_EAN, phone: '98 11 22 33' }, T0 + 60_000, stranger);
    expect(sites.get(GP.sor)).toEqual({ ...GP, phone: '98 11 22 33', source: 'handover', confirmed: false, changedBy: { ...stranger, at: '2026-03-02T09:01:00.000Z' } });
  });

  it('an operator entry is kept the same way: only a missing phone is filled in', () => {
    const sites = directory();
    sites.put(gpWithoutPhone, T0, { sub: 'sites:load', role: 'operator' });
    sites.remember({ ...GP, ean: FAKE_EAN }, T0 + 60_000, stranger);
    expect(sites.get(GP.sor)).toMatchObject({ ...GP, source: 'operator', changedBy: { sub: stranger.sub } });
  });
});

describe('staff keeping the directory (PUT /v1/sites): a known site\'s EAN is its own organisation\'s', () => {
  it('anyone may add an unknown site', () => {
    const sites = directory();
    expect(sites.keep(GP, T0, stranger)).toBe('kept');
    expect(sites.get(GP.sor)).toEqual({ ...GP, source: 'operator', confirmed: false, changedBy: { ...stranger, at: '2026-03-02T09:00:00.000Z' } });
  });

  it('another organisation changing the EAN of a known site is refused, and nothing is written', () => {
    const sites = directory();
    sites.remember(GP, T0, nurse);
    expect(sites.keep({ ...GP, ean: FAKE_EAN }, T0 + 60_000, stranger)).toBe('not-theirs');
    expect(sites.get(GP.sor)).toEqual({ ...GP, source: 'handover', confirmed: false, changedBy: { ...nurse, at: '2026-03-02T09:00:00.000Z' } });
  });

  it.each([
    ['its phone (the number others ring)', { phone: '98 00 00 01' }],
    ['its name', { name: 'Lægerne i Nørregade 7' }],
    ['its sector', { sector: 'hospital' as const }],
    ['its phone dropped', { phone: undefined }],
  ])('another organisation changing %s of a known site is refused too, and nothing is written', (_what, change) => {
    const sites = directory();
    sites.remember(GP, T0, nurse);
    const { phone: _phone, ...withoutPhone } = GP;
    const changed = { ...GP, ...change };
    expect(sites.keep('phone' in change && change.phone === undefined ? withoutPhone : changed, T0 + 60_000, stranger)).toBe('not-theirs');
    expect(sites.get(GP.sor)).toEqual({ ...GP, source: 'handover', confirmed: false, changedBy: { ...nurse, at: '2026-03-02T09:00:00.000Z' } });
  });

  it('another organisation may fill in the phone a known site lacks, and nothing else', () => {
    const sites = directory();
    const { phone: _phone, ...withoutPhone } = GP;
    sites.remember(withoutPhone, T0, nurse);
    expect(sites.keep(GP, T0 + 60_000, stranger)).toBe('kept');
    expect(sites.get(GP.sor)).toMatchObject({ ean: GP.ean, phone: GP.phone, name: GP.name, changedBy: { sub: stranger.sub } });
  });

  it("a PUT of what is there already writes nothing: the entry still names who set it (not the stranger who repeated it)", () => {
    const sites = directory();
    const own = { sub: 'gp-1', org: GP.sor, role: 'physician' };
    sites.keep(GP, T0, own);
    expect(sites.keep({ ...GP }, T0 + 60_000, stranger)).toBe('unchanged');
    expect(sites.get(GP.sor)?.changedBy).toEqual({ ...own, at: '2026-03-02T09:00:00.000Z' });
  });

  it("the site's own staff (org = its SOR) change its EAN", () => {
    const sites = directory();
    sites.remember(GP, T0, nurse);
    const own = { sub: 'gp-1', org: GP.sor, role: 'physician' };
    expect(sites.keep({ ...GP, ean: FAKE_EAN }, T0 + 60_000, own)).toBe('kept');
    expect(sites.get(GP.sor)).toMatchObject({ ean: FAKE_EAN, source: 'operator', changedBy: own });
  });
});

describe("the operator's SOR export load sets anything", () => {
  it('a known EAN is replaced', () => {
    const sites = directory();
    sites.remember(GP, T0, nurse);
    sites.put({ ...GP, ean: FAKE_EAN }, T0 + 60_000, { sub: 'sites:load', role: 'operator' });
    expect(sites.get(GP.sor)).toEqual({ ...GP, ean: FAKE_EAN, source: 'operator', confirmed: true, changedBy: { sub: 'sites:load', role: 'operator', at: '2026-03-02T09:01:00.000Z' } });
  });
});

describe("confirmed: the site's own organisation or the operator set the entry (only then does its EAN win over a message's, addressing.ts)", () => {
  const own = { sub: 'gp-1', org: GP.sor, role: 'physician' };
  const operator = { sub: 'sites:load', role: 'operator' };

  it.each([
    ["a stranger's PUT of a site nobody knew", false, (sites: SitesDirectory) => sites.keep(GP, T0, stranger)],
    ["another organisation's handover naming it", false, (sites: SitesDirectory) => sites.remember(GP, T0, nurse)],
    ["its own organisation's PUT", true, (sites: SitesDirectory) => sites.keep(GP, T0, own)],
    ["its own organisation's handover naming it", true, (sites: SitesDirectory) => sites.remember(GP, T0, own)],
    ["the operator's SOR export load", true, (sites: SitesDirectory) => sites.put(GP, T0, operator)],
  ])('added by %s: confirmed %s', (_who, confirmed, add) => {
    const sites = directory();
    add(sites);
    expect(sites.get(GP.sor)?.confirmed).toBe(confirmed);
  });

  it("its own organisation putting what a stranger put confirms it (a change: changedBy names them), where the stranger repeating it writes nothing", () => {
    const sites = directory();
    sites.keep(GP, T0, stranger);
    expect(sites.keep(GP, T0 + 60_000, stranger)).toBe('unchanged');
    expect(sites.keep(GP, T0 + 120_000, own)).toBe('kept');
    expect(sites.get(GP.sor)).toMatchObject({ confirmed: true, changedBy: { ...own, at: '2026-03-02T09:02:00.000Z' } });
  });

  it('a phone filled in by others since leaves it confirmed: they changed nothing of its EAN', () => {
    const sites = directory();
    sites.keep(gpWithoutPhone, T0, own);
    sites.keep(GP, T0 + 60_000, stranger);
    expect(sites.get(GP.sor)).toMatchObject({ phone: GP.phone, confirmed: true, changedBy: { sub: stranger.sub } });
    const other = directory();
    other.put(gpWithoutPhone, T0, operator);
    other.remember(GP, T0 + 60_000, nurse);
    expect(other.get(GP.sor)).toMatchObject({ phone: GP.phone, confirmed: true, changedBy: { sub: nurse.sub } });
  });

  it("a phone filled in by its own organisation's handover does not confirm an EAN someone else put", () => {
    const sites = directory();
    sites.keep(gpWithoutPhone, T0, stranger);
    sites.remember(GP, T0 + 60_000, own);
    expect(sites.get(GP.sor)).toMatchObject({ phone: GP.phone, confirmed: false });
  });
});

it('who changed an entry never carries a CPR: a token subject of that form is masked', () => {
  const sites = directory();
  sites.keep(GP, T0, { ...nurse, sub: '0101501234' });
  expect(JSON.stringify(sites.get(GP.sor))).not.toContain('0101501234');
});

it("a relay.db made before entries said whether they were confirmed: confirmed where its own organisation or the operator changed it last", () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-sites-'));
  try {
    const file = join(dir, 'relay.db');
    const old = new Database(file);
    old.exec('CREATE TABLE sites (sor TEXT PRIMARY KEY, site TEXT NOT NULL, source TEXT NOT NULL, updated_at INTEGER NOT NULL, changed_by TEXT)');
    const insert = old.prepare("INSERT INTO sites VALUES (?, ?, 'operator', ?, ?)");
    const entries = [['1', { org: '1', role: 'nurse' }], ['2', { role: 'operator' }], ['3', { org: stranger.org, role: 'nurse' }], ['4', null]] as const;
    for (const [sor, by] of entries) insert.run(sor, JSON.stringify({ ...GP, sor }), T0, by && JSON.stringify({ sub: 'x', ...by, at: '2026-03-02T09:00:00.000Z' }));
    old.close();
    const store = new OutboxStore(file);
    expect(entries.map(([sor]) => store.sites.get(sor)?.confirmed)).toEqual([true, true, false, false]);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('a relay.db made before entries said who changed them opens, keeps its sites (changedBy null, unconfirmed) and records who changes them next', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-sites-'));
  try {
    const file = join(dir, 'relay.db');
    const old = new Database(file);
    old.exec('CREATE TABLE sites (sor TEXT PRIMARY KEY, site TEXT NOT NULL, source TEXT NOT NULL, updated_at INTEGER NOT NULL)');
    old.prepare("INSERT INTO sites VALUES (?, ?, 'handover', ?)").run(GP.sor, JSON.stringify(GP), T0);
    old.close();
    const store = new OutboxStore(file);
    expect(store.sites.get(GP.sor)).toEqual({ ...GP, source: 'handover', confirmed: false, changedBy: null });
    store.sites.remember({ ...GP, ean: FAKE_EAN }, T0, nurse);
    expect(store.sites.get(GP.sor)?.ean).toBe(GP.ean);
    expect(store.sites.keep({ ...GP, phone: '98 00 00 01' }, T0, { ...nurse, org: GP.sor })).toBe('kept'); // the site's own staff
    expect(store.sites.get(GP.sor)?.changedBy).toMatchObject({ ...nurse, org: GP.sor });
    store.close();
    new OutboxStore(file).close(); // opened again: the column is there once
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
