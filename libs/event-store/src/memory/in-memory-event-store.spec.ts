import { describeEventStoreContract } from '../contract/event-store.contract';
import { InMemoryEventStore, InMemoryLog } from './in-memory-event-store';

describeEventStoreContract('in memory (fast tests)', () => {
  const log = new InMemoryLog();
  return { open: async () => new InMemoryEventStore(log), cleanup: async () => undefined };
});
