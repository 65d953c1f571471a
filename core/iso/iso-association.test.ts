import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared';
import { encodeCotp } from './cotp';
import { CotpConnection } from './cotp-connection';
import { encodeDataFrames } from './data-frames';
import { IsoError } from './errors';
import { MMS_INITIATE_REQUEST, MMS_INITIATE_RESPONSE } from './fixtures';
import { IsoAssociation } from './iso-association';
import type { IsoAssociationOptions, IsoEvent } from './iso-association-types';
import { encodeUserData } from './presentation-user-data';
import { encodeSpdu } from './session';
import { catchIso } from './testing';
import { encodeTpkt, encodeTpkts } from './tpkt';

const REQUEST = fromHex(MMS_INITIATE_REQUEST);
/** One SSDU in a single DT TPDU in a TPKT, for injecting SPDUs. */
const dtFrame = (ssdu: Uint8Array) => encodeTpkt(encodeCotp({ type: 'DT', eot: true, userData: ssdu }));
const RESPONSE = fromHex(MMS_INITIATE_RESPONSE);

/** Splits bytes into chunks: whole, one byte at a time, or sizes drawn from a seeded generator. */
type Chunker = (bytes: Uint8Array) => Uint8Array[];
const whole: Chunker = (b) => [b];
const bytewise: Chunker = (b) => Array.from(b, (_, i) => b.subarray(i, i + 1));
function randomChunks(seed: number): Chunker {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % 300;
  return (b) => {
    const out: Uint8Array[] = [];
    for (let at = 0; at < b.length;) {
      const n = Math.max(1, Math.min(next(), b.length - at));
      out.push(b.subarray(at, at + n));
      at += n;
    }
    return out;
  };
}

/** An MMS-shaped PDU of exactly `n` octets (a [0] element with long-form length). */
function mmsPdu(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  out[0] = 0xa0;
  out[1] = 0x83;
  out[2] = ((n - 5) >> 16) & 0xff;
  out[3] = ((n - 5) >> 8) & 0xff;
  out[4] = (n - 5) & 0xff;
  for (let i = 5; i < n; i++) out[i] = (i * seed) & 0xff;
  return out;
}

/** Two machines wired back to back: `send` events and action results travel to the other side. */
class Wire {
  readonly events = new Map<IsoAssociation, IsoEvent[]>();

  constructor(
    readonly client: IsoAssociation,
    readonly server: IsoAssociation,
    private readonly chunker: Chunker = whole,
  ) {
    this.events.set(client, []);
    this.events.set(server, []);
  }

  peer(a: IsoAssociation): IsoAssociation {
    return a === this.client ? this.server : this.client;
  }

  /** Delivers bytes to `to`, relaying whatever it sends back, until both sides are quiet. */
  deliver(to: IsoAssociation, bytes: Uint8Array): void {
    const queue: [IsoAssociation, Uint8Array][] = [[to, bytes]];
    while (queue.length > 0) {
      const [target, data] = queue.shift()!;
      for (const chunk of this.chunker(data)) {
        for (const ev of target.receive(chunk)) {
          if (ev.type === 'send') queue.push([this.peer(target), ev.bytes]);
          else this.events.get(target)!.push(ev);
        }
      }
    }
  }

  take(a: IsoAssociation): IsoEvent[] {
    const list = this.events.get(a)!;
    return list.splice(0, list.length);
  }
}

function associate(
  chunker: Chunker = whole,
  client: Partial<IsoAssociationOptions> = {},
  server: Partial<IsoAssociationOptions> = {},
) {
  const wire = new Wire(
    new IsoAssociation({ role: 'initiator', ...client }),
    new IsoAssociation({ role: 'responder', ...server }),
    chunker,
  );
  wire.deliver(wire.server, wire.client.start(REQUEST));
  const [connected, request] = wire.take(wire.server);
  expect(connected).toMatchObject({ type: 'cotp-connected' });
  expect(request?.type).toBe('associate-request');
  if (request?.type !== 'associate-request') throw new Error('no associate-request');
  expect(wire.server.state).toBe('awaiting-response');
  return { wire, request: request.request };
}

function establish(
  chunker: Chunker = whole,
  client: Partial<IsoAssociationOptions> = {},
  server: Partial<IsoAssociationOptions> = {},
) {
  const { wire, request } = associate(chunker, client, server);
  wire.deliver(wire.client, wire.server.accept(RESPONSE));
  const events = wire.take(wire.client);
  expect(events.map((e) => e.type)).toEqual(['cotp-connected', 'associated']);
  return { wire, request, associated: events[1]! };
}

const CHUNKERS: [string, Chunker][] = [
  ['whole', whole],
  ['one byte at a time', bytewise],
  ['random chunks (seed 7)', randomChunks(7)],
  ['random chunks (seed 1234)', randomChunks(1234)],
];

