/**
 * Embedded default: `<dataDir>/outbox/<recipient SOR>/<messageId>.json`, written atomically
 * (temp file, fsync, rename, fsync the folder) so a reader never sees half a message and a
 * confirmed write survives a crash. A resend replaces the file under the same messageId.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MessageTransport, OutboundEnvelope } from '../transport.port';

export class DropFolderTransport implements MessageTransport {
  readonly name = 'dropfolder';

  constructor(private readonly root: string) {}

  async deliver(envelope: OutboundEnvelope): Promise<void> {
    if (!/^\d{1,20}$/.test(envelope.recipientSor) || !/^[0-9a-f-]{36}$/.test(envelope.messageId)) {
      throw new Error('refusing to build a path from an unexpected SOR or messageId');
    }
    const dir = join(this.root, envelope.recipientSor);
    mkdirSync(dir, { recursive: true });
    const target = join(dir, `${envelope.messageId}.json`);
    const temp = join(dir, `.${envelope.messageId}.${envelope.envelopeId}.tmp`);
    writeDurably(temp, envelope.body);
    renameSync(temp, target);
    syncDirectory(dir);
  }

  async close(): Promise<void> {
    return undefined;
  }
}

function writeDurably(file: string, content: string): void {
  const fd = openSync(file, 'w', 0o640);
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
