/**
 * The request bodies of api.md's commands, validated strictly (unknown fields rejected).
 * The API and the OpenAPI document are generated from these same schemas.
 */
import { z } from 'zod';
import {
  CalendarDateSchema, DecisionBasis, IllnessSituationAsGiven, PersonName, PhysicianGround, readableText, SiteAsGiven, TestamentKind, Timestamp, Uuid,
} from '../vocabulary/primitives';
import {
  HandoverKind, INCOMPETENCE_KINDS, ReportToStps, RevisionAction, RevocableInstrument, WILL_LOOKUP_RESULTS,
} from '../events/event-data';

export const RegisterPatientBody = z.strictObject({
  cpr: z.string().max(11).describe('0101501234 or 010150-1234'),
  name: PersonName,
});

export const MakeDecisionBody = z.strictObject({
  decisionId: Uuid.optional(),
  basis: DecisionBasis,
  decidedAt: Timestamp,
  grounds: z.array(PhysicianGround).max(3).optional(),
  illnessSituation: IllnessSituationAsGiven.optional(),
  patientUnderstandsConsequences: z.boolean().optional(),
  registeredAt: CalendarDateSchema.optional(),
  oral: z.boolean().default(false),
  note: readableText(2000, { lines: true, mayBeEmpty: true }).optional(),
});

export const ReviseDecisionBody = z.strictObject({
  action: RevisionAction,
  reason: readableText(2000, { lines: true }),
  revisedAt: Timestamp,
  /** declare_invalid only (R5.5): the assessment, the kind of incompetence, and the report to Styrelsen for Patientsikkerhed. */
  assessment: readableText(2000, { lines: true }).optional(),
  incompetence: z.enum(INCOMPETENCE_KINDS).optional(),
  reportedToStps: ReportToStps.extend({ reference: readableText(200).optional() }).optional(),
}).superRefine((body, ctx) => {
  const invalidity = body.assessment !== undefined || body.incompetence !== undefined || body.reportedToStps !== undefined;
  if (body.action !== 'declare_invalid') {
    if (invalidity) ctx.addIssue({ code: 'custom', path: ['action'], message: 'assessment, incompetence and reportedToStps belong to action declare_invalid only' });
    return;
  }
  if (body.assessment === undefined) ctx.addIssue({ code: 'custom', path: ['assessment'], message: 'declare_invalid needs the assessment of why the registration does not bind' });
  // The guidance owes the report for a citizen who was permanently incompetent (VEJ 9921/2024, undtagelse 5).
  if ((body.incompetence ?? 'permanent') === 'permanent' && body.reportedToStps === undefined) {
    ctx.addIssue({ code: 'custom', path: ['reportedToStps'], message: 'declare_invalid for a permanently incompetent citizen needs the report to Styrelsen for Patientsikkerhed (at, reference)' });
  }
});

export const RecordHandoverBody = z.strictObject({
  handoverId: Uuid.optional(),
  kind: HandoverKind,
  at: Timestamp,
  from: SiteAsGiven,
  to: SiteAsGiven,
  generalPractitioner: SiteAsGiven.optional(),
  outOfHours: z.boolean().default(false),
});

export const RecordTemporaryRevocationBody = z.strictObject({
  instrument: RevocableInstrument,
  illnessSituation: IllnessSituationAsGiven,
  statedAt: Timestamp,
  patientCompetent: z.boolean().optional(),
});

export const ActivateTestamentBody = z.strictObject({
  activationId: Uuid.optional(),
  /** R6.6: the documented will-registry look-up this activation relies on. */
  lookupId: Uuid.optional(),
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
  illnessSituationId: readableText(100).optional(),
  note: readableText(2000, { lines: true, mayBeEmpty: true }).optional(),
});

/** R6.6: the will registry was looked up. Found ⇒ which kind; not found ⇒ nothing more. */
export const RecordWillLookupBody = z.strictObject({
  lookupId: Uuid.optional(),
  at: Timestamp,
  result: z.enum(WILL_LOOKUP_RESULTS),
  kind: TestamentKind.optional(),
  situations: z.array(PhysicianGround).min(1).max(3).optional(),
  conditionalOnRelatives: z.boolean().optional(),
}).superRefine((body, ctx) => {
  if (body.result === 'found' && body.kind === undefined) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'a will found in the registry has a kind (behandlingstestamente or livstestamente)' });
  if (body.result === 'not_found' && (body.kind !== undefined || body.situations !== undefined || body.conditionalOnRelatives !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['result'], message: 'nothing was found: kind, situations and conditionalOnRelatives describe a will that was found' });
  }
});

export type RegisterPatientBody = z.infer<typeof RegisterPatientBody>;
export type MakeDecisionBody = z.infer<typeof MakeDecisionBody>;
export type ReviseDecisionBody = z.infer<typeof ReviseDecisionBody>;
export type RecordHandoverBody = z.infer<typeof RecordHandoverBody>;
export type RecordTemporaryRevocationBody = z.infer<typeof RecordTemporaryRevocationBody>;
export type ActivateTestamentBody = z.infer<typeof ActivateTestamentBody>;
export type RecordConditionImprovementBody = z.infer<typeof RecordConditionImprovementBody>;
export type RecordWillLookupBody = z.infer<typeof RecordWillLookupBody>;
