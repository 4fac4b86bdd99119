/**
 * A catch-up subscription over readAll: reads pages after the last handled position, hands
 * each page to the handler in order, and waits for a wake-up (an append in this process) or
 * a short poll (appends by another process on the same file).
 */
import { EventStore, SubscribeOptions, Subscription } from '../event-store.port';

const PAGE = 500;
/** By default a subscription looks for appends by another process every 200 ms. */
const POLL_MS = 200;
/**
 * Woken by an append, it reads 25 ms later, so a busy flow's appends come as one page rather
 * than one page each: each page is a commit for its handler (the outbox projection's fsync on
 * the relay thread; libs/outbox/src/relay/rest.ts has the measurement).
 */
const GATHER_MS = 25;

export function pollingSubscription(
  store: Pick<EventStore, 'readAll'>,
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
        const page = await store.readAll(position, PAGE, options.streamPrefix);
        if (stopped) return;
        if (page.length > 0) {
          await options.onEvents(page);
          position = page[page.length - 1].position;
        }
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
