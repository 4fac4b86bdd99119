/**
 * Addressing at delivery time: the sites directory knows a site's current EAN and phone better
 * than the handover that first named it. A message whose recipient has no EAN cannot be sent
 * (R7.3a: it is escalated UNADDRESSED and sent once the site becomes known).
 */
import { HandoverMessage, Site } from '@dnr/domain';

export type Addressed = { ok: true; message: HandoverMessage } | { ok: false; missing: string };

export function addressFromDirectory(message: HandoverMessage, lookUp: (sor: string) => Site | null): Addressed {
  const recipient = lookUp(message.recipient.sor) ?? message.recipient;
  const sender = lookUp(message.sender.sor) ?? message.sender;
  if (!recipient.ean) return { ok: false, missing: `modtagerens lokationsnummer (EAN) for SOR ${recipient.sor}` };
  return { ok: true, message: { ...message, recipient: { ...message.recipient, ...recipient }, sender: { ...message.sender, ...sender } } };
}
