/**
 * The patient stream's events. One stream per patient; each event carries its own effective
 * time (valid time) besides the record time in its envelope, so the status can be asked for
 * "at" any instant and as "known at" any instant (bitemporal).
 */
import { z } from 'zod';
import {
  CalendarDateSchema, DecisionBasis, IllnessSituation, PhysicianGround, Site, TestamentKind, Timestamp, Uuid,
} from '../vocabulary/primitives';

/** Opens the stream: identity and birth date (from the CPR) — the CPR stays inside the stream. */
export const PatientRegisteredData = z.strictObject({
  cpr: z.string().regex(/^\d{10}$/),
  name: z.string().min(1).max(200),
  birthDate: CalendarDateSchema,
});

export const DecisionMadeData = z.strictObject({
  decisionId: Uuid,
  basis: DecisionBasis,
  decidedAt: Timestamp,
  grounds: z.array(PhysicianGround).optional(),
  illnessSituation: IllnessSituation.optional(),
  patientUnderstandsConsequences: z.boolean().optional(),
  registeredAt: CalendarDateSchema.optional(),
  oral: z.boolean(),
  note: z.string().max(2000).optional(),
});

export const REVISION_ACTIONS = ['withdraw', 'reaffirm', 'confirm_in_writing', 'declare_invalid'] as const;
export const RevisionAction = z.enum(REVISION_ACTIONS);

/** R5.5: how the citizen was incompetent when registering; the report to the authority is owed for permanent incompetence. */
export const INCOMPETENCE_KINDS = ['permanent', 'temporary'] as const;
export const ReportToStps = z.strictObject({ at: CalendarDateSchema, reference: z.string().min(1).max(200).optional() });

export const RevisedData = z.strictObject({
  /** The revised instrument: a decision's id, or a will activation's id (R6.7). */
  decisionId: Uuid,
  action: RevisionAction,
  reason: z.string().min(1).max(2000),
  revisedAt: Timestamp,
  /** R5.5 declare_invalid: the health professional's assessment, and the report to Styrelsen for Patientsikkerhed. */
  assessment: z.string().min(1).max(2000).optional(),
  incompetence: z.enum(INCOMPETENCE_KINDS).optional(),
  reportedToStps: ReportToStps.optional(),
});

export const HANDOVER_KINDS = ['admission', 'discharge', 'transfer'] as const;
export const HandoverKind = z.enum(HANDOVER_KINDS);

export const HandedOverToData = z.strictObject({
  handoverId: Uuid,
  kind: HandoverKind,
  at: Timestamp,
  from: Site,
  to: Site,
  generalPractitioner: Site.optional(),
  outOfHours: z.boolean(),
});

export const REVOCABLE_INSTRUMENTS = ['register', 'testament'] as const;
export const RevocableInstrument = z.enum(REVOCABLE_INSTRUMENTS);

export const TemporarilyRevokedData = z.strictObject({
  instrument: RevocableInstrument,
  illnessSituation: IllnessSituation,
  statedAt: Timestamp,
  patientCompetent: z.boolean().optional(),
});

export const TestamentActivatedData = z.strictObject({
  /** The activation's id (revisions name it, R6.7); events recorded before it existed use their event id. */
  activationId: Uuid.optional(),
  /** R6.6: the will-registry look-up the physician relied on. */
  lookupId: Uuid.optional(),
  kind: TestamentKind,
  situation: PhysicianGround,
  assessedAt: Timestamp,
  permanentlyIncompetent: z.literal(true),
  conditionalOnRelatives: z.boolean(),
  relativesAccepted: z.boolean(),
});

export const WILL_LOOKUP_RESULTS = ['found', 'not_found'] as const;

/** R6.6: the documented look-up of the will registry — who (the envelope), when, and what was found. */
export const WillRegistryLookedUpData = z.strictObject({
  lookupId: Uuid,
  at: Timestamp,
  result: z.enum(WILL_LOOKUP_RESULTS),
  kind: TestamentKind.optional(),
  situations: z.array(PhysicianGround).min(1).max(3).optional(),
  conditionalOnRelatives: z.boolean().optional(),
});

export const ConditionImprovedData = z.strictObject({
  at: Timestamp,
  dischargeable: z.boolean(),
  illnessSituationId: z.string().min(1).max(100).optional(),
  note: z.string().max(2000).optional(),
});

export type PatientRegisteredData = z.infer<typeof PatientRegisteredData>;
export type DecisionMadeData = z.infer<typeof DecisionMadeData>;
export type RevisedData = z.infer<typeof RevisedData>;
export type HandedOverToData = z.infer<typeof HandedOverToData>;
export type TemporarilyRevokedData = z.infer<typeof TemporarilyRevokedData>;
export type TestamentActivatedData = z.infer<typeof TestamentActivatedData>;
export type ConditionImprovedData = z.infer<typeof ConditionImprovedData>;
export type WillRegistryLookedUpData = z.infer<typeof WillRegistryLookedUpData>;
export type RevisionAction = z.infer<typeof RevisionAction>;
export type HandoverKind = z.infer<typeof HandoverKind>;
export type RevocableInstrument = z.infer<typeof RevocableInstrument>;
