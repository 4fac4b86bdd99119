/**
 * The relay's memory of each patient stream it recently projected: the events so far and the
 * outbox ledger after them. With it, the next event of that stream costs one step of the
 * projection instead of re-reading and re-folding the stream. Bounded (least recently used out);
 * a miss only costs the re-read, never correctness.
 */
import { OutboxLedger, PatientEvent } from '@dnr/domain';

export interface ProjectedStream {
  version: number;
  events: readonly PatientEvent[];
  ledger: OutboxLedger;
}

export class StreamLedgers {
  private readonly entries = new Map<string, ProjectedStream>();

  constructor(private readonly capacity = 10_000) {}

  /** The stream as projected up to `version`, if that is exactly what is remembered. */
  at(patientId: string, version: number): ProjectedStream | null {
    const entry = this.entries.get(patientId);
    if (!entry || entry.version !== version) return null;
    this.entries.delete(patientId);
    this.entries.set(patientId, entry);
    return entry;
  }

  remember(patientId: string, projected: ProjectedStream): void {
    this.entries.delete(patientId);
    this.entries.set(patientId, projected);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
