/** HTTP → commands (api.md "Patients" and "Commands"). Controllers only validate and translate. */
import { Body, Controller, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  ActivateTestamentBody, Actor, MakeDecisionBody, parseCpr, PatientCommand, RecordConditionImprovementBody, RecordHandoverBody,
  RecordTemporaryRevocationBody, RecordWillLookupBody, RegisterPatientBody, ReviseDecisionBody,
} from '@dnr/domain';
import { Caller } from '@dnr/http';
import { CommandAnswer, ExecutePatientCommand, RegisterPatientCommand } from '../commands/execute-patient-command';
import { Problem } from '@dnr/http';
import { CommandHeaders, DecisionParams, EmptyQuery, parseOr400, PatientIdParam, versionFromIfMatch } from '../http/validation';
import { Pseudonymizer } from './pseudonym';

type PatientScoped = Exclude<PatientCommand, { type: 'RegisterPatient' }>;

@Controller('v1/patients')
export class PatientsController {
  constructor(private readonly commands: CommandBus, private readonly pseudonyms: Pseudonymizer) {}

  /** 200 whether the CPR was known or not (api.md, 2026-11-22); `nameDiffers` when a known CPR came with another name (R2.1). */
  @Post()
  @HttpCode(200)
  async register(@Body() raw: unknown, @Query() query: unknown, @Caller() by: Actor) {
    parseOr400(EmptyQuery, query, 'query');
    const body = parseOr400(RegisterPatientBody, raw, 'body');
    const cpr = parseCpr(body.cpr);
    if (!cpr.ok) throw new Problem('VALIDATION_FAILED', cpr.reason, { errors: [{ path: 'body.cpr', message: cpr.reason }] });
    const patientId = this.pseudonyms.patientIdOf(cpr.cpr.digits);
    const result = await this.commands.execute(new RegisterPatientCommand(patientId, { type: 'RegisterPatient', by, body }));
    return result.nameDiffers ? { patientId, nameDiffers: true } : { patientId };
  }

  @Post(':patientId/decisions')
  @HttpCode(201)
  decisions(@Param() params: unknown, @Query() query: unknown, @Headers() headers: unknown, @Body() raw: unknown, @Caller() by: Actor) {
    return this.run(params, query, headers, () => ({
      type: 'MakeDecision', by, newDecisionId: randomUUID(), body: parseOr400(MakeDecisionBody, raw, 'body'),
    }));
  }

  @Post(':patientId/decisions/:decisionId/revisions')
  @HttpCode(201)
  revisions(@Param() params: unknown, @Query() query: unknown, @Headers() headers: unknown, @Body() raw: unknown, @Caller() by: Actor) {
    const { decisionId } = parseOr400(DecisionParams, params, 'params');
    return this.run({ patientId: (params as { patientId: string }).patientId }, query, headers, () => ({
      type: 'ReviseDecision', by, decisionId, body: parseOr400(ReviseDecisionBody, raw, 'body'),
    }));
  }

  @Post(':patientId/handovers')
  @HttpCode(201)
  handovers(@Param() params: unknown, @Query() query: unknown, @Headers() headers: unknown, @Body() raw: unknown, @Caller() by: Actor) {
    return this.run(params, query, headers, () => ({
      type: 'RecordHandover', by, newHandoverId: randomUUID(), body: parseOr400(RecordHandoverBody, raw, 'body'),
    }));
  }

  @Post(':patientId/temporary-revocations')
  @HttpCode(201)
  revocations(@Param() params: unknown, @Query() query: unknown, @Headers() headers: unknown, @Body() raw: unknown, @Caller() by: Actor) {
    return this.run(params, query, headers, () => ({
      type: 'RecordTemporaryRevocation', by, body: parseOr400(RecordTemporaryRevocationBody, raw, 'body'),
    }));
  }

  @Post(':patientId/testament-activations')
  @HttpCode(201)
  testaments(@Param() params: unknown, @Query() query: unknown, @Headers() headers: unknown, @Body() raw: unknown, @Caller() by: Actor) {
    return this.run(params, query, headers, () => ({
      type: 'ActivateTestament', by, newActivationId: randomUUID(), body: parseOr400(ActivateTestamentBody, raw, 'body'),
    }));
  }

  @Post(':patientId/condition-improvements')
  @HttpCode(201)
  improvements(@Param() params: unknown, @Query() query: unknown, @Headers() headers: unknown, @Body() raw: unknown, @Caller() by: Actor) {
    return this.run(params, query, headers, () => ({
      type: 'RecordConditionImprovement', by, body: parseOr400(RecordConditionImprovementBody, raw, 'body'),
    }));
  }

  @Post(':patientId/will-lookups')
  @HttpCode(201)
  willLookups(@Param() params: unknown, @Query() query: unknown, @Headers() headers: unknown, @Body() raw: unknown, @Caller() by: Actor) {
    return this.run(params, query, headers, () => ({
      type: 'RecordWillLookup', by, newLookupId: randomUUID(), body: parseOr400(RecordWillLookupBody, raw, 'body'),
    }));
  }

  private run(params: unknown, query: unknown, rawHeaders: unknown, build: () => PatientScoped): Promise<CommandAnswer> {
    const { patientId } = parseOr400(PatientIdParam, params, 'params');
    parseOr400(EmptyQuery, query, 'query');
    const headers = parseOr400(CommandHeaders, rawHeaders, 'headers');
    const command = build();
    return this.commands.execute(new ExecutePatientCommand(patientId, command, versionFromIfMatch(headers['if-match']), headers['idempotency-key']));
  }
}
