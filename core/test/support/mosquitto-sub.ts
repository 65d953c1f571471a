import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { MessageLog, type Received } from './mqtt-subscriber';

/** A message as `mosquitto_sub` printed it, with the time it received it (ms since 1970, µs resolution). */
export interface SubReceived extends Received {
  readonly at: number;
}

/** One line of `-F '%U %j'`: `1470818943.786368637 {"tst":…,"topic":…,"qos":0,"retain":1,"payload":"…"}`. */
const LINE = /^(\d+)\.(\d+) (\{.*\})$/;

/**
 * Debian's `mosquitto_sub` as the independent consumer: its own process and MQTT stack (libmosquitto),
 * each message printed as JSON with its receive time (`%U`, the subscriber's clock at arrival, so the
 * pipe to this process adds nothing to a latency). `-d` adds debug lines, of which only the SUBACK is
 * used: `start` resolves once the subscription stands. Run through coreutils' `stdbuf -oL`.
 */
export class MosquittoSub extends MessageLog<SubReceived> {
  private err = '';
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    super();
    child.stderr!.on('data', (d: Buffer) => (this.err += d.toString()));
    child.once('exit', () => (this.exited = true));
  }

  static async start(port: number, topics: readonly string[], timeoutMs = 10_000): Promise<MosquittoSub> {
    const args = ['-h', '127.0.0.1', '-p', String(port), '-q', '1', '-d', '-F', '%U %j'];
    for (const t of topics) args.push('-t', t);
    // Its debug lines are not flushed to a pipe: stdbuf makes its stdout line-buffered.
    const sub = new MosquittoSub(spawn('stdbuf', ['-oL', 'mosquitto_sub', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let subscribed!: () => void;
    const ready = new Promise<void>((ok) => (subscribed = ok));
    createInterface({ input: sub.child.stdout! }).on('line', (line) => {
      const m = LINE.exec(line);
      if (m) sub.add(parse(m));
      else if (/received SUBACK/.test(line)) subscribed();
    });
    const timer = new Promise<never>((_, fail) =>
      setTimeout(() => fail(new Error(`mosquitto_sub did not subscribe within ${timeoutMs} ms: ${sub.err}`)), timeoutMs).unref(),
    );
    await Promise.race([ready, timer]);
    return sub;
  }

  /** What it printed on stderr (connection errors). */
  get stderr(): string {
    return this.err;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((ok) => this.child.once('exit', () => ok()));
    this.child.kill();
    await gone;
  }
}

function parse(m: RegExpExecArray): SubReceived {
  const j = JSON.parse(m[3]!) as { topic: string; qos: number; retain: number; payload: string };
  const fraction = m[2]!.padEnd(9, '0').slice(0, 9);
  return {
    topic: j.topic,
    payload: Buffer.from(j.payload),
    text: j.payload,
    retain: j.retain === 1,
    qos: j.qos,
    at: Number(m[1]) * 1000 + Number(fraction) / 1e6,
  };
}
