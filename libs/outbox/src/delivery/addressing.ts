/**
 * Addressing at delivery time: the sites directory knows a site's current EAN and phone better
 * than the handover that first named it. A message whose recipient has no EAN cannot be sent
 * (R7.3a: it is escalated UNADDRESSED and sent once the site becomes known).
 */
import { Addressee, AddressedMessage, HandoverMessage, isSite, Site } from '@dnr/domain';

export type Addressed = { ok: true; message: AddressedMessage } | { ok: false; missing: string };

export function addressFromDirectory(message: HandoverMessage, lookUp: (sor: string) => Site | null): Addressed {
  const recipient = fromDirectory(message.recipient, lookUp);
  const sender = fromDirectory(message.sender, lookUp);
  if (!message.recipient.sor) return { ok: false, missing: `modtageren er ikke oplyst (${message.recipient.name})` };
  if (!isSite(recipient)) return { ok: false, missing: `modtagerens lokationsnummer (EAN) for SOR ${recipient.sor}` };
  if (!isSite(sender)) return { ok: false, missing: `afsenderens lokationsnummer (EAN) for SOR ${sender.sor}` };
  return { ok: true, message: { ...message, recipient, sender } };
}

/** The directory's entry for the addressee's SOR, over what the message knew. */
function fromDirectory(addressee: Addressee, lookUp: (sor: string) => Site | null): Addressee {
  const known = addressee.sor ? lookUp(addressee.sor) : null;
  return known ? { ...addressee, ...known } : addressee;
}
