/**
 * Every read of a patient's whole record (GET …/events: the CPR, the name and every instrument's
 * details) is recorded durably — who, role, organisation, when, and which version they saw — in
 * the patient's own record-read stream, before the answer leaves. Repeats of the same read are
 * counted, not written line by line (libs/http read-windows.ts).
 */
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Actor } from '@dnr/domain';
import { EVENT_STORE, EventStore, recordReadStream } from '@dnr/event-store';
import { Clock, countingReadWindows, Reader, readerOf, ReadWindows } from '@dnr/http';
import { COALESCE_MS, MOST_OPEN_WINDOWS } from './lookup-audit';

export interface RecordReadLine {
  at: string;
  by: Reader;
  version: number;
  /** On a line that closes a window: how many more reads of the same version there were, the last at `at`. */
  repeats?: number;
  since?: string;
}

interface RecordRead {
  caller: Actor;
  version: number;
}

@Injectable()
export class RecordReadAudit implements BeforeApplicationShutdown {
  private readonly windows: ReadWindows<RecordRead, RecordReadLine, true>;

  constructor(@Inject(EVENT_STORE) store: EventStore, clock: Clock) {
    this.windows = countingReadWindows<RecordRead, RecordReadLine>({
      store, eventType: 'RecordRead', windowMs: COALESCE_MS, mostOpen: MOST_OPEN_WINDOWS, now: () => clock.now(),
      lineOf: ({ caller, version }, at) => ({ at: new Date(at).toISOString(), by: readerOf(caller), version }),
    });
  }

  async record(patientId: string, caller: Actor, version: number): Promise<void> {
    await this.windows.record(recordReadStream(patientId), [patientId, caller.org, caller.sub, caller.role, version].join('|'), { caller, version });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.windows.closeAll();
  }
}
