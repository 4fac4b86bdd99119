/**
 * The sites directory (api.md "Sites"): SOR → sector, EAN, name, phone — what the outbox
 * addresses from. At delivery the directory's EAN wins over what a handover said (addressing.ts),
 * so whoever may change a site's EAN here decides where every later message to that site goes —
 * for every patient, each carrying a CPR. Hence who may change what:
 * - a handover (`remember`) adds a site nobody knew and fills in a phone the entry lacks; it never
 *   changes a known site's EAN, name or sector — otherwise one handover naming some GP's SOR with
 *   a made-up EAN would redirect every message to that GP;
 * - staff keeping the directory (`keep`, PUT /v1/sites/{sor}) add a site nobody knew, or fill in
 *   a phone a known one lacks; only the site's own organisation (token `org` = the SOR) changes
 *   what is known of it — its EAN says where its messages go, its phone is the number others
 *   ring when a message escalates and the contact number in every CareCommunication it sends;
 * - the operator (`put`: the SOR export load, apps/relay load-sites.ts) sets anything.
 * Anyone may still add a site nobody knew, so an entry says whether its EAN can be relied on:
 * `confirmed` when the site's own organisation or the operator set it (a phone filled in by others
 * since changes nothing of that). A message naming a site with another EAN than an unconfirmed
 * entry is held until one of them sets it (addressing.ts) — else whoever put a SOR first, with an
 * EAN of their choosing, would receive every message to that site.
 * Each entry says who changed it last (`changedBy`). It lives in the relay state beside the
 * messages it addresses.
 */
import type Database from 'better-sqlite3';
import { Site } from '@dnr/domain';
import { maskCprs } from '@dnr/http';

export type SiteSource = 'handover' | 'operator';

/** Who changed an entry: a token's subject, organisation and role (the operator's load has no organisation) — never a name. */
export interface Changer {
  sub: string;
  org?: string;
  role: string;
}

/** Who last changed an entry, and when. */
export type ChangedBy = Changer & { at: string };

/** An entry as read: the site, where it came from, whether its own organisation or the operator set it, and who last changed it (null: before this was recorded). */
export type DirectoryEntry = Site & { source: SiteSource; confirmed: boolean; changedBy: ChangedBy | null };

/**
 * What `keep` did: wrote the site; found it as given and wrote nothing (so `changedBy` still names
 * whoever last changed it); or refused to change what is known of a site that is not the caller's organisation's.
 */
export type Kept = 'kept' | 'unchanged' | 'not-theirs';

type Row = { site: string; source: SiteSource; confirmed: number; changed_by: string | null };

export class SitesDirectory {
  private readonly statements;
  private readonly keepAtomically: (site: Site, at: number, by: Changer) => Kept;

  constructor(db: Database.Database) {
    // Prepared once: the dispatcher looks sites up for every message it sends.
    this.statements = {
      get: db.prepare<[string], Row>('SELECT site, source, confirmed, changed_by FROM sites WHERE sor = ?'),
      put: db.prepare(`INSERT INTO sites (sor, site, source, updated_at, changed_by, confirmed) VALUES (?, ?, 'operator', ?, ?, ?)
        ON CONFLICT(sor) DO UPDATE SET site = excluded.site, source = 'operator', updated_at = excluded.updated_at, changed_by = excluded.changed_by, confirmed = excluded.confirmed`),
      add: db.prepare(`INSERT INTO sites (sor, site, source, updated_at, changed_by, confirmed) VALUES (?, ?, 'handover', ?, ?, ?) ON CONFLICT(sor) DO NOTHING`),
      fillIn: db.prepare('UPDATE sites SET site = ?, updated_at = ?, changed_by = ? WHERE sor = ?'),
    };
    // The look and the write in one write transaction: the relay thread remembers sites in relay.db
    // too, and a site it adds between the two must not have its EAN replaced unseen.
    this.keepAtomically = db.transaction((site: Site, at: number, by: Changer): Kept => {
      const known = this.get(site.sor);
      const own = by.org === site.sor;
      if (known && !own && !onlyFillsIn(known, site)) return 'not-theirs';
      // Others add an unconfirmed site, or fill in a phone without touching whether its EAN was confirmed.
      return this.write(site, known, at, by, own || (known?.confirmed ?? false)) ? 'kept' : 'unchanged';
    }).immediate;
  }

  get(sor: string): DirectoryEntry | null {
    const row = this.statements.get.get(sor);
    return row ? { ...JSON.parse(row.site), source: row.source, confirmed: row.confirmed === 1, changedBy: row.changed_by === null ? null : JSON.parse(row.changed_by) } : null;
  }

  /** The operator's entry (the SOR export load) replaces what was there, EAN included, and confirms it. */
  put(site: Site, at: number, by: Changer): void {
    this.write(site, this.get(site.sor), at, by, true);
  }

  /** Staff keeping the directory (PUT /v1/sites/{sor}): as `put`, but a known site is changed only by its own organisation; others may fill in its phone. */
  keep(site: Site, at: number, by: Changer): Kept {
    return this.keepAtomically(site, at, by);
  }

  /** A site named in a handover: added when unknown; a known one only gains a phone it lacked. */
  remember(site: Site, at: number, by: Changer): void {
    const known = this.get(site.sor);
    if (!known) {
      this.statements.add.run(site.sor, JSON.stringify(site), at, changedBy(by, at), by.org === site.sor ? 1 : 0);
      return;
    }
    if (!known.phone && site.phone) this.statements.fillIn.run(JSON.stringify({ ...siteOf(known), phone: site.phone }), at, changedBy(by, at), site.sor);
  }

  /**
   * Writes the entry unless it is so already: a write that changes nothing must not become who
   * changed it last (reattack-3). Whether anything was written.
   */
  private write(site: Site, known: DirectoryEntry | null, at: number, by: Changer, confirmed: boolean): boolean {
    if (known && sameSite(known, site) && known.confirmed === confirmed) return false;
    this.statements.put.run(site.sor, JSON.stringify(site), at, changedBy(by, at), confirmed ? 1 : 0);
    return true;
  }
}

/** The site as known, with at most a phone it lacked: nothing anyone relies on is changed. */
function onlyFillsIn(known: DirectoryEntry, site: Site): boolean {
  return known.ean === site.ean && known.name === site.name && known.sector === site.sector && (!known.phone || known.phone === site.phone);
}

/** Every field as given, the phone's absence included: writing it would change nothing. */
function sameSite(known: DirectoryEntry, site: Site): boolean {
  return onlyFillsIn(known, site) && known.phone === site.phone;
}

/** Stored as JSON. Anyone may read the directory, so a token subject that looks like a CPR is masked. */
function changedBy(by: Changer, at: number): string {
  return JSON.stringify({ ...by, sub: maskCprs(by.sub), at: new Date(at).toISOString() } satisfies ChangedBy);
}

/** The site alone, without the entry's bookkeeping. */
function siteOf(entry: DirectoryEntry): Site {
  const { source: _source, confirmed: _confirmed, changedBy: _changedBy, ...site } = entry;
  return site;
}
