import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoStackFor, openIed, TrafficTap, type IedSession, type TrafficRecord } from '../client';
import { decodeCapturedPdu, type DecodedNode } from '../inspect';
import { Simulator } from '../sim';
import { FEEDER_SCL } from './support/feeder-project';

/**
 * The traffic tap keeps whole frames of a real association with the simulator, and core/inspect decodes
 * them layer by layer with the project's codecs.
 */
let sim: Simulator;
let session: IedSession;
const tap = new TrafficTap({ maxBytesPerRecord: 64 * 1024 });

beforeAll(async () => {
  sim = await Simulator.start({ scl: FEEDER_SCL });
  session = await openIed({ host: '127.0.0.1', port: sim.port, tap }, isoStackFor);
  await session.client.read(['FDR1MEAS/MMXU1.TotW.mag.f[MX]', 'FDR1CTRL/Q0XCBR1.Pos.stVal[ST]']);
});

afterAll(async () => {
  await session?.close();
  await sim?.stop();
});

const find = (nodes: DecodedNode[] | undefined, label: string): DecodedNode | undefined => nodes?.find((n) => n.label.startsWith(label));
const labels = (nodes: DecodedNode[]): string[] => nodes.map((n) => n.label);

function record(match: RegExp): TrafficRecord {
  const r = tap.since().find((x) => match.test(x.summary));
  if (!r) throw new Error(`no record matches ${match}: ${tap.since().map((x) => x.summary).join(' | ')}`);
  return r;
}

