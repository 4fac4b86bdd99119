import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@dnr/config';
import { SqliteEventStore } from '@dnr/event-store';
import { RelayThread, RelayWorker } from './relay-thread';
import { WakeUps } from './wake-ups';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the host wakes the relay thread', () => {
  it('once per turn, naming every stream appended to in that turn (the thread wakes only the subscriptions that follow them)', async () => {
    const posted: string[][] = [];
    const wakeUps = new WakeUps((streams) => posted.push(streams));
    wakeUps.wake(['patient-a']);
    wakeUps.wake(['patient-b', 'patient-a']);
    wakeUps.wake();
    expect(posted).toEqual([]);
    await nextTurn();
    expect(posted).toEqual([['patient-a', 'patient-b']]);
  });

  it('a wake-up without streams (a receipt, an address) is still posted, and the next turn starts afresh', async () => {
    const posted: string[][] = [];
    const wakeUps = new WakeUps((streams) => posted.push(streams));
    wakeUps.wake(['patient-a']);
    await nextTurn();
    wakeUps.wake();
    await nextTurn();
    expect(posted).toEqual([['patient-a'], []]);
  });
});

describe('the relay thread is woken by the host store\'s appends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-wake-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an append to a patient stream posts one wake-up naming that stream; an audit line posts none', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const posted: unknown[] = [];
    const worker = { postMessage: (m: unknown) => posted.push(m), on: () => worker, once: () => worker, terminate: async () => 0 } as unknown as RelayWorker;
    const loaded = loadConfig({ DATA_DIR: dir });
    if (!loaded.ok) throw new Error('configuration');
    const thread = new RelayThread(loaded.config, store, () => undefined, () => worker);
    thread.start();
    await store.append('lookup-a', [{ eventId: 'l-1', type: 'StatusLookedUp', payload: {} }], 'any');
    await nextTurn();
    expect(posted).toEqual([]);
    await store.append('patient-a', [{ eventId: 'p-1', type: 'Noted', payload: {} }], 'no_stream');
    await nextTurn();
    expect(posted).toEqual([{ type: 'wake', streams: ['patient-a'] }]);
    await store.close();
  });
});
