import { describe, expect, it } from 'vitest';
import type { ChannelResult, Project } from '../../../core/contract';
import { fakeBackend } from '../test-support/fake-backend';
import { createProjectStore } from './project';

const settle = () => new Promise((ok) => setTimeout(ok, 0));
const wait = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

const empty = (name: string): Project =>
  ({ schemaVersion: 1, name, ieds: [], points: [], modbus: { enabled: true, bind: '0.0.0.0', port: 502 }, mqtt: { enabled: false } }) as unknown as Project;

function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

function mapCheck(ok: boolean): ChannelResult<'modbusMap'> {
  return { ok, problems: ok ? [] : [{ code: 'overlap', message: 'holding 0: A/x overlaps A/y', points: ['A/x', 'A/y'] }], mapped: 2, csv: ok ? 'ied,point' : null, rows: [] };
}

describe('project store', () => {
  it('creates a new project as unsaved, checks its map, and asks for a path before saving it', async () => {
    const checks: string[] = [];
    const fake = fakeBackend({ newProject: async ({ name }) => empty(name), modbusMap: async ({ project }) => (checks.push((project as Project).name), mapCheck(true)) });
    const store = createProjectStore(fake.backend, memory(), 5);
    await store.create('Bay 1');
    await settle();
    expect(store.getState()).toMatchObject({ path: null, dirty: true, mapStale: false, mapCheck: { ok: true } });
    expect(await store.save()).toBe(false);
    expect(store.getState().error).toContain('Save as');
    expect(checks).toEqual(['Bay 1']);
  });

  it('marks edits dirty and the map stale until the next check answers; an older answer never wins', async () => {
    const answers: ((r: ChannelResult<'modbusMap'>) => void)[] = [];
    const fake = fakeBackend({
      newProject: async ({ name }) => empty(name),
      modbusMap: () => new Promise((resolve) => answers.push(resolve)),
    });
    const store = createProjectStore(fake.backend, memory(), 5);
    await store.create('P');
    answers.shift()?.(mapCheck(true));
    await settle();
    store.edit((p) => ({ ...p, name: 'P2' }));
    expect(store.getState()).toMatchObject({ dirty: true, mapStale: true });
    await wait(20);
    store.edit((p) => ({ ...p, name: 'P3' }));
    await wait(20);
    expect(answers).toHaveLength(2);
    answers[1]?.(mapCheck(false));
    await settle();
    answers[0]?.(mapCheck(true));
    await settle();
    expect(store.getState().mapCheck?.ok).toBe(false);
    expect(store.getState().mapStale).toBe(false);
  });

  it('opens and saves by path, remembers recent files (newest first, once each), and keeps a failure as one line', async () => {
    const storage = memory();
    const saved: string[] = [];
    const fake = fakeBackend({
      openProject: async ({ path }) => {
        if (path.includes('missing')) throw new Error(`${path}: no such file`);
        return { path, project: empty('Opened'), fromVersion: 1, migrated: false, notes: [] };
      },
      saveProject: async ({ path }) => (saved.push(path ?? ''), { path: path ?? '' }),
      modbusMap: async () => mapCheck(true),
    });
    const store = createProjectStore(fake.backend, storage, 5);
    expect(await store.open('/a.json')).toBe(true);
    expect(store.getState()).toMatchObject({ path: '/a.json', dirty: false });
    store.edit((p) => ({ ...p, name: 'Edited' }));
    expect(await store.save('/b.json')).toBe(true);
    expect(store.getState()).toMatchObject({ path: '/b.json', dirty: false });
    expect(await store.open('/a.json')).toBe(true);
    expect(store.getState().recent).toEqual(['/a.json', '/b.json']);
    expect(JSON.parse(storage.items.get('relaygate.recentProjects') ?? '[]')).toEqual(['/a.json', '/b.json']);
    expect(await store.open('/missing.json')).toBe(false);
    expect(store.getState().error).toBe('/missing.json: no such file');
    expect(store.getState().path).toBe('/a.json');
    expect(saved).toEqual(['/b.json']);
    // A new store reads the list back.
    expect(createProjectStore(fake.backend, storage).getState().recent).toEqual(['/a.json', '/b.json']);
  });
});
