/** HTTP → queries (api.md "Queries"). */
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Actor } from '@dnr/domain';
import { Caller, Problem } from '@dnr/http';
import { EmptyQuery, parseOr400, PatientIdParam, StatusQuery } from '../http/validation';
import { GetLookups, GetPatientEvents, GetResuscitationStatus } from './queries';

const LookupsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

const CLINICIANS = ['physician', 'nurse'] as const;

function onlyClinicians(caller: Actor, what: string): void {
  if (!(CLINICIANS as readonly string[]).includes(caller.role)) {
    throw new Problem('ROLE_NOT_ALLOWED', `${what} is for physicians and nurses`, { rule: 'R2.2', allowedRoles: CLINICIANS });
  }
}

@Controller('v1/patients/:patientId')
export class StatusController {
  constructor(private readonly queries: QueryBus) {}

  @Get('resuscitation-status')
  status(@Param() params: unknown, @Query() query: unknown, @Caller() caller: Actor) {
    const { patientId } = parseOr400(PatientIdParam, params, 'params');
    const { at, knownAt } = parseOr400(StatusQuery, query, 'query');
    return this.queries.execute(new GetResuscitationStatus(patientId, caller, at, knownAt));
  }

  /** Who looked whom up is itself sensitive: physicians and nurses only, a page at a time (api.md, 2026-11-22). */
  @Get('lookups')
  async lookups(@Param() params: unknown, @Query() query: unknown, @Caller() caller: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    onlyClinicians(caller, 'the lookup trail');
    const { patientId } = parseOr400(PatientIdParam, params, 'params');
    const page = parseOr400(LookupsQuery, query, 'query');
    const { entries, next } = await this.queries.execute(new GetLookups(patientId, page));
    if (next !== null) reply.header('link', `</v1/patients/${patientId}/lookups?limit=${page.limit}&before=${next}>; rel="next"`);
    return entries;
  }

  /** The record holds the CPR and every instrument's details: physicians and nurses only, and every read audited. */
  @Get('events')
  events(@Param() params: unknown, @Query() query: unknown, @Caller() caller: Actor) {
    onlyClinicians(caller, "the patient's record");
    const { patientId } = parseOr400(PatientIdParam, params, 'params');
    parseOr400(EmptyQuery, query, 'query');
    return this.queries.execute(new GetPatientEvents(patientId, caller));
  }
}