describe('IsoAssociation: association', () => {
  it.each(CHUNKERS)('associates initiator and responder (%s)', (_, chunker) => {
    const { wire, request, associated } = establish(chunker, { tpduSize: 1024 });
    expect(toHex(request.mmsPdu)).toBe(toHex(REQUEST));
    expect(request.password).toBeUndefined();
    expect(request.aarq.called).toEqual({ apTitle: [1, 1, 1, 999, 1], aeQualifier: 12 });
    expect(request.aarq.calling).toEqual({ apTitle: [1, 1, 1, 999], aeQualifier: 12 });
    expect(request.addressing).toEqual({
      callingTsel: fromHex('0001'),
      calledTsel: fromHex('0001'),
      callingSsel: fromHex('0001'),
      calledSsel: fromHex('0001'),
      callingPsel: fromHex('00000001'),
      calledPsel: fromHex('00000001'),
    });
    expect(associated.type === 'associated' && toHex(associated.mmsPdu)).toBe(toHex(RESPONSE));
    expect(associated.type === 'associated' && associated.aare.responding).toEqual({
      apTitle: [1, 1, 1, 999, 1],
      aeQualifier: 12,
    });
    expect([wire.client.state, wire.server.state]).toEqual(['associated', 'associated']);
    expect([wire.client.tpduSize, wire.server.tpduSize]).toEqual([1024, 1024]);
  });

  it('hands the password to the responder', () => {
    const { request } = associate(whole, { password: 'relay gate ü' });
    expect(request.password).toBe('relay gate ü');
    expect(request.aarq.senderRequirements).toEqual({ authentication: true, contextNegotiation: false });
    expect(request.aarq.mechanism).toEqual([2, 2, 3, 1]);
  });

  it('uses the configured selectors and titles', () => {
    const local = {
      tsel: fromHex('0a0b'),
      ssel: fromHex('0c'),
      psel: fromHex('0d0e0f'),
      apTitle: [1, 3, 9999, 33],
      aeQualifier: 7,
    };
    const remote = { tsel: fromHex('0002'), ssel: fromHex('0003'), psel: fromHex('00000004') };
    const { request } = associate(whole, { local, remote });
    expect(request.addressing).toEqual({
      callingTsel: local.tsel,
      calledTsel: remote.tsel,
      callingSsel: local.ssel,
      calledSsel: remote.ssel,
      callingPsel: local.psel,
      calledPsel: remote.psel,
    });
    expect(request.aarq.calling).toEqual({ apTitle: [1, 3, 9999, 33], aeQualifier: 7 });
    expect(request.aarq.called).toBeUndefined();
  });

  it('reports a rejection with its reason: authentication-failure', () => {
    const { wire, request } = associate(bytewise, { password: 'wrong' });
    expect(request.password).toBe('wrong');
    wire.deliver(
      wire.client,
      wire.server.reject({ source: 'acse-service-user', reason: 'authentication-failure' }),
    );
    const events = wire.take(wire.client);
    expect(events.map((e) => e.type)).toEqual(['cotp-connected', 'rejected']);
    const rejected = events[1]!;
    expect(rejected.type === 'rejected' && rejected.rejection).toMatchObject({
      source: 'acse-service-user',
      reason: 'authentication-failure',
      result: 'rejected-permanent',
      message: 'association rejected: authentication-failure',
    });
    expect([wire.client.state, wire.server.state]).toEqual(['closed', 'closed']);
  });

  it('reports a transient rejection by the ACSE provider', () => {
    const { wire } = associate();
    wire.deliver(
      wire.client,
      wire.server.reject(
        { source: 'acse-service-provider', reason: 'no-common-acse-version' },
        'rejected-transient',
      ),
    );
    const rejected = wire.take(wire.client)[1]!;
    expect(rejected.type === 'rejected' && rejected.rejection.message).toBe(
      'association rejected: no-common-acse-version (rejected-transient, by the ACSE provider)',
    );
  });
});

