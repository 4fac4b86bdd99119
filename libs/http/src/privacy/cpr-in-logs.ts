/**
 * A CPR number never reaches a log line, whatever a client sends. The text is read the ways a
 * person (or a tool) could read it, and a CPR found in any reading is masked in the text itself:
 *
 * - As it stands, and after decoding it again and again (at most MAX_DECODING_ROUNDS times):
 *   percent-escapes as UTF-8 (`%252D` is `%2D` is `-`), JSON string escapes (`\t`, `\u00a0`), and
 *   NFKC (fullwidth `０１０１４８` are digits). What is still encoded after the last round is
 *   masked as well (an escape and the hex digits after it), so nothing encoded deeper is written.
 * - As it is shown: each reading is read again without what shows nothing — format characters
 *   (zero-width spaces, joiners, bidi controls, tags such as U+E0031), controls other than white
 *   space (NUL), combining marks (U+0332, keycaps `0️⃣` are a digit, U+FE0F and U+20E3), variation
 *   selectors, fillers (Unicode's default-ignorable code points) — so `0\u200b101481234` is ten
 *   digits in a row; and, where a right-to-left embedding, override or isolate is opened
 *   (U+202B, U+202E, U+2067, U+2068), in the order it is shown: what it holds backwards
 *   (`\u202e4321-841010` shows 010148-1234), and its runs of digits in backward order.
 * - A CPR is DD MM YY XXXX: its digit groups (runs of decimal digits of any script) joined by runs
 *   of characters that are neither letters nor digits (`-`, `/`, `_`, `:`, tab, NBSP, dashes, any
 *   number of them), or by nothing, and not part of a longer run of digits. Modifier letters and
 *   letters drawn as a dash, bar or slash (`ー`, `ʻ`, `ˉ`, `ǀ`, `一`, `ㅡ`) join groups as separators
 *   do. Ten together or six and four are masked always; the date split as well (`01-01-48-1234`,
 *   `01.01.48-1234`, `01 01 48 1234`, `0101 48 1234`) when DD MM is a date: a day 1–31 (61–91 for
 *   a substitute number) and a month 1–12; so are, with a date, a four-digit year 1800–2099 apart
 *   from the last four (`01-01-1948-1234`, `01011948 1234`) and the last four in two pairs apart
 *   from the year (`01 01 48 12 34`, `010148-12-34`; not joined by `:`, which makes them a time).
 *   Ten digits split elsewhere (a time `01:02:03+01:00`, `26-03-01 01:02`, an interval
 *   `2026-03-01/2026-03-08`) and longer runs (a timestamp, a SOR or EAN) are no CPR.
 * - Ids of ours: ten digits inside a pseudonymous patientId (32 lowercase hex characters, HMAC
 *   output, apps/api/src/patients/pseudonym.ts) are left alone — a patientId may hold ten digits
 *   in a row, and masking it would make logs useless without protecting anyone. Inside a UUID a
 *   CPR shape is masked when its DD MM is a date: `ab010148-1234-4abc-8def-abcdefabcdef` is a CPR
 *   (about one random UUID in 600 is masked in part; the service's request ids never are, see
 *   ownRequestId). A shape that only begins or ends inside an id is masked as any other.
 */
import { randomUUID } from 'node:crypto';

export const CPR_MASK = '[cpr]';
const MAX_DECODING_ROUNDS = 8;

/**
 * A reading of the text: one entry per code point, with the span of the original text it was read
 * from (a decoded `%E2%80%93` spans all nine characters). `shown`: in the order it is shown, not in
 * the text's order (so a stretch of it is read from wherever its code points stand).
 */
interface Units { cp: number[]; start: number[]; end: number[]; shown?: true }
type Span = [number, number];

const UNICODE_DIGIT = /^\p{Nd}$/u;
const UNICODE_LETTER = /^\p{L}$/u;
/** What shows nothing, or only a mark on the character before (white space shows as a gap: U+0085 is a control, and a separator). */
const UNICODE_HIDDEN = /^[\p{Cf}\p{Cc}\p{M}\p{Default_Ignorable_Code_Point}]$/u;
const UNICODE_MARK = /^\p{M}$/u;
const UNICODE_SPACE = /^\p{White_Space}$/u;
/**
 * Letters read as a separator: modifier letters (length, tone and stress marks, ʻ ˉ ː, the
 * prolonged sound mark ー, the tatweel ـ) and letters drawn as a bar (ǀ ǁ ᛁ ⵏ ߊ ㅣ 丨), a dash
 * (一 ㅡ ᐨ Ⲻ) or a slash (ノ 丿), or a click letter (ǂ ǃ).
 */
