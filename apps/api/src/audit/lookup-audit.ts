/**
 * Every status read is recorded durably — who, role, organisation, when, and what was
 * answered — in the patient's own lookup stream, never in the decision stream. The first read
 * is written before the answer leaves: a read that cannot be audited is not answered.
 *
 * Audit that cannot be turned against the service: the same caller reading the same patient and
 * getting the same answer again within COALESCE_MS is counted, not written line by line; when
 * the window closes one line says how many more reads there were and until when. A crash inside
 * the window loses at most that count — the first read of it is already on disk. A read is never
 * refused for the audit's sake.
 */
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, ResuscitationStatus } from '@dnr/domain';
import { EVENT_STORE, EventStore, lookupStream } from '@dnr/event-store';
import { Clock, Metrics } from '@dnr/http';

export const COALESCE_MS = 30_000;
/** Open windows kept at most; past this, reads are written one line each (safe, only costlier). */
const MOST_OPEN_WINDOWS = 10_000;

export interface LookupEntry {
  at: string;
  by: { sub: string; name: string; role: string; org: string };
  status: ResuscitationStatus['status'];
  version: number;
  askedAt: string;
  askedKnownAt: string;
  /** On a line that closes a window: how many more identical reads there were, the last at `at`. */
  repeats?: number;
  since?: string;
}

interface Window {
  patientId: string;
  first: LookupEntry;
  repeats: number;
  lastAt: number;
  timer: NodeJS.Timeout;
}

@Injectable()
export class LookupAudit implements BeforeApplicationShutdown {
  private readonly windows = new Map<string, Window>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock, private readonly metrics: Metrics) {}

  /** `asked`: the at/knownAt the caller gave (absent: now) — part of what makes two reads the same. */
  async record(patientId: string, caller: Actor, answer: ResuscitationStatus, asked: { at?: string; knownAt?: string } = {}): Promise<void> {
    this.metrics.statusAnswered(answer.status);
    const key = [patientId, caller.org, caller.sub, caller.role, answer.status, answer.basis, answer.version, asked.at, asked.knownAt].join('|');
    const open = this.windows.get(key);
    if (open) {
      open.repeats += 1;
      open.lastAt = this.clock.now();
      return;
    }
    const entry = this.entryFor(caller, answer);
    await this.append(patientId, entry);
    if (this.windows.size < MOST_OPEN_WINDOWS) this.open(key, patientId, entry);
  }

  /** Newest first, `limit` at most, below the `before` cursor; the cursor of the next page when there may be one. */
  async page(patientId: string, page: { before?: number; limit: number }): Promise<{ entries: LookupEntry[]; next: number | null }> {
    const events = await this.store.readStreamBackwards(lookupStream(patientId), page);
    const next = events.length === page.limit ? events[events.length - 1].version : null;
    return { entries: events.map((e) => e.payload as LookupEntry), next };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.windows.keys()].map((key) => this.close(key)));
  }

  private entryFor(caller: Actor, answer: ResuscitationStatus): LookupEntry {
    return {
      at: new Date(this.clock.now()).toISOString(),
      by: { sub: caller.sub, name: caller.name, role: caller.role, org: caller.org },
      status: answer.status,
      version: answer.version,
      askedAt: answer.at,
      askedKnownAt: answer.knownAt,
    };
  }

  private open(key: string, patientId: string, first: LookupEntry): void {
    const timer = setTimeout(() => void this.close(key), COALESCE_MS);
    timer.unref();
    this.windows.set(key, { patientId, first, repeats: 0, lastAt: 0, timer });
  }

  private async close(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (!window) return;
    this.windows.delete(key);
    clearTimeout(window.timer);
    if (window.repeats === 0) return;
    await this.append(window.patientId, { ...window.first, at: new Date(window.lastAt).toISOString(), repeats: window.repeats, since: window.first.at })
      .catch(() => undefined); // the first read of the window is on disk; the count is best effort
  }

  private async append(patientId: string, entry: LookupEntry): Promise<void> {
    await this.store.append(lookupStream(patientId), [{ eventId: randomUUID(), type: 'StatusLookedUp', payload: entry }], 'any', { freshEventIds: true });
  }
}
