/**
 * A CPR number never reaches a log line, whatever a client sends. The text is read the ways a
 * person (or a tool) could read it, and a CPR found in any reading is masked in the text itself:
 *
 * - As it stands, and after decoding it again and again (at most MAX_DECODING_ROUNDS times):
 *   percent-escapes as UTF-8 (`%252D` is `%2D` is `-`), JSON string escapes (`\t`, `\u00a0`), and
 *   NFKC (fullwidth `０１０１４８` are digits). What is still encoded after the last round is
 *   masked as well (an escape and the hex digits after it), so nothing encoded deeper is written.
 * - A CPR is DD MM YY XXXX: its digit groups (runs of decimal digits of any script) joined by runs
 *   of characters that are neither letters nor digits (`-`, `/`, `_`, `:`, tab, NBSP, dashes, any
 *   number of them), or by nothing, and not part of a longer run of digits. Ten together or six
 *   and four are masked always; the date split as well (`01-01-48-1234`, `01.01.48-1234`,
 *   `01 01 48 1234`, `0101 48 1234`) when DD MM is a date: a day 1–31 (61–91 for a substitute
 *   number) and a month 1–12. Ten digits split elsewhere (a time `01:02:03+01:00`) and longer runs
 *   (a timestamp, a SOR or EAN) are no CPR.
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
 * from (a decoded `%E2%80%93` spans all nine characters).
 */
interface Units { cp: number[]; start: number[]; end: number[] }
type Span = [number, number];

const UNICODE_DIGIT = /^\p{Nd}$/u;
const UNICODE_LETTER = /^\p{L}$/u;

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

/**
 * A reading as ASCII, one character per code point, so that one set of patterns serves every
 * reading: digits of any script as their ASCII digit, other letters as `z`, anything else as a space.
 */
const SHAPE_CODES = new Map<number, number>();
function shapeCode(c: number): number {
  if (c < 0x80) return c;
  let code = SHAPE_CODES.get(c);
  if (code === undefined) {
    const ch = String.fromCodePoint(c);
    code = UNICODE_DIGIT.test(ch) ? 0x30 + digitValue(c) : UNICODE_LETTER.test(ch) ? 0x7a : 0x20;
    if (SHAPE_CODES.size >= 4096) SHAPE_CODES.clear();
    SHAPE_CODES.set(c, code);
  }
  return code;
}

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
 * 2+2+2+4). A lookahead, so that shapes that overlap are each found.
 */
const CPR_SHAPE = /(?<![0-9])(?=([0-9]{2})([^A-Za-z0-9]*)([0-9]{2})([^A-Za-z0-9]*)([0-9]{2})([^A-Za-z0-9]*)([0-9]{4})(?![0-9]))/g;
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
  const shapes = [...shape.matchAll(CPR_SHAPE)];
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
    const [, dd, afterDay, mm, afterMonth, yy, afterYear, tail] = m;
    const from = m.index;
    const to = from + dd.length + afterDay.length + mm.length + afterMonth.length + yy.length + afterYear.length + tail.length;
    const id = ids.find((i) => i.from <= from && to <= i.to);
    if (id?.patientId) continue;
    // Ten together, or six and four: a CPR whatever the digits. Inside a UUID, or the date split: only with a date.
    const plain = afterDay === '' && afterMonth === '';
    if ((id || !plain) && !isDate(dd, mm)) continue;
    spans.push(units === null ? [from, to] : [units.start[from], units.end[to - 1]]);
  }
}

const asciiIn = (units: Units) => (from: number, to: number): boolean => units.cp.slice(from, to).every((c) => c < 0x80);

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

/** Text that reads one way only: ASCII without `%` or `\`. */
const READS_ONE_WAY = /^[\x00-\x24\x26-\x5b\x5d-\x7f]*$/;
const DECODABLE = /%[0-9A-Fa-f]{2}|\\[nrtbf"\\/]|\\u[0-9A-Fa-f]{4}/;

export function maskCprs(text: string): string {
  const spans: Span[] = [];
  if (READS_ONE_WAY.test(text)) {
    cprSpansIn(text, null, () => true, spans);
  } else {
    const surrogates = /[\ud800-\udfff]/.test(text);
    let units = surrogates ? unitsOf(text) : null;
    if (units) cprSpansIn(shapeOf(units.cp), units, asciiIn(units), spans);
    else cprSpansIn(shapeOfPlane0(text), null, (from, to) => /^[\x00-\x7f]*$/.test(text.slice(from, to)), spans);
    if (DECODABLE.test(text) || text.normalize('NFKC') !== text) {
      units ??= unitsOf(text);
      for (let round = 1; ; round++) {
        const next = decodeOnce(units);
        if (next === null) break;
        units = next;
        cprSpansIn(shapeOf(units.cp), units, asciiIn(units), spans);
        if (round === MAX_DECODING_ROUNDS) {
          if (decodeOnce(units) !== null) undecodedEscapeSpans(units, spans);
          break;
        }
      }
    }
  }
  if (spans.length === 0) return text;
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