const LETTER_LIKE_SEPARATOR = /^[\p{Lm}\u01c0-\u01c3\u07ca\u1173\u1175\u1428\u16c1\u2cba\u2cbb\u2d4f\u30ce\u3161\u3163\u4e00\u4e28\u4e3f]$/u;

const isHex = (cp: number | undefined): boolean => cp !== undefined && ((cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x66));
const hexDigit = (cp: number): number => (cp <= 0x39 ? cp - 0x30 : (cp | 0x20) - 0x57);

function unitsOf(text: string): Units {
  const units: Units = { cp: [], start: [], end: [] };
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    units.cp.push(cp);
    units.start.push(i);
    units.end.push(i + width);
    i += width;
  }
  return units;
}

const JSON_ESCAPES = new Map([[0x6e, 0x0a], [0x72, 0x0d], [0x74, 0x09], [0x62, 0x08], [0x66, 0x0c], [0x22, 0x22], [0x5c, 0x5c], [0x2f, 0x2f]]);

/** How many code points from `i` form an escape that another round decodes (0: none). */
function escapeAt(cp: readonly number[], i: number): number {
  if (cp[i] === 0x25 /* % */) return isHex(cp[i + 1]) && isHex(cp[i + 2]) ? 3 : 0;
  if (cp[i] !== 0x5c /* \ */) return 0;
  if (cp[i + 1] === 0x75 /* u */) return isHex(cp[i + 2]) && isHex(cp[i + 3]) && isHex(cp[i + 4]) && isHex(cp[i + 5]) ? 6 : 0;
  return JSON_ESCAPES.has(cp[i + 1]) ? 2 : 0;
}

const hex4 = (cp: readonly number[], i: number): number => (hexDigit(cp[i]) << 12) | (hexDigit(cp[i + 1]) << 8) | (hexDigit(cp[i + 2]) << 4) | hexDigit(cp[i + 3]);

/** The next reading: NFKC, then every escape decoded once. Null when it reads as this one does. */
function decodeOnce(units: Units): Units | null {
  let changed = false;
  let { cp, start, end } = units;
  if (cp.some((c) => c >= 0x80)) {
    const normalised: Units = { cp: [], start: [], end: [] };
    for (let i = 0; i < cp.length; i++) {
      const ch = cp[i] < 0x80 ? '' : String.fromCodePoint(cp[i]);
      const nfkc = ch === '' ? '' : ch.normalize('NFKC');
      if (nfkc === ch) {
        normalised.cp.push(cp[i]);
        normalised.start.push(start[i]);
        normalised.end.push(end[i]);
        continue;
      }
      changed = true;
      for (const c of nfkc) {
        normalised.cp.push(c.codePointAt(0) as number);
        normalised.start.push(start[i]);
        normalised.end.push(end[i]);
      }
    }
    ({ cp, start, end } = normalised);
  }
  const out: Units = { cp: [], start: [], end: [] };
  const push = (c: number, from: number, to: number) => { out.cp.push(c); out.start.push(from); out.end.push(to); };
  for (let i = 0; i < cp.length;) {
    const length = escapeAt(cp, i);
    if (length === 0) {
      push(cp[i], start[i], end[i]);
      i += 1;
    } else if (length === 2) {
      push(JSON_ESCAPES.get(cp[i + 1]) as number, start[i], end[i + 1]);
      i += 2;
    } else if (length === 6) {
      let c = hex4(cp, i + 2);
      let width = 6;
      // A surrogate pair written as two escapes is one code point.
      if (c >= 0xd800 && c <= 0xdbff && escapeAt(cp, i + 6) === 6 && cp[i + 7] === 0x75) {
        const low = hex4(cp, i + 8);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          width = 12;
        }
      }
      push(c, start[i], end[i + width - 1]);
      i += width;
    } else {
      // A run of percent-escapes, read as UTF-8: each character spans the escapes of its bytes.
      const bytes: number[] = [];
      const first = i;
      while (escapeAt(cp, i) === 3) {
        bytes.push((hexDigit(cp[i + 1]) << 4) | hexDigit(cp[i + 2]));
        i += 3;
      }
      for (let k = 0; k < bytes.length;) {
        const lead = bytes[k];
        const size = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
        let complete = size > 0 && k + size <= bytes.length;
        for (let b = 1; complete && b < size; b++) complete = bytes[k + b] >= 0x80 && bytes[k + b] <= 0xbf;
        const taken = complete ? size : 1;
        const text = complete ? (size === 1 ? String.fromCharCode(lead) : Buffer.from(bytes.slice(k, k + size)).toString('utf8')) : '\ufffd';
        for (const c of text) push(c.codePointAt(0) as number, start[first + 3 * k], end[first + 3 * (k + taken) - 1]);
        k += taken;
      }
    }
    changed ||= length !== 0;
  }
  return changed ? out : null;
}

