import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RelayGateError, concatBytes, fromHex } from '../shared';
import { MmsError } from './errors';
import { capturedPdus, caught, decodeOrTypedError } from './fixtures';
import * as data from './fixtures/libiec61850-data';
import { decodeMmsPdu } from './pdu';

/*
 * What a hostile or broken device can send: deep nesting, huge declared lengths, too many elements and
 * random damage to real PDUs. The decoder must answer each with a RelayGateError (never a RangeError,
 * a stack overflow or a huge allocation) and, where it could read one, the invoke id.
 */

/** A BER length field for `n` octets (short or long form). */
function lengthField(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const octets: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) octets.unshift(v % 256);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

function tlv(tag: number, contents: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(tag), lengthField(contents.length), contents]);
}

/** A read response #7 whose one result is `data`. */
function readResponse(dataElement: Uint8Array): Uint8Array {
  return tlv(0xa1, concatBytes([fromHex('02 01 07'), tlv(0xa4, tlv(0xa1, dataElement))]));
}

describe('hostile MMS input', () => {
  it('refuses structures nested 10,000 deep with a typed error naming the request', () => {
    let nested = fromHex('83 01 01');
    for (let i = 0; i < 10_000; i++) nested = tlv(0xa2, nested);
    const err = caught(() => decodeMmsPdu(readResponse(nested)));
    expect(err).toBeInstanceOf(MmsError);
    expect(err).toMatchObject({ code: 'bad-pdu', invokeId: 7 });
    expect((err as MmsError).cause).toMatchObject({ layer: 'asn1', code: 'too-deep' });
  });

  it('refuses a type description nested 10,000 deep', () => {
    // GVAA response: typeSpecification [2] { array { numberOfElements 1, elementType [2] { … } } }
    let spec = fromHex('83 00'); // boolean
    for (let i = 0; i < 10_000; i++) spec = tlv(0xa1, concatBytes([fromHex('81 01 01'), tlv(0xa2, spec)]));
    const body = tlv(0xa6, concatBytes([fromHex('80 01 00'), tlv(0xa2, spec)]));
    const pdu = tlv(0xa1, concatBytes([fromHex('02 01 03'), body]));
    expect(caught(() => decodeMmsPdu(pdu))).toMatchObject({ code: 'bad-pdu', invokeId: 3 });
  });

  it('refuses a declared length of 2^31 without allocating it', () => {
    const err = caught(() => decodeMmsPdu(fromHex('a1 84 80 00 00 00 02 01 01')));
    expect(err).toBeInstanceOf(RelayGateError);
    expect(err).toMatchObject({ layer: 'asn1', offset: 1 });
  });

  it('refuses a 2^31 length inside the body, keeping the invoke id', () => {
    const err = caught(() => decodeMmsPdu(fromHex('a1 0b 02 01 09 a4 06 a1 84 80 00 00 00')));
    expect(err).toMatchObject({ code: 'bad-pdu', invokeId: 9 });
  });

  it('honours caller limits on the number of elements', () => {
    const pdu = fromHex(data.URCB_REPORT);
    expect(() => decodeMmsPdu(pdu)).not.toThrow();
    expect(caught(() => decodeMmsPdu(pdu, { maxElements: 10 }))).toMatchObject({
      layer: 'asn1',
      code: 'too-many-elements',
    });
  });

  it('never throws anything but a RelayGateError on damaged real PDUs (property)', () => {
    const real = capturedPdus().map(([, hex]) => fromHex(hex));
    const damaged = fc
      .tuple(
        fc.constantFrom(...real),
        fc.array(
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
      )
      .map(([bytes, edits]) => {
        const out = Array.from(bytes);
        for (const [at, b, op] of edits) {
          const i = at % (out.length + 1);
          if (op === 'set' && i < out.length) out[i] = b;
          else if (op === 'insert') out.splice(i, 0, b);
          else out.splice(i, 1);
        }
        return Uint8Array.from(out);
      });
    fc.assert(fc.property(damaged, decodeOrTypedError), { numRuns: 5000 });
  });

  it('never throws anything but a RelayGateError on random bytes behind a valid PDU header (property)', () => {
    // Random contents under each PDU tag reach the body decoders, not just the envelope check.
    const headed = fc
      .tuple(fc.integer({ min: 0xa0, max: 0xad }), fc.uint8Array({ maxLength: 200 }))
      .map(([tag, body]) => tlv(tag, concatBytes([fromHex('02 01 01'), body])));
    fc.assert(fc.property(headed, decodeOrTypedError), { numRuns: 5000 });
  });
});
