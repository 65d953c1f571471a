import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../shared';
import { Asn1Error } from './errors';
import { BerReader, type Tlv } from './reader';
import { TagClass } from './tag';

function header(tlv: Tlv) {
  return {
    cls: tlv.cls,
    constructed: tlv.constructed,
    tag: tlv.tag,
    length: tlv.end - tlv.valueStart,
    valueStart: tlv.valueStart,
  };
}

function errorOf(fn: () => unknown): Asn1Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof Asn1Error) return err;
    throw err;
  }
  throw new Error('expected an Asn1Error');
}

/** Walks every element, depth first, iteratively through children(): the way callers walk BER. */
function walk(bytes: Uint8Array, limits = {}): number {
  const stack = [new BerReader(bytes, { limits })];
  let count = 0;
  while (stack.length > 0) {
    const reader = stack[stack.length - 1] as BerReader;
    if (!reader.hasMore()) {
      stack.pop();
      continue;
    }
    const tlv = reader.next();
    count++;
    if (tlv.constructed) stack.push(reader.children(tlv));
  }
  return count;
}

describe('BerReader headers', () => {
  it.each([
    [
      'a0 00                  # [0] constructed, empty',
      { cls: TagClass.context, constructed: true, tag: 0, length: 0, valueStart: 2 },
    ],
    [
      '02 01 05               # INTEGER 5',
      { cls: TagClass.universal, constructed: false, tag: 2, length: 1, valueStart: 2 },
    ],
    [
      '61 03 02 01 05         # [APPLICATION 1] constructed',
      { cls: TagClass.application, constructed: true, tag: 1, length: 3, valueStart: 2 },
    ],
    [
      '9f 1f 00               # [31] primitive: long-form tag, one octet',
      { cls: TagClass.context, constructed: false, tag: 31, length: 0, valueStart: 3 },
    ],
    [
      'bf 81 00 00            # [128] constructed: two tag octets',
      { cls: TagClass.context, constructed: true, tag: 128, length: 0, valueStart: 4 },
    ],
    [
      `04 81 80 ${'00 '.repeat(128)} # long form, 1 length octet`,
      { cls: 0, constructed: false, tag: 4, length: 128, valueStart: 3 },
    ],
    [
      `04 82 01 00 ${'00 '.repeat(256)} # long form, 2 length octets`,
      { cls: 0, constructed: false, tag: 4, length: 256, valueStart: 4 },
    ],
    [
      'c5 00                  # [PRIVATE 5]',
      { cls: TagClass.private, constructed: false, tag: 5, length: 0, valueStart: 2 },
    ],
  ])('%s', (hex, expected) => {
    const reader = new BerReader(fromHex(hex));
    expect(header(reader.next())).toEqual(expected);
    reader.end('the element');
  });

  it.each([
    ['02', 'truncated', 1, 'has no length octets'],
    ['02 05 01', 'truncated', 1, '[UNIVERSAL 2] declares 5 octets but only 1 remain'],
    ['02 80 00 00', 'indefinite-length', 1, 'indefinite length form'],
    ['04 85 00 00 00 00 01', 'length-too-large', 1, '5 length octets'],
    ['04 84 80 00 00 00', 'length-too-large', 1, 'declares 2147483648 octets, more than the limit'],
    ['04 82 01', 'truncated', 1, 'length octets run past the end'],
    ['9f', 'truncated', 0, 'tag number runs past the end'],
    ['9f 80 01 00', 'bad-tag', 0, 'leading zero octet'],
    ['9f 05 00', 'bad-tag', 0, 'tag number 5 must use the short form'],
    ['9f ff ff ff ff 7f 00', 'bad-tag', 0, 'longer than 4 octets'],
  ])('refuses %s (%s)', (hex, code, offset, message) => {
    const err = errorOf(() => new BerReader(fromHex(hex)).next());
    expect(err.code).toBe(code);
    expect(err.offset).toBe(offset);
    expect(err.message).toContain(message);
  });

  it('names the expected and found tags when a tag does not match, and does not move', () => {
    const reader = new BerReader(fromHex('a1 00'));
    const err = errorOf(() => reader.expect(TagClass.context, 0, 'confirmed-RequestPDU'));
    expect(err.message).toBe('expected [0] confirmed-RequestPDU, found [1]');
    expect(err.code).toBe('unexpected-tag');
    expect(reader.expect(TagClass.context, 1, 'confirmed-ResponsePDU').constructed).toBe(true);
  });

  it('reads OPTIONAL components only when their tag is next', () => {
    const reader = new BerReader(fromHex('80 01 01  82 00'));
    expect(reader.optional(TagClass.context, 1)).toBeUndefined();
    expect(reader.optional(TagClass.context, 0)?.tag).toBe(0);
    expect(reader.optional(TagClass.context, 2)?.tag).toBe(2);
    expect(reader.hasMore()).toBe(false);
  });

  it('reports trailing bytes with their offset', () => {
    const reader = new BerReader(fromHex('05 00 05 00'));
    reader.next();
    const err = errorOf(() => reader.end('the NULL'));
    expect([err.code, err.offset, err.message]).toEqual([
      'trailing-bytes',
      2,
      '2 unexpected bytes after the NULL',
    ]);
  });

  it('keeps a child inside its parent: a child length past the parent is truncated, not read beyond', () => {
    // [0] says 3 octets; inside, an OCTET STRING claims 4 but the parent holds only 1 after its header.
    const bytes = fromHex('a0 03 04 04 01  02 03 04');
    const parent = new BerReader(bytes).next();
    const err = errorOf(() => new BerReader(bytes).children(parent).next());
    expect([err.code, err.offset]).toEqual(['truncated', 3]);
  });

  it('refuses to open a primitive element as constructed', () => {
    const reader = new BerReader(fromHex('04 00'));
    const tlv = reader.next();
    expect(errorOf(() => reader.children(tlv, 'the data')).code).toBe('bad-tag');
  });
});

