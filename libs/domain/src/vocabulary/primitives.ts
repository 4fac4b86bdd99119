/** Shared value schemas. Strict objects everywhere: an unknown field is an error, never ignored. */
import { z } from 'zod';
import { isValidGln } from './gln';

export const Timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 timestamp with offset, e.g. 2026-03-01T10:15:00+01:00');
export const CalendarDateSchema = z.iso.date().describe('calendar date YYYY-MM-DD (Danish time)');
export const Uuid = z.uuid();

export const ROLES = ['physician', 'nurse', 'paramedic', 'care_worker'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const SECTORS = ['hospital', 'municipality', 'general_practice', 'prehospital'] as const;
export const Sector = z.enum(SECTORS);
export type Sector = z.infer<typeof Sector>;

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

/** R4.3: a patient's own refusal and a temporary revocation belong to the illness situation they were made in. */
export const IllnessSituation = z.strictObject({
  id: z.string().min(1).max(100),
  description: z.string().min(1).max(1000),
});
export type IllnessSituation = z.infer<typeof IllnessSituation>;

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
