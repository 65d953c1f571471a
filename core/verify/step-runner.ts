import type { BadValuePolicy, PointBatch } from '../contract';
import { registerRange } from '../outputs';
import { errorMessage } from '../shared';
import type { Expectation } from './expectation';
import { Waker } from './waker';
import { checkModbus, type ModbusCheck } from './modbus-check';
import type { ModbusReader } from './modbus-reader';
import { checkMqtt, type MqttCheck } from './mqtt-check';
import type { MqttWatch } from './mqtt-watch';
import { round1, spansOf, type PointRun } from './point-run';

export interface StepContext {
  readonly reader: ModbusReader | null;
  readonly watch: MqttWatch | null;
  /** Subscribes to the gateway's change batches; returns the unsubscribe. */
  readonly onBatch: (listener: (b: PointBatch) => void) => () => void;
  readonly policy: BadValuePolicy;
  readonly timeoutMs: number;
  /** Called as points are seen, at most a few times a second. */
  readonly progress: (done: number, total: number) => void;
  /** Stops the step (cancelled check): runStep throws the abort reason. */
  readonly signal?: AbortSignal;
}

/**
 * Waits until every output shows a step to an independent client, or the step's time is up. The
 * subscriber checks a point's topics as its messages arrive; the Modbus client reads the registers of
 * the points not yet seen whenever the gateway hands its outputs a change batch (no fixed sleep; a slow
 * fallback read covers a change that came with no batch), all pending points coalesced into as few
 * requests as the protocol allows. The first read that matches in full gives the point's latency; at
 * the end, what still does not match is a failure naming what was expected and what was read.
 */
export async function runStep(
  ctx: StepContext,
  runs: readonly PointRun[],
  expectations: ReadonlyMap<string, Expectation>,
  t0: number,
  stepIndex: number,
): Promise<number> {
  const modbus = new Map(runs.filter((r) => ctx.reader && r.planned.expected && expectations.has(r.planned.key)).map((r) => [r.planned.key, r]));
  const mqtt = new Map(runs.filter((r) => ctx.watch && r.planned.topics && expectations.has(r.planned.key)).map((r) => [r.planned.key, r]));
  const lastModbus = new Map<string, ModbusCheck>();
  const lastMqtt = new Map<string, MqttCheck>();
  const total = new Set([...modbus.keys(), ...mqtt.keys()]).size;
  for (const r of runs) {
    r.latency.modbus[stepIndex] = null;
    r.latency.mqtt[stepIndex] = null;
  }
  const byTopic = new Map<string, PointRun>();
  for (const r of mqtt.values()) {
    byTopic.set(r.planned.topics!.value, r);
    byTopic.set(r.planned.topics!.state, r);
  }
  const evaluateMqtt = (r: PointRun): void => {
    const topics = r.planned.topics!;
    const seen = { value: ctx.watch!.since(topics.value, t0), state: ctx.watch!.since(topics.state, t0) };
    const check = checkMqtt(r.planned.config, topics, expectations.get(r.planned.key)!, seen, { seqBefore: r.seqMqtt });
    lastMqtt.set(r.planned.key, check);
    if (check.failures.length === 0 && seen.value && seen.state) {
      r.latency.mqtt[stepIndex] = round1(Math.max(seen.value.at, seen.state.at) - t0);
      mqtt.delete(r.planned.key);
    }
  };
  const waker = new Waker();
  if (ctx.watch) {
    ctx.watch.onMessage = (topic) => {
      const r = byTopic.get(topic);
      if (r && mqtt.has(r.planned.key)) evaluateMqtt(r);
      if (mqtt.size === 0) waker.nudge();
    };
  }
  const unsubscribe = ctx.onBatch((b) => {
    if (b.changes.some((s) => modbus.has(s.key))) waker.nudge();
  });
  const deadline = t0 + ctx.timeoutMs;
  let lastProgress = 0;
  const unwake = waker.wakeOn(ctx.signal);
  try {
    for (const r of [...mqtt.values()]) evaluateMqtt(r);
    while ((modbus.size > 0 || mqtt.size > 0) && performance.now() < deadline) {
      ctx.signal?.throwIfAborted();
      waker.clear();
      if (modbus.size > 0) await readModbus(ctx, [...modbus.values()], expectations, t0, stepIndex, lastModbus, modbus);
      const now = performance.now();
      if (now - lastProgress > 250) {
        lastProgress = now;
        ctx.progress(total - new Set([...modbus.keys(), ...mqtt.keys()]).size, total);
      }
      if (modbus.size === 0 && mqtt.size === 0) break;
      // The next change batch (or message), at most 250 ms, never past the deadline.
      await waker.wait(Math.min(250, deadline - performance.now()));
    }
    ctx.signal?.throwIfAborted();
    if (modbus.size > 0) await readModbus(ctx, [...modbus.values()], expectations, t0, stepIndex, lastModbus, modbus);
    for (const r of [...mqtt.values()]) evaluateMqtt(r);
  } finally {
    unsubscribe();
    unwake();
    if (ctx.watch) ctx.watch.onMessage = undefined;
  }
  settle(runs, expectations, lastModbus, lastMqtt);
  ctx.progress(total - new Set([...modbus.keys(), ...mqtt.keys()]).size, total);
  return round1(performance.now() - t0);
}

