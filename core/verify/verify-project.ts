import type { PointBatch, Project, VerifyProgress, VerifyReport, VerifyStep } from '../contract';
import { EmbeddedBroker, buildTopicMap, compileRegisterMap, type RegisterMap, type TopicMap } from '../outputs';
import { secretResolver } from '../project';
import { RuntimeHost, projectOutputs, type RuntimeLogEntry, type RuntimeOptions } from '../runtime';
import { RelayGateError } from '../shared';
import { clientMapFromCsv } from './client-map';
import { driveStep, type GroupValues } from './drive-step';
import { ModbusReader } from './modbus-reader';
import { MqttWatch } from './mqtt-watch';
import { planPoints } from './plan';
import { pointRun, type PointRun } from './point-run';
import { waitReady } from './ready';
import { verifyReport } from './report';
import { serveIeds } from './serve-ieds';
import { runStep } from './step-runner';
import { STEPS } from './steps';
import { testProject } from './test-project';

export interface VerifyOptions {
  /** The project file: origins are relative to it. */
  readonly projectPath: string | null;
  readonly version: string;
  /** The client's map (`modbus-map --csv` text) to check against instead of the project's. */
  readonly clientMap?: { readonly name: string; readonly csv: string };
  /** A broker on this machine to use (e.g. a mosquitto) instead of an embedded one on a free port. */
  readonly mqttUrl?: string;
  /** Check Modbus / MQTT (default: what the project enables). */
  readonly modbus?: boolean;
  readonly mqtt?: boolean;
  /** How long one step may take before what is missing fails; default from the poll periods. */
  readonly stepTimeoutMs?: number;
  /** How long the first values may take (default 20 s). */
  readonly readyTimeoutMs?: number;
  readonly onProgress?: (p: VerifyProgress) => void;
  /** Cancels the check: everything it started (simulators, gateway, clients, broker) is stopped, and it throws the abort reason. */
  readonly signal?: AbortSignal;
  readonly log?: (e: RuntimeLogEntry) => void;
  readonly runtimeOptions?: Partial<RuntimeOptions>;
}

/** Long enough for the slowest poll group twice, a report's buffer time, and a loaded machine. */
function defaultStepTimeout(project: Project): number {
  const poll = Math.max(0, ...project.ieds.flatMap((i) => i.pollGroups.map((g) => g.periodMs)));
  const bufTm = Math.max(0, ...project.ieds.flatMap((i) => i.reports.map((r) => r.bufTimeMs ?? 1000)));
  return Math.max(5000, 2 * poll + bufTm + 2000);
}

/**
 * The point-to-point check of a project (`relaygate verify`, docs/VERIFY.md): its IEDs served by the
 * simulator, the gateway run on the project redirected to them and to local endpoints, each point driven
 * through the steps at the source and read back by an independent Modbus client and MQTT subscriber.
 */
