/**
 * What an UNADDRESSED message lacks, as the service says it in the entry's `lastError`
 * (libs/domain delivery.ts: »kan ikke adresseres: mangler telefonnummer for …«), and which party
 * the sites directory must learn about for it to go out. The service's phrase is Danish already;
 * only its shape is read here, and anything else is not shown (a transport's error may be English).
 */
import type { Addressee } from '@dnr/domain';

const UNADDRESSABLE = /^kan ikke adresseres: mangler (.+)$/s;
/** addressing.ts: the message itself names no recipient (a discharge without the patient's GP). */
const NO_RECIPIENT = 'modtageren er ikke oplyst';

/** What is missing (»telefonnummer for Regionshospital Nordjylland, Hjørring«), or null when the entry does not say. */
export function missingOf(lastError: string | null | undefined): string | null {
  return UNADDRESSABLE.exec(lastError ?? '')?.[1].trim() || null;
}

/** The sentence for people: where the gap is, and what it is. */
export function missingInDanish(missing: string): string {
  if (missing.startsWith(NO_RECIPIENT)) return `${missing.charAt(0).toUpperCase()}${missing.slice(1)}.`;
  return `Stedregistret mangler ${missing}.`;
}

export type KnownParty = Addressee & { sor: string };

/**
 * The party to complete in the directory: the one the missing item names (»… for <name>«; the
 * longest name first, as one name may begin another), else one lacking its EAN. Null when the
 * message names no recipient at all: no directory entry can help that one.
 */
export function partyToComplete(missing: string, parties: ReadonlyArray<Addressee | undefined>): KnownParty | null {
  if (missing.startsWith(NO_RECIPIENT)) return null;
  const known = parties.filter((p): p is KnownParty => !!p?.sor);
  const named = [...known].sort((a, b) => b.name.length - a.name.length).find((p) => missing.includes(`for ${p.name}`));
  return named ?? known.find((p) => !p.ean) ?? null;
}