async function readModbus(
  ctx: StepContext,
  pending: readonly PointRun[],
  expectations: ReadonlyMap<string, Expectation>,
  t0: number,
  stepIndex: number,
  last: Map<string, ModbusCheck>,
  open: Map<string, PointRun>,
): Promise<void> {
  let snap;
  try {
    snap = await ctx.reader!.read(pending.flatMap(spansOf));
  } catch (err) {
    for (const r of pending)
      last.set(r.planned.key, { checks: 1, held: r.held, sequence: null, failures: [{ step: expectations.get(r.planned.key)!.step, output: 'modbus', item: 'value', where: '', expected: 'an answer', read: errorMessage(err) }] });
    return;
  }
  for (const r of pending) {
    const check = checkModbus(r.planned.expected!, expectations.get(r.planned.key)!, snap, {
      policy: ctx.policy,
      held: r.held,
      sequenceBefore: r.seqModbus,
      elapsedMs: snap.at - t0,
    });
    last.set(r.planned.key, check);
    if (check.failures.length === 0) {
      r.latency.modbus[stepIndex] = round1(snap.at - t0);
      open.delete(r.planned.key);
    }
  }
}

/** Records each point's outcome of the step: checks made, failures, what the next step starts from. */
function settle(runs: readonly PointRun[], expectations: ReadonlyMap<string, Expectation>, modbus: Map<string, ModbusCheck>, mqtt: Map<string, MqttCheck>): void {
  for (const r of runs) {
    const e = expectations.get(r.planned.key);
    if (!e) continue;
    const mb = modbus.get(r.planned.key);
    const mq = mqtt.get(r.planned.key);
    if (mb) {
      r.checks += mb.checks;
      r.failures.push(...mb.failures);
      r.held = mb.held;
      if (mb.sequence !== null) r.seqModbus = mb.sequence;
    }
    if (mq) {
      r.checks += mq.checks;
      r.failures.push(...mq.failures);
      if (mq.seq !== null) r.seqMqtt = mq.seq;
    }
    if (mb?.sequence != null && mq?.seq != null && mb.failures.length === 0 && mq.failures.length === 0) {
      r.checks++;
      if (mb.sequence !== (mq.seq & 0xffff)) {
        const c = r.planned.expected?.companions.find((x) => x.kind === 'sequence');
        r.failures.push({ step: e.step, output: 'modbus', item: 'sequence', where: c ? registerRange(c.area, c.address, c.length) : '', expected: `${mq.seq & 0xffff} (the /state seq)`, read: String(mb.sequence) });
      }
    }
  }
}