export async function verifyProject(project: Project, o: VerifyOptions): Promise<VerifyReport> {
  const started = new Date();
  const t = performance.now();
  const notes: string[] = [];
  const progress = (phase: VerifyProgress['phase'], step: VerifyStep | null, done: number, total: number, message: string): void =>
    o.onProgress?.({ phase, step, done, total, message });
  const served = compileRegisterMap(project.points);
  if (served.problems.length > 0)
    throw new RelayGateError('verify', 'bad-map', `the project's Modbus map has ${served.problems.length} problems, so the gateway would not serve it: ${served.problems.map((p) => p.message).join('; ')}`);
  const expected = o.clientMap ? clientMapFromCsv(o.clientMap.csv, o.clientMap.name, project) : null;
  const modbus = wantModbus(project, o, served.map, expected, notes);
  const mqtt = wantMqtt(project, o, notes);
  const signal = o.signal;
  signal?.throwIfAborted();
  progress('serving', null, 0, project.ieds.length, 'serving the IEDs from the simulator');
  const ieds = await serveIeds(project, o.projectPath);
  const closers: (() => Promise<void>)[] = [() => ieds.stop()];
  let report: Omit<VerifyReport, 'durationMs'>;
  try {
    signal?.throwIfAborted();
    let url: string | null = null;
    if (mqtt) {
      if (o.mqttUrl) url = o.mqttUrl;
      else {
        const broker = new EmbeddedBroker({ host: '127.0.0.1', port: 0 });
        url = (await broker.start()).url;
        closers.push(() => broker.stop());
      }
    }
    const topics: TopicMap | null = mqtt ? buildTopicMap(project.mqtt.topicRoot, project.ieds.map((i) => i.id), project.points) : null;
    const watch = url && topics ? await MqttWatch.connect(url, topics.root, new Set([...topics.points.values()].flatMap((p) => [p.value, p.state]))) : null;
    if (watch) closers.push(() => watch.close());
    progress('starting', null, 0, project.points.length, 'starting the gateway');
    const host = await RuntimeHost.start(testProject(project, ieds, { mqttUrl: url, modbus }), {
      projectPath: null,
      secrets: secretResolver({}),
      outputs: projectOutputs,
      log: o.log ?? (() => undefined),
      ...(o.runtimeOptions ? { runtimeOptions: o.runtimeOptions } : {}),
    });
    closers.push(() => host.stop());
    signal?.throwIfAborted();
    const listening = modbus ? host.modbusClients().listening : null;
    const reader = listening ? await ModbusReader.connect('127.0.0.1', Number(listening.slice(listening.lastIndexOf(':') + 1)), project.modbus.unitId) : null;
    if (reader) closers.push(() => reader.close());
    const { planned, unplanned } = planPoints(project, ieds.sims, { served: served.map, expected }, topics);
    const runs = planned.map(pointRun);
    const onBatch = (listener: (b: PointBatch) => void): (() => void) => host.gateway.on('batch', listener);
    await waitReady(
      {
        state: (key) => host.gateway.cache.get(key),
        onBatch,
        watch,
        reader,
        timeoutMs: o.readyTimeoutMs ?? 20_000,
        ...(signal ? { signal } : {}),
        progress: (done, total) => progress('ready', 'ready', done, total, 'waiting for the first values'),
      },
      runs,
    );
    const steps = await runSteps(runs, { reader, watch, onBatch, policy: project.modbus.badValuePolicy, timeoutMs: o.stepTimeoutMs ?? defaultStepTimeout(project), ...(signal ? { signal } : {}) }, progress);
    report = verifyReport(project, o, {
      started,
      map: expected ? `the client map ${o.clientMap!.name}` : "the project's map",
      modbus: listening,
      mqtt: url && topics ? `${url} (topic root ${topics.root})` : null,
      notes,
      steps,
      ieds: ieds.ieds,
      runs,
      unplanned,
    });
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
  const done = { ...report, durationMs: Math.round(performance.now() - t) };
  progress('done', null, done.summary.passed, done.summary.points, done.passed ? 'every point passed' : `${done.summary.failed} failed, ${done.summary.notRun} not run`);
  return done;
}

async function runSteps(
  runs: PointRun[],
  ctx: Omit<Parameters<typeof runStep>[0], 'progress'>,
  progress: (phase: VerifyProgress['phase'], step: VerifyStep | null, done: number, total: number, message: string) => void,
): Promise<VerifyReport['steps']> {
  const values: GroupValues = new Map();
  const steps: VerifyReport['steps'] = [];
  for (const spec of STEPS) {
    const active = runs.filter((r) => !r.out);
    const t0 = performance.now();
    const driven = driveStep(active.map((r) => r.planned), spec, values, Date.now());
    for (const r of active) {
      const why = driven.errors.get(r.planned.key);
      if (why === undefined) continue;
      r.out = true;
      r.checks++;
      r.failures.push({ step: spec.step, output: 'source', item: 'drive', where: r.planned.simRef, expected: `a new value with quality ${spec.qualityText}`, read: why });
    }
    const durationMs = await runStep({ ...ctx, progress: (d, n) => progress('step', spec.step, d, n, `step ${spec.step}: ${spec.qualityText}`) }, active, driven.expectations, t0, spec.index);
    steps.push({ step: spec.step, quality: spec.qualityText, durationMs });
  }
  return steps;
}

function wantModbus(project: Project, o: VerifyOptions, served: RegisterMap, expected: RegisterMap | null, notes: string[]): boolean {
  const skip = o.modbus === false ? 'not checked (turned off for this check)' : !project.modbus.enabled ? 'off in the project, not checked' : (expected ?? served).points.length === 0 ? 'no point is mapped, nothing to check' : null;
  if (skip) notes.push(`Modbus: ${skip}`);
  return skip === null;
}

function wantMqtt(project: Project, o: VerifyOptions, notes: string[]): boolean {
  const skip =
    o.mqtt === false
      ? 'not checked (turned off for this check)'
      : !project.mqtt.enabled
        ? 'off in the project, not checked'
        : project.mqtt.payload === 'sparkplug'
          ? 'the project publishes Sparkplug B; verify checks the JSON topics, so MQTT is not checked'
          : null;
  if (skip) notes.push(`MQTT: ${skip}`);
  return skip === null;
}
