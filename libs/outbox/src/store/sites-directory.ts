/**
 * The sites directory (api.md "Sites"): SOR → sector, EAN, name, phone — what the outbox
 * addresses from. Every site named in a handover is remembered; an operator may set a site (the
 * SOR export, or by hand), and what an operator set is not overwritten by what a handover said,
 * except to fill in what was missing. It lives in the relay state beside the messages it addresses.
 */
import type Database from 'better-sqlite3';
import { Site } from '@dnr/domain';

export type SiteSource = 'handover' | 'operator';

export class SitesDirectory {
  private readonly statements;

  constructor(db: Database.Database) {
    // Prepared once: the dispatcher looks sites up for every message it sends.
    this.statements = {
      get: db.prepare<[string], { site: string; source: SiteSource }>('SELECT site, source FROM sites WHERE sor = ?'),
      put: db.prepare(`INSERT INTO sites (sor, site, source, updated_at) VALUES (?, ?, 'operator', ?)
        ON CONFLICT(sor) DO UPDATE SET site = excluded.site, source = 'operator', updated_at = excluded.updated_at`),
      fillPhone: db.prepare('UPDATE sites SET site = ?, updated_at = ? WHERE sor = ?'),
      remember: db.prepare(`INSERT INTO sites (sor, site, source, updated_at) VALUES (?, ?, 'handover', ?)
        ON CONFLICT(sor) DO UPDATE SET site = excluded.site, updated_at = excluded.updated_at`),
    };
  }

  get(sor: string): (Site & { source: SiteSource }) | null {
    const row = this.statements.get.get(sor);
    return row ? { ...JSON.parse(row.site), source: row.source } : null;
  }

  /** An operator's entry replaces what was there. */
  put(site: Site, at: number): void {
    this.statements.put.run(site.sor, JSON.stringify(site), at);
  }

  /** A site named in a handover: new sites are added; a handover's phone fills in a missing one; operator entries stay. */
  remember(site: Site, at: number): void {
    const known = this.get(site.sor);
    if (known?.source === 'operator') {
      if (!known.phone && site.phone) this.statements.fillPhone.run(JSON.stringify({ ...stripSource(known), phone: site.phone }), at, site.sor);
      return;
    }
    const merged = { ...(known ? stripSource(known) : {}), ...site, ...(site.phone || !known?.phone ? {} : { phone: known.phone }) };
    this.statements.remember.run(site.sor, JSON.stringify(merged), at);
  }
}

function stripSource(site: Site & { source?: SiteSource }): Site {
  const { source: _source, ...rest } = site;
  return rest;
}
