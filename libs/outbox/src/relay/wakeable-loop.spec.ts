/**
 * The relay's workers sleep between turns; a wake-up must never be lost — one that comes while a
 * turn works skips that turn's sleep (an owed message recorded meanwhile goes out at once, not a
 * second later) — and stopping must not wait for a long sleep.
 */
import { WakeableLoop } from './wakeable-loop';

const LONG = 60_000;

function loopWith(work: (loop: WakeableLoop, turn: number) => Promise<void>): { loop: WakeableLoop; turns: () => number } {
  let turns = 0;
  const loop: WakeableLoop = new WakeableLoop(async () => {
    turns += 1;
    loop.takeWakeUp();
    await work(loop, turns);
    await loop.sleep(LONG);
  });
  return { loop, turns: () => turns };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a wakeable loop', () => {
  it('sleeps between turns until woken', async () => {
    const { loop, turns } = loopWith(async () => undefined);
    loop.start();
    await settle();
    expect(turns()).toBe(1);
    await settle();
    expect(turns()).toBe(1); // asleep: no second turn without a wake-up
    loop.wake();
    await settle();
    expect(turns()).toBe(2);
    await loop.stop();
  });

  it('a wake-up during a turn skips that turn\'s sleep', async () => {
    const { loop, turns } = loopWith(async (l, turn) => { if (turn === 1) l.wake(); });
    loop.start();
    await settle();
    await settle();
    expect(turns()).toBe(2); // the second turn came with no timer
    await loop.stop();
  });

  it('a wake-up before a turn starts reading is taken by that turn, not kept for after it', async () => {
    const { loop, turns } = loopWith(async () => undefined);
    loop.start();
    await settle();
    loop.wake(); // wakes the sleeping first turn; the second reads it
    await settle();
    await settle();
    expect(turns()).toBe(2);
    await loop.stop();
  });

  it('stops at once from a long sleep, and runs no turn after', async () => {
    const { loop, turns } = loopWith(async () => undefined);
    loop.start();
    await settle();
    const stopped = Date.now();
    await loop.stop();
    expect(Date.now() - stopped).toBeLessThan(LONG / 2);
    expect(loop.isRunning).toBe(false);
    expect(turns()).toBe(1);
  });
});