describe('IsoAssociation: data phase', () => {
  const SIZES = [7, 100, 125, 126, 127, 128, 1000, 8192, 20_000, 65_000];
  it.each(CHUNKERS)('carries MMS PDUs both ways, segmented and reassembled (%s)', (_, chunker) => {
    for (const tpduSize of [128, 8192]) {
      const { wire } = establish(chunker, { tpduSize });
      for (const n of SIZES) {
        if (chunker === bytewise && n > 8192) continue; // same paths, just slower
        const up = mmsPdu(n, 3);
        wire.deliver(wire.server, wire.client.sendData(up));
        const down = mmsPdu(n, 5);
        wire.deliver(wire.client, wire.server.sendData(down));
        const [atServer] = wire.take(wire.server);
        const [atClient] = wire.take(wire.client);
        expect(
          atServer?.type === 'data' && toHex(atServer.mmsPdu) === toHex(up),
          `${n} up, TPDU ${tpduSize}`,
        ).toBe(true);
        expect(
          atClient?.type === 'data' && toHex(atClient.mmsPdu) === toHex(down),
          `${n} down, TPDU ${tpduSize}`,
        ).toBe(true);
      }
    }
  });

  it('delivers several PDUs that arrive in one chunk, in order', () => {
    const { wire } = establish();
    const pdus = [mmsPdu(10, 1), mmsPdu(3000, 2), mmsPdu(20, 3)];
    const bytes = Uint8Array.from(pdus.flatMap((p) => Array.from(wire.client.sendData(p))));
    const events = wire.server.receive(bytes);
    expect(events.map((e) => (e.type === 'data' ? toHex(e.mmsPdu) : e.type))).toEqual(
      pdus.map((p) => toHex(p)),
    );
  });

  it('builds the same frames as TPKT(COTP DT(session GT+DT(User-data))) composed layer by layer', () => {
    for (const tpduSize of [128, 256, 1024, 8192]) {
      for (const n of [5, 100, 118, 119, 120, 121, 250, 5000, 70_000]) {
        const pdu = mmsPdu(n);
        const cotp = new CotpConnection({ role: 'responder', tpduSize, maxSduLength: 1 << 20 });
        cotp.receive(
          encodeCotp({ type: 'CR', dstRef: 0, srcRef: 1, protocolClass: 0, options: 0, tpduSize }),
        );
        cotp.accept();
        const ssdu = encodeSpdu({
          type: 'DT',
          userInformation: encodeUserData([{ contextId: 3, encoding: 'single-asn1-type', data: pdu }]),
        });
        expect(toHex(encodeDataFrames(pdu, 3, tpduSize)), `${n} in ${tpduSize}`).toBe(
          toHex(encodeTpkts(cotp.send(ssdu))),
        );
      }
    }
  });

  it('refuses sendData before the association and after the release', () => {
    const client = new IsoAssociation({ role: 'initiator' });
    expect(catchIso(() => client.sendData(REQUEST)).code).toBe('association-state');
    const { wire } = establish();
    wire.deliver(wire.server, wire.client.release());
    expect(catchIso(() => wire.client.sendData(REQUEST)).code).toBe('association-state');
  });
});

describe('IsoAssociation: release and abort', () => {
  it.each(CHUNKERS)('releases at the initiator’s request (%s)', (_, chunker) => {
    const { wire } = establish(chunker);
    wire.deliver(wire.server, wire.client.release());
    expect(wire.take(wire.server)).toEqual([
      { type: 'release-request', reason: 'normal' },
      { type: 'released', reason: 'normal' },
    ]);
    expect(wire.take(wire.client)).toEqual([{ type: 'released', reason: 'normal' }]);
    expect([wire.client.state, wire.server.state]).toEqual(['closed', 'closed']);
  });

  it('releases at the responder’s request, and data sent before the FN still arrives', () => {
    const { wire } = establish();
    const late = mmsPdu(50);
    const bytes = Uint8Array.from([...wire.server.sendData(late), ...wire.server.release()]);
    expect(wire.server.state).toBe('releasing');
    wire.deliver(wire.client, bytes);
    expect(wire.take(wire.client).map((e) => e.type)).toEqual(['data', 'release-request', 'released']);
    expect(wire.take(wire.server)).toEqual([{ type: 'released', reason: 'normal' }]);
  });

  it('delivers data that arrives while our release is pending', () => {
    const { wire } = establish();
    const fn = wire.client.release();
    const events = wire.client.receive(wire.server.sendData(mmsPdu(40)));
    expect(events.map((e) => e.type)).toEqual(['data']);
    wire.deliver(wire.server, fn);
    expect(wire.take(wire.client).map((e) => e.type)).toEqual(['released']);
  });

  it.each([
    ['initiator', 'client'],
    ['responder', 'server'],
  ] as const)('aborts from the %s', (_, side) => {
    const { wire } = establish(bytewise);
    const from = wire[side];
    const to = wire.peer(from);
    wire.deliver(to, from.abort());
    expect(from.state).toBe('closed');
    expect(wire.take(to)).toEqual([
      {
        type: 'aborted',
        abort: {
          source: 'acse-service-user',
          reason: 'no-reason-given',
          message: 'association aborted by the acse-service-user: no-reason-given',
        },
      },
    ]);
    expect(to.state).toBe('closed');
  });

  it('aborts while associating, and gives nothing to send before the transport is open', () => {
    const { wire } = associate();
    wire.deliver(wire.client, wire.server.abort());
    expect(wire.take(wire.client).map((e) => e.type)).toEqual(['cotp-connected', 'aborted']);
    const idle = new IsoAssociation({ role: 'initiator' });
    idle.start(REQUEST);
    expect(idle.abort()).toHaveLength(0);
  });
});

