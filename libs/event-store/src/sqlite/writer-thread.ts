/**
 * The event store's writer thread (sqlite-writer.ts starts it): its own connection to the file,
 * one group commit per message, each answered with every append's outcome. The commit's sync —
 * and the checkpoints SQLite runs inside a commit — wait here, not on the event loop that
 * answers status lookups.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchAppend, BatchWriter, messageOf } from './batch-writer';
import { openDurableSqlite } from './open-sqlite';

export type ToWriter = { type: 'commit'; batch: BatchAppend[] } | { type: 'close' };
export type FromWriter =
  | { type: 'committed'; outcomes: ReturnType<BatchWriter['commit']> }
  | { type: 'failed'; message: string }
  | { type: 'closed' };

const db = openDurableSqlite((workerData as { file: string }).file);
const writer = new BatchWriter(db);
const port = parentPort!;

port.on('message', (message: ToWriter) => {
  if (message.type === 'close') {
    db.close();
    port.postMessage({ type: 'closed' } satisfies FromWriter);
    port.close();
    return;
  }
  try {
    port.postMessage({ type: 'committed', outcomes: writer.commit(message.batch) } satisfies FromWriter);
  } catch (error) {
    port.postMessage({ type: 'failed', message: messageOf(error) } satisfies FromWriter); // nothing of the batch is stored
  }
});
