/**
 * The request bodies of api.md's commands, validated strictly (unknown fields rejected).
 * The API and the OpenAPI document are generated from these same schemas.
 */
import { z } from 'zod';
import {
  CalendarDateSchema, DecisionBasis, IllnessSituation, PhysicianGround, Site, TestamentKind, Timestamp, Uuid,
} from '../vocabulary/primitives';
import { HandoverKind, RevisionAction, RevocableInstrument } from '../events/event-data';

export const RegisterPatientBody = z.strictObject({
  cpr: z.string().max(11).describe('0101501234 or 010150-1234'),
  name: z.string().min(1).max(200),
});

export const MakeDecisionBody = z.strictObject({
  decisionId: Uuid.optional(),
  basis: DecisionBasis,
  decidedAt: Timestamp,
  grounds: z.array(PhysicianGround).max(3).optional(),
  illnessSituation: IllnessSituation.optional(),
  patientUnderstandsConsequences: z.boolean().optional(),
  registeredAt: CalendarDateSchema.optional(),
  oral: z.boolean().default(false),
  note: z.string().max(2000).optional(),
});

export const ReviseDecisionBody = z.strictObject({
  action: RevisionAction,
  reason: z.string().min(1).max(2000),
  revisedAt: Timestamp,
});

export const RecordHandoverBody = z.strictObject({
  handoverId: Uuid.optional(),
  kind: HandoverKind,
  at: Timestamp,
  from: Site,
  to: Site,
  generalPractitioner: Site.optional(),
  outOfHours: z.boolean().default(false),
});

export const RecordTemporaryRevocationBody = z.strictObject({
  instrument: RevocableInstrument,
  illnessSituation: IllnessSituation,
  statedAt: Timestamp,
  patientCompetent: z.boolean().optional(),
});

export const ActivateTestamentBody = z.strictObject({
  kind: TestamentKind,
  situation: PhysicianGround,
  assessedAt: Timestamp,
  permanentlyIncompetent: z.literal(true),
  conditionalOnRelatives: z.boolean().default(false),
  relativesAccepted: z.boolean().default(false),
});

export const RecordConditionImprovementBody = z.strictObject({
  at: Timestamp,
  dischargeable: z.boolean(),
  illnessSituationId: z.string().min(1).max(100).optional(),
  note: z.string().max(2000).optional(),
});

export type RegisterPatientBody = z.infer<typeof RegisterPatientBody>;
export type MakeDecisionBody = z.infer<typeof MakeDecisionBody>;
export type ReviseDecisionBody = z.infer<typeof ReviseDecisionBody>;
export type RecordHandoverBody = z.infer<typeof RecordHandoverBody>;
export type RecordTemporaryRevocationBody = z.infer<typeof RecordTemporaryRevocationBody>;
export type ActivateTestamentBody = z.infer<typeof ActivateTestamentBody>;
export type RecordConditionImprovementBody = z.infer<typeof RecordConditionImprovementBody>;
