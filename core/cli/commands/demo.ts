import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PointState, Project } from '../../contract';
import { modicon } from '../../outputs';
import { chromiumPrinter } from '../../print';
import { secretResolver } from '../../project';
import { projectOutputs, writeProjectFile } from '../../runtime';
import { GatewayService, HttpHost } from '../../service';
import { errorMessage } from '../../shared';
import { Simulator, bundledModelPath } from '../../sim';
import { intOption, type CommandIo, type CommandRun } from '../command';
import { rendererRoot } from '../paths';
import { VERSION } from '../version';
import { startDemoDynamics } from './demo-dynamics';
import { initProject } from './init';
import { sclDrafts } from './init-scl';

const HOST = '127.0.0.1';

/** The demo project: `init` of the feeder relay (essential tier) against the simulator, on 127.0.0.1. */
export async function demoProject(scl: string, simPort: number, modbusPort: number, mqttPort: number): Promise<Project> {
  const { drafts } = await sclDrafts({ file: scl, ieds: [], host: `${HOST}:${simPort}`, tiers: new Set(['essential']) });
  const { project } = initProject('RelayGate demo', drafts, ['status']);
  return {
    ...project,
    modbus: { ...project.modbus, bind: HOST, port: modbusPort },
    mqtt: { ...project.mqtt, enabled: true, url: `mqtt://${HOST}:${mqttPort}`, embeddedBroker: { enabled: true, host: HOST, port: mqttPort } },
  };
}

/** A port another program holds is the likeliest failure of a demo: say which flag picks another. */
function portHint(err: unknown, what: string): unknown {
  const text = errorMessage(err);
  if (!/EADDRINUSE/.test(text)) return err;
  return new Error(`${what}${text}; another program uses that port: choose one with --modbus-port, --mqtt-port or --ui-port (0 takes a free port)`, { cause: err });
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')}`.trimEnd());
}

function shownValue(s: PointState): string {
  if (s.value === null) return '—';
  return typeof s.value === 'number' && !Number.isInteger(s.value) ? s.value.toFixed(3) : String(s.value);
}

function valueRows(project: Project, states: readonly PointState[]): string[][] {
  const byKey = new Map(states.map((s) => [s.key, s]));
  return [
    ['point', 'value', 'status', 'source', 'modbus'],
    ...project.points.map((p) => {
      const s = byKey.get(`${p.ied}/${p.id}`);
      const reg = p.modbus ? `${modicon(p.modbus.area, p.modbus.address)} ${p.modbus.type}` : '';
      return [p.id, s ? shownValue(s) : '—', s ? `${s.status}${s.test ? ' test' : ''}` : '', s?.source ?? '', reg];
    }),
  ];
}

async function waitForValues(service: GatewayService, ms: number): Promise<PointState[]> {
  const end = Date.now() + ms;
  for (;;) {
    const { points } = await service.getPoints();
    if (points.every((p) => p.status === 'ok') || Date.now() >= end) return points;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function liveStatus(service: GatewayService, changes: { n: number }, started: number, io: CommandIo): void {
  const host = service.runtime;
  if (!host) return;
  const counts = host.gateway.iedStatuses();
  const ied = counts.map((i) => `${i.id} ${i.state}`).join(', ');
  const p = counts.reduce((a, i) => ({ ok: a.ok + i.points.ok, total: a.total + i.points.total, stale: a.stale + i.points.stale, test: a.test + i.points.test }), { ok: 0, total: 0, stale: 0, test: 0 });
  const rate = changes.n;
  changes.n = 0;
  const up = Math.round((Date.now() - started) / 1000);
  io.status?.(`${new Date().toISOString().slice(11, 19)}  ${ied} | ${p.ok}/${p.total} ok${p.stale ? `, ${p.stale} stale` : ''}${p.test ? `, ${p.test} test` : ''} | ${rate} changes/s | ${host.summary()} | up ${up} s`);
}

export const runDemo: CommandRun = async (args, io) => {
  const modbusPort = intOption(args.values, 'modbus-port', 1502, 0, 65535);
  const mqttPort = intOption(args.values, 'mqtt-port', 1883, 0, 65535);
  const uiPort = intOption(args.values, 'ui-port', 8061, 0, 65535);
  const scl = bundledModelPath();
  const sim = await Simulator.start({ scl, host: HOST, port: 0 });
  const stopDynamics = startDemoDynamics(sim);
  const service = new GatewayService({ mode: 'demo', version: VERSION, outputs: projectOutputs, secrets: secretResolver(io.env ?? {}), pdf: chromiumPrinter(io.env ?? {}) });
  let http: HttpHost | undefined;
  // A fresh folder for the project and what the runtime keeps beside it (state file, MQTT outbox): a
  // demo never resumes from an earlier run's EntryIDs, and nothing is left behind when it stops.
  const dir = mkdtempSync(join(tmpdir(), 'relaygate-demo-'));
  try {
    const project = await demoProject(scl, sim.port, modbusPort, mqttPort);
    const path = join(dir, 'project.json');
    await writeProjectFile(path, project, { overwriteUnreadable: true });
    service.useProject(project, path);
    service.on('logEntry', (e) => {
      if (e.level === 'warn' || e.level === 'error') io.err(`\n${e.time} ${e.level} ${e.source}  ${e.message}`);
    });
    const started = Date.now();
    await service.startRuntime().catch((err: unknown) => Promise.reject(portHint(err, '')));
    if (!args.values['no-ui'])
      http = await HttpHost.start(service, { host: HOST, port: uiPort, staticRoot: rendererRoot() }).catch((err: unknown) =>
        Promise.reject(portHint(err, `the web UI cannot listen on ${HOST}:${uiPort} (or give --no-ui): `)),
      );
    const host = service.runtime;
    const endpoints = [
      ['endpoint', 'address'],
      ['IED (simulated, MMS)', `${sim.address}  ${sim.iedName} from ${scl}`],
      ...(host?.endpoints().map((e) => [e.name === 'modbus' ? 'Modbus TCP' : e.name === 'mqtt' ? 'MQTT' : e.name, e.endpoint]) ?? []),
      ...(http ? [['web UI', `${http.url}${http.rendererAvailable ? '' : "  (not built: run 'npm run build')"}`]] : []),
      ['project', `${path}  (relaygate modbus-map ${path}; removed when the demo stops)`],
    ];
    io.out(`RelayGate ${VERSION} demo: a simulated feeder relay through the gateway. Ctrl-C to stop.\n`);
    for (const line of table(endpoints)) io.out(line);
    const values = await waitForValues(service, 3000 - (Date.now() - started));
    io.out(`\nFirst values after ${((Date.now() - started) / 1000).toFixed(1)} s:\n`);
    for (const line of table(valueRows(project, values))) io.out(line);
    io.out('');
    const changes = { n: 0 };
    service.on('pointBatch', (b) => (changes.n += b.changes.length));
    const ticker = setInterval(() => liveStatus(service, changes, started, io), 1000);
    await io.interrupted;
    clearInterval(ticker);
    io.err('\nrelaygate demo: stopping');
  } finally {
    stopDynamics();
    await http?.close();
    await service.stopRuntime();
    service.dispose();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
};
