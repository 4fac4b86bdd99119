/**
 * A patient's events as the status fold and the command service need them — read, parsed and
 * validated once per stream version. A lookup or a command asks the store only for the stream's
 * version (one index probe) and reads the events again only when the version moved, whoever
 * appended (another replica included). A command's own append extends what is remembered, so the
 * next command for the patient reads nothing either (reading the whole stream was a seventh of
 * the API thread's time under commands). Bounded, least recently used out; a miss costs one read,
 * never a wrong answer: the events up to a version never change, the store is append-only.
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
    return (await this.withVersion(patientId)).events;
  }

  /** The events and the stream's version (their number): what a command decides on and expects. */
  async withVersion(patientId: string): Promise<{ version: number; events: readonly PatientEvent[] }> {
    const stream = patientStream(patientId);
    const known = this.remembered.get(patientId);
    // Nothing remembered: one read, no probe first (on KurrentDB each is a request to the server).
    if (known && (await this.store.streamVersion(stream)) === known.version) {
      this.remembered.delete(patientId); // most recently used last
      this.remembered.set(patientId, known);
      return known;
    }
    const stored = await this.store.readStream(stream);
    const read = { version: stored.length, events: stored.map((e) => upcast(e.payload)) };
    if (read.version > 0) this.remember(patientId, read);
    return read;
  }

  /**
   * `event` was appended as version `version`, expecting the version before it: when that is the
   * version remembered, the stream is now exactly the remembered events and this one. It is kept
   * as a read would give it back — through its stored JSON and upcast — so the two cannot differ.
   */
  appended(patientId: string, version: number, event: PatientEvent): void {
    const known = this.remembered.get(patientId);
    if (known?.version !== version - 1) return; // not remembered, or not the version before: the next read finds out
    this.remember(patientId, { version, events: [...known.events, upcast(JSON.parse(JSON.stringify(event)))] });
  }

  private remember(patientId: string, entry: { version: number; events: readonly PatientEvent[] }): void {
    this.remembered.delete(patientId);
    this.remembered.set(patientId, entry);
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value as string);
  }
}
