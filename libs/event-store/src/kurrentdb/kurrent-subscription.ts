/**
 * A catch-up subscription to $all with a server-side stream filter. The handler gets one event
 * at a time (the loop awaits it, so the client's stream applies back-pressure). When the
 * subscription drops — server restart, leader change, network — it resubscribes after the last
 * *handled* event, with exponential back-off, until stopped.
 */
import { START } from '@kurrent/kurrentdb-client';
import type { Filter } from '@kurrent/kurrentdb-client';
import { StoredEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { KurrentClient, KurrentRecordedEvent, KurrentSubscription } from './kurrent-client';
import { decodePosition } from './positions';

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 30_000;

export const retryDelay = (attempt: number) => Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);

export function kurrentSubscription(
  client: KurrentClient,
  options: SubscribeOptions,
  filter: Filter,
  toStored: (e: KurrentRecordedEvent) => StoredEvent,
): Subscription {
  let last = options.after;
  let stopped = false;
  let current: KurrentSubscription | null = null;
  let cancelWait: () => void = () => undefined;

  const waitBeforeRetry = (attempt: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, retryDelay(attempt));
    cancelWait = () => { clearTimeout(timer); resolve(); };
  });

  const loop = (async () => {
    let attempt = 0;
    while (!stopped) {
      try {
        // The server's checkpoints (filter.checkpointReached) are deliberately not used to move
        // `last`: they can run ahead of events still buffered for the handler, and resuming from
        // one after a drop would skip those events.
        current = client.subscribeToAll({ fromPosition: last === null ? START : decodePosition(last), filter });
        for await (const resolved of current) {
          if (stopped) break;
          if (!resolved.event) continue;
          const event = toStored(resolved.event);
          await options.onEvents([event]);
          last = event.position;
          attempt = 0;
        }
      } catch (error) {
        if (!stopped) options.onError?.(error);
      }
      // Reached after an error or when the server ended the subscription: either way, resume later.
      if (!stopped) await waitBeforeRetry(attempt++);
    }
  })();

  return {
    async stop() {
      stopped = true;
      cancelWait();
      await current?.unsubscribe();
      await loop;
    },
  };
}