describe('decodeCapturedPdu', () => {
  it('decodes a read request frame: TPKT, COTP, session, presentation collapsed, then MMS expanded', () => {
    const r = record(/^confirmed-request #\d+ read 2 variables/);
    expect(r.frame).toBeDefined();
    const { shown, invokeId, tree } = decodeCapturedPdu(r);
    expect(shown).toEqual(r.frame);
    expect(labels(tree)).toEqual(['TPKT (RFC 1006)', 'COTP (ISO 8073 class 0)', 'Session (ISO 8327)', 'Presentation (ISO 8823)', 'MMS (ISO 9506)']);
    expect(tree.slice(0, 4).every((n) => n.collapsed)).toBe(true);
    const [tpkt, cotp, session, , mms] = tree as [DecodedNode, DecodedNode, DecodedNode, DecodedNode, DecodedNode];
    expect(tpkt).toMatchObject({ value: `version 3, length ${r.frame!.length}`, offset: 0, length: 4 });
    expect(cotp).toMatchObject({ value: 'DT', offset: 4, length: 3 });
    expect(find(cotp.children, 'eot')?.value).toBe('true');
    expect(session).toMatchObject({ value: 'GIVE TOKENS + DATA TRANSFER', offset: 7, length: 4 });
    expect(mms.collapsed).toBeUndefined();
    expect(mms.value).toBe('confirmed-request');
    // The MMS PDU is the frame's tail, and the node says where it is.
    expect(r.frame!.subarray(mms.offset!, mms.offset! + mms.length!)).toEqual(r.bytes);
    expect(find(mms.children, 'invokeId')?.value).toBe(String(invokeId));
    const request = find(mms.children, 'request')!;
    expect(request.value).toBe('read');
    expect(JSON.stringify(request)).toContain('"value":"\\"MMXU1$MX$TotW$mag$f\\""');
  });

  it('decodes the answer with the same invoke id and the values read', () => {
    const request = decodeCapturedPdu(record(/^confirmed-request #\d+ read 2 variables/));
    const r = record(/^confirmed-response #\d+ read 2 results/);
    const { invokeId, tree } = decodeCapturedPdu(r);
    expect(invokeId).toBe(request.invokeId);
    const mms = find(tree, 'MMS')!;
    expect(mms.value).toBe('confirmed-response');
    const results = find(find(mms.children, 'response')!.children, 'results')!;
    expect(results.value).toBe('2 items');
    // TotW is a float32; Pos.stVal a Dbpos, which MMS carries as a 2-bit bit-string.
    expect(results.children!.map((r) => find(r.children, 'value')!.value)).toEqual(['float', 'bit-string']);
    expect(find(find(results.children![1]!.children, 'value')!.children, 'bitLength')!.value).toBe('2');
  });

  it('keeps the initiate response frame (session AC, presentation CPA) and says the request frame was not captured', () => {
    const response = decodeCapturedPdu(record(/^initiate-response/));
    expect(labels(response.tree)).toEqual(['TPKT (RFC 1006)', 'COTP (ISO 8073 class 0)', 'Session (ISO 8327)', 'Presentation (ISO 8823)', 'MMS (ISO 9506)']);
    expect(find(response.tree, 'Session')!.value).toBe('AC');
    expect(find(response.tree, 'MMS')!.value).toBe('initiate-response');
    const request = record(/^initiate-request/);
    expect(request.frame).toBeUndefined();
    const tree = decodeCapturedPdu(request).tree;
    expect(tree[0]).toMatchObject({ label: 'ISO layers', collapsed: true });
    expect(find(tree, 'MMS')!.value).toBe('initiate-request');
  });

  it('says what it could not decode, and never throws, on truncated and garbage captures', () => {
    const r = record(/^confirmed-response #\d+ read 2 results/);
    const cut = { bytes: r.bytes.slice(0, 12), frame: r.frame!.slice(0, 20), length: r.frame!.length };
    const { tree } = decodeCapturedPdu(cut);
    expect(tree[0]).toEqual({ label: 'Truncated', value: `the tap kept the first 20 of ${r.frame!.length} octets` });
    expect(find(tree, 'Frame')!.value).toMatch(/^not decoded past 0 TPKT\(s\): the TPKT at offset 0 needs \d+ octets, 20 were kept/);
    expect(find(tree, 'MMS')!.value).toMatch(/^not decoded: /);
    for (let n = 0; n < r.frame!.length; n += 7) {
      expect(() => decodeCapturedPdu({ bytes: r.bytes.subarray(0, n), frame: r.frame!.subarray(0, n), length: r.frame!.length })).not.toThrow();
    }
    const garbage = decodeCapturedPdu({ bytes: Uint8Array.of(0xff, 0xff), frame: Uint8Array.of(3, 0, 0, 6, 0xff, 0xff), length: 6 });
    expect(find(garbage.tree, 'Frame')!.value).toMatch(/^not decoded past 0 TPKT/);
    expect(find(garbage.tree, 'MMS')!.value).toMatch(/^not decoded: /);
  });

  it('bounds the tree of a large PDU', () => {
    const big = { kind: 'list', items: Array.from({ length: 5000 }, (_, i) => ({ n: i })) };
    const { tree } = decodeCapturedPdu({ bytes: new Uint8Array(0), length: 0 });
    expect(tree.length).toBe(2);
    let count = 0;
    const walk = (n: DecodedNode): void => {
      count++;
      n.children?.forEach(walk);
    };
    // objectTree is what the MMS layer uses; a 5000-item list stops at the budget and says how many more.
    return import('../inspect').then(({ objectTree, MAX_TREE_NODES }) => {
      const node = objectTree('x', big, { nodes: MAX_TREE_NODES });
      walk(node);
      expect(count).toBeLessThanOrEqual(MAX_TREE_NODES + 2);
      expect(node.children![1]!.children!.at(-1)!.value).toMatch(/^\d+ more not shown$/);
    });
  });
});

describe('a tap that keeps little of each PDU', () => {
  it('keeps the head of a received frame and says how long the whole frame was', async () => {
    const small = new TrafficTap({ maxBytesPerRecord: 16 });
    const s = await openIed({ host: '127.0.0.1', port: sim.port, tap: small }, isoStackFor);
    try {
      await s.client.read(['FDR1MEAS/MMXU1.TotW.mag.f[MX]', 'FDR1CTRL/Q0XCBR1.Pos.stVal[ST]']);
    } finally {
      await s.close();
    }
    const answer = small.since().find((x) => /^confirmed-response #\d+ read/.test(x.summary));
    const whole = record(/^confirmed-response #\d+ read 2 results/);
    expect(answer?.frame?.length).toBe(16);
    expect(answer?.length).toBe(whole.length);
    expect([...answer!.frame!]).toEqual([...whole.frame!.slice(0, 16)]);
  });
});
