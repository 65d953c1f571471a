import type { Project, VerifyIed, VerifyPoint, VerifyReport } from '../contract';
import { valuePlace } from './modbus-check';
import type { Unplanned } from './plan';
import type { PointRun } from './point-run';
import type { VerifyOptions } from './verify-project';

export interface VerifyOutcome {
  readonly started: Date;
  readonly map: string;
  readonly modbus: string | null;
  readonly mqtt: string | null;
  readonly notes: readonly string[];
  readonly steps: VerifyReport['steps'];
  readonly ieds: readonly VerifyIed[];
  readonly runs: readonly PointRun[];
  readonly unplanned: readonly Unplanned[];
}

const STEP_COUNT = 3;

function pointOf(run: PointRun, modbusChecked: boolean, mqttChecked: boolean): VerifyPoint {
  const { config, expected, topics, target } = run.planned;
  const notes = [
    run.note,
    !target.q ? 'quality not driven: its data object has no q' : null,
    !target.t ? 'no device time: its data object has no t' : null,
    modbusChecked && !expected && config.modbus ? 'not in the map checked: Modbus not checked' : null,
  ].filter((n): n is string => n !== null);
  const pad = (list: (number | null)[], on: boolean): (number | null)[] => (on ? Array.from({ length: STEP_COUNT }, (_, i) => list[i] ?? null) : []);
  return {
    ied: config.ied,
    point: config.id,
    ref: config.ref,
    fc: config.fc,
    type: config.type,
    result: run.failures.length > 0 ? 'fail' : 'pass',
    modbus: modbusChecked && expected ? valuePlace(expected) : null,
    mqtt: mqttChecked && topics ? topics.value : null,
    checks: run.checks,
    failures: run.failures,
    latencyMs: { modbus: pad(run.latency.modbus, modbusChecked && !!expected), mqtt: pad(run.latency.mqtt, mqttChecked && !!topics) },
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}

function unplannedPoint(u: Unplanned): VerifyPoint {
  const c = u.config;
  return {
    ied: c.ied,
    point: c.id,
    ref: c.ref,
    fc: c.fc,
    type: c.type,
    result: u.result,
    modbus: null,
    mqtt: null,
    checks: u.result === 'fail' ? 1 : 0,
    failures: u.result === 'fail' ? [{ step: 'ready', output: 'source', item: 'reference', where: `${c.ref}[${c.fc}]`, expected: "a leaf of the IED's model", read: u.note }] : [],
    latencyMs: { modbus: [], mqtt: [] },
    note: u.note,
  };
}

/** The checklist: one row per project point, in the project's order. */
export function verifyReport(project: Project, o: Pick<VerifyOptions, 'projectPath' | 'version'>, out: VerifyOutcome): Omit<VerifyReport, 'durationMs'> {
  const byKey = new Map<string, VerifyPoint>();
  for (const r of out.runs) byKey.set(r.planned.key, pointOf(r, out.modbus !== null, out.mqtt !== null));
  for (const u of out.unplanned) byKey.set(`${u.config.ied}/${u.config.id}`, unplannedPoint(u));
  const points = project.points.flatMap((p) => byKey.get(`${p.ied}/${p.id}`) ?? []);
  const summary = {
    points: points.length,
    passed: points.filter((p) => p.result === 'pass').length,
    failed: points.filter((p) => p.result === 'fail').length,
    notRun: points.filter((p) => p.result === 'not-run').length,
  };
  return {
    project: project.name,
    projectPath: o.projectPath,
    version: o.version,
    startedAt: out.started.toISOString(),
    map: out.map,
    modbus: out.modbus,
    mqtt: out.mqtt,
    notes: [...out.notes],
    steps: out.steps,
    ieds: [...out.ieds],
    points,
    summary,
    passed: summary.points > 0 && summary.passed === summary.points,
  };
}
