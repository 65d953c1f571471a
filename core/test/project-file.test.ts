import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectSchema, type Project } from '../contract';
import { ProjectError } from '../project';
import { StateFile, readProjectFile, stateFilePath, writeProjectFile } from '../runtime';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-project-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function project(): Project {
  return ProjectSchema.parse({
    schemaVersion: 1,
    name: 'Feeder 7',
    ieds: [{ id: 'F7', host: '127.0.0.1', port: 10102, password: { env: 'F7_PW' } }],
    points: [{ id: 'pos', ied: 'F7', ref: 'F7CTRL/XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', source: 'poll' }],
  });
}

const V0 = {
  schemaVersion: 0,
  name: 'old',
  devices: [{ name: 'F7', address: '127.0.0.1:10102' }],
  points: [{ device: 'F7', ref: 'F7CTRL/XCBR1.Pos.stVal[ST]', type: 'dbpos', register: { address: 30001, type: 'dbpos' } }],
};

async function refused(promise: Promise<unknown>): Promise<ProjectError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProjectError);
    return err as ProjectError;
  }
  throw new Error('expected a refusal');
}

describe('project files on disk', () => {
  it('saves atomically and loads back the same project, leaving no temporary file', async () => {
    const path = join(dir, 'feeder.json');
    await writeProjectFile(path, project());
    const loaded = await readProjectFile(path);
    expect(loaded.project).toEqual(project());
    expect(loaded.migrated).toBe(false);
    expect(readdirSync(dir)).toEqual(['feeder.json']);
    const again = project();
    again.name = 'Feeder 7 renamed';
    await writeProjectFile(path, again);
    expect((await readProjectFile(path)).project.name).toBe('Feeder 7 renamed');
    expect(readdirSync(dir)).toEqual(['feeder.json']);
    expect(readFileSync(path, 'utf8')).not.toMatch(/secret|"password": "/);
  });

  it('migrates an old file on load without touching it, and keeps a backup when saving over it', async () => {
    const path = join(dir, 'old.json');
    const text = JSON.stringify(V0);
    writeFileSync(path, text);
    const loaded = await readProjectFile(path);
    expect(loaded).toMatchObject({ fromVersion: 0, migrated: true });
    expect(loaded.project.points[0]).toMatchObject({ ref: 'F7CTRL/XCBR1.Pos.stVal', fc: 'ST', modbus: { area: 'input', address: 0 } });
    expect(readFileSync(path, 'utf8')).toBe(text);
    await writeProjectFile(path, loaded.project);
    expect(readFileSync(`${path}.v0.bak`, 'utf8')).toBe(text);
    expect(JSON.parse(readFileSync(path, 'utf8')).schemaVersion).toBe(1);
  });

  it('refuses a newer file on load and on save, and leaves it as it was', async () => {
    const path = join(dir, 'newer.json');
    const text = JSON.stringify({ ...JSON.parse(JSON.stringify(project())), schemaVersion: 2, futureField: true });
    writeFileSync(path, text);
    const onLoad = await refused(readProjectFile(path));
    expect(onLoad.code).toBe('newer-version');
    expect(onLoad.message).toContain(path);
    const onSave = await refused(writeProjectFile(path, project()));
    expect(onSave.code).toBe('newer-version');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['newer.json']);
  });

  it('refuses a broken file with where it breaks, and does not overwrite it unless asked', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"schemaVersion": 1, "name": ');
    const onLoad = await refused(readProjectFile(path));
    expect(onLoad.message).toMatch(/broken\.json: the file is not valid JSON/);
    const onSave = await refused(writeProjectFile(path, project()));
    expect(onSave.message).toMatch(/exists and is not a readable project .*it was not overwritten/);
    expect(readFileSync(path, 'utf8')).toBe('{"schemaVersion": 1, "name": ');
    await writeProjectFile(path, project(), { overwriteUnreadable: true });
    expect((await readProjectFile(path)).project.name).toBe('Feeder 7');
  });

  it('refuses to save an invalid project and writes nothing', async () => {
    const path = join(dir, 'invalid.json');
    const bad = project();
    bad.points[0]!.ied = 'nope';
    const err = await refused(writeProjectFile(path, bad));
    expect(err.issues).toEqual([{ path: 'points[0].ied', message: "no IED has the id 'nope'" }]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps BRCB EntryIDs and the RCB instance of each plan in the state file beside the project', async () => {
    const path = stateFilePath(join(dir, 'feeder.json'));
    expect(path).toBe(join(dir, 'feeder.state.json'));
    const warnings: string[] = [];
    const first = await StateFile.open(path, (w) => warnings.push(w));
    first.entryIds.set('F7', 'events', '0000000000000017');
    first.entryIds.setInstance('F7', 'events', 'F7LD0/LLN0.brcbEvents02');
    await first.close();
    const second = await StateFile.open(path, (w) => warnings.push(w));
    expect(second.entryIds.get('F7', 'events')).toBe('0000000000000017');
    expect(second.entryIds.instance('F7', 'events')).toBe('F7LD0/LLN0.brcbEvents02');
    // A file written before instances were kept is read as it was.
    writeFileSync(path, JSON.stringify({ stateVersion: 1, entryIds: { F7: { events: '0000000000000018' } } }));
    const older = await StateFile.open(path, (w) => warnings.push(w));
    expect([older.entryIds.get('F7', 'events'), older.entryIds.instance('F7', 'events')]).toEqual(['0000000000000018', undefined]);
    writeFileSync(path, 'garbage');
    const third = await StateFile.open(path, (w) => warnings.push(w));
    expect(third.entryIds.get('F7', 'events')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not be read/);
  });
});
