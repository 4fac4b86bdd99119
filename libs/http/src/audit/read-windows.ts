/**
 * Audit that cannot be turned against the service. Every audited read is recorded durably, but
 * the same read repeated — the same caller asking the same thing and getting the same answer —
 * within a window is counted, not written line by line: one caller looping on a read must not be
 * able to fill the event store (and the disk every crew's lookup commits to). The first read of a
 * window is written before its answer leaves: a read that cannot be audited is not answered. When
 * the window closes, one line says how many more reads there were and until when. A crash inside
 * the window loses at most that count. Reads are never refused for the audit's sake, and the open
 * windows are bounded: when all are taken, the one read longest ago is closed early to make room.
 *
 * What "the same read" is, what a line says and what repeats add up to are the user's: the status
 * lookups (apps/api lookup-audit.ts) and the status feed (libs/outbox) each say theirs.
 */
import { EventStore, newEventId } from '@dnr/event-store';

/** Who read, as every audit line names them: the token's subject, name, role and organisation — nothing else of the token. */
export interface Reader {
  sub: string;
  name: string;
  role: string;
  org: string;
}

export const readerOf = ({ sub, name, role, org }: Reader): Reader => ({ sub, name, role, org });

export interface ReadWindowsOptions<Read, Line, Tally> {
  store: EventStore;
  /** The audit event's type. */
  eventType: string;
  windowMs: number;
  mostOpen: number;
  now: () => number;
  /** The line for the first read of a window. */
  lineOf(read: Read, at: number): Line;
  /** What a repeated read adds to the window's tally (null before the first repeat). */
  tally(sofar: Tally | null, read: Read): Tally;
  /** The line that closes a window: its first line, how many repeats, the last at `lastAt`. */
  closingLine(first: Line, repeats: number, lastAt: number, tally: Tally): Line;
}

interface Window<Line, Tally> {
  stream: string;
  first: Line;
  repeats: number;
  lastAt: number;
  tally: Tally | null;
  timer: NodeJS.Timeout;
}

export class ReadWindows<Read, Line, Tally> {
  private readonly windows = new Map<string, Window<Line, Tally>>();

  constructor(private readonly o: ReadWindowsOptions<Read, Line, Tally>) {}

  /** Records a read of `key` into `stream`: durably when it opens a window, counted when it repeats one. */
  async record(stream: string, key: string, read: Read): Promise<void> {
    const open = this.windows.get(key);
    if (open) {
      this.countRepeat(key, open, read);
      return;
    }
    const first = this.o.lineOf(read, this.o.now());
    await this.append(stream, first);
    // Two first reads at once both wrote their line; the window is opened once.
    if (!this.windows.has(key)) this.open(key, stream, first);
  }

  /** Writes every open window's closing line (at shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.windows.keys()].map((key) => this.close(key)));
  }

  private countRepeat(key: string, window: Window<Line, Tally>, read: Read): void {
    window.repeats += 1;
    window.lastAt = this.o.now();
    window.tally = this.o.tally(window.tally, read);
    // Most recently read last: the window read longest ago is the one closed early when room is needed.
    this.windows.delete(key);
    this.windows.set(key, window);
  }

  private open(key: string, stream: string, first: Line): void {
    if (this.windows.size >= this.o.mostOpen) void this.close(this.windows.keys().next().value as string);
    const timer = setTimeout(() => void this.close(key), this.o.windowMs);
    timer.unref();
    this.windows.set(key, { stream, first, repeats: 0, lastAt: 0, tally: null, timer });
  }

  private async close(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (!window) return;
    this.windows.delete(key);
    clearTimeout(window.timer);
    if (window.repeats === 0 || window.tally === null) return;
    const line = this.o.closingLine(window.first, window.repeats, window.lastAt, window.tally);
    await this.append(window.stream, line).catch(() => undefined); // the window's first read is on disk; the count is best effort
  }

  private async append(stream: string, line: Line): Promise<void> {
    await this.o.store.append(stream, [{ eventId: newEventId(), type: this.o.eventType, payload: line }], 'any', { freshEventIds: true });
  }
}

/** A line that closes a window of plain repeats: the first read's line, `at` the last read, `since` the first. */
export interface CountedLine {
  at: string;
  repeats?: number;
  since?: string;
}

/** Windows whose repeats add nothing but their number (a record read, a feed page read). */
export function countingReadWindows<Read, Line extends CountedLine>(o: Omit<ReadWindowsOptions<Read, Line, true>, 'tally' | 'closingLine'>): ReadWindows<Read, Line, true> {
  return new ReadWindows<Read, Line, true>({
    ...o,
    tally: () => true,
    closingLine: (first, repeats, lastAt) => ({ ...first, at: new Date(lastAt).toISOString(), repeats, since: first.at }),
  });
}
