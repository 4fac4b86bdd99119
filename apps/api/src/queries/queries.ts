/** Read side: status assessed on read from the current version of the record (always current, no projection lag), events, and the lookup audit. */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor, assessStream, instantOf, PatientEvent, renderStatus, ResuscitationStatus, statusAt, upcast } from '@dnr/domain';
import { EVENT_STORE, EventStore, patientStream, StoredEvent } from '@dnr/event-store';
import { LookupAudit, LookupEntry } from '../audit/lookup-audit';
import { RecordReadAudit } from '../audit/record-read-audit';
import { PatientHistories } from './patient-histories';
import { Clock, Problem } from '@dnr/http';

export class GetResuscitationStatus {
  constructor(readonly patientId: string, readonly caller: Actor, readonly at?: string, readonly knownAt?: string) {}
}
export class GetPatientEvents {
  constructor(readonly patientId: string, readonly caller: Actor) {}
}
export class GetLookups {
  constructor(readonly patientId: string, readonly page: { before?: number; limit: number }) {}
}

async function existingStream(store: EventStore, patientId: string): Promise<StoredEvent[]> {
  const stored = await store.readStream(patientStream(patientId));
  if (stored.length === 0) throw new Problem('NOT_FOUND', 'unknown patient');
  return stored;
}

@QueryHandler(GetResuscitationStatus)
export class GetResuscitationStatusHandler implements IQueryHandler<GetResuscitationStatus, ResuscitationStatus> {
  constructor(private readonly histories: PatientHistories, private readonly audit: LookupAudit, private readonly clock: Clock) {}

  async execute(q: GetResuscitationStatus): Promise<ResuscitationStatus> {
    const { events, status } = await this.histories.withStatus(q.patientId);
    if (events.length === 0) throw new Problem('NOT_FOUND', 'unknown patient');
    const now = this.clock.now();
    const query = { patientId: q.patientId, at: q.at ? instantOf(q.at) : now, knownAt: q.knownAt ? instantOf(q.knownAt) : now };
    // A long record's kept status answers what the fold answers, without folding it again.
    const answer = status ? renderStatus(assessStream(status, query)) : statusAt(events, query);
    await this.audit.record(q.patientId, q.caller, answer);
    return answer;
  }
}

export interface EventView {
  eventId: string;
  type: PatientEvent['type'];
  version: number;
  recordedAt: string;
  recordedBy: { sub: string; name: string; role: string; org: string };
  data: PatientEvent['data'];
}

@QueryHandler(GetPatientEvents)
export class GetPatientEventsHandler implements IQueryHandler<GetPatientEvents, EventView[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly audit: RecordReadAudit) {}

  async execute(q: GetPatientEvents): Promise<EventView[]> {
    const stored = await existingStream(this.store, q.patientId);
    await this.audit.record(q.patientId, q.caller, stored[stored.length - 1].version);
    return stored.map((event) => {
      const e = upcast(event.payload);
      const { sub, name, role, org } = e.recordedBy;
      return { eventId: e.eventId, type: e.type, version: event.version, recordedAt: e.recordedAt, recordedBy: { sub, name, role, org }, data: e.data };
    });
  }
}

@QueryHandler(GetLookups)
export class GetLookupsHandler implements IQueryHandler<GetLookups, { entries: LookupEntry[]; next: number | null }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly audit: LookupAudit) {}

  async execute(q: GetLookups): Promise<{ entries: LookupEntry[]; next: number | null }> {
    if ((await this.store.streamVersion(patientStream(q.patientId))) === 0) throw new Problem('NOT_FOUND', 'unknown patient');
    return this.audit.page(q.patientId, q.page);
  }
}
