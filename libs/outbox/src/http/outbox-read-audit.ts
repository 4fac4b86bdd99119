/**
 * A message as the outbox shows it carries the patient's record: for a korrespondancemeddelelse
 * the CareCommunication Bundle with the CPR, the name and the resuscitation status, for a letter's
 * section the status. So every answer that shows messages is recorded durably before it leaves:
 * for each patient on it, one line — who, when, through what, and which of that patient's messages
 * (messageIds) — in the patient's record-read stream.
 *
 * That stream, not one of its own: it is the trail of "who was shown this patient's record"
 * (GET …/events writes there), and a complaint or an investigation should find every such read in
 * one place. The lines have their own event type (OutboxRead), so the whole-record lines
 * (RecordRead) keep their shape. The stream is named by the pseudonymous patientId: no CPR.
 *
 * Repeats coalesce (libs/http read-windows.ts): a worklist refreshed every few seconds by the same
 * caller showing the same messages is one line, and the line closing the window says how many
 * more reads there were. A message's record never changes once it is owed (only its delivery
 * does), so the messages shown are what makes two reads the same.
 */
import { createHash } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Actor, HandoverMessage } from '@dnr/domain';
import { EVENT_STORE, EventStore, recordReadStream } from '@dnr/event-store';
import { Clock, countingReadWindows, Reader, readerOf, ReadWindows } from '@dnr/http';

export const OUTBOX_READ_EVENT = 'OutboxRead';
/** The same window as the status lookups, whole-record reads and status feed. */
export const OUTBOX_COALESCE_MS = 30_000;
const MOST_OPEN_WINDOWS = 10_000;

/** Where the messages were shown: a page of GET /v1/outbox, or the answer to an acknowledgement. */
export type OutboxReadVia = 'outbox' | 'acknowledgement';

export interface OutboxReadLine {
  at: string;
  by: Reader;
  via: OutboxReadVia;
  /** This patient's messages the answer showed, in the answer's order. */
  messageIds: string[];
  /** On a line that closes a window: how many more reads showing the same messages there were, the last at `at`. */
  repeats?: number;
  since?: string;
}

interface OutboxRead {
  caller: Actor;
  via: OutboxReadVia;
  messageIds: string[];
}

@Injectable()
export class OutboxReadAudit implements BeforeApplicationShutdown {
  private readonly windows: ReadWindows<OutboxRead, OutboxReadLine, true>;

  constructor(@Inject(EVENT_STORE) store: EventStore, clock: Clock) {
    this.windows = countingReadWindows<OutboxRead, OutboxReadLine>({
      store, eventType: OUTBOX_READ_EVENT, windowMs: OUTBOX_COALESCE_MS, mostOpen: MOST_OPEN_WINDOWS, now: () => clock.now(),
      lineOf: ({ caller, via, messageIds }, at) => ({ at: new Date(at).toISOString(), by: readerOf(caller), via, messageIds }),
    });
  }

  /**
   * One line per patient among `shown`, all durable when this resolves; it rejects if any could
   * not be written, and the answer must then not leave. Nothing shown, nothing written.
   */
  async record(caller: Actor, via: OutboxReadVia, shown: readonly HandoverMessage[]): Promise<void> {
    await Promise.all([...byPatient(shown)].map(([patientId, messageIds]) =>
      this.windows.record(recordReadStream(patientId), keyOf(patientId, caller, via, messageIds), { caller, via, messageIds })));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.windows.closeAll();
  }
}

function byPatient(shown: readonly HandoverMessage[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const m of shown) {
    const ids = grouped.get(m.patientId);
    if (ids) ids.push(m.messageId);
    else grouped.set(m.patientId, [m.messageId]);
  }
  return grouped;
}

/** Hashed: a page may show hundreds of one patient's messages, and up to MOST_OPEN_WINDOWS keys are held. */
function keyOf(patientId: string, caller: Actor, via: OutboxReadVia, messageIds: string[]): string {
  return createHash('sha256').update([patientId, caller.org, caller.sub, caller.role, via, ...messageIds].join('|')).digest('base64');
}
