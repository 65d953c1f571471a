import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared';
import { IsoError } from './errors';
import { encodeCotp } from './cotp';
import { CotpConnection, type CotpEvent } from './cotp-connection';
import { TpktFramer, encodeTpkt, encodeTpkts } from './tpkt';
import { catchIso } from './testing';

const TSAP = fromHex('0001');

function initiator(tpduSize = 8192, maxSduLength = 70000): CotpConnection {
  return new CotpConnection({ role: 'initiator', localTsap: TSAP, remoteTsap: TSAP, tpduSize, maxSduLength });
}
function responder(tpduSize = 8192, maxSduLength = 70000): CotpConnection {
  return new CotpConnection({ role: 'responder', localTsap: TSAP, tpduSize, localRef: 2, maxSduLength });
}
function openPair(size = 1024): [CotpConnection, CotpConnection] {
  const a = initiator(size);
  const b = responder();
  b.receive(a.connectRequest());
  a.receive(b.accept());
  return [a, b];
}

describe('CotpConnection connect', () => {
  it('sends a CR and opens on the CC with the size the responder chose', () => {
    const a = initiator();
    expect(toHex(a.connectRequest())).toBe(toHex(fromHex(`
      11 e0 0000 0001 00  # LI 17, CR, DST-REF 0, SRC-REF 1, class 0
      c0 01 0d            # TPDU size 8192
      c2 02 00 01         # called TSAP
      c1 02 00 01         # calling TSAP`)));
    expect(a.state).toBe('awaiting-cc');
    const ev = a.receive(fromHex('11 d0 0001 0002 00 c0 01 0a c2 02 0001 c1 02 0001')); // CC, 1024
    expect(ev).toMatchObject({ type: 'connected', tpduSize: 1024, cc: { srcRef: 2 } });
    expect([a.state, a.tpduSize, a.peerRef]).toEqual(['open', 1024, 2]);
  });

  it('uses the default 128 when the CC has no TPDU size, and clamps a larger answer to the proposal', () => {
    const a = initiator(2048);
    a.connectRequest();
    expect(a.receive(fromHex('06 d0 0001 0002 00'))).toMatchObject({ tpduSize: 128 });
    const b = initiator(2048);
    b.connectRequest();
    expect(b.receive(fromHex('09 d0 0001 0002 00 c0 01 0d'))).toMatchObject({ tpduSize: 2048 });
  });

  it('answers a CR with a CC that echoes the TSAPs and takes the smaller TPDU size', () => {
    const b = responder(2048);
    const ev = b.receive(fromHex('11 e0 0000 0007 00 c0 01 0d c2 02 0001 c1 02 0009'));
    expect(ev).toMatchObject({ type: 'connect-request', cr: { srcRef: 7, tpduSize: 8192 } });
    expect(b.state).toBe('awaiting-accept');
    expect(toHex(b.accept())).toBe(toHex(fromHex(`
      11 d0 0007 0002 00  # CC, DST-REF 7 (the CR's SRC-REF), SRC-REF 2, class 0
      c0 01 0b            # TPDU size 2048 (ours was smaller)
      c2 02 00 01         # called TSAP as in the CR
      c1 02 00 09         # calling TSAP as in the CR`)));
    expect([b.state, b.tpduSize]).toEqual(['open', 2048]);
  });

  it('refuses a CR with a DR', () => {
    const b = responder();
    b.receive(fromHex('06 e0 0000 0007 00'));
    expect(toHex(b.refuse())).toBe('0680000700020' + '2');
    expect(b.state).toBe('closed');
  });

  it('reports a DR to the CR as a disconnect with its reason', () => {
    const a = initiator();
    a.connectRequest();
    const ev = a.receive(fromHex('06 80 0001 0000 02'));
    expect(ev).toEqual({ type: 'disconnected', reason: { tpdu: 'DR', code: 2, text: 'session entity not attached to TSAP' } });
    expect(a.state).toBe('closed');
  });

  it('reports an ER on an open connection as a disconnect with its cause', () => {
    const [a] = openPair();
    expect(a.receive(fromHex('04 70 0001 01'))).toEqual({
      type: 'disconnected',
      reason: { tpdu: 'ER', code: 1, text: 'invalid parameter code' },
    });
  });

  const OUT_OF_STATE: { name: string; make: () => CotpConnection; tpdu: string; code: string }[] = [
    { name: 'DT before the CC', make: () => { const a = initiator(); a.connectRequest(); return a; }, tpdu: '02 f0 80 00', code: 'cotp-unexpected-tpdu' },
    { name: 'CC without a CR', make: () => initiator(), tpdu: '06 d0 0001 0002 00', code: 'cotp-unexpected-tpdu' },
    { name: 'CR to an initiator', make: () => initiator(), tpdu: '06 e0 0000 0001 00', code: 'cotp-unexpected-tpdu' },
    { name: 'a second CR', make: () => openPair()[1], tpdu: '06 e0 0000 0001 00', code: 'cotp-unexpected-tpdu' },
    { name: 'a class 2 CR', make: () => responder(), tpdu: '06 e0 0000 0001 20', code: 'cotp-class' },
    { name: 'a class 4 CC', make: () => { const a = initiator(); a.connectRequest(); return a; }, tpdu: '06 d0 0001 0002 40', code: 'cotp-class' },
    { name: 'a DC', make: () => openPair()[0], tpdu: '05 c0 0001 0002', code: 'cotp-unexpected-tpdu' },
  ];
  it.each(OUT_OF_STATE)('refuses $name and closes', ({ make, tpdu, code }) => {
    const c = make();
    expect(catchIso(() => c.receive(fromHex(tpdu))).code).toBe(code);
    expect(c.state).toBe('closed');
    expect(catchIso(() => c.receive(fromHex('02 f0 80 00'))).code).toBe('cotp-state');
  });

  it('refuses local actions in the wrong state', () => {
    expect(catchIso(() => initiator().send(new Uint8Array(1))).code).toBe('cotp-state');
    expect(catchIso(() => responder().connectRequest()).code).toBe('cotp-state');
    expect(catchIso(() => initiator().accept()).code).toBe('cotp-state');
    expect(() => initiator(1000)).toThrow(IsoError);
    expect(() => new CotpConnection({ role: 'initiator', maxSduLength: 0 })).toThrow(RangeError);
  });
});