/** The value of a decimal digit of any script: Unicode puts each script's ten digits in a row, 0 first. */
const DIGIT_VALUES = new Map<number, number>();
function digitValue(cp: number): number {
  let value = DIGIT_VALUES.get(cp);
  if (value === undefined) {
    let zero = cp;
    while (UNICODE_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
    value = (cp - zero) % 10;
    DIGIT_VALUES.set(cp, value);
  }
  return value;
}

/** Flags of a code point besides its shape: it shows nothing; it is a combining mark (drawn on the character before). */
const HIDDEN = 0x10000;
const MARK = 0x20000;

/**
 * A reading as ASCII, one character per code point, so that one set of patterns serves every
 * reading: digits of any script as their ASCII digit, letters as `z` (letter-like separators
 * aside), anything else (what shows nothing too) as a space; with the flags above.
 */
const CODE_CLASSES = new Map<number, number>();
function classOf(c: number): number {
  if (c < 0x80) return c <= 0x08 || (c >= 0x0e && c <= 0x1f) || c === 0x7f ? c | HIDDEN : c;
  let code = CODE_CLASSES.get(c);
  if (code === undefined) {
    const ch = String.fromCodePoint(c);
    if (UNICODE_HIDDEN.test(ch) && !UNICODE_SPACE.test(ch)) code = 0x20 | HIDDEN | (UNICODE_MARK.test(ch) ? MARK : 0);
    else code = UNICODE_DIGIT.test(ch) ? 0x30 + digitValue(c) : UNICODE_LETTER.test(ch) && !LETTER_LIKE_SEPARATOR.test(ch) ? 0x7a : 0x20;
    if (CODE_CLASSES.size >= 4096) CODE_CLASSES.clear();
    CODE_CLASSES.set(c, code);
  }
  return code;
}
const shapeCode = (c: number): number => classOf(c) & 0xffff;

/** Whether something in the text shows nothing (a loop over the cached classes: a regex of these Unicode properties costs about 2 µs a line). */
function hasHidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (classOf(c < 0x80 ? c : (text.codePointAt(i) as number)) & HIDDEN) return true;
  }
  return false;
}
const isShapeDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

function shapeOf(cp: readonly number[]): string {
  const codes = new Uint16Array(cp.length);
  for (let i = 0; i < cp.length; i++) codes[i] = shapeCode(cp[i]);
  return Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).toString('utf16le');
}

/** The shape of a text without surrogates, character for character (so its indices are the text's). */
const shapeOfPlane0 = (text: string): string => text.replace(/[^\x00-\x7f]/g, (ch) => String.fromCharCode(shapeCode(ch.charCodeAt(0))));

/**
 * DD MM YY XXXX, each joined to the next by any run of characters that are neither letters nor
 * digits, or by none, and not part of a longer run of digits: every grouping of the ten digits
 * split only between day, month, year and the last four (10; 6+4; 2+8; 4+6; 2+2+6; 2+4+4; 4+2+4;
 * 2+2+2+4), and the last four split in the middle as well (by no `:`; cprSpansIn takes that only
 * with the year apart). A lookahead, so that shapes that overlap are each found. Groups: DD, after
 * it, MM, after it, the year, after it, the first two of the last four, between them, the last two.
 */
const CPR_SHAPE = /(?<![0-9])(?=([0-9]{2})([^A-Za-z0-9]*)([0-9]{2})([^A-Za-z0-9]*)([0-9]{2})([^A-Za-z0-9]*)([0-9]{2})([^A-Za-z0-9:]*)([0-9]{2})(?![0-9]))/g;
/** The same with a four-digit year (1800–2099), always apart from the last four, which stand together. */
const CPR_SHAPE_LONG_YEAR = /(?<![0-9])(?=([0-9]{2})([^A-Za-z0-9]*)([0-9]{2})([^A-Za-z0-9]*)((?:18|19|20)[0-9]{2})([^A-Za-z0-9]+)([0-9]{2})()([0-9]{2})(?![0-9]))/g;
/** What CPR_SHAPE_LONG_YEAR cannot match without: a cheap test first, as most lines hold no such year. */
const LONG_YEAR = /(?:18|19|20)[0-9]{2}[^A-Za-z0-9]/;
/** A patientId: 32 lowercase hex characters, a token of its own. */
const PATIENT_ID = /(?<![A-Za-z0-9])[0-9a-f]{32}(?![A-Za-z0-9])/g;
const UUID_TOKEN = /(?<![A-Za-z0-9-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9-])/g;