describe('IsoAssociation: hostile and unexpected input', () => {
  it('reports a protocol error, closes, and ignores what follows', () => {
    const server = new IsoAssociation({ role: 'responder' });
    const events = server.receive(fromHex('04 00 00 07 02 f0 80'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'protocol-error', error: { code: 'tpkt-version' } });
    expect(server.state).toBe('closed');
    expect(server.receive(fromHex('03 00 00 07 02 f0 80'))).toEqual([]);
  });

  it('refuses data before the association', () => {
    const { wire } = associate();
    const dt = dtFrame(fromHex('01 00 01 00 61 07 30 05 02 01 03 a0 00'));
    expect(wire.server.receive(dt)).toMatchObject([
      { type: 'protocol-error', error: { code: 'association-unexpected-pdu' } },
    ]);
  });

  it('refuses MMS data in the ACSE context', () => {
    const { wire } = establish();
    const dt = dtFrame(fromHex('01 00 01 00 61 09 30 07 02 01 01 a0 02 8b 00'));
    expect(wire.server.receive(dt)).toMatchObject([
      { type: 'protocol-error', error: { code: 'presentation-context' } },
    ]);
  });

  it('bounds reassembly by maxMmsPduSize plus the ISO headers, and buffers at most one TPKT', () => {
    const { wire } = establish(whole, {}, { maxMmsPduSize: 1000 });
    const segment = encodeTpkt(encodeCotp({ type: 'DT', eot: false, userData: new Uint8Array(1000) }));
    const events: IsoEvent[] = [];
    for (let i = 0; i < 6 && events.length === 0; i++) events.push(...wire.server.receive(segment));
    expect(events).toMatchObject([{ type: 'protocol-error', error: { code: 'cotp-sdu-too-large' } }]);
    // A TPKT header announcing 65535 octets holds nothing back but that one packet.
    const client = establish().wire.client;
    expect(client.receive(fromHex('03 00 ff ff 02 f0 80'))).toEqual([]);
    expect(client.state).toBe('associated');
  });

  it('refuses an MMS PDU larger than the limit sent in one piece', () => {
    const { wire } = establish(whole, {}, { maxMmsPduSize: 1000 });
    expect(wire.server.receive(wire.client.sendData(mmsPdu(6000)))).toMatchObject([
      { type: 'protocol-error', error: { code: 'cotp-sdu-too-large' } },
    ]);
  });

  it('reports a COTP disconnect request as disconnected', () => {
    const client = new IsoAssociation({ role: 'initiator' });
    client.start(REQUEST);
    const dr = encodeTpkt(encodeCotp({ type: 'DR', dstRef: 1, srcRef: 9, reason: 3 }));
    expect(client.receive(dr)).toEqual([
      { type: 'disconnected', reason: { tpdu: 'DR', code: 3, text: 'address unknown' } },
    ]);
    expect(client.state).toBe('closed');
  });

  it('reports a session refusal without presentation data', () => {
    const { wire } = associate();
    const rf = dtFrame(encodeSpdu({ type: 'RF', transportDisconnect: 1, reason: 129 }));
    wire.server.close();
    const rejected = wire.client.receive(rf);
    expect(rejected).toMatchObject([
      {
        type: 'rejected',
        rejection: {
          source: 'session',
          reason: 'session selector unknown',
          message: 'association refused by the session layer: session selector unknown',
        },
      },
    ]);
  });

  it('never throws on random bytes, whatever the state (property)', () => {
    const makers: (() => IsoAssociation)[] = [
      () => new IsoAssociation({ role: 'responder' }),
      () => {
        const c = new IsoAssociation({ role: 'initiator' });
        c.start(REQUEST);
        return c;
      },
      () => establish().wire.server,
      () => establish().wire.client,
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ maxLength: 200 }), (which, bytes) => {
        const a = makers[which]!();
        for (const ev of a.receive(bytes))
          if (ev.type === 'protocol-error') expect(ev.error).toBeInstanceOf(IsoError);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on valid frames with random SPDUs inside, whatever the state (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ minLength: 1, maxLength: 200 }), (server, ssdu) => {
        const { wire } = establish();
        const a = server ? wire.server : wire.client;
        const frame = dtFrame(ssdu);
        for (const ev of a.receive(frame))
          if (ev.type === 'protocol-error') expect(ev.error).toBeInstanceOf(IsoError);
      }),
      { numRuns: 300 },
    );
  });
});