describe('CotpConnection data', () => {
  const SEGMENTS: { sdu: number; sizes: number[] }[] = [
    { sdu: 0, sizes: [0] },
    { sdu: 1, sizes: [1] },
    { sdu: 1021, sizes: [1021] },
    { sdu: 1022, sizes: [1021, 1] },
    { sdu: 2042, sizes: [1021, 1021] },
    { sdu: 2500, sizes: [1021, 1021, 458] },
  ];
  it.each(SEGMENTS)('splits a $sdu-byte SDU into DTs of at most 1024 bytes: $sizes', ({ sdu, sizes }) => {
    const [a, b] = openPair(1024);
    const data = Uint8Array.from({ length: sdu }, (_, i) => i & 0xff);
    const tpdus = a.send(data);
    expect(tpdus.map((t) => t.length - 3)).toEqual(sizes);
    expect(tpdus.map((t) => t[2])).toEqual(sizes.map((_, i) => (i === sizes.length - 1 ? 0x80 : 0x00)));
    const events = tpdus.map((t) => b.receive(t));
    expect(events.slice(0, -1).every((e) => e === undefined)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'data', sdu: data });
    expect(b.reassemblyLength).toBe(0);
  });

  it('refuses a reassembly beyond maxSduLength and closes', () => {
    const a = initiator(8192, 100);
    a.connectRequest();
    a.receive(fromHex('09 d0 0001 0002 00 c0 01 0d'));
    expect(a.receive(encodeCotp({ type: 'DT', eot: false, userData: new Uint8Array(60) }))).toBeUndefined();
    const err = catchIso(() => a.receive(encodeCotp({ type: 'DT', eot: true, userData: new Uint8Array(41) })));
    expect(err.code).toBe('cotp-sdu-too-large');
    expect(a.state).toBe('closed');
    expect(a.reassemblyLength).toBe(0);
  });

  it('accepts exactly maxSduLength', () => {
    const a = initiator(8192, 100);
    a.connectRequest();
    a.receive(fromHex('09 d0 0001 0002 00 c0 01 0d'));
    a.receive(encodeCotp({ type: 'DT', eot: false, userData: new Uint8Array(60) }));
    expect(a.receive(encodeCotp({ type: 'DT', eot: true, userData: new Uint8Array(40) }))).toMatchObject({ type: 'data' });
  });
});

