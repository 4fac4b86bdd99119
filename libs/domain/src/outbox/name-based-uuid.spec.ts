import fc from 'fast-check';
import { parse as parseUuid, v5 as uuidv5 } from 'uuid';
import { nameBasedUuids } from './name-based-uuid';

const NAMESPACE = 'a4f0c1d2-6b8e-5f3a-9c7d-2e1b0a9f8e7d';
const ours = nameBasedUuids(parseUuid(NAMESPACE));

describe('name-based ids are uuid v5 ids (the same messageIds as before, on every replay)', () => {
  it('for names as the outbox makes them', () => {
    expect(ours('8f0c5a3e-4d2b-4c1a-9e7f-123456789abc|korrespondancemeddelelse|953741000016009')).toBe(uuidv5('8f0c5a3e-4d2b-4c1a-9e7f-123456789abc|korrespondancemeddelelse|953741000016009', NAMESPACE));
    expect(ours('')).toBe(uuidv5('', NAMESPACE));
  });

  it('for any name: every length around the SHA-1 block boundaries, and any characters (UTF-8 of two, three and four bytes)', () => {
    const lengths = Array.from({ length: 200 }, (_, n) => 'x'.repeat(n));
    for (const name of lengths) expect(ours(name)).toBe(uuidv5(name, NAMESPACE));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (name) => ours(name) === uuidv5(name, NAMESPACE)), { numRuns: 3_000 });
  });

  it('for another namespace', () => {
    const other = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(nameBasedUuids(parseUuid(other))('www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2'); // RFC 9562 appendix A.4
  });
});
