import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isoStackFor, openIed, rcbHolding, readRcbInstances, type IedSession } from '../client';
import { enableWrites, rcbRefFromMms, reserveWrites } from '../iec61850';
import { secretResolver } from '../project';
import { EntryIdStore, Gateway } from '../runtime';
import { Simulator } from '../sim';
import { FEEDER_SCL, feederProject } from './support/feeder-project';
import { TEST_RUNTIME_OPTIONS } from './support/gateway-fixture';
import { waitFor } from './support/wait';

/**
 * A BRCB reservation that the IED keeps for the gateway's address after the association was lost
 * (ResvTms, IEC 61850-7-2 Ed2 §17.2.2: the IED holds the RCB for that client's address for ResvTms
 * seconds) is the gateway's own: on reconnect it takes that instance back, with its buffer, instead of
 * passing it by as someone else's and taking the next one. The simulator records Owner as real IEDs do:
 * the client's IP address as an octet string.
 */

let sim: Simulator | undefined;
let gw: Gateway | undefined;
const sessions: IedSession[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await gw?.stop();
  for (const s of sessions.splice(0)) await s.close().catch(() => undefined);
  await sim?.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  gw = undefined;
  sim = undefined;
});

/**
 * What an IED does for a client whose association is lost while it holds a BRCB: it keeps the BRCB
 * reserved for that address for ResvTms seconds (libiec61850's servers reserve 10 s on any write). Here an
 * association from `from` — by default 127.0.0.1, the gateway's address — reserves brcbStatus01 for 60 s
 * and is cut.
 */
async function keptReservation(s: Simulator, from?: string): Promise<void> {
  const rcb = rcbRefFromMms('FDR1LD0', 'LLN0$BR$brcbStatus01');
  const before = await session(s.port, from);
  await before.client.writeSequence([...reserveWrites(rcb, 60), ...enableWrites(rcb)]);
  s.disconnectClients();
  await waitFor('the association gone', () => s.server.associations.size === 0);
}

async function startGateway(port: number, entryIds?: EntryIdStore): Promise<Gateway> {
  const g = new Gateway(feederProject(port), { secrets: secretResolver({}), options: TEST_RUNTIME_OPTIONS, ...(entryIds ? { entryIds } : {}) });
  gw = g;
  await g.start();
  await waitFor('both RCBs active', () => g.iedStatus('FDR1')?.reports.filter((r) => r.state === 'active').length === 2, 15_000);
  return g;
}

/** The feeder relay as an Ed1 model (SCL 2003): its BRCBs have ResvTms but no Owner, as many IEDs'. */
function ed1FeederRelay(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relaygate-ed1-'));
  dirs.push(dir);
  const file = join(dir, 'feeder-ed1.cid');
  writeFileSync(file, readFileSync(FEEDER_SCL, 'utf8').replace(' version="2007" revision="B" release="4"', ''));
  return file;
}

async function session(port: number, localAddress?: string): Promise<IedSession> {
  const s = await openIed({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) }, isoStackFor);
  sessions.push(s);
  return s;
}

describe('an RCB reservation kept for the gateway over a lost association', () => {
  it('is recognised by the local address of the TCP link and taken back on reconnect', async () => {
    sim = await Simulator.start({ scl: FEEDER_SCL });
    await keptReservation(sim);

    const look = await session(sim.port);
    const [kept] = await readRcbInstances(look.client, 'FDR1LD0/LLN0.brcbStatus01');
    expect(look.local).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(kept?.state).toMatchObject({ rptEna: false, resvTms: 60, owner: Uint8Array.of(127, 0, 0, 1) });
    expect(rcbHolding(kept!.state!)).toEqual({ held: true, owner: '127.0.0.1', how: 'reserved for 60 s' });
    expect(rcbHolding(kept!.state!, look.local).held).toBe(false);
    await look.close();

    const g = await startGateway(sim.port);
    expect(g.iedStatus('FDR1')?.reports.map((r) => [r.id, r.instance, r.holder])).toEqual([
      ['status', 'FDR1LD0/LLN0.brcbStatus01', null],
      ['prot', 'FDR1LD0/LLN0.brcbProt01', null],
    ]);
    const enabled = ['01', '02', '03', '04'].filter((n) => sim!.reports.find(`FDR1LD0/LLN0.brcbStatus${n}`)?.enabled);
    expect(enabled).toEqual(['01']);
  });

  it('is recognised, when the IED names no Owner, as the instance the gateway held last (the state file keeps it)', async () => {
    sim = await Simulator.start({ scl: ed1FeederRelay() });
    const store = new EntryIdStore();
    const first = await startGateway(sim.port, store);
    expect(first.iedStatus('FDR1')?.reports[0]?.instance).toBe('FDR1LD0/LLN0.brcbStatus01');
    expect(store.instance('FDR1', 'status')).toBe('FDR1LD0/LLN0.brcbStatus01');
    await first.stop();
    gw = undefined;
    await keptReservation(sim);

    const look = await session(sim.port);
    const [kept] = await readRcbInstances(look.client, 'FDR1LD0/LLN0.brcbStatus01');
    expect(kept?.state).toMatchObject({ rptEna: false, resvTms: 60 });
    expect(kept?.state?.owner).toBeUndefined();
    // By address alone it cannot be told from another client's; as the instance held last it can.
    expect(rcbHolding(kept!.state!, look.local)).toEqual({ held: true, owner: null, how: 'reserved for 60 s' });
    expect(rcbHolding(kept!.state!, look.local, true).held).toBe(false);
    await look.close();

    const again = await startGateway(sim.port, store);
    expect(again.iedStatus('FDR1')?.reports.map((r) => r.instance)).toEqual(['FDR1LD0/LLN0.brcbStatus01', 'FDR1LD0/LLN0.brcbProt01']);
    expect(['01', '02', '03', '04'].filter((n) => sim!.reports.find(`FDR1LD0/LLN0.brcbStatus${n}`)?.enabled)).toEqual(['01']);
  });

  it('is not taken when the IED refuses it: the instance held last was since reserved by another host', async () => {
    sim = await Simulator.start({ scl: ed1FeederRelay() });
    // Another client, on another host (127.0.0.2 on the loopback), took brcbStatus01 after the gateway and went away.
    await keptReservation(sim, '127.0.0.2');
    const store = new EntryIdStore({}, { FDR1: { status: 'FDR1LD0/LLN0.brcbStatus01' } });
    const g = await startGateway(sim.port, store);
    expect(g.iedStatus('FDR1')?.reports.map((r) => [r.instance, r.holder])).toEqual([
      ['FDR1LD0/LLN0.brcbStatus02', null],
      ['FDR1LD0/LLN0.brcbProt01', null],
    ]);
    expect(['01', '02', '03', '04'].filter((n) => sim!.reports.find(`FDR1LD0/LLN0.brcbStatus${n}`)?.enabled)).toEqual(['02']);
    expect(store.instance('FDR1', 'status')).toBe('FDR1LD0/LLN0.brcbStatus02');
  });
});
