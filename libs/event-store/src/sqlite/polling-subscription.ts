/**
 * A catch-up subscription over readAll: reads pages after the last handled position, hands
 * each page to the handler in order, and waits for a wake-up (an append in this process) or
 * a short poll (appends by another process on the same file).
 */
import { EventStore, StoredEvent, SubscribeOptions, Subscription } from '../event-store.port';

const PAGE = 500;
/** By default a subscription looks for appends by another process every 200 ms. */
const POLL_MS = 200;
/**
 * Woken by an append, it reads 25 ms later, so a busy flow's appends come as one page rather
 * than one page each: each page is a commit for its handler (the outbox projection's fsync on
 * the relay thread; libs/outbox/src/relay/rest.ts has the measurement).
 */
const GATHER_MS = 25;

/** A page and the position the next page starts after (past events of other streams that were read over). */
export interface PageRead {
  events: StoredEvent[];
  readTo: string | null;
}

/** A store that can say how far a page read (SQLite); otherwise the next page starts after the last event handed over. */
type PagedStore = Pick<EventStore, 'readAll'> & { readPage?: (after: string | null, limit: number, streamPrefix?: string) => Promise<PageRead> };

async function readPage(store: PagedStore, after: string | null, streamPrefix?: string): Promise<PageRead> {
  if (store.readPage) return store.readPage(after, PAGE, streamPrefix);
  const events = await store.readAll(after, PAGE, streamPrefix);
  return { events, readTo: events.length ? events[events.length - 1].position : after };
}

export function pollingSubscription(
  store: PagedStore,
  options: SubscribeOptions & { pollMs?: number; gatherMs?: number },
  listen: (wake: () => void) => () => void,
): Subscription {
  let position = options.after;
  let stopped = false;
  // An append that lands while a page is being handled must not wait for the next poll.
  let woken = false;
  let wake: () => void = () => { woken = true; };
  const unlisten = listen(() => wake());

  const sleep = () => new Promise<void>((resolve) => {
    if (woken) { woken = false; resolve(); return; }
    const timer = setTimeout(done, options.pollMs ?? POLL_MS);
    function done() { clearTimeout(timer); wake = () => { woken = true; }; resolve(); }
    wake = done;
  });

  const loop = (async () => {
    while (!stopped) {
      try {
        const { events: page, readTo } = await readPage(store, position, options.streamPrefix);
        if (stopped) return;
        if (page.length > 0) await options.onEvents(page);
        position = readTo;
        if (page.length < PAGE) {
          await sleep();
          if (!stopped) await new Promise((resolve) => setTimeout(resolve, options.gatherMs ?? GATHER_MS));
        }
      } catch (error) {
        options.onError?.(error);
        await sleep();
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      unlisten();
      wake();
      await loop;
    },
  };
}
