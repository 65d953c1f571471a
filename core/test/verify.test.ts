import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema, VerifyReportSchema, type Project, type VerifyPoint, type VerifyReport } from '../contract';
import { compileRegisterMap, mapCsv } from '../outputs';
import { verifyProject } from '../verify';
import { runBuiltCli } from './support/cli-process';
import { FEEDER_SCL } from './support/feeder-project';
import { Mosquitto } from './support/mosquitto';

/**
 * `relaygate verify` against the shipped feeder relay: the project `init` writes (with every companion and
 * each float in another word order) passes every point; a client map that no longer matches what the
 * gateway serves fails exactly the rows that differ, naming what was expected and what was read.
 */

let dir: string;
let projectPath: string;
let project: Project;

const WORD_ORDERS = ['ABCD', 'CDAB', 'BADC', 'DCBA'] as const;
const FLOAT_CDAB = 'MEAS_MMXU1_TotVAr_mag_f';
const SHIFTED = 'CTRL_Q1XSWI1_Pos_stVal';

function write(name: string, p: Project): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(p, null, 2));
  return path;
}

const row = (r: VerifyReport, id: string): VerifyPoint => {
  const found = r.points.find((p) => p.point === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-verify-'));
  projectPath = join(dir, 'feeder.json');
  const init = await runBuiltCli(['init', FEEDER_SCL, '--companions', 'status,quality,timestamp,age,sequence', '--out', projectPath]);
  expect(init.code).toBe(0);
  // Every float in another word order, so each order is read back by the independent decoder.
  const parsed = ProjectSchema.parse(JSON.parse(readFileSync(projectPath, 'utf8')));
  let i = 0;
  project = {
    ...parsed,
    points: parsed.points.map((p) => (p.modbus?.type === 'float32' ? { ...p, modbus: { ...p.modbus, wordOrder: WORD_ORDERS[i++ % 4]! } } : p)),
  };
  write('feeder.json', project);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('relaygate verify on the demo project (init of the feeder relay)', () => {
  it('passes every point: value registers in four word orders, every companion, /value and /state, with latencies', async () => {
    const r = await runBuiltCli(['verify', projectPath, '--log-level', 'warn'], 60_000);
    // stderr has the progress line only: no gateway warning or error.
    expect(r.stderr).not.toMatch(/\b(warn|error)\b/);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^(PASS|FAIL|NOT RUN)\s/.test(l));
    expect(rows).toHaveLength(28);
    expect(rows.every((l) => l.startsWith('PASS '))).toBe(true);
    expect(r.stdout).toMatch(/^PASS\s+FDR1\s+MEAS_MMXU1_TotVAr_mag_f\s+float32\s+holding \d+-\d+ \(4\d+-4\d+\) float32 CDAB\s+yes\s+\d+\s+\d+$/m);
    expect(r.stdout).toMatch(/^PASS\s+FDR1\s+CTRL_Q0XCBR1_Pos_stVal\s+dbpos\s+input \d+ \(3\d+\) dbpos\s+yes\s+\d+\s+\d+$/m);
    expect(r.stdout).toMatch(/IED FDR1: served from SCL .*feeder-relay\.cid, IED FDR1 at 127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/^28 points: 28 passed, 0 failed, 0 not run in [\d.]+ s: PASS$/m);
  });

  it('--json: the checklist document, every check counted and each step seen by both clients', async () => {
    const r = await runBuiltCli(['verify', projectPath, '--json'], 60_000);
    expect(r.code).toBe(0);
    const report = VerifyReportSchema.parse(JSON.parse(r.stdout));
    expect(report).toMatchObject({ passed: true, summary: { points: 28, passed: 28, failed: 0, notRun: 0 }, map: "the project's map" });
    expect(report.steps.map((s) => [s.step, s.quality])).toEqual([
      ['good', 'good'],
      ['invalid', 'invalid: failure'],
      ['test', 'good | test'],
    ]);
    for (const p of report.points) {
      // Value and five companions per step, /value and /state per step, the first value on MQTT, the sequence cross-check.
      expect(p.checks).toBeGreaterThanOrEqual(3 * (6 + 2));
      expect(p.latencyMs.modbus).toHaveLength(3);
      expect(p.latencyMs.mqtt).toHaveLength(3);
      expect([...p.latencyMs.modbus, ...p.latencyMs.mqtt].every((ms) => ms !== null && ms >= 0)).toBe(true);
    }
  });
});

describe('a client map that no longer matches what the gateway serves', () => {
  it('fails exactly the float read in the wrong word order and the point at a shifted address, naming expected and read', async () => {
    // The HMI was configured from the map as it was; then the project changed under it.
    const hmi = join(dir, 'hmi.csv');
    writeFileSync(hmi, mapCsv(compileRegisterMap(project.points).map));
    const changed: Project = {
      ...project,
      points: project.points.map((p) => {
        if (p.id === FLOAT_CDAB && p.modbus) return { ...p, modbus: { ...p.modbus, wordOrder: 'ABCD' } };
        if (p.id === SHIFTED && p.modbus) return { ...p, modbus: { ...p.modbus, address: 900 } };
        return p;
      }),
    };
    const path = write('changed.json', changed);
    const r = await runBuiltCli(['verify', path, '--map', hmi, '--json', '--timeout', '2500'], 60_000);
    expect(r.code).toBe(1);
    const report = VerifyReportSchema.parse(JSON.parse(r.stdout));
    expect(report.map).toBe('the client map hmi.csv');
    expect(report.points.filter((p) => p.result !== 'pass').map((p) => p.point).sort()).toEqual([SHIFTED, FLOAT_CDAB].sort());
    expect(report.summary).toEqual({ points: 28, passed: 26, failed: 2, notRun: 0 });

    const float = row(report, FLOAT_CDAB);
    const floatValue = float.failures.filter((f) => f.item === 'value');
    expect(floatValue.map((f) => f.step)).toEqual(['good', 'invalid', 'test']);
    for (const f of floatValue) {
      expect(f).toMatchObject({ output: 'modbus', where: expect.stringMatching(/^holding \d+-\d+ \(4\d+-4\d+\) float32 CDAB$/) });
      expect(f.expected).toMatch(/^\d+\.\d+/);
      expect(f.read).toMatch(/\(0x[0-9A-F]{4} 0x[0-9A-F]{4}\)$/);
      expect(f.read.startsWith(f.expected)).toBe(false);
    }
    // Its timestamp seconds follow the same word order, and fail with it; MQTT does not care.
    expect(float.failures.some((f) => f.item === 'timestamp')).toBe(true);
    expect(float.failures.every((f) => f.output === 'modbus')).toBe(true);

    const shifted = row(report, SHIFTED);
    const original = project.points.find((p) => p.id === SHIFTED)!.modbus!.address;
    expect(shifted.failures.filter((f) => f.item === 'value')).toEqual(
      ['good', 'invalid', 'test'].map((step) =>
        expect.objectContaining({ step, output: 'modbus', where: expect.stringContaining(`input ${original} `), read: 'exception 02 (illegal data address)' }),
      ),
    );
    expect(shifted.failures.find((f) => f.step === 'good')?.expected).toMatch(/^(open|closed|intermediate|bad) \(\d\)$/);
  }, 60_000);

  it('a wrong gain in the client map fails that point with the scaled value expected and the raw read', async () => {
    const map = compileRegisterMap(project.points).map;
    const csv = mapCsv(map)
      .split('\n')
      .map((line) => (line.startsWith(`FDR1,MEAS_MMXU1_TotW_mag_f,`) && line.includes(',float32,') ? line.replace(/,1,0$/, ',10,0') : line))
      .join('\n');
    const report = await verifyProject(project, { projectPath, version: 'test', clientMap: { name: 'gain.csv', csv }, stepTimeoutMs: 2500 });
    expect(report.points.filter((p) => p.result === 'fail').map((p) => p.point)).toEqual(['MEAS_MMXU1_TotW_mag_f']);
    const f = row(report, 'MEAS_MMXU1_TotW_mag_f').failures.find((x) => x.step === 'good' && x.item === 'value');
    expect(f?.expected).toMatch(/^[\d.]+ \(raw [\d.]+\)$/);
    const [, eng, raw] = /^([\d.]+) \(raw ([\d.]+)\)$/.exec(f!.expected)!;
    expect(Number(raw)).toBeCloseTo(Number(eng) * 10, 3);
  }, 60_000);
});

describe('relaygate verify in other set-ups', () => {
  it('publishes to a real mosquitto given with --mqtt, twice (retained messages of the first run do not pass the second)', async () => {
    const mosquitto = await Mosquitto.start();
    try {
      for (let run = 0; run < 2; run++) {
        const r = await runBuiltCli(['verify', projectPath, '--mqtt', `mqtt://127.0.0.1:${mosquitto.port}`, '--no-modbus', '--json'], 60_000);
        const report = VerifyReportSchema.parse(JSON.parse(r.stdout));
        expect(report.mqtt).toBe(`mqtt://127.0.0.1:${mosquitto.port} (topic root relaygate)`);
        expect(report.modbus).toBeNull();
        expect(report.notes).toContain('Modbus: not checked (turned off for this check)');
        expect(report.passed).toBe(true);
        expect(r.code).toBe(0);
      }
    } finally {
      await mosquitto.stop();
    }
  }, 90_000);

  it('an IED without a usable origin is reported and its points are not run; the exit code says so', async () => {
    const base = project.ieds[0]!;
    const other: Project = ProjectSchema.parse({
      ...project,
      ieds: [...project.ieds, { ...base, id: 'LIVE', name: 'LIVE', host: '10.0.0.5', origin: { discovered: '10.0.0.5:102' }, reports: [] }],
      points: [...project.points, { ...project.points[0]!, ied: 'LIVE', source: 'poll', report: undefined, modbus: undefined }],
    });
    const report = await verifyProject(other, { projectPath, version: 'test', modbus: false, mqtt: false });
    expect(report.ieds.find((i) => i.id === 'LIVE')).toMatchObject({ served: false, address: null, problem: expect.stringMatching(/^no usable origin/) });
    expect(report.points.filter((p) => p.ied === 'LIVE')).toEqual([expect.objectContaining({ result: 'not-run', note: expect.stringContaining('IED LIVE is not served') })]);
    expect(report.summary).toMatchObject({ points: 29, passed: 28, notRun: 1 });
    expect(report.passed).toBe(false);
    expect(report.notes).toEqual(['Modbus: not checked (turned off for this check)', 'MQTT: not checked (turned off for this check)']);
  }, 60_000);

  it('badValuePolicy substitute: the invalid step reads the substitute with the substituted bit', async () => {
    const substituted: Project = { ...project, modbus: { ...project.modbus, badValuePolicy: { mode: 'substitute', value: 3 } } };
    const report = await verifyProject(substituted, { projectPath, version: 'test', mqtt: false });
    expect(report.points.filter((p) => p.result !== 'pass')).toEqual([]);
    expect(report.passed).toBe(true);
  }, 60_000);
});
