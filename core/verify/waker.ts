/**
 * How the check waits: for the next change (a gateway batch, an MQTT message) rather than for a fixed
 * time, with a timer only as the fallback. A change that comes while nobody waits (a read in flight) is
 * remembered, so the next wait returns at once.
 */
export class Waker {
  private wake: (() => void) | undefined;
  private pending = false;

  nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Forgets changes seen so far (call before reading what they changed). */
  clear(): void {
    this.pending = false;
  }

  /** Wakes the waiter when the signal aborts, so a cancelled check stops at once. */
  wakeOn(signal: AbortSignal | undefined): () => void {
    if (!signal) return () => undefined;
    const wake = (): void => this.nudge();
    signal.addEventListener('abort', wake, { once: true });
    return () => signal.removeEventListener('abort', wake);
  }

  /** Resolves at the next change, at once if one came since `clear`, or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, ms));
      this.wake = done;
    });
  }
}
