/** How long a CPU-bound step runs before the event loop gets its turn (docs/ARCHITECTURE.md: 20–50 ms). */
const SLICE_MS = 20;

/** The next turn of the event loop, after timers and socket I/O waiting now. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs a generator of small CPU-bound steps to its end, giving the event loop its turn every
 * `SLICE_MS`: simulators already serving keep answering while another IED's model is built.
 */
export async function runSliced<T>(steps: Generator<unknown, T>): Promise<T> {
  let deadline = performance.now() + SLICE_MS;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() >= deadline) {
      await nextTurn();
      deadline = performance.now() + SLICE_MS;
    }
  }
}
