/** A receipt's detail is shown on the sender's worklist: readable text (security review 2026-12-06, finding 11). */
import { AcknowledgementBody } from './outbox.controller';

const receipt = (detail: string) => AcknowledgementBody.safeParse({ outcome: 'transient-error', at: '2026-03-01T10:00:00+01:00', detail });

it('a detail with a line break, or empty, is a detail; one with a NUL, an override or nothing visible is not', () => {
  for (const detail of ['Modtaget, men kunne ikke læses.\nRing venligst.', '']) expect(receipt(detail).success).toBe(true);
  for (const detail of ['a\u0000b', 'ok \u202Ekhcer', ' \u3164 ']) expect(receipt(detail).success).toBe(false);
});
