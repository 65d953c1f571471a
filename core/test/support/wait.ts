export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until the test passes; fails naming `what` after the timeout. */
export async function until(test: () => boolean, what = 'condition', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}
