/** Strict validation of bodies, params, query and headers with the domain's zod schemas. */
import { z } from 'zod';
import { Timestamp } from '@dnr/domain';
export { parseOr400 } from '@dnr/http';


/** patientId: the 32-hex-character pseudonym (never a CPR number). */
export const PatientIdParam = z.strictObject({ patientId: z.string().regex(/^[0-9a-f]{32}$/, 'patientId is a 32-character pseudonym') });
export const DecisionParams = PatientIdParam.extend({ decisionId: z.uuid() });
/** `at` and `knownAt` are stated times like any other: between 1900 and 2200 (issue 13: year 1 rendered as nonsense). */
export const StatusQuery = z.strictObject({
  at: Timestamp.optional(),
  knownAt: Timestamp.optional(),
});
export const EmptyQuery = z.strictObject({});

export const CommandHeaders = z.object({
  'if-match': z.string().regex(/^(W\/)?"?\d{1,9}"?$/, 'If-Match is a stream version, e.g. 7').optional(),
  'idempotency-key': z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'Idempotency-Key is printable ASCII without spaces').optional(),
});

export function versionFromIfMatch(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, ''));
}
