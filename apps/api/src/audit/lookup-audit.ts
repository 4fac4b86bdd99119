/**
 * Every status read is recorded durably — who, role, organisation, when, and what was
 * answered — in the patient's own lookup stream, never in the decision stream. The first read
 * is written before the answer leaves: a read that cannot be audited is not answered.
 *
 * Audit that cannot be turned against the service: the same caller reading the same patient and
 * getting the same answer (status and version — what the audit line records) again within
 * COALESCE_MS is counted, not written line by line; when the window closes one line says how many
 * more reads there were, until when, and between which moments they asked (?at, ?knownAt). The
 * asked moments are not part of "the same read": otherwise a caller varying ?at on every read
 * writes a durable line per read, the flood the window is there to stop. A crash inside the window
 * loses at most that count — the first read of it is already on disk. A read is never refused for
 * the audit's sake, and the open windows are bounded: when all are taken, the one read longest ago
 * is closed early (its line written) to make room.
 */
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, instantOf, ResuscitationStatus } from '@dnr/domain';
import { EVENT_STORE, EventStore, lookupStream } from '@dnr/event-store';
import { Clock, Metrics } from '@dnr/http';

export const COALESCE_MS = 30_000;
/** Open windows kept at most; past this the least recently read window is closed early (memory stays bounded). */
export const MOST_OPEN_WINDOWS = 10_000;

/** The earliest and latest of the moments a window's repeated reads asked about. */
export interface AskedSpan {
  earliest: string;
  latest: string;
}

export interface LookupEntry {
  at: string;
  by: { sub: string; name: string; role: string; org: string };
  status: ResuscitationStatus['status'];
  version: number;
  /** On a line of one read: the moments it asked about (its ?at and ?knownAt, or the time of the read). */
  askedAt?: string;
  askedKnownAt?: string;
  /** On a line that closes a window: how many more reads with the same answer there were, the last at `at`. */
  repeats?: number;
  since?: string;
  /** On a line that closes a window: the moments its repeats asked about, which may differ read by read. */
  repeatsAsked?: { at: AskedSpan; knownAt: AskedSpan };
}

interface Window {
  patientId: string;
  first: LookupEntry;
  repeats: number;
  lastAt: number;
  asked: { at: AskedSpan; knownAt: AskedSpan } | null;
  timer: NodeJS.Timeout;
}

@Injectable()
export class LookupAudit implements BeforeApplicationShutdown {
  private readonly windows = new Map<string, Window>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock, private readonly metrics: Metrics) {}

  /**
   * One durable line for the first of a caller's reads with this answer in a window; the repeats are counted.
   * The moments asked about (?at, ?knownAt) are the answer's own `at` and `knownAt`, and not part of what
   * makes two reads the same.
   */
  async record(patientId: string, caller: Actor, answer: ResuscitationStatus): Promise<void> {
    this.metrics.statusAnswered(answer.status);
    const key = [patientId, caller.org, caller.sub, caller.role, answer.status, answer.version].join('|');
    const open = this.windows.get(key);
    if (open) {
      this.countRepeat(key, open, answer);
      return;
    }
    const entry = this.entryFor(caller, answer);
    await this.append(patientId, entry);
    // Two first reads at once both wrote their line; the window is opened once.
    if (!this.windows.has(key)) this.open(key, patientId, entry);
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

  private countRepeat(key: string, window: Window, answer: ResuscitationStatus): void {
    window.repeats += 1;
    window.lastAt = this.clock.now();
    window.asked = window.asked
      ? { at: widened(window.asked.at, answer.at), knownAt: widened(window.asked.knownAt, answer.knownAt) }
      : { at: { earliest: answer.at, latest: answer.at }, knownAt: { earliest: answer.knownAt, latest: answer.knownAt } };
    // Most recently read last: the window read longest ago is the one closed early when room is needed.
    this.windows.delete(key);
    this.windows.set(key, window);
  }

  private open(key: string, patientId: string, first: LookupEntry): void {
    if (this.windows.size >= MOST_OPEN_WINDOWS) void this.close(this.windows.keys().next().value as string);
    const timer = setTimeout(() => void this.close(key), COALESCE_MS);
    timer.unref();
    this.windows.set(key, { patientId, first, repeats: 0, lastAt: 0, asked: null, timer });
  }

  private async close(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (!window) return;
    this.windows.delete(key);
    clearTimeout(window.timer);
    if (window.repeats === 0 || !window.asked) return;
    await this.append(window.patientId, summaryOf(window, window.asked)).catch(() => undefined); // the first read of the window is on disk; the count is best effort
  }

  private async append(patientId: string, entry: LookupEntry): Promise<void> {
    await this.store.append(lookupStream(patientId), [{ eventId: randomUUID(), type: 'StatusLookedUp', payload: entry }], 'any', { freshEventIds: true });
  }
}

/** The closing line: who, what answer, how many more reads since the first and until when, and what they asked. */
function summaryOf(window: Window, asked: { at: AskedSpan; knownAt: AskedSpan }): LookupEntry {
  const { at, by, status, version } = window.first;
  return { at: new Date(window.lastAt).toISOString(), by, status, version, repeats: window.repeats, since: at, repeatsAsked: asked };
}

function widened(span: AskedSpan, moment: string): AskedSpan {
  const t = instantOf(moment);
  if (t < instantOf(span.earliest)) return { ...span, earliest: moment };
  if (t > instantOf(span.latest)) return { ...span, latest: moment };
  return span;
}
