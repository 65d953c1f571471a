import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema, channels, type ChannelName, type HandlerParams, type JobProgress, type Project } from '../contract';
import { compileRegisterMap, mapCsv } from '../outputs';
import { writeProjectFile } from '../runtime';
import { GatewayService } from '../service';
import { Simulator } from '../sim';
import { FEEDER_SCL } from './support/feeder-project';

/** The workbench channels of GatewayService against the simulated feeder relay over TCP. */

let sim: Simulator;
let service: GatewayService;
let dir: string;
const progress: JobProgress[] = [];

/** Params as a binding hands them to the service: validated by the channel's schema, defaults filled in. */
const params = <K extends ChannelName>(name: K, raw: unknown): HandlerParams<K> => channels[name].params.parse(raw) as HandlerParams<K>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-workbench-'));
  sim = await Simulator.start({ scl: FEEDER_SCL });
  service = new GatewayService({ mode: 'serve', version: '0.0.0-test', statusPeriodMs: 0 });
  service.on('jobProgress', (p) => progress.push(p));
});

afterAll(async () => {
  service.dispose();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const connect = () => ({ host: '127.0.0.1', port: sim.port });
const emptyProject = (): unknown => ({ schemaVersion: 1, name: 'wb', ieds: [], points: [] });

describe('discoverIed', () => {
  it('browses the IED with LD and LN progress and plans it exactly as its SCL file is planned', async () => {
    const result = await service.discoverIed(params('discoverIed', { jobId: 'd1', connect: connect() }));
    const mine = progress.filter((p) => p.jobId === 'd1');
    const last = mine[mine.length - 1];
    expect(last?.kind).toBe('discover');
    expect(last?.lds).toEqual({ done: 4, total: 4 });
    expect(last?.lns?.done).toBe(last?.lns?.total);
    expect(last?.lns?.total).toBe(19);
    expect(result.identity).toMatchObject({ model: expect.any(String) });
    expect(result.ied.overview.name).toBe('FDR1');
    expect(result.ied.overview.accessPoints).toEqual([{ name: 'discovered', ip: '127.0.0.1' }]);

    const scl = await service.sclIed(params('sclIed', { path: FEEDER_SCL, ied: 'FDR1' }));
    const key = (p: { ref: string; fc: string; tier: string; coverage: { mode: string } }): string => `${p.tier} ${p.ref}[${p.fc}] ${p.coverage.mode}`;
    expect(result.ied.points.map(key).sort()).toEqual(scl.points.map(key).sort());
    // Types agree, except that MMS carries an ENUMERATED as a plain integer: without SCL only the
    // standard enums (Mod, Beh, Health, PhyHealth) are known by name.
    const sclType = new Map(scl.points.map((p) => [`${p.ref}[${p.fc}]`, p.type]));
    const differing = result.ied.points.filter((p) => sclType.get(`${p.ref}[${p.fc}]`) !== p.type);
    expect(differing.length).toBeGreaterThan(0);
    for (const p of differing) expect([sclType.get(`${p.ref}[${p.fc}]`), p.type]).toEqual(['enum', 'int8']);
    expect(result.ied.points.find((p) => p.ref === 'FDR1LD0/LPHD1.PhyHealth.stVal')?.type).toBe('enum');
    expect(result.ied.points.filter((p) => p.tier === 'essential')).toHaveLength(28);
    const xcbr = result.ied.points.find((p) => p.ref === 'FDR1CTRL/Q0XCBR1.Pos.stVal');
    expect(xcbr).toMatchObject({ tier: 'essential', type: 'dbpos', reason: 'circuit breaker position (XCBR Pos.stVal)' });
    expect(xcbr?.coverage.dataSets[0]?.reportControls.map((r) => r.id)).toContain('FDR1LD0/LLN0.brcbStatus');
    expect(result.ied.reportControls.map((r) => [r.id, r.instances.length])).toEqual(scl.reportControls.map((r) => [r.id, r.instances.length]));
    expect(result.ied.dataSets.map((d) => d.ref).sort()).toEqual(scl.dataSets.map((d) => d.ref).sort());
  });

  it('says what to check when nothing answers, and stops on cancelJob', async () => {
    const free = await Simulator.start({ scl: FEEDER_SCL });
    const port = free.port;
    await free.stop();
    await expect(service.discoverIed(params('discoverIed', { jobId: 'd2', connect: { host: '127.0.0.1', port } }))).rejects.toThrow(
      `nothing accepts connections at 127.0.0.1:${port}: check the address and the port`,
    );
    sim.server.faults.responseDelayMs = 150;
    try {
      const running = service.discoverIed(params('discoverIed', { jobId: 'd3', connect: connect() }));
      await new Promise((r) => setTimeout(r, 400));
      expect(await service.cancelJob({ jobId: 'd3' })).toEqual({ cancelled: true });
      await expect(running).rejects.toThrow('cancelled');
      expect(await service.cancelJob({ jobId: 'd3' })).toEqual({ cancelled: false });
    } finally {
      sim.server.faults.responseDelayMs = 0;
    }
  });
});

describe('probePoints', () => {
  const points = [
    { ref: 'FDR1CTRL/Q0XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos' },
    { ref: 'FDR1MEAS/MMXU1.TotW.mag.f', fc: 'MX', type: 'float32' },
    { ref: 'FDR1CTRL/LLN0.Beh.stVal', fc: 'ST', type: 'enum' },
    { ref: 'FDR1CTRL/Q0XCBR1.NoSuch.stVal', fc: 'ST', type: 'boolean' },
  ];

  it('reads value, quality, time and type of each point, the reason of one that is not there, and Mod/Beh per LD', async () => {
    sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 4.25 });
    const result = await service.probePoints(params('probePoints', { jobId: 'p1', connect: connect(), points }));
    const [pos, w, beh, missing] = result.points;
    expect(pos).toMatchObject({ value: 'closed', type: 'dbpos', status: 'ok', test: false, quality: { validity: 'good' } });
    expect(pos?.deviceTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(w).toMatchObject({ value: 4.25, type: 'float32', status: 'ok' });
    expect(beh).toMatchObject({ value: 'on', status: 'ok' });
    expect(missing).toMatchObject({ status: 'error', value: null });
    expect(missing?.reason).toContain('does not exist');
    expect(result.behaviour).toEqual([
      { ld: 'FDR1CTRL', mod: 'on', beh: 'on' },
      { ld: 'FDR1MEAS', mod: 'on', beh: 'on' },
    ]);
    const done = progress.filter((p) => p.jobId === 'p1').pop();
    expect(done).toMatchObject({ kind: 'probe', done: 3, total: 3 });
  });

  it('shows an LD in test on its points and in its Mod/Beh', async () => {
    sim.setMode('FDR1CTRL', 'test');
    try {
      const result = await service.probePoints(params('probePoints', { jobId: 'p2', connect: connect(), points: points.slice(0, 2) }));
      expect(result.behaviour).toContainEqual({ ld: 'FDR1CTRL', mod: 'test', beh: 'test' });
      expect(result.points[0]).toMatchObject({ test: true });
      expect(result.points[0]?.quality?.test).toBe(true);
      expect(result.points[1]).toMatchObject({ test: false });
    } finally {
      sim.setMode('FDR1CTRL', 'on');
    }
  });
});

describe('project edits', () => {
  let project: Project;

  it('adds the wizard IEDs with report plans chosen as init chooses them, and unique ids', async () => {
    const ied = {
      name: 'FDR1',
      host: '127.0.0.1',
      port: sim.port,
      password: { env: 'FDR1_PASSWORD' },
      points: [
        { ref: 'FDR1CTRL/Q0XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', covers: [{ rcb: 'FDR1LD0/LLN0.brcbStatus', buffered: true, dataSet: 'FDR1LD0/LLN0.dsStatus' }] },
        { ref: 'FDR1MEAS/MMXU1.TotW.mag.f', fc: 'MX', type: 'float32', covers: [] },
      ],
    };
    const first = await service.addIeds(params('addIeds', { project: emptyProject(), ieds: [ied] }));
    const second = await service.addIeds(params('addIeds', { project: first.project, ieds: [ied] }));
    expect(second.ieds).toEqual(['FDR1_2']);
    project = second.project;
    expect(project.ieds.map((i) => i.id)).toEqual(['FDR1', 'FDR1_2']);
    expect(project.ieds[0]?.password).toEqual({ env: 'FDR1_PASSWORD' });
    expect(project.ieds[0]?.reports).toMatchObject([{ rcb: 'FDR1LD0/LLN0.brcbStatus', buffered: true }]);
    expect(project.points.map((p) => `${p.ied}/${p.id} ${p.source}`)).toEqual([
      'FDR1/CTRL_Q0XCBR1_Pos_stVal report',
      'FDR1/MEAS_MMXU1_TotW_mag_f poll',
      'FDR1_2/CTRL_Q0XCBR1_Pos_stVal report',
      'FDR1_2/MEAS_MMXU1_TotW_mag_f poll',
    ]);
  });

  it('auto-assigns on request, and gives the CSV of relaygate modbus-map --csv', async () => {
    const assigned = await service.autoAssignModbus(params('autoAssignModbus', { project, ieds: ['FDR1_2'] }));
    expect(assigned.assigned).toEqual(['FDR1_2/CTRL_Q0XCBR1_Pos_stVal', 'FDR1_2/MEAS_MMXU1_TotW_mag_f']);
    expect(assigned.project.points.filter((p) => p.modbus).map((p) => `${p.ied} ${p.modbus?.area} ${p.modbus?.address}`)).toEqual([
      'FDR1_2 input 1000',
      'FDR1_2 holding 1000',
    ]);
    const map = await service.modbusMap(params('modbusMap', { project: assigned.project }));
    expect(map).toMatchObject({ ok: true, problems: [], mapped: 2 });
    expect(map.csv).toBe(mapCsv(compileRegisterMap(assigned.project.points).map));
    expect(map.csv?.split('\n')[0]).toBe('ied,point,ref,fc,area,address,modicon,type,wordOrder,gain,offset');
    project = assigned.project;
  });

  it('names both rows of an overlap, and gives no CSV for a map with problems', async () => {
    const points = project.points.map((p) =>
      p.ied === 'FDR1' && p.type === 'float32' ? { ...p, modbus: { area: 'holding' as const, address: 1001, type: 'float32' as const, wordOrder: 'ABCD' as const, gain: 1, offset: 0, companions: {} } } : p,
    );
    const map = await service.modbusMap(params('modbusMap', { project: { ...project, points } }));
    expect(map.ok).toBe(false);
    expect(map.csv).toBeNull();
    // The value overlaps the other point's value (41002) and its status companion (41003).
    expect(map.problems.map((p) => p.code)).toEqual(['overlap', 'overlap']);
    for (const problem of map.problems)
      expect(new Set(problem.points)).toEqual(new Set(['FDR1/MEAS_MMXU1_TotW_mag_f', 'FDR1_2/MEAS_MMXU1_TotW_mag_f']));
    expect(map.problems.map((p) => p.message).join('\n')).toContain('holding 1001 (41002)');
  });
});

describe('secrets', () => {
  it('never sends an inline private key back, and keeps it when the project is saved again', async () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';
    const path = join(dir, 'tls.json');
    await writeProjectFile(
      path,
      ProjectSchema.parse({
        schemaVersion: 1,
        name: 'tls',
        ieds: [],
        points: [],
        modbus: { enabled: false },
        mqtt: { enabled: true, url: 'mqtts://127.0.0.1:8883', tls: { key, cert: 'cert.pem' } },
      }),
    );
    const opened = await service.openProject({ path });
    expect(JSON.stringify(opened)).not.toContain('PRIVATE KEY');
    expect(opened.project.mqtt.tls?.key).toBe('(kept on the server)');
    await service.saveProject(params('saveProject', { project: { ...opened.project, name: 'tls 2' } }));
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { name: string; mqtt: { tls: { key: string } } };
    expect(saved.name).toBe('tls 2');
    expect(saved.mqtt.tls.key).toBe(key);
  });

  it('stores a typed secret encrypted where a cipher exists, and says what to do where none does', async () => {
    await expect(service.protectSecret({ plain: 'pw' })).rejects.toThrow('give the variable\'s name instead');
    const desktop = new GatewayService({
      mode: 'desktop',
      version: '0',
      statusPeriodMs: 0,
      cipher: { encrypt: async (p) => Buffer.from(p).toString('base64'), decrypt: async (c) => Buffer.from(c, 'base64').toString() },
    });
    expect(await desktop.protectSecret({ plain: 'pw' })).toEqual({ encrypted: 'cHc=' });
    expect(await desktop.getSession()).toMatchObject({ role: 'operator', encryptedSecrets: true, fileDialogs: false });
    desktop.dispose();
  });
});
