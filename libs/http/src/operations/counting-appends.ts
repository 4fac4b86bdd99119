/** The configured event store with its appends counted for /metrics; everything else passes straight through. */
import { EventStore } from '@dnr/event-store';
import { Metrics } from './metrics';

export function countingAppends(store: EventStore, metrics: Metrics): EventStore {
  // Prototype delegation: every other method (and `this` inside them) reaches the store itself.
  const counted: EventStore = Object.create(store);
  counted.append = async (streamId, events, expected, options) => {
    const result = await store.append(streamId, events, expected, options);
    metrics.eventsAppended(streamId, events.length);
    return result;
  };
  return counted;
}
