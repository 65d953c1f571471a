export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until `done()` holds; fails naming `what` after the timeout (generous: the machine may be
 * loaded). Called as `until(done, ms)` or `until(done, what, ms)`.
 */
export async function until(done: () => boolean, whatOrMs: string | number = 'condition', timeoutMs?: number): Promise<void> {
  const what = typeof whatOrMs === 'string' ? whatOrMs : 'condition';
  const ms = typeof whatOrMs === 'number' ? whatOrMs : (timeoutMs ?? 15_000);
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`${what}: not met within ${ms} ms`);
    await sleep(5);
  }
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 10_000, stepMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}
