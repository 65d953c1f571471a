import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectInput } from '../../contract';
import { runCli } from '../run-cli';
import { modbusMapCommand } from './modbus-map-command';

const dir = mkdtempSync(join(tmpdir(), 'relaygate-modbus-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interrupted: new Promise<void>(() => {}) } };
}

function projectFile(name: string, content: ProjectInput | string): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const point = (id: string, modbus: Record<string, unknown>, type = 'float32') => ({ id, ied: 'relay1', ref: `LD0/MMXU1.${id}.mag.f`, fc: 'MX', type, source: 'poll', modbus });

const GOOD: ProjectInput = {
  schemaVersion: 1,
  name: 'feeder',
  ieds: [{ id: 'relay1', host: '127.0.0.1' }],
  points: [
    point('TotW', { area: 'holding', address: 0, type: 'float32', companions: { status: { area: 'holding', address: 2 } } }) as never,
    point('Trip', { area: 'discrete', address: 0, type: 'bool' }, 'boolean') as never,
  ],
};

async function run(argv: string[]) {
  const c = capture();
  const code = await runCli(argv, [modbusMapCommand], '0.0.0', c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

describe('relaygate modbus-map', () => {
  it('prints CSV with a row per value and per companion', async () => {
    const r = await run(['modbus-map', projectFile('good.json', GOOD), '--csv']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'ied,point,ref,fc,area,address,modicon,type,wordOrder,gain,offset',
      'relay1,TotW,LD0/MMXU1.TotW.mag.f,MX,holding,0,40001,float32,ABCD,1,0',
      'relay1,TotW,LD0/MMXU1.TotW.mag.f,MX,holding,2,40003,status,,,',
      'relay1,Trip,LD0/MMXU1.Trip.mag.f,MX,discrete,0,10001,bool,,1,0',
    ]);
  });

  it('prints a table and what the map uses', async () => {
    const r = await run(['modbus-map', projectFile('good.json', GOOD)]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toMatch(/^40001\s+holding\s+0\s+float32\s+ABCD\s+1\s+0\s+relay1\s+TotW\s+LD0\/MMXU1.TotW.mag.f\s+MX$/);
    expect(r.out.split('\n').at(-1)).toBe('2 points mapped; addresses used: coil 0, discrete 1, input 0, holding 3');
  });

  it('refuses a map with an overlap, naming both points and the registers, and exits 1', async () => {
    const bad = { ...GOOD, points: [...GOOD.points, point('Q', { area: 'holding', address: 1, type: 'int16' }) as never] };
    const r = await run(['modbus-map', projectFile('overlap.json', bad), '--csv']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('the Modbus map has 1 problem');
    expect(r.err).toContain('holding 1 (40002): relay1/Q value (int16) at holding 1 (40002) overlaps relay1/TotW value (float32) at holding 0-1 (40001-40002)');
  });

  it('refuses a file that is not a project, saying where', async () => {
    const r = await run(['modbus-map', projectFile('broken.json', { ...GOOD, points: [point('X', { area: 'holding', address: 70000, type: 'float32' })] } as never)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.json is not a valid project: points\.0\.modbus\.address: .*65535/);
    const notJson = await run(['modbus-map', projectFile('text.json', 'schemaVersion: 1')]);
    expect(notJson.code).toBe(1);
    expect(notJson.err).toMatch(/text\.json: not JSON/);
  });

  it('needs the project file', async () => {
    const r = await run(['modbus-map']);
    expect(r.code).toBe(2);
  });
});
