/**
 * A patient's events as the status fold needs them — read, parsed and validated once per stream
 * version. A lookup asks the store only for the stream's version (one index probe) and reads the
 * events again only when the version moved, whoever appended (another replica included). Bounded,
 * least recently used out; a miss costs one read, never a wrong answer.
 */
import { Inject, Injectable } from '@nestjs/common';
import { PatientEvent, upcast } from '@dnr/domain';
import { EVENT_STORE, EventStore, patientStream } from '@dnr/event-store';

const REMEMBERED = 20_000;

@Injectable()
export class PatientHistories {
  private readonly remembered = new Map<string, { version: number; events: readonly PatientEvent[] }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The patient's events in stream order; empty for an unknown patient. */
  async of(patientId: string): Promise<readonly PatientEvent[]> {
    const stream = patientStream(patientId);
    const version = await this.store.streamVersion(stream);
    if (version === 0) return [];
    const known = this.remembered.get(patientId);
    if (known?.version === version) {
      this.remembered.delete(patientId); // most recently used last
      this.remembered.set(patientId, known);
      return known.events;
    }
    const stored = await this.store.readStream(stream);
    const events = stored.map((e) => upcast(e.payload));
    this.remember(patientId, { version: stored.length, events });
    return events;
  }

  private remember(patientId: string, entry: { version: number; events: readonly PatientEvent[] }): void {
    this.remembered.delete(patientId);
    this.remembered.set(patientId, entry);
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value as string);
  }
}
