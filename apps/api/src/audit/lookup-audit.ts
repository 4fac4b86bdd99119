/**
 * Every status read is recorded durably — who, role, organisation, when, and what was
 * answered — in the patient's own lookup stream, never in the decision stream. It is written
 * before the answer leaves: a read that cannot be audited is not answered.
 */
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, ResuscitationStatus } from '@dnr/domain';
import { EVENT_STORE, EventStore, lookupStream } from '@dnr/event-store';
import { Clock } from '@dnr/http';
import { Metrics } from '@dnr/http';

export interface LookupEntry {
  at: string;
  by: { sub: string; name: string; role: string; org: string };
  status: ResuscitationStatus['status'];
  version: number;
  askedAt: string;
  askedKnownAt: string;
}

@Injectable()
export class LookupAudit {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock, private readonly metrics: Metrics) {}

  async record(patientId: string, caller: Actor, answer: ResuscitationStatus): Promise<void> {
    const entry: LookupEntry = {
      at: new Date(this.clock.now()).toISOString(),
      by: { sub: caller.sub, name: caller.name, role: caller.role, org: caller.org },
      status: answer.status,
      version: answer.version,
      askedAt: answer.at,
      askedKnownAt: answer.knownAt,
    };
    await this.store.append(lookupStream(patientId), [{ eventId: randomUUID(), type: 'StatusLookedUp', payload: entry }], 'any', { freshEventIds: true });
    this.metrics.statusAnswered(answer.status);
  }

  async newestFirst(patientId: string): Promise<LookupEntry[]> {
    const events = await this.store.readStream(lookupStream(patientId));
    return events.map((e) => e.payload as LookupEntry).reverse();
  }
}
