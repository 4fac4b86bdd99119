/** Text a clinician reads shows what it says; a SOR id a caller gives never reads as a CPR number. */
import { hasCprForm, IllnessSituation, IllnessSituationAsGiven, PersonName, readableText, Site, SiteAsGiven, SorId } from './primitives';

const INVISIBLE_ONLY: Array<[string, string]> = [
  ['a Hangul filler', '\u3164'], ['the blank braille pattern', '\u2800'], ['combining marks alone', '\u0301\u0301'],
  ['a tag character', '\u{E0041}'], ['a variation selector', '\uFE0F'], ['the combining grapheme joiner', '\u034F'],
  ['the Arabic letter mark', '\u061C'], ['a Hangul choseong filler', '\u115F'], ['spaces and zero widths', ' \u200B\u2060 '],
  // found by the re-attack: what renders as nothing in particular
  ['a private-use character', '\uE000'], ['a noncharacter', '\uFFFF'], ['an unassigned code point', '\u0378'],
  ['a supplementary private-use character', '\u{F0000}'], ['the object replacement character', '\uFFFC'],
];

describe('names: visible, no control or bidi characters, well-formed', () => {
  it.each(INVISIBLE_ONLY)('%s is not a name', (_what, name) => expect(PersonName.safeParse(name).success).toBe(false));

  it.each([['a lone high surrogate', 'Karen \uD800'], ['a lone low surrogate', '\uDC00Karen'], ['a right-to-left isolate', 'Karen \u2067x'], ['a bell', 'Karen\u0007'],
    ['a left-to-right mark', 'Karen\u200E Jensen'], ['a right-to-left mark', 'Karen\u200F'], ['the Arabic letter mark', 'Karen\u061C'], ['a line separator', 'Karen\u2028Jensen']])(
    '%s is refused', (_what, name) => expect(PersonName.safeParse(name).success).toBe(false));

  it.each(['Karen Jensen', 'Zoë Ægirsdóttir', 'Ølstykke-Ravn', '李小龙', 'محمد', 'Åse 🙂'])('%s is a name', (name) => expect(PersonName.safeParse(name).success).toBe(true));
});

describe('free text: lines and tabs where a note may have them, never other controls', () => {
  const note = readableText(2000, { lines: true, mayBeEmpty: true });
  it('a note may break lines, use tabs, or be sent empty', () => {
    for (const t of ['Talt med datteren.\nHun er enig.', 'Punkt 1:\tingen', '']) expect(note.safeParse(t).success).toBe(true);
  });
  it('but not hold a NUL, an override, or only blanks', () => {
    for (const t of ['a\u0000b', 'a\u202Eb', ' \n\t ']) expect(note.safeParse(t).success).toBe(false);
  });
  it('an illness situation and a site name as a caller gives them are readable text', () => {
    expect(IllnessSituationAsGiven.safeParse({ id: 'kol', description: '\u3164' }).success).toBe(false);
    expect(IllnessSituationAsGiven.safeParse({ id: 'k\u0000l', description: 'KOL' }).success).toBe(false);
    const site = { sector: 'hospital', sor: '265071000016002', ean: '5790000121526', name: 'Akutafdelingen' };
    expect(SiteAsGiven.safeParse(site).success).toBe(true);
    expect(SiteAsGiven.safeParse({ ...site, name: 'Akut\u202Eafdelingen' }).success).toBe(false);
  });
  it('what is already stored is still read as it was (a stored event never becomes unreadable)', () => {
    expect(IllnessSituation.safeParse({ id: 'k\u0000l', description: '\u3164' }).success).toBe(true);
    expect(Site.safeParse({ sector: 'hospital', sor: '0101481234', ean: '5790000121526', name: '\u3164' }).success).toBe(true);
  });
});

describe('a SOR id a caller gives', () => {
  it('that reads as a CPR number is refused (it would name a folder in the drop folder)', () => {
    expect(SorId.safeParse('0101481234').success).toBe(false);
    expect(SorId.safeParse('00101481234').success).toBe(false); // with a zero in front
    expect(SorId.safeParse('6101481234').success).toBe(false); // a substitute number (day + 60)
    expect(hasCprForm('101481234')).toBe(false); // nine digits
    expect(SorId.safeParse('3102481234').success).toBe(true); // 31 February: no CPR
    expect(SorId.safeParse('265071000016002').success).toBe(true);
  });
});