/** DD MM of a CPR: a day 1–31 (61–91 for a substitute number) and a month 1–12. */
function isDate(dd: string, mm: string): boolean {
  const day = Number(dd);
  const month = Number(mm);
  return month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
}

/**
 * The spans of the original text that hold a CPR in one reading. `shape` is the reading as ASCII;
 * `units` where each of its characters came from (null: the text itself, character for character);
 * `isAscii` whether a stretch of the reading is ASCII in truth.
 */
function cprSpansIn(shape: string, units: Units | null, isAscii: (from: number, to: number) => boolean, spans: Span[]): void {
  const shapes = [...shape.matchAll(CPR_SHAPE), ...(LONG_YEAR.test(shape) ? shape.matchAll(CPR_SHAPE_LONG_YEAR) : [])];
  if (shapes.length === 0) return;
  const ids: Array<{ from: number; to: number; patientId: boolean }> = [];
  for (const [regex, patientId] of [[PATIENT_ID, true], [UUID_TOKEN, false]] as const) {
    for (const m of shape.matchAll(regex)) {
      const from = m.index;
      const to = from + m[0].length;
      // Only what is ASCII in the text makes an id (not digits of another script, shaped as ASCII here).
      if (isAscii(from, to)) ids.push({ from, to, patientId });
    }
  }
  for (const m of shapes) {
    const [, dd, afterDay, mm, afterMonth, year, afterYear, firstTwo, between, lastTwo] = m;
    // The last four in two pairs only with the year apart (`03-01/2026-03` is no CPR).
    if (between !== '' && afterYear === '') continue;
    const from = m.index;
    const to = from + dd.length + afterDay.length + mm.length + afterMonth.length + year.length + afterYear.length + firstTwo.length + between.length + lastTwo.length;
    const id = ids.find((i) => i.from <= from && to <= i.to);
    if (id?.patientId) continue;
    // Ten together, or six and four: a CPR whatever the digits. Inside a UUID, or split otherwise: only with a date.
    const plain = afterDay === '' && afterMonth === '' && year.length === 2 && between === '';
    if ((id || !plain) && !isDate(dd, mm)) continue;
    if (units === null) spans.push([from, to]);
    else if (!units.shown) spans.push([units.start[from], units.end[to - 1]]);
    else {
      let [start, end] = [units.start[from], units.end[from]];
      for (let i = from + 1; i < to; i++) [start, end] = [Math.min(start, units.start[i]), Math.max(end, units.end[i])];
      spans.push([start, end]);
    }
  }
}

const asciiIn = (units: Units) => (from: number, to: number): boolean => units.cp.slice(from, to).every((c) => c < 0x80);

/**
 * The reading without what shows nothing; a combining mark goes with the character it is drawn on
 * (a keycap `4️⃣` is masked whole). Null when nothing hidden stands between two digits: then it
 * finds no CPR the reading itself does not (there what shows nothing counts as a separator).
 */
function visibleOf(units: Units): Units | null {
  const { cp, start, end } = units;
  let needed = false;
  for (let i = 0, digitBefore = false, hiddenSince = false; i < cp.length && !needed; i++) {
    const code = classOf(cp[i]);
    if (code & HIDDEN) { hiddenSince = true; continue; }
    const digit = isShapeDigit(code);
    needed = digit && digitBefore && hiddenSince;
    digitBefore = digit;
    hiddenSince = false;
  }
  if (!needed) return null;
  const out: Units = { cp: [], start: [], end: [] };
  let marksGoWith = false;
  for (let i = 0; i < cp.length; i++) {
    const code = classOf(cp[i]);
    if (code & HIDDEN) {
      marksGoWith &&= (code & MARK) !== 0;
      if (marksGoWith) out.end[out.end.length - 1] = end[i];
      continue;
    }
    out.cp.push(cp[i]);
    out.start.push(start[i]);
    out.end.push(end[i]);
    marksGoWith = true;
  }
  return out;
}

