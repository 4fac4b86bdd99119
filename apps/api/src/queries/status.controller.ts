/** HTTP → queries (api.md "Queries"). */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Actor } from '@dnr/domain';
import { Caller } from '@dnr/http';
import { EmptyQuery, parseOr400, PatientIdParam, StatusQuery } from '../http/validation';
import { GetLookups, GetPatientEvents, GetResuscitationStatus } from './queries';

@Controller('v1/patients/:patientId')
export class StatusController {
  constructor(private readonly queries: QueryBus) {}

  @Get('resuscitation-status')
  status(@Param() params: unknown, @Query() query: unknown, @Caller() caller: Actor) {
    const { patientId } = parseOr400(PatientIdParam, params, 'params');
    const { at, knownAt } = parseOr400(StatusQuery, query, 'query');
    return this.queries.execute(new GetResuscitationStatus(patientId, caller, at, knownAt));
  }

  @Get('lookups')
  lookups(@Param() params: unknown, @Query() query: unknown) {
    const { patientId } = parseOr400(PatientIdParam, params, 'params');
    parseOr400(EmptyQuery, query, 'query');
    return this.queries.execute(new GetLookups(patientId));
  }

  @Get('events')
  events(@Param() params: unknown, @Query() query: unknown) {
    const { patientId } = parseOr400(PatientIdParam, params, 'params');
    parseOr400(EmptyQuery, query, 'query');
    return this.queries.execute(new GetPatientEvents(patientId));
  }
}
