import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared';
import { IsoError } from './errors';
import { TpktFramer, decodeTpkt, encodeTpkt, encodeTpkts, encodeTpktsHead } from './tpkt';
import { catchIso } from './testing';

const CASES: { name: string; hex: string; payload: string }[] = [
  {
    name: 'shortest legal packet: an empty class 0 DT',
    hex: `
      03        # version 3
      00        # reserved
      00 07     # packet length 7 (header included)
      02 f0 80  # TPDU: DT, EOT, no data`,
    payload: '02f080',
  },
  {
    name: 'DT carrying two user data bytes',
    hex: `
      03 00     # version 3, reserved
      00 09     # packet length 9
      02 f0 80  # DT header, EOT
      01 00     # user data`,
    payload: '02f0800100',
  },
];

describe('TPKT encode/decode', () => {
  it.each(CASES)('$name', ({ hex, payload }) => {
    const frame = fromHex(hex);
    expect(toHex(decodeTpkt(frame))).toBe(payload);
    expect(toHex(encodeTpkt(fromHex(payload)))).toBe(toHex(frame));
  });

  it('encodes the largest payload (65531 bytes) with length 0xffff and refuses one byte more', () => {
    const frame = encodeTpkt(new Uint8Array(65531));
    expect(toHex(frame.subarray(0, 4))).toBe('0300ffff');
    expect(() => encodeTpkt(new Uint8Array(65532))).toThrow(IsoError);
  });

  it('joins several TPDUs into one write', () => {
    expect(toHex(encodeTpkts([fromHex('02f000aa'), fromHex('02f080bb')]))).toBe('0300000802f000aa' + '0300000802f080bb');
  });

  const NEGATIVE: { name: string; hex: string; code: string; offset: number }[] = [
    { name: 'version 2', hex: '02 00 00 07 02 f0 80', code: 'tpkt-version', offset: 0 },
    { name: 'length 6 (below the minimum 7)', hex: '03 00 00 06 02 f0 80', code: 'tpkt-length', offset: 2 },
    { name: 'length 3 (shorter than its own header)', hex: '03 00 00 03 02 f0 80', code: 'tpkt-length', offset: 2 },
    { name: 'length says 8, frame has 7', hex: '03 00 00 08 02 f0 80', code: 'tpkt-length', offset: 2 },
    { name: 'three bytes only', hex: '03 00 00', code: 'tpkt-length', offset: 3 },
  ];
  it.each(NEGATIVE)('decodeTpkt refuses $name', ({ hex, code, offset }) => {
    const err = catchIso(() => decodeTpkt(fromHex(hex)));
    expect(err.code).toBe(code);
    expect(err.offset).toBe(offset);
    expect(err.layer).toBe('iso');
  });
});

/** Three packets back to back: CR-sized, a DT and the shortest DT. */
const STREAM = fromHex(`
  03 00 00 16 11 e0 00 00 00 01 00 c0 01 0d c2 02 00 01 c1 02 00 01   # TPKT(22) + CR
  03 00 00 0c 02 f0 00 01 02 03 04 05                                 # TPKT(12) + DT segment
  03 00 00 07 02 f0 80                                                 # TPKT(7) + empty DT, EOT
`);
const PAYLOADS = ['11e00000000100c0010dc2020001c1020001', '02f0000102030405', '02f080'];

function collect(framer: TpktFramer, chunks: Uint8Array[]): string[] {
  return chunks.flatMap((c) => framer.push(c)).map((p) => toHex(p));
}

describe('encodeTpktsHead', () => {
  it('is the first max octets of the joined TPKTs, with their whole length (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 3, maxLength: 40 }), { minLength: 1, maxLength: 5 }), fc.nat(250), (tpdus, max) => {
        const whole = encodeTpkts(tpdus);
        const { head, length } = encodeTpktsHead(tpdus, max);
        expect(length).toBe(whole.length);
        expect(toHex(head)).toBe(toHex(whole.slice(0, max)));
      }),
    );
  });
});

describe('TpktFramer', () => {
  it('returns every packet when fed the whole stream at once', () => {
    const framer = new TpktFramer();
    expect(collect(framer, [STREAM])).toEqual(PAYLOADS);
    expect(framer.bufferedBytes).toBe(0);
    expect(framer.streamOffset).toBe(STREAM.length);
  });

  it('returns the same packets fed one byte at a time', () => {
    const framer = new TpktFramer();
    const chunks = Array.from(STREAM, (b) => Uint8Array.of(b));
    expect(collect(framer, chunks)).toEqual(PAYLOADS);
  });

  it('returns the same packets split at every offset', () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const framer = new TpktFramer();
      expect(collect(framer, [STREAM.subarray(0, cut), STREAM.subarray(cut)])).toEqual(PAYLOADS);
    }
  });

  it('returns the same packets for any chunking (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: STREAM.length }), { maxLength: 8 }), (cuts) => {
        const sorted = [0, ...cuts.sort((a, b) => a - b), STREAM.length];
        const chunks = sorted.slice(1).map((end, i) => STREAM.subarray(sorted[i], end));
        expect(collect(new TpktFramer(), chunks)).toEqual(PAYLOADS);
      }),
    );
  });

  it('holds at most one incomplete packet', () => {
    const framer = new TpktFramer();
    expect(framer.push(STREAM.subarray(0, 30))).toHaveLength(1);
    expect(framer.bufferedBytes).toBe(30 - 22);
  });

  it('reports the stream offset of a bad header and stays failed', () => {
    const framer = new TpktFramer();
    const bad = fromHex('03 00 00 07 02 f0 80   04 00 00 07');
    const err = catchIso(() => framer.push(bad));
    expect(err.code).toBe('tpkt-version');
    expect(err.offset).toBe(7);
    expect(framer.failed).toBe(true);
    const again = catchIso(() => framer.push(fromHex('03 00 00 07 02 f0 80')));
    expect(again.code).toBe('tpkt-failed');
    expect(again.offset).toBe(7);
  });

  it('refuses a length below 7 at the length field', () => {
    const err = catchIso(() => new TpktFramer().push(fromHex('03 00 00 04')));
    expect([err.code, err.offset]).toEqual(['tpkt-length', 2]);
  });

  it('honours a lower maxPacketLength before allocating', () => {
    const framer = new TpktFramer({ maxPacketLength: 1024 });
    const err = catchIso(() => framer.push(fromHex('03 00 04 01')));
    expect([err.code, err.offset]).toEqual(['tpkt-length', 2]);
    expect(framer.bufferedBytes).toBe(4);
    expect(() => new TpktFramer({ maxPacketLength: 70000 })).toThrow(RangeError);
  });

  it('accepts a 65535-byte packet', () => {
    const frame = encodeTpkt(new Uint8Array(65531).fill(7));
    const out = new TpktFramer().push(frame);
    expect(out).toHaveLength(1);
    expect(out[0]!.length).toBe(65531);
    expect(out[0]![65530]).toBe(7);
  });

  it('gives packets or a typed error for random bytes, never anything else (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (bytes, step) => {
        const framer = new TpktFramer();
        try {
          for (let i = 0; i < bytes.length; i += step) {
            for (const p of framer.push(bytes.subarray(i, i + step))) expect(p.length).toBeGreaterThanOrEqual(3);
          }
          expect(framer.bufferedBytes).toBeLessThan(65536);
        } catch (err) {
          expect(err).toBeInstanceOf(IsoError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