const RIGHT_TO_LEFT_OPENERS = new Set([0x202b /* RLE */, 0x202e /* RLO */, 0x2067 /* RLI */, 0x2068 /* FSI, read as right to left */]);
const LEFT_TO_RIGHT_OPENERS = new Set([0x202a /* LRE */, 0x202d /* LRO */, 0x2066 /* LRI */]);
/** What ends every embedding, override and isolate: the end of a paragraph (bidi class B). */
const PARAGRAPH_ENDS = new Set([0x0a, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2029]);
/** Unicode's bidi algorithm nests at most 125 levels; openers beyond are ignored. */
const MAX_BIDI_DEPTH = 125;
interface Embedding { rightToLeft: boolean; isolate: boolean; items: Array<number | Embedding> }

/**
 * The reading in the order it is shown, as far as explicit bidi controls decide it (the letters'
 * own direction is not modelled), without what shows nothing: once with what a right-to-left
 * embedding, override or isolate holds backwards character by character (as an override shows it),
 * once with only the order of its runs of digits and other characters backwards (as an embedding
 * shows numbers). None when no right-to-left embedding, override or isolate is opened.
 */
function shownOrders(units: Units): Units[] {
  if (!units.cp.some((c) => RIGHT_TO_LEFT_OPENERS.has(c))) return [];
  const root: Embedding = { rightToLeft: false, isolate: false, items: [] };
  const open: Embedding[] = [root];
  units.cp.forEach((c, i) => {
    const top = open[open.length - 1];
    if (RIGHT_TO_LEFT_OPENERS.has(c) || LEFT_TO_RIGHT_OPENERS.has(c)) {
      if (open.length > MAX_BIDI_DEPTH) return;
      const inner: Embedding = { rightToLeft: RIGHT_TO_LEFT_OPENERS.has(c), isolate: c >= 0x2066, items: [] };
      top.items.push(inner);
      open.push(inner);
    } else if (c === 0x202c /* PDF */) {
      if (open.length > 1 && !top.isolate) open.pop();
    } else if (c === 0x2069 /* PDI */) {
      let isolate = open.length - 1;
      while (isolate > 0 && !open[isolate].isolate) isolate -= 1;
      if (isolate > 0) open.length = isolate;
    } else if (PARAGRAPH_ENDS.has(c)) {
      open.length = 1;
      root.items.push(i);
    } else if (!(classOf(c) & HIDDEN)) {
      top.items.push(i);
    }
  });
  const digit = (item: number | Embedding): boolean => typeof item === 'number' && isShapeDigit(shapeCode(units.cp[item]));
  /** Each embedding in the order shown, the ones inside it kept whole; right to left: its items backwards (a run of digits forwards, with keepRuns). */
  const emit = (embedding: Embedding, keepRuns: boolean, out: number[]): void => {
    const { items } = embedding;
    for (let k = embedding.rightToLeft ? items.length - 1 : 0; k >= 0 && k < items.length; k += embedding.rightToLeft ? -1 : 1) {
      const item = items[k];
      if (typeof item !== 'number') emit(item, keepRuns, out);
      else if (!embedding.rightToLeft || !keepRuns || !digit(item)) out.push(item);
      else {
        let first = k;
        while (first > 0 && digit(items[first - 1])) first -= 1;
        for (let j = first; j <= k; j++) out.push(items[j] as number);
        k = first;
      }
    }
  };
  return [false, true].map((keepRuns) => {
    const shown: number[] = [];
    emit(root, keepRuns, shown);
    return { cp: shown.map((i) => units.cp[i]), start: shown.map((i) => units.start[i]), end: shown.map((i) => units.end[i]), shown: true };
  });
}

/** Every CPR in a reading: as it stands, as it shows without what shows nothing, and in the order bidi controls show it. */
function readingSpans(units: Units, spans: Span[], itself = true): void {
  if (itself) cprSpansIn(shapeOf(units.cp), units, asciiIn(units), spans);
  const visible = visibleOf(units);
  if (visible) cprSpansIn(shapeOf(visible.cp), visible, asciiIn(visible), spans);
  for (const shown of shownOrders(units)) cprSpansIn(shapeOf(shown.cp), shown, asciiIn(shown), spans);
}

/**
 * After the last round, what is still encoded is read no further: from each escape on, a run of
 * escapes and hex digits (`%25252D` is a `-` encoded four times more; its hex digits may be digits
 * of a CPR) is masked, and stands for a separator in a last look for CPRs.
 */
