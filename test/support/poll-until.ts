/**
 * Calls `read` until `done` holds for what it returns, and returns that. The
 * deadline only stops a hung test: it is minutes, not a bound on how fast the
 * machine is, so a loaded machine passes as a quiet one does.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, options: { what: string; timeoutMs?: number; intervalMs?: number }): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${options.what}: not so after ${timeoutMs} ms; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}
