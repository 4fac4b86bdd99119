/**
 * Addressing at delivery time: the sites directory knows a site's current EAN and phone better
 * than the handover that first named it — which is why a handover cannot change a known site's
 * EAN there; only the site's own organisation or the operator can (sites-directory.ts). A message
 * that cannot be addressed is not sent (R7.3a: it is escalated UNADDRESSED and sent once the site
 * becomes known):
 * - every message needs its recipient's SOR and EAN, and its sender's;
 * - anyone may add a site nobody knew, so a directory EAN that neither the site's own organisation
 *   nor the operator confirmed does not win over a message that names the site with another EAN:
 *   sending to either could hand a patient's CPR to whoever put the SOR first. The message waits
 *   until one of them sets the entry; the worklist names both EANs;
 * - a korrespondancemeddelelse is a MedCom CareCommunication, which must also carry a contact
 *   telephone number for every organisation that wrote one of its segments (authorContact,
 *   system = phone). Without the sender's number it would go out broken — the official validator
 *   rejects it — so it waits, escalated, until someone puts the number in the directory
 *   (PUT /v1/sites/{sor}); the worklist says which number is missing.
 */
import { Addressee, AddressedMessage, careCommunicationGaps, HandoverMessage, isSite, Site } from '@dnr/domain';

/** A directory entry as addressing needs it: the site, and whether its own organisation or the operator set it (sites-directory.ts). */
export type KnownSite = Site & { confirmed: boolean };
export type LookUpSite = (sor: string) => KnownSite | null;

/** `missing`: Danish, read after »kan ikke adresseres: mangler« (the delivery decider's lastError, the console's worklist). */
export type Addressed = { ok: true; message: AddressedMessage } | { ok: false; missing: string };

export function addressFromDirectory(message: HandoverMessage, lookUp: LookUpSite): Addressed {
  const recipient = fromDirectory(message.recipient, lookUp);
  const sender = fromDirectory(message.sender, lookUp);
  if (!message.recipient.sor) return { ok: false, missing: `modtageren er ikke oplyst (${message.recipient.name})` };
  const contradicted = unconfirmedContradiction([message.recipient, message.sender, message.deliverTo], lookUp);
  if (contradicted) return { ok: false, missing: contradicted };
  if (!isSite(recipient)) return { ok: false, missing: `lokationsnummer (EAN) for ${recipient.name}` };
  if (!isSite(sender)) return { ok: false, missing: `lokationsnummer (EAN) for ${sender.name}` };
  const addressed = { ...message, recipient, sender, ...(message.deliverTo ? { deliverTo: fromDirectory(message.deliverTo, lookUp) } : {}) };
  if (message.kind === 'korrespondancemeddelelse') {
    const gaps = careCommunicationGaps(addressed);
    if (gaps.length) return { ok: false, missing: gaps.join(', ') };
  }
  return { ok: true, message: addressed };
}

/**
 * The first party the message names with another EAN than an unconfirmed directory entry, as the
 * worklist shows it (Danish); null when there is none.
 */
function unconfirmedContradiction(parties: ReadonlyArray<Addressee | undefined>, lookUp: LookUpSite): string | null {
  for (const party of parties) {
    const known = party?.sor && party.ean ? lookUp(party.sor) : null;
    if (party && known && !known.confirmed && known.ean !== party.ean) {
      return `bekræftelse af lokationsnummeret (EAN) for ${party.name}: meddelelsen angiver ${party.ean}, stedregistret ${known.ean}, `
        + 'som hverken stedets egen organisation eller driften (SOR-indlæsningen) har bekræftet';
    }
  }
  return null;
}

/**
 * The directory's entry for the addressee's SOR, over what the message knew: the site's own fields
 * only, never the entry's bookkeeping (where it came from, who changed it), which is no part of a message.
 */
function fromDirectory(addressee: Addressee, lookUp: LookUpSite): Addressee {
  const known = addressee.sor ? lookUp(addressee.sor) : null;
  if (!known) return addressee;
  const { sector, sor, ean, name, phone } = known;
  return { ...addressee, sector, sor, ean, name, ...(phone ? { phone } : {}) };
}