/** Runs a byte stream through a TPKT framer into a connection and returns the events. */
function feed(conn: CotpConnection, chunks: Uint8Array[]): CotpEvent[] {
  const framer = new TpktFramer();
  const out: CotpEvent[] = [];
  for (const chunk of chunks) {
    for (const tpdu of framer.push(chunk)) {
      const ev = conn.receive(tpdu);
      if (ev) out.push(ev);
    }
  }
  expect(framer.bufferedBytes).toBe(0);
  return out;
}

describe('TPKT + COTP framing of whole exchanges', () => {
  // What a client receives: the CC, then a 700-byte SDU segmented at TPDU size 256, then a 5-byte SDU.
  const big = Uint8Array.from({ length: 700 }, (_, i) => (i * 7) & 0xff);
  const small = fromHex('01 00 01 00 61');
  const server = (() => {
    const s = responder(256);
    s.receive(initiator(8192).connectRequest());
    return s;
  })();
  const toClient = encodeTpkts([server.accept(), ...server.send(big), ...server.send(small)]);
  const expected = (ev: CotpEvent[]) => {
    expect(ev.map((e) => e.type)).toEqual(['connected', 'data', 'data']);
    expect(ev[0]).toMatchObject({ tpduSize: 256 });
    expect(ev[1]).toEqual({ type: 'data', sdu: big });
    expect(ev[2]).toEqual({ type: 'data', sdu: small });
  };
  const client = () => {
    const c = initiator(8192);
    c.connectRequest();
    return c;
  };

  it('has the segments the TPDU size asks for', () => {
    // CC in a 22-byte TPKT; 700 bytes in DTs of 253 + 253 + 194 (7 bytes TPKT+DT header each); 5 bytes in one DT.
    expect(toClient.length).toBe(22 + (700 + 3 * 7) + (5 + 7));
  });

  it('fed whole', () => expected(feed(client(), [toClient])));

  it('fed one byte at a time', () => expected(feed(client(), Array.from(toClient, (b) => Uint8Array.of(b)))));

  it('split at every offset', () => {
    for (let cut = 0; cut <= toClient.length; cut++) {
      expected(feed(client(), [toClient.subarray(0, cut), toClient.subarray(cut)]));
    }
  });

  it('server side: CR then a segmented SDU, split at every offset', () => {
    const c = initiator(128);
    const s0 = responder();
    s0.receive(c.connectRequest());
    c.receive(s0.accept());
    const sdu = Uint8Array.from({ length: 300 }, (_, i) => 255 - (i & 0xff));
    const toServer = concat(encodeTpkt(initiator(128).connectRequest()), encodeTpkts(c.send(sdu)));
    for (let cut = 0; cut <= toServer.length; cut++) {
      const s = responder();
      const framer = new TpktFramer();
      const events: CotpEvent[] = [];
      for (const chunk of [toServer.subarray(0, cut), toServer.subarray(cut)]) {
        for (const tpdu of framer.push(chunk)) {
          const ev = s.receive(tpdu);
          if (ev) events.push(ev);
          if (ev?.type === 'connect-request') s.accept();
        }
      }
      expect(events.map((e) => e.type)).toEqual(['connect-request', 'data']);
      expect(events[1]).toEqual({ type: 'data', sdu });
    }
  });

  it('random chunkings of the exchange (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: toClient.length }), { maxLength: 12 }), (cuts) => {
        const sorted = [0, ...cuts.sort((x, y) => x - y), toClient.length];
        expected(feed(client(), sorted.slice(1).map((end, i) => toClient.subarray(sorted[i], end))));
      }),
      { numRuns: 500 },
    );
  });

  it('random TPDUs into an open connection give events or IsoErrors (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { maxLength: 10 }), (tpdus) => {
        const [a] = openPair(128);
        for (const t of tpdus) {
          try {
            a.receive(t);
          } catch (err) {
            expect(err).toBeInstanceOf(IsoError);
            return;
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
