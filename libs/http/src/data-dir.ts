/**
 * The data folder holds CPR numbers and names (the event store), the pseudonym key and the
 * messages: nobody but the service's own user may read any of it. The umask makes every file
 * and folder the service creates private (0600 / 0700) — databases, WAL and SHM files, keys,
 * drop-folder messages — and a data folder made before is closed to others at start.
 */
import { chmodSync, mkdirSync } from 'node:fs';

export function keepDataPrivate(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}
