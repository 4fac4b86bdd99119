/**
 * Commands for one patient run one at a time in this process (read, decide, append), while
 * commands for different patients proceed together and share the store's group commit.
 * Without this, concurrent writers on one stream would land in the same commit batch, all read
 * the same version, and all but one be refused as stale. Across replicas the store's expected
 * version still decides (the handler retries once, or answers 409).
 */
export class OneWriterPerPatient {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(patientId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(patientId) ?? Promise.resolve();
    const mine = previous.then(work, work);
    const tail = mine.catch(() => undefined);
    this.tails.set(patientId, tail);
    void tail.then(() => { if (this.tails.get(patientId) === tail) this.tails.delete(patientId); });
    return mine;
  }
}
