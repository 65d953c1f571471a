import type { MqttStatus } from '../contract';

/**
 * The `mqttStatusChanged` event, throttled: while the runtime runs, the publisher's status is read once
 * per interval (1 s by default) and sent only when something in it changed — the connection, the last
 * error, the counters (every message moves them), the warnings or the Sparkplug numbers. A publisher
 * sending thousands of messages a second costs clients one event a second; an idle one costs nothing.
 */
export class MqttWatch {
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = '';

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (status: MqttStatus) => void,
  ) {}

  /** Sends the status now if it changed, then checks every interval. */
  start(read: () => MqttStatus | null): void {
    this.stop(null);
    this.check(read());
    this.timer = setInterval(() => this.check(read()), this.intervalMs);
    this.timer.unref?.();
  }

  /** Stops checking; sends `final` (the stopped publisher's status) if it differs from the last sent. */
  stop(final: MqttStatus | null): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.check(final);
  }

  private check(status: MqttStatus | null): void {
    if (status === null) return;
    const signature = JSON.stringify([
      status.enabled,
      status.url,
      status.connection,
      status.lastError,
      status.reconnects,
      status.counters,
      status.warnings.length,
      status.sparkplug,
    ]);
    if (signature === this.last) return;
    this.last = signature;
    this.emit(status);
  }
}