function undecodedEscapeSpans(units: Units, spans: Span[]): void {
  const codes = [...shapeOf(units.cp)];
  for (let i = 0; i < units.cp.length;) {
    const length = escapeAt(units.cp, i);
    if (length === 0) { i += 1; continue; }
    let j = i + length;
    while (j < units.cp.length && (isHex(units.cp[j]) || escapeAt(units.cp, j) > 0 || units.cp[j] === 0x25)) j += 1;
    spans.push([units.start[i], units.end[j - 1]]);
    codes.fill(' ', i, j);
    i = j;
  }
  cprSpansIn(codes.join(''), units, asciiIn(units), spans);
}

/** Text that reads one way only: printable ASCII and white space, without `%` or `\`. */
const READS_ONE_WAY = /^[\t-\r\x20-\x24\x26-\x5b\x5d-\x7e]*$/;
const DECODABLE = /%[0-9A-Fa-f]{2}|\\[nrtbf"\\/]|\\u[0-9A-Fa-f]{4}/;

/** An escape of the text as it stands: JSON's (`\\u0007`, `\\n`, `\\\\`) or a percent-escape. */
const ESCAPE = /\\(?:u[0-9A-Fa-f]{4}|[^])|%[0-9A-Fa-f]{2}/g;

/**
 * A mask never cuts an escape of the text (the hex digits of `\u0012` may begin a CPR in one
 * reading): a span that begins or ends inside one takes it whole, so that a JSON line stays JSON.
 */
function widenToEscapes(text: string, spans: Span[]): void {
  if (!/[\\%]/.test(text)) return;
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(ESCAPE)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  /** The escape that `at` falls inside (after its first character, before its end), or -1. */
  const escapeAround = (at: number): number => {
    let [low, high, found] = [0, starts.length - 1, -1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < at) [found, low] = [middle, middle + 1];
      else high = middle - 1;
    }
    return found >= 0 && at < ends[found] ? found : -1;
  };
  for (const span of spans) {
    const first = escapeAround(span[0]);
    if (first >= 0) span[0] = starts[first];
    const last = escapeAround(span[1]);
    if (last >= 0) span[1] = ends[last];
  }
}

export function maskCprs(text: string): string {
  const spans: Span[] = [];
  if (READS_ONE_WAY.test(text)) {
    cprSpansIn(text, null, () => true, spans);
  } else {
    const surrogates = /[\ud800-\udfff]/.test(text);
    let units = surrogates ? unitsOf(text) : null;
    if (units) cprSpansIn(shapeOf(units.cp), units, asciiIn(units), spans);
    else cprSpansIn(shapeOfPlane0(text), null, (from, to) => /^[\x00-\x7f]*$/.test(text.slice(from, to)), spans);
    if (hasHidden(text)) readingSpans((units ??= unitsOf(text)), spans, false);
    if (DECODABLE.test(text) || text.normalize('NFKC') !== text) {
      units ??= unitsOf(text);
      for (let round = 1; ; round++) {
        const next = decodeOnce(units);
        if (next === null) break;
        units = next;
        readingSpans(units, spans);
        if (round === MAX_DECODING_ROUNDS) {
          if (decodeOnce(units) !== null) undecodedEscapeSpans(units, spans);
          break;
        }
      }
    }
  }
  if (spans.length === 0) return text;
  widenToEscapes(text, spans);
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    if (end <= from) continue;
    if (start >= from) out += text.slice(from, start) + CPR_MASK;
    from = end;
  }
  return out + text.slice(from);
}

/**
 * A URL as it is logged: percent-decoded as UTF-8, again as long as there is something to decode
 * (at most MAX_DECODING_ROUNDS times; `%252D` hides nothing), then masked.
 */
export function urlForLog(url: string): string {
  let decoded = url;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    const next = decoded.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
    if (next === decoded) break;
    decoded = next;
  }
  return maskCprs(decoded);
}

/** Whether the log mask would change the text: something in it reads as a CPR. */
export const holdsCprShape = (text: string): boolean => maskCprs(text) !== text;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A caller's x-request-id is used only when it is a UUID that holds nothing CPR-shaped; otherwise the service makes its own. */
export function callerRequestId(given: unknown): string | null {
  if (typeof given !== 'string' || !UUID.test(given)) return null;
  return holdsCprShape(given) ? null : given.toLowerCase();
}

/** A request id of the service's own: a random UUID that the log mask leaves whole (one in about 600 would not be). */
export function ownRequestId(): string {
  for (;;) {
    const id = randomUUID();
    if (!holdsCprShape(id)) return id;
  }
}
