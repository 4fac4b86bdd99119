/**
 * Every page read of the status feed is audited (who, from where, how many entries): reading the
 * feed is reading statuses in bulk. The same caller reading the same page again within a window
 * is counted, not written line by line (libs/http read-windows.ts) — a poller that finds nothing
 * new every second, or a caller looping on one page, must not fill the event store.
 */
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Actor } from '@dnr/domain';
import { EVENT_STORE, EventStore } from '@dnr/event-store';
import { Clock, countingReadWindows, Reader, readerOf, ReadWindows } from '@dnr/http';

export const FEED_AUDIT_STREAM = 'audit-status-feed';
export const FEED_COALESCE_MS = 30_000;
const MOST_OPEN_WINDOWS = 10_000;

export interface FeedReadLine {
  at: string;
  by: Reader;
  /** The position read after, and how many entries the page held. */
  after: number;
  count: number;
  /** On a line that closes a window: how many more reads of the same page there were, the last at `at`. */
  repeats?: number;
  since?: string;
}

interface FeedRead {
  caller: Actor;
  after: number;
  count: number;
}

@Injectable()
export class FeedReadAudit implements BeforeApplicationShutdown {
  private readonly windows: ReadWindows<FeedRead, FeedReadLine, true>;

  constructor(@Inject(EVENT_STORE) store: EventStore, clock: Clock) {
    this.windows = countingReadWindows<FeedRead, FeedReadLine>({
      store, eventType: 'StatusFeedRead', windowMs: FEED_COALESCE_MS, mostOpen: MOST_OPEN_WINDOWS, now: () => clock.now(),
      lineOf: ({ caller, after, count }, at) => ({ at: new Date(at).toISOString(), by: readerOf(caller), after, count }),
    });
  }

  /**
   * `until`: the position the page ended at — with `after`, what makes two reads the same page.
   * Every empty page is the same read, wherever it was asked from: it showed nobody, and one caller
   * stepping `after` past the end of the feed must not write a line per step.
   */
  async record(caller: Actor, after: number, until: number, count: number): Promise<void> {
    const page = count === 0 ? 'nothing' : `${after}|${until}|${count}`;
    const key = [caller.org, caller.sub, caller.role, page].join('|');
    await this.windows.record(FEED_AUDIT_STREAM, key, { caller, after, count });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.windows.closeAll();
  }
}
