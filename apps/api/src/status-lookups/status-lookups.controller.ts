/**
 * POST /v1/patients/status-lookups — the status by CPR, for a crew or a care worker who has the
 * CPR number in front of them and no patientId. The CPR travels in the body, never in a URL (a URL
 * ends up in logs, proxies and the browser's history). Answers the recorded name beside the status,
 * so the reader can confirm the patient's identity before following a refusal (R2.1).
 *
 * A read, not a registration: an unknown CPR is a 404 and registers nobody. But the probe is
 * audited before the 404 leaves — in the lookup stream of the patientId the CPR would have (never
 * the CPR), marked found: false — since who looked up whom is health information even when nothing
 * was found, and an unaudited 404 let anyone with a token probe CPR numbers without a trace. A
 * known CPR goes through the same query as GET …/resuscitation-status, so it is answered and
 * audited exactly like one, and never limited. An unknown CPR's line starts a new stream, so it
 * spends one of the caller's writes (WriteBudget): one token probing numbers nobody registered
 * cannot fill the disk. Past the budget the answer is 429 with nothing written — and it says what
 * the 404 says, that nothing is recorded here, so resuscitation is attempted.
 */
import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { SkipThrottle } from '@nestjs/throttler';
import { z } from 'zod';
import { Actor, parseCpr, PatientEvent, ResuscitationStatus, startOfDanishDay, Timestamp } from '@dnr/domain';
import { Caller, Clock, parseOr400, Problem, WriteBudget } from '@dnr/http';
import { LookupAudit } from '../audit/lookup-audit';
import { EmptyQuery } from '../http/validation';
import { Pseudonymizer } from '../patients/pseudonym';
import { PatientHistories } from '../queries/patient-histories';
import { GetResuscitationStatus } from '../queries/queries';

export const StatusLookupBody = z.strictObject({
  cpr: z.string().max(11).describe('0101501234 or 010150-1234'),
  at: Timestamp.optional(),
});

export interface StatusLookupAnswer {
  patientId: string;
  name: string;
  status: ResuscitationStatus;
}

/** What a look-up that finds nobody tells the crew, with or without its audit line: the answer is the same (R1.1). */
const NOBODY = 'no patient with this CPR number is recorded here: nothing is known here, so resuscitation is attempted (R1.1)';

/** Said without the number: a problem never echoes what could hold a CPR. */
const NOT_A_CPR = 'not a CPR number: 10 digits (DDMMYY-SSSS) whose first six are a real birth date, not in the future';

@Controller('v1/patients/status-lookups')
export class StatusLookupsController {
  constructor(private readonly queries: QueryBus, private readonly pseudonyms: Pseudonymizer, private readonly histories: PatientHistories, private readonly audit: LookupAudit, private readonly clock: Clock, private readonly budget: WriteBudget) {}

  @Post()
  @HttpCode(200)
  @SkipThrottle({ writes: true })
  async lookUp(@Body() raw: unknown, @Query() query: unknown, @Caller() caller: Actor): Promise<StatusLookupAnswer> {
    parseOr400(EmptyQuery, query, 'query');
    const body = parseOr400(StatusLookupBody, raw, 'body');
    const cpr = parseCpr(body.cpr);
    // As registration refuses them (api.md: a CPR of the unborn is invalid): a 400, nothing written.
    if (!cpr.ok || startOfDanishDay(cpr.cpr.birthDate) > this.clock.now()) throw new Problem('VALIDATION_FAILED', NOT_A_CPR, { errors: [{ path: 'body.cpr', message: NOT_A_CPR }] });
    const patientId = this.pseudonyms.patientIdOf(cpr.cpr.digits);
    const name = recordedName(await this.histories.of(patientId));
    if (name === null) {
      await this.budget.spend(caller, `too many look-ups of CPR numbers nobody registered here; ${NOBODY}`);
      await this.audit.recordUnanswered(patientId, caller, body.at);
      throw new Problem('NOT_FOUND', NOBODY);
    }
    const status: ResuscitationStatus = await this.queries.execute(new GetResuscitationStatus(patientId, caller, body.at));
    return { patientId, name, status };
  }
}

function recordedName(events: readonly PatientEvent[]): string | null {
  const registered = events.find((e) => e.type === 'PatientRegistered');
  return registered?.type === 'PatientRegistered' ? registered.data.name : null;
}
