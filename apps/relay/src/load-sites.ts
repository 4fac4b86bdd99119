/**
 * Loads sites into the directory from a file: `npm run sites:load -- <file>` (or
 * `node dist/apps/relay/src/load-sites.js <file>` on the relay host), with the relay's DATA_DIR.
 * The file is a semicolon-separated table with a header line — `sor;ean;name;sector;phone` —
 * as made from the national SOR export (SOR-ID, lokationsnummer/EAN, enhedsnavn, sektor,
 * telefon). Every line is checked like PUT /v1/sites; lines that fail are reported and skipped.
 * The running relay picks the new sites up at its next round, and sends what was waiting for them.
 * Unlike a handover or PUT /v1/sites, the load may change a known site's EAN (sites-directory.ts):
 * whoever can run it on the relay host owns relay.db anyway. What it loads is `confirmed`: messages
 * held because they named a site with another EAN than an unconfirmed entry go out to the loaded one.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '@dnr/config';
import { Site } from '@dnr/domain';
import { keepDataPrivate } from '@dnr/http';
import { openOutboxStore } from '@dnr/outbox';

/** Who changed what this load writes, as the directory shows it. */
const SOR_EXPORT_LOAD = { sub: 'sites:load', role: 'operator' };

function main(file: string | undefined): number {
  if (!file) { process.stderr.write('usage: load-sites <file.csv>  (columns sor;ean;name;sector;phone)\n'); return 2; }
  const loaded = loadConfig(process.env);
  if (!loaded.ok) { process.stderr.write(`${loaded.message}\n`); return 2; }
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const columns = header.split(';').map((c) => c.trim().toLowerCase());
  const sites: Site[] = [];
  lines.forEach((line, i) => {
    const values = Object.fromEntries(line.split(';').map((v, j) => [columns[j], v.trim()]).filter(([, v]) => v !== ''));
    const parsed = Site.safeParse(values);
    if (parsed.success) sites.push(parsed.data);
    else process.stderr.write(`line ${i + 2}: skipped (${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')})\n`);
  });
  keepDataPrivate(loaded.config.DATA_DIR);
  const outbox = openOutboxStore(loaded.config.DATA_DIR);
  const at = Date.now();
  // The operator sets anything, a known site's EAN included: the export is the national register's word.
  for (const site of sites) outbox.sites.put(site, at, SOR_EXPORT_LOAD);
  outbox.close();
  process.stdout.write(`${sites.length} of ${lines.length} sites loaded into the directory\n`);
  return sites.length === lines.length ? 0 : 1;
}

process.exitCode = main(process.argv[2]);
