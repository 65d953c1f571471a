import { afterEach, describe, expect, it } from 'vitest';
import { isoStackFor, openIed, rcbHolding, readRcbInstances, type IedSession } from '../client';
import { enableWrites, rcbRefFromMms, reserveWrites } from '../iec61850';
import { secretResolver } from '../project';
import { Gateway } from '../runtime';
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

afterEach(async () => {
  await gw?.stop();
  for (const s of sessions.splice(0)) await s.close().catch(() => undefined);
  await sim?.stop();
  gw = undefined;
  sim = undefined;
});

async function session(port: number): Promise<IedSession> {
  const s = await openIed({ host: '127.0.0.1', port }, isoStackFor);
  sessions.push(s);
  return s;
}

describe('an RCB reservation kept for the gateway over a lost association', () => {
  it('is recognised by the local address of the TCP link and taken back on reconnect', async () => {
    sim = await Simulator.start({ scl: FEEDER_SCL });
    const rcb = rcbRefFromMms('FDR1LD0', 'LLN0$BR$brcbStatus01');
    // The association that is lost: it reserved brcbStatus01 for 60 s and enabled it.
    const before = await session(sim.port);
    await before.client.writeSequence([...reserveWrites(rcb, 60), ...enableWrites(rcb)]);
    sim.disconnectClients();
    await waitFor('the association gone', () => sim!.server.associations.size === 0);

    const look = await session(sim.port);
    const [kept] = await readRcbInstances(look.client, 'FDR1LD0/LLN0.brcbStatus01');
    expect(look.local).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(kept?.state).toMatchObject({ rptEna: false, resvTms: 60, owner: Uint8Array.of(127, 0, 0, 1) });
    expect(rcbHolding(kept!.state!)).toEqual({ held: true, owner: '127.0.0.1', how: 'reserved for 60 s' });
    expect(rcbHolding(kept!.state!, look.local).held).toBe(false);
    await look.close();

    gw = new Gateway(feederProject(sim.port), { secrets: secretResolver({}), options: TEST_RUNTIME_OPTIONS });
    await gw.start();
    await waitFor('both RCBs active', () => gw!.iedStatus('FDR1')?.reports.filter((r) => r.state === 'active').length === 2, 15_000);
    expect(gw.iedStatus('FDR1')?.reports.map((r) => [r.id, r.instance, r.holder])).toEqual([
      ['status', 'FDR1LD0/LLN0.brcbStatus01', null],
      ['prot', 'FDR1LD0/LLN0.brcbProt01', null],
    ]);
    const enabled = ['01', '02', '03', '04'].filter((n) => sim!.reports.find(`FDR1LD0/LLN0.brcbStatus${n}`)?.enabled);
    expect(enabled).toEqual(['01']);
  });
});
