import { describe, expect, it } from 'vitest';
import { PROJECT_SCHEMA_VERSION, type ProjectInput } from '../contract';
import { ProjectError } from './errors';
import { checkProject, loadProject, serializeProject } from './load';

function sample(): ProjectInput {
  return {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    name: 'Feeder 7',
    ieds: [
      {
        id: 'F7',
        host: '127.0.0.1',
        port: 10102,
        password: { env: 'F7_PASSWORD' },
        pollGroups: [{ id: 'default', periodMs: 1000 }, { id: 'slow', periodMs: 5000 }],
        reports: [{ id: 'events', rcb: 'F7CTRL/LLN0.brcbEvents', buffered: true, dataSet: 'F7CTRL/LLN0.Events' }],
      },
    ],
    points: [
      { id: 'CB_pos', ied: 'F7', ref: 'F7CTRL/XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', source: 'report', report: 'events',
        modbus: { area: 'input', address: 0, type: 'dbpos', companions: { status: { area: 'input', address: 100 } } } },
      { id: 'Ia', ied: 'F7', ref: 'F7MEAS/MMXU1.A.phsA.cVal.mag.f', fc: 'MX', type: 'float32', source: 'poll', pollGroup: 'slow',
        modbus: { area: 'holding', address: 0, type: 'float32', wordOrder: 'CDAB' } },
    ],
  };
}

function problems(input: unknown): string[] {
  const r = checkProject(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('loadProject', () => {
  it('round-trips: load(serialize(p)) equals p, with every default written out', () => {
    const first = loadProject(JSON.stringify(sample()));
    expect(first.migrated).toBe(false);
    expect(first.project.ieds[0]?.connectTimeoutMs).toBe(5000);
    expect(first.project.modbus.port).toBe(502);
    expect(first.project.points[0]?.modbus?.wordOrder).toBe('ABCD');
    const text = serializeProject(first.project);
    expect(text.endsWith('\n')).toBe(true);
    const second = loadProject(text);
    expect(second.project).toEqual(first.project);
    expect(serializeProject(second.project)).toBe(text);
  });

  it('names the JSON path and what is wrong', () => {
    const p = sample() as { points: { modbus?: { address: number } }[] };
    p.points[1]!.modbus!.address = 70000;
    expect(problems(p)).toEqual(['points[1].modbus.address: must be ≤ 65535, got 70000']);
  });

  it('says unknown keys are unknown (a typo), and wrong types with what was found', () => {
    const p = { ...sample(), modbsu: {} } as Record<string, unknown>;
    (p.ieds as Record<string, unknown>[])[0]!.port = '102';
    expect(problems(p)).toEqual([
      'ieds[0].port: must be number, got the text "102"',
      "(root): has unknown key 'modbsu' (a typo?)",
    ]);
  });

  it('refuses a plain-text password and says how to give one', () => {
    const p = sample() as { ieds: Record<string, unknown>[] };
    p.ieds[0]!.password = 'secret';
    const [message] = problems(p);
    expect(message).toMatch(/^ieds\[0\]\.password: a password is never stored in plain text/);
  });

  it('cross-checks ids, IEDs, poll groups and report plans', () => {
    const p = sample() as { points: Record<string, unknown>[]; ieds: { reports: Record<string, unknown>[] }[] };
    p.points.push({ id: 'CB_pos', ied: 'F7', ref: 'F7CTRL/XCBR1.Pos.q', fc: 'ST', type: 'quality', source: 'poll' });
    p.points.push({ id: 'x', ied: 'F8', ref: 'F7CTRL/XCBR1.Pos.q', fc: 'ST', type: 'quality', source: 'poll' });
    p.points.push({ id: 'y', ied: 'F7', ref: 'F7CTRL/XCBR1.Pos.q', fc: 'ST', type: 'quality', source: 'poll', pollGroup: 'fast' });
    p.points.push({ id: 'z', ied: 'F7', ref: 'F7CTRL/XCBR1.Pos.q', fc: 'ST', type: 'quality', source: 'report' });
    p.points.push({ id: 'w', ied: 'F7', ref: 'F7CTRL/XCBR1.Pos.q', fc: 'ST', type: 'quality', source: 'report', report: 'trips' });
    p.points.push({ id: 'v', ied: 'F7', ref: 'F7CTRL/XCBR1', fc: 'ST', type: 'quality', source: 'poll' });
    p.points.push({ id: 'u', ied: 'F7', ref: 'F7CTRL/XCBR1.Pos.q[ST]', fc: 'ST', type: 'quality', source: 'poll' });
    p.ieds[0]!.reports.push({ id: 'events2', rcb: 'F7CTRL/LLN0.brcbEvents', buffered: true, dataSet: 'F7CTRL/LLN0.Events' });
    expect(problems(p)).toEqual([
      "ieds[0].reports[1].rcb: RCB 'F7CTRL/LLN0.brcbEvents' is already used by report plan 'events'",
      "points[2].id: 'CB_pos' is used by another point of IED 'F7'",
      "points[3].ied: no IED has the id 'F8'",
      "points[4].pollGroup: IED 'F7' has no poll group 'fast'",
      "points[5].report: a report point names the report plan of IED 'F7' it comes from",
      "points[6].report: IED 'F7' has no report plan 'trips'",
      "points[7].ref: 'F7CTRL/XCBR1' is not an object reference LD/LN.DO[.DA]: it names a logical node, not an attribute",
      "points[8].ref: 'F7CTRL/XCBR1.Pos.q[ST]' is not an object reference LD/LN.DO[.DA]: write the FC in the point's fc field, not in brackets",
    ]);
  });

  it('refuses a newer schemaVersion, naming both versions', () => {
    const text = JSON.stringify({ ...sample(), schemaVersion: PROJECT_SCHEMA_VERSION + 1 });
    expect(() => loadProject(text)).toThrow(ProjectError);
    expect(() => loadProject(text)).toThrow(/schemaVersion 2, written by a newer RelayGate; this one reads up to 1/);
  });

  it('refuses broken JSON with the line and column, and a missing schemaVersion', () => {
    const text = '{\n  "schemaVersion": 1,\n  "name": "x",\n}';
    expect(() => loadProject(text)).toThrow(/not valid JSON: .*line 4 column 1/);
    expect(() => loadProject('[1]')).toThrow(/a project file is a JSON object, this one holds an array/);
    expect(() => loadProject('{"name": "x"}')).toThrow(/schemaVersion is missing/);
  });

  it('lists every problem with the count in the message', () => {
    const p = sample() as { points: Record<string, unknown>[] };
    p.points[0]!.fc = 'QQ';
    p.points[1]!.type = 'float';
    try {
      loadProject(JSON.stringify(p));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ProjectError);
      const e = err as ProjectError;
      expect(e.code).toBe('invalid');
      expect(e.issues.map((i) => i.path)).toEqual(['points[0].fc', 'points[1].type']);
      expect(e.message).toMatch(/^the file is not a valid project \(2 problems\):\npoints\[0\]\.fc: must be one of "ST", /);
    }
  });
});
