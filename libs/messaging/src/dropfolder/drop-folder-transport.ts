/**
 * Embedded default: `<dataDir>/outbox/<SOR of the place of delivery>/<messageId>.json` (and the status feed in
 * `<dataDir>/status-feed/<position>.json`), written atomically
 * (temp file, fsync, rename, fsync the folder) so a reader never sees half a message and a
 * confirmed write survives a crash. A resend replaces the file under the same messageId.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MessageTransport, OutboundEnvelope, StatusFeedEntry } from '../transport.port';

export class DropFolderTransport implements MessageTransport {
  readonly name = 'dropfolder';

  /** `root`: the messages' folder (`<DATA_DIR>/outbox`); `feedRoot`: the status feed's (`<DATA_DIR>/status-feed`). */
  constructor(private readonly root: string, private readonly feedRoot: string) {}

  /**
   * Each file is written and synced under a temporary name and renamed into place; each folder
   * that received a file is then synced once for the batch (what makes the renames durable).
   * A folder that refuses the write fails its envelopes only.
   */
  async deliverAll(envelopes: readonly OutboundEnvelope[]): Promise<Array<Error | null>> {
    const touched = new Map<string, number[]>();
    const outcomes: Array<Error | null> = envelopes.map((envelope, i) => {
      try {
        if (!/^\d{1,20}$/.test(envelope.deliverToSor) || !/^[0-9a-f-]{36}$/.test(envelope.messageId)) {
          throw new Error('refusing to build a path from an unexpected SOR or messageId');
        }
        const dir = join(this.root, envelope.deliverToSor);
        placeUnsynced(dir, `${envelope.messageId}.json`, `.${envelope.messageId}.${envelope.envelopeId}.tmp`, envelope.body);
        touched.set(dir, [...(touched.get(dir) ?? []), i]);
        return null;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
    for (const [dir, indices] of touched) {
      try {
        syncDirectory(dir);
      } catch (error) {
        for (const i of indices) outcomes[i] = error instanceof Error ? error : new Error(String(error));
      }
    }
    return outcomes;
  }

  /** `<feedRoot>/<position, 12 digits>.json`: a folder reader takes the files in name order; the folder is synced once for the batch. */
  async publishStatuses(entries: readonly StatusFeedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    for (const entry of entries) {
      const name = String(entry.position).padStart(12, '0');
      placeUnsynced(this.feedRoot, `${name}.json`, `.${name}.tmp`, JSON.stringify(entry));
    }
    syncDirectory(this.feedRoot);
  }

  async close(): Promise<void> {
    return undefined;
  }
}

/** The file's content is synced; its name is not until the folder is. */
function placeUnsynced(dir: string, name: string, tempName: string, content: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, tempName);
  writeDurably(temp, content);
  renameSync(temp, join(dir, name));
}

function writeDurably(file: string, content: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
