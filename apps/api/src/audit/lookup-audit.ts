/**
 * Every status read is recorded durably — who, role, organisation, when, and what was
 * answered — in the patient's own lookup stream, never in the decision stream. The first read
 * is written before the answer leaves: a read that cannot be audited is not answered.
 *
 * Repeats are coalesced (libs/http read-windows.ts): the same caller reading the same patient and
 * getting the same answer (status and version — what the audit line records) again within
 * COALESCE_MS is counted; the line that closes the window says how many more reads there were,
 * until when, and between which moments they asked (?at, ?knownAt). The asked moments are not
 * part of "the same read": otherwise a caller varying ?at on every read writes a durable line per
 * read, the flood the window is there to stop.
 *
 * A look-up by CPR that finds nobody (POST …/status-lookups, 404) is recorded too, in the lookup
 * stream of the patientId the CPR would have — who looked up whom is health information whether or
 * not anything was found, and without a line anyone with a token could probe CPR numbers unseen.
 * Its line says `"status": null, "found": false`, version 0; answered lines are as they always were.
 * If the patient is registered later, GET …/lookups shows the probe.
 *
 * So is a registration (POST /v1/patients) of a CPR already recorded here: its answer gives the
 * patientId and whether the name matches — a probe of the CPR and the name. Its line says
 * `"status": null, "via": "registration"` and the version the record had; no status was told.
 */
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Actor, instantOf, ResuscitationStatus, toDanishIso } from '@dnr/domain';
import { EVENT_STORE, EventStore, lookupStream } from '@dnr/event-store';
import { Clock, Metrics, Reader, readerOf, ReadWindows } from '@dnr/http';

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
  by: Reader;
  /** null when nothing was found (`found: false`). */
  status: ResuscitationStatus['status'] | null;
  version: number;
  /** Only on a look-up by CPR that found no patient recorded here (its 404): false. Absent on every answered read. */
  found?: false;
  /** Only on a registration of a CPR already recorded here: it answered the patientId and whether the name matched, no status. */
  via?: 'registration';
  /** On a line of one read: the moments it asked about (its ?at and ?knownAt, or the time of the read). */
  askedAt?: string;
  askedKnownAt?: string;
  /** On a line that closes a window: how many more reads with the same answer there were, the last at `at`. */
  repeats?: number;
  since?: string;
  /** On a line that closes a window: the moments its repeats asked about, which may differ read by read. */
  repeatsAsked?: { at: AskedSpan; knownAt: AskedSpan };
}

@Injectable()
export class LookupAudit implements BeforeApplicationShutdown {
  private readonly windows: ReadWindows<StatusRead, LookupEntry, AskedMoments>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock, private readonly metrics: Metrics) {
    this.windows = new ReadWindows<StatusRead, LookupEntry, AskedMoments>({
      store, eventType: 'StatusLookedUp', windowMs: COALESCE_MS, mostOpen: MOST_OPEN_WINDOWS, now: () => clock.now(),
      lineOf: ({ caller, answer }, at) => ({
        at: new Date(at).toISOString(),
        by: readerOf(caller),
        status: answer.status,
        version: answer.version,
        ...(answer.registration ? { via: 'registration' as const } : answer.status === null ? { found: false as const } : {}),
        askedAt: answer.at,
        askedKnownAt: answer.knownAt,
      }),
      tally: (asked, { answer }) => asked
        ? { at: widened(asked.at, answer.at), knownAt: widened(asked.knownAt, answer.knownAt) }
        : { at: { earliest: answer.at, latest: answer.at }, knownAt: { earliest: answer.knownAt, latest: answer.knownAt } },
      closingLine: summaryOf,
    });
  }

  /**
   * One durable line for the first of a caller's reads with this answer in a window; the repeats are counted.
   * The moments asked about (?at, ?knownAt) are the answer's own `at` and `knownAt`, and not part of what
   * makes two reads the same.
   */
  async record(patientId: string, caller: Actor, answer: ResuscitationStatus): Promise<void> {
    this.metrics.statusAnswered(answer.status);
    await this.write(patientId, caller, answer);
  }

  /**
   * A look-up by CPR that found no patient: written (or counted) before the 404 leaves, like an
   * answered read. `askedAt`: the moment it asked about (its `at`), else now.
   */
  async recordUnanswered(patientId: string, caller: Actor, askedAt?: string): Promise<void> {
    const knownAt = toDanishIso(this.clock.now());
    await this.write(patientId, caller, { status: null, version: 0, at: askedAt ? toDanishIso(instantOf(askedAt)) : knownAt, knownAt });
  }

  /** A registration that found the CPR recorded here: written before its answer leaves, repeats coalesced like reads. */
  async recordRegistration(patientId: string, caller: Actor, version: number): Promise<void> {
    const now = toDanishIso(this.clock.now());
    await this.write(patientId, caller, { status: null, version, at: now, knownAt: now, registration: true });
  }

  private async write(patientId: string, caller: Actor, answer: ReadAnswer): Promise<void> {
    const key = [patientId, caller.org, caller.sub, caller.role, answer.status, answer.version, answer.registration === true].join('|');
    await this.windows.record(lookupStream(patientId), key, { caller, answer });
  }

  /** Newest first, `limit` at most, below the `before` cursor; the cursor of the next page when there may be one. */
  async page(patientId: string, page: { before?: number; limit: number }): Promise<{ entries: LookupEntry[]; next: number | null }> {
    const events = await this.store.readStreamBackwards(lookupStream(patientId), page);
    const next = events.length === page.limit ? events[events.length - 1].version : null;
    return { entries: events.map((e) => e.payload as LookupEntry), next };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.windows.closeAll();
  }
}

/** What the audit keeps of an answer: the status (null: nothing found), the version, and the moments asked about. */
type ReadAnswer = Pick<ResuscitationStatus, 'version' | 'at' | 'knownAt'> & { status: ResuscitationStatus['status'] | null; registration?: true };

interface StatusRead {
  caller: Actor;
  answer: ReadAnswer;
}

type AskedMoments = { at: AskedSpan; knownAt: AskedSpan };

/** The closing line: who, what answer, how many more reads since the first and until when, and what they asked. */
function summaryOf(first: LookupEntry, repeats: number, lastAt: number, asked: AskedMoments): LookupEntry {
  const { at, by, status, version, found } = first;
  return { at: new Date(lastAt).toISOString(), by, status, version, ...(found === false ? { found } : {}), repeats, since: at, repeatsAsked: asked };
}

function widened(span: AskedSpan, moment: string): AskedSpan {
  const t = instantOf(moment);
  if (t < instantOf(span.earliest)) return { ...span, earliest: moment };
  if (t > instantOf(span.latest)) return { ...span, latest: moment };
  return span;
}
