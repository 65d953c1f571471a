import type { PointBatch, PointState } from '../contract';
import type { MqttWatch } from './mqtt-watch';
import type { ModbusReader } from './modbus-reader';
import { spansOf, type PointRun } from './point-run';
import { Waker } from './waker';

export interface ReadyContext {
  readonly state: (key: string) => PointState | undefined;
  readonly onBatch: (listener: (b: PointBatch) => void) => () => void;
  readonly watch: MqttWatch | null;
  readonly reader: ModbusReader | null;
  readonly timeoutMs: number;
  readonly progress: (done: number, total: number) => void;
  /** Stops the wait (cancelled check): waitReady throws the abort reason. */
  readonly signal?: AbortSignal;
}

const WAITING = new Set<PointState['status']>(['never', 'disconnected', 'stale']);

function mqttStatus(watch: MqttWatch, run: PointRun): { status: string | null; seq: number | null } {
  const topic = run.planned.topics?.state;
  const text = topic ? watch.latest(topic)?.text : undefined;
  if (text === undefined) return { status: null, seq: null };
  try {
    const s = JSON.parse(text) as { status?: unknown; seq?: unknown };
    return { status: typeof s.status === 'string' ? s.status : null, seq: typeof s.seq === 'number' ? s.seq : null };
  } catch {
    return { status: null, seq: null };
  }
}

/**
 * Waits until every point has its first value in the gateway and on MQTT, on change batches and
 * messages (a slow timer covers the rest), or the time is up. A point without a first value by then
 * fails `ready` with its status and reason and takes no part in the steps. Then reads where each output
 * starts from: the Modbus sequence register and the /state seq.
 */
export async function waitReady(ctx: ReadyContext, runs: readonly PointRun[]): Promise<void> {
  const gatewayReady = (r: PointRun): boolean => !WAITING.has(ctx.state(r.planned.key)?.status ?? 'never');
  const mqttReady = (r: PointRun): boolean => !ctx.watch || !r.planned.topics || mqttStatus(ctx.watch, r).status === 'ok';
  const isReady = (r: PointRun): boolean => gatewayReady(r) && (ctx.state(r.planned.key)?.status !== 'ok' || mqttReady(r));
  const deadline = performance.now() + ctx.timeoutMs;
  const waker = new Waker();
  const unsubscribe = ctx.onBatch(() => waker.nudge());
  const unwake = waker.wakeOn(ctx.signal);
  if (ctx.watch) ctx.watch.onMessage = () => waker.nudge();
  try {
    for (;;) {
      ctx.signal?.throwIfAborted();
      waker.clear();
      const done = runs.filter(isReady).length;
      ctx.progress(done, runs.length);
      if (done === runs.length || performance.now() >= deadline) break;
      await waker.wait(Math.min(250, deadline - performance.now()));
    }
  } finally {
    unsubscribe();
    unwake();
    if (ctx.watch) ctx.watch.onMessage = undefined;
  }
  for (const r of runs) {
    const s = ctx.state(r.planned.key);
    if (s?.status !== 'ok') {
      r.out = true;
      r.checks++;
      r.failures.push({
        step: 'ready',
        output: 'source',
        item: 'first value',
        where: r.planned.simRef,
        expected: 'a value with status ok',
        read: s ? `${s.status}${s.reason ? `: ${s.reason}` : ''}` : 'nothing',
      });
      continue;
    }
    if (ctx.watch && r.planned.topics) {
      r.checks++;
      const m = mqttStatus(ctx.watch, r);
      if (m.status !== 'ok') {
        r.failures.push({ step: 'ready', output: 'mqtt', item: '/state', where: r.planned.topics.state, expected: 'status ok', read: m.status ?? 'nothing published' });
      }
      r.seqMqtt = m.seq;
    }
  }
  await readSequences(ctx.reader, runs.filter((r) => !r.out));
}

/** The sequence register of every point that has one, before the first step. */
async function readSequences(reader: ModbusReader | null, runs: readonly PointRun[]): Promise<void> {
  if (!reader) return;
  const withSeq = runs.filter((r) => r.planned.expected?.companions.some((c) => c.kind === 'sequence'));
  if (withSeq.length === 0) return;
  const snap = await reader.read(withSeq.flatMap(spansOf));
  for (const r of withSeq) {
    const c = r.planned.expected!.companions.find((x) => x.kind === 'sequence')!;
    const words = snap.words(c.area, c.address, 1);
    r.seqModbus = typeof words === 'string' ? null : (words[0] ?? null);
  }
}
