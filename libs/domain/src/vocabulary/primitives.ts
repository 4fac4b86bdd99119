/** Shared value schemas. Strict objects everywhere: an unknown field is an error, never ignored. */
import { z } from 'zod';
import { isValidGln } from './gln';
import { parseCpr } from '../patient/cpr';

/**
 * Every stated time lies between 1900-01-01 and 2200-01-01: outside that range a time is a typo,
 * and a date library's rendering of year 1 or 9999 is not something a clinician should ever read.
 */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
const withinRecordRange = (text: string) => { const t = Date.parse(text); return t >= EARLIEST && t <= LATEST; };
const OUT_OF_RANGE = 'a time between 1900-01-01 and 2200-01-01';

export const Timestamp = z.iso.datetime({ offset: true }).refine(withinRecordRange, OUT_OF_RANGE)
  .describe('ISO 8601 timestamp with offset, e.g. 2026-03-01T10:15:00+01:00');
export const CalendarDateSchema = z.iso.date().refine(withinRecordRange, OUT_OF_RANGE).describe('calendar date YYYY-MM-DD (Danish time)');
export const Uuid = z.uuid();

export const ROLES = ['physician', 'nurse', 'paramedic', 'care_worker'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const SECTORS = ['hospital', 'municipality', 'general_practice', 'prehospital'] as const;
export const Sector = z.enum(SECTORS);
export type Sector = z.infer<typeof Sector>;

/**
 * Text a clinician reads — names, descriptions, reasons, notes — must show what it says:
 * - no control characters (a note or reason may break lines and use tabs; the Unicode line and
 *   paragraph separators are not line breaks here) and no bidirectional characters — overrides,
 *   isolates or marks — which can make text display as other text;
 * - well-formed Unicode (no lone surrogate halves);
 * - something visible: characters that render as nothing or as nothing in particular — spaces,
 *   format characters (zero widths, tags, marks), combining marks with nothing to combine with,
 *   the fillers that render blank (Hangul fillers, the blank braille pattern), private-use and
 *   unassigned code points, the object replacement character — do not count.
 */
const INVISIBLE = /[\s\p{Cf}\p{M}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800\uFFFC]/gu;
const CONTROL_OR_BIDI = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
/** Half of a surrogate pair without its other half (matched code unit by code unit: no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_BESIDES_LINES_OR_BIDI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * Readable text of at most `max` characters. `lines`: it may break lines (notes, reasons,
 * assessments); `mayBeEmpty`: an optional note may be sent empty, as it always could.
 */
export function readableText(max: number, options: { lines?: boolean; mayBeEmpty?: boolean } = {}) {
  const forbidden = options.lines ? CONTROL_BESIDES_LINES_OR_BIDI : CONTROL_OR_BIDI;
  return z.string().max(max)
    .refine((t) => !forbidden.test(t), options.lines ? 'no control characters other than line breaks and tabs, and no bidirectional overrides' : 'no control or bidirectional-override characters')
    .refine((t) => !LONE_SURROGATE.test(t), 'well-formed text (no lone surrogate halves)')
    .refine((t) => (options.mayBeEmpty && t === '') || t.replace(INVISIBLE, '').length > 0, 'visible characters');
}

/** A person's name as a clinician will read it back to confirm identity (R2.1). */
export const PersonName = readableText(200);

/** The person who recorded an event, taken from the caller's verified token. */
export const Actor = z.strictObject({
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  role: Role,
  org: z.string().min(1).max(50),
  orgName: z.string().max(200).optional(),
  sector: Sector.optional(),
});
export type Actor = z.infer<typeof Actor>;

/** A care site. `ean` (GLN, GS1 mod-10) is needed to address MedCom messages. */
export const Site = z.strictObject({
  sector: Sector,
  sor: z.string().regex(/^\d{1,20}$/, 'a SOR id is digits'),
  ean: z.string().refine(isValidGln, 'an EAN location number is 13 digits with a valid GS1 check digit'),
  name: z.string().min(1).max(200),
  /** The ward's or practice's direct number: MedCom messages carry a contact telephone number. */
  phone: z.string().regex(/^\+?[0-9][0-9 ]{6,18}[0-9]$/, 'a telephone number: digits, spaces, optionally a leading +').optional(),
});
export type Site = z.infer<typeof Site>;

/**
 * Whether digits could be read as a CPR number: up to 12 digits holding ten that form one — the
 * day may be a substitute number's (+60). A real SOR id is longer (its SNOMED-style namespace alone
 * has seven digits), so only short ones are looked at: a long one would show some date somewhere.
 */
export function hasCprForm(digits: string): boolean {
  if (!/^\d{10,12}$/.test(digits)) return false;
  for (let start = 0; start + 10 <= digits.length; start += 1) {
    const ten = digits.slice(start, start + 10);
    const day = Number(ten.slice(0, 2));
    const asBorn = day > 60 ? String(day - 60).padStart(2, '0') + ten.slice(2) : ten;
    if (parseCpr(asBorn).ok) return true;
  }
  return false;
}

/** A SOR id as a caller gives it: it names folders and files in the drop folder, so one that reads as a CPR number is refused. */
export const SorId = Site.shape.sor.refine((sor) => !hasCprForm(sor), 'a SOR id cannot have the form of a CPR number');

/**
 * A site as a caller gives it (a handover, the sites directory): stricter than `Site`, which also
 * reads what is already stored — a stored event must never become unreadable.
 */
export const SiteAsGiven = Site.extend({ sor: SorId, name: readableText(200) });

/** An SKS diagnosis code, e.g. DC349 (lung cancer) or DR54 (senility). */
export const SksDiagnosisCode = z.string().regex(/^D[A-Z][0-9]{2}[0-9A-Z]{0,6}$/, 'an SKS diagnosis code: D, a letter, two digits, e.g. DC349');

/** R4.3: a patient's own refusal and a temporary revocation belong to the illness situation they were made in. */
export const IllnessSituation = z.strictObject({
  id: z.string().min(1).max(100),
  description: z.string().min(1).max(1000),
  /** R4.3a: the diagnoses that make it an illness situation (SKS codes). */
  diagnoses: z.array(SksDiagnosisCode).min(1).max(20).optional(),
});
export type IllnessSituation = z.infer<typeof IllnessSituation>;

/** An illness situation as a caller gives it: readable text (stored events are read with `IllnessSituation`). */
export const IllnessSituationAsGiven = IllnessSituation.extend({ id: readableText(100), description: readableText(1000) });

export const DECISION_BASES = ['physician', 'patient', 'register'] as const;
export const DecisionBasis = z.enum(DECISION_BASES);
export type DecisionBasis = z.infer<typeof DecisionBasis>;

/** R3.1 (a)–(c); the same three situations name a treatment will's situations (R6.2). */
export const PHYSICIAN_GROUNDS = ['irreversibly_dying', 'severe_disability', 'severe_suffering'] as const;
export const PhysicianGround = z.enum(PHYSICIAN_GROUNDS);
export type PhysicianGround = z.infer<typeof PhysicianGround>;

export const TESTAMENT_KINDS = ['behandlingstestamente', 'livstestamente'] as const;
export const TestamentKind = z.enum(TESTAMENT_KINDS);
export type TestamentKind = z.infer<typeof TestamentKind>;
