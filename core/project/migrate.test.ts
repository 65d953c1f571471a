import { describe, expect, it } from 'vitest';
import { type ProjectError } from './errors';
import { loadProject } from './load';
import { migrateDocument, MigrationIssue, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

/** A file in the v0 draft format (docs/PROJECT.md "Older files"). */
const V0 = {
  schemaVersion: 0,
  name: 'Old substation',
  devices: [
    {
      name: 'Feeder 7',
      address: '127.0.0.1:10102',
      passwordEnv: 'F7_PW',
      pollMs: 500,
      reports: [{ rcb: 'F7CTRL/LLN0.brcbEvents[BR]', dataSet: 'F7CTRL/LLN0.Events' }],
    },
    { name: 'Bay/2', address: '[::1]' },
  ],
  points: [
    { device: 'Feeder 7', ref: 'F7CTRL/XCBR1.Pos.stVal[ST]', type: 'dbpos', report: 0, register: { address: 30001, type: 'dbpos' } },
    { device: 'Feeder 7', ref: 'F7MEAS/MMXU1.TotW.mag.f[MX]', type: 'float32', label: 'P', register: { address: 40011, type: 'float32', swapWords: true } },
    { device: 'Bay/2', ref: 'B2/XCBR1.Pos.stVal[ST]', type: 'dbpos' },
  ],
  modbus: { host: '127.0.0.1', port: 1502 },
};

describe('migration', () => {
  it('every step is numbered from 0 without gaps', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(MIGRATIONS.map((_, i) => i));
  });

  it('migrates a v0 file to the current schema, says what changed, and the result validates', () => {
    const loaded = loadProject(JSON.stringify(V0));
    expect(loaded.fromVersion).toBe(0);
    expect(loaded.migrated).toBe(true);
    expect(loaded.notes).toEqual([
      "v0 → v1: 2 devices became ieds (address split into host and port, pollMs into the 'default' poll group)",
      'v0 → v1: 3 points: the FC moved out of the reference; ids derived from the references',
      'v0 → v1: 2 Modbus registers moved from the Modicon form to 0-based offsets per area',
    ]);
    const { project } = loaded;
    expect(project.ieds.map((i) => [i.id, i.host, i.port])).toEqual([
      ['Feeder_7', '127.0.0.1', 10102],
      ['Bay_2', '::1', 102],
    ]);
    expect(project.ieds[0]?.password).toEqual({ env: 'F7_PW' });
    expect(project.ieds[0]?.pollGroups).toEqual([{ id: 'default', periodMs: 500 }]);
    expect(project.ieds[0]?.reports[0]).toMatchObject({ id: 'report1', rcb: 'F7CTRL/LLN0.brcbEvents', buffered: true });
    expect(project.points[0]).toMatchObject({
      id: 'XCBR1_Pos_stVal',
      ied: 'Feeder_7',
      ref: 'F7CTRL/XCBR1.Pos.stVal',
      fc: 'ST',
      source: 'report',
      report: 'report1',
      modbus: { area: 'input', address: 0, type: 'dbpos', wordOrder: 'ABCD' },
    });
    expect(project.points[1]).toMatchObject({ source: 'poll', label: 'P', modbus: { area: 'holding', address: 10, wordOrder: 'CDAB' } });
    expect(project.modbus).toMatchObject({ bind: '127.0.0.1', port: 1502 });
  });

  it('names the path of what a migration step cannot read', () => {
    const broken = structuredClone(V0);
    broken.points[1]!.register!.address = 50001;
    try {
      loadProject(JSON.stringify(broken));
      expect.unreachable();
    } catch (err) {
      const e = err as ProjectError;
      expect(e.code).toBe('migration-failed');
      expect(e.issues).toEqual([
        { path: 'points[1].register.address', message: '50001 is not a Modicon number (00001-09999, 10001-19999, 30001-39999, 40001-49999)' },
      ]);
    }
  });

  it('a migrated document that is still invalid is refused by validation, naming the path', () => {
    const bad = structuredClone(V0);
    (bad.points[2] as Record<string, unknown>).type = 'real';
    expect(() => loadProject(JSON.stringify(bad))).toThrow(/the migrated file is not a valid project .*\npoints\[2\]\.type: must be one of/s);
  });

  it('runs chained steps in order and refuses a step that yields the wrong version', () => {
    const steps: Migration[] = [
      { from: 0, describe: 'a', migrate: (d) => ({ doc: { ...d, schemaVersion: 1, a: true }, notes: ['added a'] }) },
      { from: 1, describe: 'b', migrate: (d) => ({ doc: { ...d, schemaVersion: 2, b: d.a }, notes: ['b from a'] }) },
    ];
    expect(migrateDocument({ schemaVersion: 0 }, steps, 2)).toEqual({
      doc: { schemaVersion: 2, a: true, b: true },
      fromVersion: 0,
      notes: ['v0 → v1: added a', 'v1 → v2: b from a'],
    });
    const wrong: Migration[] = [{ from: 0, describe: 'x', migrate: (d) => ({ doc: { ...d, schemaVersion: 3 }, notes: [] }) }];
    expect(() => migrateDocument({ schemaVersion: 0 }, wrong, 1)).toThrow(/did not produce schemaVersion 1/);
    expect(() => migrateDocument({ schemaVersion: 0 }, [], 1)).toThrow(/no migration from schemaVersion 0 to 1/);
    const throwing: Migration[] = [{ from: 0, describe: 'x', migrate: () => { throw new MigrationIssue(['a', 0], 'bad'); } }];
    expect(() => migrateDocument({ schemaVersion: 0 }, throwing, 1)).toThrow(/could not be migrated/);
  });

  it('does not modify the document it was given', () => {
    const doc = structuredClone(V0) as unknown as Record<string, unknown>;
    const before = JSON.stringify(doc);
    migrateDocument(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});
