/** The one polling wait of every suite: reads until the answer is accepted, or fails naming what it waited for (with the last value read). */
export async function eventually<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${what}; last value ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The same wait for a yes/no probe. */
export async function until(probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  await eventually(probe, (ok) => ok, what, timeoutMs);
}