describe('BerReader limits', () => {
  it('stops a nesting depth of 10,000 with too-deep at the depth limit, without a stack overflow', () => {
    const depth = 10_000;
    // Each level: a0 84 LL LL LL LL (4 length octets) wrapping the rest.
    const bytes = new Uint8Array(depth * 6);
    for (let i = 0; i < depth; i++) {
      const rest = (depth - i - 1) * 6;
      bytes.set(
        [0xa0, 0x84, (rest >>> 24) & 0xff, (rest >>> 16) & 0xff, (rest >>> 8) & 0xff, rest & 0xff],
        i * 6,
      );
    }
    const err = errorOf(() => walk(bytes));
    expect(err.code).toBe('too-deep');
    expect(err.offset).toBe(51 * 6);
    expect(err.message).toContain('deeper than 50 levels');
  });

  it('allows exactly maxDepth levels', () => {
    expect(walk(fromHex('a0 02 a0 00'), { maxDepth: 1 })).toBe(2);
    expect(errorOf(() => walk(fromHex('a0 04 a0 02 a0 00'), { maxDepth: 1 })).code).toBe('too-deep');
  });

  it('refuses a declared length of 2^31 without allocating it', () => {
    const err = errorOf(() => new BerReader(fromHex('04 84 80 00 00 00 00')).next());
    expect(err.code).toBe('length-too-large');
  });

  it('counts elements across a reader and its children', () => {
    const many = fromHex('30 06 05 00 05 00 05 00');
    expect(walk(many, { maxElements: 4 })).toBe(4);
    const err = errorOf(() => walk(many, { maxElements: 3 }));
    expect([err.code, err.offset]).toEqual(['too-many-elements', 6]);
  });

  it('fails with a typed error at every truncation of a valid nested encoding', () => {
    const whole = fromHex('a1 0e 02 01 07 a4 09 a1 07 a0 05 84 03 03 40 80');
    expect(walk(whole)).toBe(6);
    for (let cut = 1; cut < whole.length; cut++) {
      const err = errorOf(() => walk(whole.subarray(0, cut)));
      expect(err.code, `cut at ${cut}`).toBe('truncated');
    }
  });

  it('either decodes random bytes or throws Asn1Error, never anything else (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          walk(bytes, { maxDepth: 8 });
        } catch (err) {
          if (!(err instanceof Asn1Error)) throw err;
        }
      }),
      { numRuns: 5000 },
    );
  });
});
