/**
 * The event store's writer thread (sqlite-writer.ts starts it): its own connection to the file,
 * one group commit per message, each answered with every append's outcome. The commit's sync —
 * and the checkpoints SQLite runs inside a commit — wait here, not on the event loop that
 * answers status lookups.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchAppend, BatchWriter, messageOf } from './batch-writer';
import { openDurableSqlite } from './open-sqlite';

export type ToWriter = { type: 'commit'; id: number; batch: BatchAppend[] } | { type: 'close' };
export type FromWriter =
  | { type: 'committed'; id: number; outcomes: ReturnType<BatchWriter['commit']> }
  | { type: 'failed'; id: number; message: string }
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
  let answer: FromWriter;
  try {
    answer = { type: 'committed', id: message.id, outcomes: writer.commit(message.batch) };
  } catch (error) {
    answer = { type: 'failed', id: message.id, message: messageOf(error) }; // nothing of the batch is stored
  }
  port.postMessage(answer);
});
