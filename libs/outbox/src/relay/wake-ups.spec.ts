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
