import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSubscription, discoverModel, isoStackFor, openIed, type DiscoveredModel } from '../client';
import type { Report } from '../iec61850';
import { Simulator, bundledModelPath, parseSavedModel } from '../sim';
import { startBuiltCli, type LongRunning } from './support/cli-process';
import { until } from './support/wait';

/*
 * `relaygate sim --from`: the shipped feeder relay, served in process, stands in for a live IED; the
 * CLI clones it (model, data sets, RCBs, current values), serves the copy, saves it, and serves the
 * saved file again. Each copy must browse exactly like the original.
 */

const dir = mkdtempSync(join(tmpdir(), 'relaygate-clone-'));
const saved = join(dir, 'relay.json');
let live: Simulator;
let original: DiscoveredModel;
const running: LongRunning[] = [];

async function browse(port: number): Promise<DiscoveredModel> {
  const session = await openIed({ host: '127.0.0.1', port }, isoStackFor);
  try {
    return await discoverModel(session.client);
  } finally {
    await session.close();
  }
}

/** What a client sees of a model: leaves, data sets with members, RCBs with RptID and data set. */
function shape(m: DiscoveredModel) {
  return {
    lds: m.logicalDevices,
    leaves: m.leaves,
    dataSets: m.dataSets,
    rcbs: m.reportControls.map(({ ref, buffered, rptId, dataSet }) => ({ ref, buffered, rptId, dataSet })),
  };
}

async function serve(args: string[]): Promise<number> {
  const r = await startBuiltCli(['sim', ...args, '--port', '0', '--json', '--static'], /^(\[.*)$/, 60_000);
  running.push(r);
  return (JSON.parse(r.match) as { port: number }[])[0]!.port;
}

beforeAll(async () => {
  live = await Simulator.start({ scl: bundledModelPath() });
  live.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 7.77, quality: 'questionable' });
  original = await browse(live.port);
});
afterAll(async () => {
  for (const r of running) await r.stop();
  await live.stop();
});

describe('relaygate sim --from', () => {
  it('serves a copy that browses like the live IED, with its current values, and saves it', async () => {
    const port = await serve(['--from', `127.0.0.1:${live.port}`, '--save', saved]);
    expect(shape(await browse(port))).toEqual(shape(original));
    const session = await openIed({ host: '127.0.0.1', port }, isoStackFor);
    const [totW] = await session.client.read(['FDR1MEAS/MMXU1.TotW[MX]']);
    const liveSession = await openIed({ host: '127.0.0.1', port: live.port }, isoStackFor);
    const [liveTotW] = await liveSession.client.read(['FDR1MEAS/MMXU1.TotW[MX]']);
    await liveSession.close();
    expect(totW?.result).toEqual(liveTotW?.result);
    expect(totW?.result.ok && totW.result.value.type === 'structure' ? totW.result.value.members[0] : undefined).toEqual({
      type: 'structure',
      members: [{ type: 'float', value: Math.fround(7.77), width: 32 }],
    });
    const reports: Report[] = [];
    await ReportSubscription.start(session.client, session.connection, 'FDR1LD0/LLN0.urcbMeas', { onReport: (r) => reports.push(r) });
    await until(() => reports.length > 0);
    expect(reports[0]!.entries).toHaveLength(9);
    await session.close();
    const file = parseSavedModel(JSON.parse(readFileSync(saved, 'utf8')));
    expect([file.ied, file.clonedFrom, file.domains.length, file.rcbs.length]).toEqual(['FDR1', `127.0.0.1:${live.port}`, 4, 15]);
  }, 60_000);

  it('serves the saved model again', async () => {
    const port = await serve([saved]);
    expect(shape(await browse(port))).toEqual(shape(original));
  }, 60_000);
});
