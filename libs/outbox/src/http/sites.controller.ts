/**
 * GET and PUT /v1/sites/{sor} (api.md "Sites"): the directory the outbox addresses from. Every
 * staff role may read it (a handover form picks sites from it); physicians and nurses keep it.
 * A site put here makes the messages waiting for its address deliverable at once (R7.3a).
 */
import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { Actor, SiteAsGiven, SorId } from '@dnr/domain';
import { Caller, parseOr400, Problem } from '@dnr/http';
import { OutboxStore } from '../store/outbox-store';
import { OUTBOX_STORE, RELAY_WAKE } from '../relay.tokens';

const SorParam = z.strictObject({ sor: SorId });
export const SiteBody = SiteAsGiven.omit({ sor: true });
const MAY_KEEP_THE_DIRECTORY = ['physician', 'nurse'] as const;

@Controller('v1/sites')
export class SitesController {
  constructor(@Inject(OUTBOX_STORE) private readonly outbox: OutboxStore | null, @Inject(RELAY_WAKE) private readonly wakeRelay: () => void) {}

  @Get(':sor')
  get(@Param() params: unknown) {
    const { sor } = parseOr400(SorParam, params, 'params');
    const site = this.servedHere().sites.get(sor);
    if (!site) throw new Problem('NOT_FOUND', 'no site with this SOR id in the directory');
    return site;
  }

  @Put(':sor')
  put(@Param() params: unknown, @Body() raw: unknown, @Caller() caller: Actor) {
    if (!(MAY_KEEP_THE_DIRECTORY as readonly string[]).includes(caller.role)) {
      throw new Problem('ROLE_NOT_ALLOWED', 'physicians and nurses keep the sites directory', { rule: 'R7.3a', allowedRoles: MAY_KEEP_THE_DIRECTORY });
    }
    const { sor } = parseOr400(SorParam, params, 'params');
    const body = parseOr400(SiteBody, raw, 'body');
    const outbox = this.servedHere();
    outbox.sites.put({ sor, ...body }, Date.now());
    this.wakeRelay();
    return outbox.sites.get(sor);
  }

  private servedHere(): OutboxStore {
    if (!this.outbox) throw new Problem('SERVICE_UNAVAILABLE', 'the sites directory is served by the relay instance (see docs/deployment.md)');
    return this.outbox;
  }
}
