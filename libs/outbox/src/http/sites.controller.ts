/**
 * GET and PUT /v1/sites/{sor} (api.md "Sites"): the directory the outbox addresses from. Every
 * staff role may read it (a handover form picks sites from it); physicians and nurses keep it.
 * A site put here makes the messages waiting for its address deliverable at once (R7.3a).
 * Every later message to a site goes to the EAN written here, and its phone is the number others
 * ring, so what is known of a site is changed only by its own organisation's staff (token `org` =
 * the SOR) — or by the operator's SOR export load; anyone else may add a site nobody knew or fill
 * in a missing phone, but changing a known EAN would redirect other organisations' messages, CPRs
 * and all (sites-directory.ts). What they add is unconfirmed until the site's own staff or the load
 * set it: a message naming the site with another EAN waits for that (addressing.ts).
 * A PUT of what is there already writes nothing and answers 200 with the entry as it is: it
 * changes nothing, so it must not become who changed the entry last.
 * GET adds `confirmed` and `changedBy`: who changed the entry last (sub, org, role, at; null before it was recorded).
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
/** Says who may, without quoting the caller's token or the body. */
const ONLY_ITS_OWN_ORGANISATION = "only staff of the site's own organisation (a token whose org is this SOR id) may change the EAN, name, sector or phone of a site already in the directory; "
  + 'others may add a site the directory does not know or fill in a phone it lacks; the operator loads corrections from the SOR export.';

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
    const kept = outbox.sites.keep({ sor, ...body }, Date.now(), { sub: caller.sub, org: caller.org, role: caller.role });
    if (kept === 'not-theirs') throw new Problem('ROLE_NOT_ALLOWED', ONLY_ITS_OWN_ORGANISATION);
    if (kept === 'kept') this.wakeRelay();
    return outbox.sites.get(sor);
  }

  private servedHere(): OutboxStore {
    if (!this.outbox) throw new Problem('SERVICE_UNAVAILABLE', 'the sites directory is served by the relay instance (see docs/deployment.md)');
    return this.outbox;
  }
}
