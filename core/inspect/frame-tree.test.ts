import { describe, expect, it } from 'vitest';
import { encodeCotp, encodeTpkts, userDataHeader } from '../iso';
import { encodeConfirmedRequest } from '../mms';
import { concatBytes } from '../shared';
import { decodeCapturedPdu } from './frame-tree';

/** A read request split by COTP into two DT TPDUs, as a peer with a small TPDU size sends it. */
function segmentedRead(): { bytes: Uint8Array; frame: Uint8Array } {
  const bytes = encodeConfirmedRequest(42, {
    service: 'read',
    access: { kind: 'list', variables: [{ scope: 'domain', domain: 'FDR1MEAS', item: 'MMXU1$MX$TotW$mag$f' }] },
  });
  const ssdu = concatBytes([Uint8Array.of(1, 0, 1, 0), userDataHeader(3, bytes.length), bytes]);
  const cut = 20;
  const frame = encodeTpkts([
    encodeCotp({ type: 'DT', eot: false, userData: ssdu.subarray(0, cut) }),
    encodeCotp({ type: 'DT', eot: true, userData: ssdu.subarray(cut) }),
  ]);
  return { bytes, frame };
}

describe('decodeCapturedPdu on a segmented frame', () => {
  it('lists each TPKT and TPDU with its offsets, and decodes the reassembled session, presentation and MMS', () => {
    const { bytes, frame } = segmentedRead();
    const { tree, invokeId, shown } = decodeCapturedPdu({ bytes, frame, length: frame.length });
    expect(shown).toBe(frame);
    expect(invokeId).toBe(42);
    const [tpkt, cotp, session, presentation, mms] = tree;
    expect(tpkt).toMatchObject({ value: '2 frames: COTP segmented the PDU', collapsed: true });
    expect(tpkt!.children!.map((c) => [c.offset, c.length, c.value])).toEqual([
      [0, 4, 'version 3, length 27'],
      [27, 4, `version 3, length ${frame.length - 27}`],
    ]);
    expect(cotp!.children!.map((c) => [c.offset, c.length, c.children!.find((x) => x.label === 'eot')!.value])).toEqual([
      [4, 3, 'false'],
      [31, 3, 'true'],
    ]);
    // Session and presentation are read from the reassembled SSDU: no single span in the frame.
    expect(session).toMatchObject({ value: 'GIVE TOKENS + DATA TRANSFER', collapsed: true });
    expect(session!.offset).toBeUndefined();
    expect(presentation).toMatchObject({ value: 'User-data', collapsed: true });
    // The cut falls inside the MMS PDU, so it is not one span of the frame either.
    expect(mms).toMatchObject({ label: 'MMS (ISO 9506)', value: 'confirmed-request' });
    expect(mms!.offset).toBeUndefined();
    expect(mms!.children!.find((c) => c.label === 'invokeId')!.value).toBe('42');
  });
});
