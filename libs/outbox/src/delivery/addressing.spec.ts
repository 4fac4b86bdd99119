/**
 * Whose EAN a message goes to when the message and the sites directory disagree (reattack-3):
 * anyone may add a site nobody knew, so a directory EAN wins over the message's only when the
 * site's own organisation or the operator set it (`confirmed`); an unconfirmed one that contradicts
 * the message holds it (UNADDRESSED, both EANs named) instead of sending it to either.
 */
import { HandoverMessage, messagesOwed } from '@dnr/domain';
import { decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered } from '../../../domain/src/spec/builders';
import { addressFromDirectory, KnownSite } from './addressing';

const FAKE_EAN = '5790000999996';
const owed = messagesOwed([patientRegistered(), decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' }), handedOverTo({ at: '2026-03-02T10:00:00+01:00' })], 'p1');
/** The epikrise: to the GP, written into the hospital's EHR (deliverTo), sent by the hospital. */
const epikrise = owed.find((m) => m.kind === 'epikrise' && m.recipient.sor === GP.sor) as HandoverMessage;

function directory(...entries: KnownSite[]) {
  return (sor: string) => entries.find((e) => e.sor === sor) ?? null;
}

describe('an entry its own organisation or the operator never confirmed', () => {
  it('with another EAN than the message names: not addressed — the worklist names the site and both EANs, in Danish', () => {
    const addressed = addressFromDirectory(epikrise, directory({ ...GP, ean: FAKE_EAN, confirmed: false }));
    expect(addressed).toEqual({ ok: false, missing: expect.stringContaining(`bekræftelse af lokationsnummeret (EAN) for ${GP.name}`) });
    expect(!addressed.ok && addressed.missing).toMatch(new RegExp(`meddelelsen angiver ${GP.ean}, stedregistret ${FAKE_EAN}, som hverken stedets egen organisation eller driften`));
  });

  // A letter delivered elsewhere than its sender, so that each party is contradicted alone.
  it.each([['the sender', HOSPITAL], ['the place of delivery', NURSING_HOME]])('contradicting %s holds the message too', (_party, site) => {
    const message = { ...epikrise, deliverTo: NURSING_HOME };
    expect(addressFromDirectory(message, directory({ ...site, ean: FAKE_EAN, confirmed: false }))).toEqual({ ok: false, missing: expect.stringContaining(`for ${site.name}`) });
  });

  it('with the EAN the message names: addressed as usual (its phone and name from the directory)', () => {
    const addressed = addressFromDirectory(epikrise, directory({ ...GP, phone: '98 00 00 01', confirmed: false }));
    expect(addressed.ok && addressed.message.recipient).toEqual({ ...GP, phone: '98 00 00 01' });
  });

  it('for a party the message names without an EAN: the directory addresses it, there is nothing to contradict', () => {
    const { ean: _ean, ...gpWithoutEan } = GP;
    const addressed = addressFromDirectory({ ...epikrise, recipient: gpWithoutEan }, directory({ ...GP, ean: FAKE_EAN, confirmed: false }));
    expect(addressed.ok && addressed.message.recipient.ean).toBe(FAKE_EAN);
  });
});

it('a confirmed entry wins over the message: the site itself (or the SOR export) says where its messages go now', () => {
  const addressed = addressFromDirectory(epikrise, directory({ ...GP, ean: FAKE_EAN, confirmed: true }));
  expect(addressed.ok && addressed.message.recipient.ean).toBe(FAKE_EAN);
});
