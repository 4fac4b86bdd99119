/**
 * A patient's events as the status fold and the command service need them — read, parsed and
 * validated once per stream version. A lookup or a command asks the store only for the stream's
 * version (one index probe) and reads the events again only when the version moved, whoever
 * appended (another replica included). A command's own append extends what is remembered, so the
 * next command for the patient reads nothing either (reading the whole stream was a seventh of
 * the API thread's time under commands). Bounded, least recently used out; a miss costs one read,
 * never a wrong answer: the events up to a version never change, the store is append-only.
 *
 * Beside a long record's events it keeps the patient's status as a stream (stream-status.ts),
 * made on the first lookup and grown with each command's event: a lookup then assesses it instead
 * of folding the whole record, so the crews' read does not grow with the record — a patient with
 * 50,000 events took 28 ms of event loop per lookup to fold, holding up every other crew's lookup.
 * A short record (nearly every patient's) is folded as before, in microseconds: keeping its status
 * too cost 1.7 kB per patient and, with a million patients read at random, the garbage of one
 * status made and dropped per lookup (the scale figure went from 1.04 × to 1.23 ×).
 *
 * A patient a command was run for also keeps the decider's state of their events, grown with
 * each own append like the status: the next command decides on it instead of folding the whole
 * record again. Only commands make it, so the crews' lookups of a million patients make none.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DeciderState, patientDecider, PatientEvent, StreamStatus, streamStatusOf, upcast, withEvent } from '@dnr/domain';
import { EVENT_STORE, EventStore, patientStream } from '@dnr/event-store';

const REMEMBERED = 20_000;
/** From this many events a record keeps its status between lookups (folding 50 events takes about 0.1 ms). */
export const KEEPS_STATUS_FROM = 50;

type Remembered = { readonly version: number; readonly events: readonly PatientEvent[]; status?: StreamStatus; decider?: DeciderState };

@Injectable()
export class PatientHistories {
  private readonly remembered = new Map<string, Remembered>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The patient's events in stream order; empty for an unknown patient. */
  async of(patientId: string): Promise<readonly PatientEvent[]> {
    return (await this.withVersion(patientId)).events;
  }

  /** The events, and for a long record its status as a stream — what a lookup assesses; made once per version (the events of a version never change). */
  async withStatus(patientId: string): Promise<Remembered> {
    const known = await this.withVersion(patientId);
    if (known.events.length >= KEEPS_STATUS_FROM) known.status ??= streamStatusOf(known.events);
    return known;
  }

  /**
   * The stream's version (the number of its events) and the decider's state of them: what a
   * command decides on and expects; made once per version. `trusted`: what is remembered, without
   * asking the store whether the stream moved — for a command whose append the store checks
   * against this version anyway (handle-patient-command.ts asks again before any other answer).
   */
  async forCommand(patientId: string, trusted = false): Promise<{ version: number; decider: DeciderState }> {
    const known = (trusted ? this.remembered.get(patientId) : undefined) ?? (await this.withVersion(patientId));
    known.decider ??= known.events.reduce(patientDecider.evolve, patientDecider.initialState());
    return { version: known.version, decider: known.decider };
  }

  /** The events and the stream's version (their number). */
  async withVersion(patientId: string): Promise<Remembered> {
    const stream = patientStream(patientId);
    const known = this.remembered.get(patientId);
    // Nothing remembered: one read, no probe first (on KurrentDB each is a request to the server).
    if (known && (await this.store.streamVersion(stream)) === known.version) {
      // Most recently used last — unless a newer read replaced it while this one waited.
      if (this.remembered.get(patientId) === known) this.remember(patientId, known);
      return known;
    }
    const stored = await this.store.readStream(stream);
    const read = { version: stored.length, events: Object.freeze(stored.map((e) => upcast(e.payload))) };
    // Only a stream whose versions count its events (nothing truncated) can be checked by its version alone.
    const counted = stored.length > 0 && stored[stored.length - 1].version === stored.length;
    if (counted && !((this.remembered.get(patientId)?.version ?? 0) > read.version)) this.remember(patientId, read);
    return read;
  }

  /**
   * `event` was appended as version `expected + 1` with the expected version `expected`: when that
   * is the version remembered, the stream is now exactly the remembered events and this one. Only
   * for an event under a fresh random id — an append under a derived id may be a store's
   * "already there" answer for another replica's event (KurrentDB's idempotent append). It is
   * kept as a read would give it back — through its stored JSON — so the two cannot differ; if
   * that fails, the patient is forgotten and read again next time. `event` is the validated one
   * (recordedEvent.ts): the schema changes nothing of what it has validated, so a second `upcast`
   * would give the same JSON back (patient-event.spec.ts) and is not paid for — it was a twentieth
   * of the API thread per command. The status and the decider's state, where kept, grow with it.
   */
  appended(patientId: string, expected: number, version: number, event: PatientEvent): void {
    const known = this.remembered.get(patientId);
    if (version !== expected + 1 || known?.version !== expected) return; // the next read finds out
    try {
      const stored = JSON.parse(JSON.stringify(event)) as PatientEvent;
      this.remember(patientId, {
        version,
        events: Object.freeze([...known.events, stored]),
        ...(known.status ? { status: withEvent(known.status, stored) } : {}),
        ...(known.decider ? { decider: patientDecider.evolve(known.decider, stored) } : {}),
      });
    } catch {
      this.remembered.delete(patientId);
    }
  }

  /** What is remembered may be behind the store (an append under a derived id, a lost race): read it again next time. */
  forget(patientId: string): void {
    this.remembered.delete(patientId);
  }

  private remember(patientId: string, entry: Remembered): void {
    this.remembered.delete(patientId);
    this.remembered.set(patientId, entry);
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value as string);
  }
}
