import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../shared';
import { encodeData } from '../data-codec';
import { MmsError } from '../errors';
import { ANIN_TYPE_SPEC } from '../fixtures/libiec61850-browse';
import { domainName, type ObjectName } from '../object-name';
import { encodeConfirmedRequest, encodeConfirmedResponse } from '../pdu';
import type { MmsTypeSpec } from '../type-spec';
import type { AccessResult, MmsValue } from '../value';
import { dataAccessError } from '../value';
import { dataSizeBound, readRequestSize, readResponseSize, splitReadByPduSize } from './read-size';

const identifier = (max: number) =>
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$_'),
    minLength: 1,
    maxLength: max,
  });

const objectName: fc.Arbitrary<ObjectName> = fc.oneof(
  fc.record({ scope: fc.constant('domain' as const), domain: identifier(64), item: identifier(300) }),
  fc.record({ scope: fc.constant('vmd' as const), item: identifier(300) }),
  fc.record({ scope: fc.constant('aa' as const), item: identifier(40) }),
);

const readOf = (variables: readonly ObjectName[], specificationWithResult = false) => ({
  service: 'read' as const,
  ...(specificationWithResult ? { specificationWithResult } : {}),
  access: { kind: 'list' as const, variables },
});

describe('read PDU sizes', () => {
  it('computes the exact encoded size of any read request (property)', () => {
    fc.assert(
      fc.property(
        fc.array(objectName, { maxLength: 40 }),
        fc.nat({ max: 0xffffffff }),
        fc.boolean(),
        (variables, invokeId, withResult) => {
          const encoded = encodeConfirmedRequest(invokeId, readOf(variables, withResult));
          expect(readRequestSize(variables, { invokeId, specificationWithResult: withResult })).toBe(
            encoded.length,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is exact across long-form length boundaries (127/128, 255/256, 65535/65536 octets)', () => {
    for (const count of [1, 2, 3, 5, 6, 7, 8, 9, 10, 100, 1500, 2000]) {
      const variables = Array.from({ length: count }, (_, i) => domainName('LD0', `GGIO1$MX$AnIn${i}$mag$f`));
      expect(readRequestSize(variables, { invokeId: 1 })).toBe(
        encodeConfirmedRequest(1, readOf(variables)).length,
      );
    }
  });

  it('computes the exact size of a read response from its AccessResults (property)', () => {
    const result: fc.Arbitrary<AccessResult> = fc.oneof(
      fc.nat({ max: 11 }).map((code) => ({ ok: false as const, error: dataAccessError(code) })),
      fc.string({ maxLength: 300 }).map((s) => ({
        ok: true as const,
        value: { type: 'visible-string', value: s.replace(/[^\x20-\x7e]/g, 'x') } as MmsValue,
      })),
    );
    fc.assert(
      fc.property(fc.array(result, { maxLength: 30 }), fc.nat({ max: 0xffffffff }), (results, invokeId) => {
        const sizes = results.map((r) => (r.ok ? encodeData(r.value).length : 3));
        const encoded = encodeConfirmedResponse(invokeId, { service: 'read', results });
        expect(readResponseSize(sizes, { invokeId })).toBe(encoded.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('dataSizeBound', () => {
  // GGIO1$MX$AnIn1 as libiec61850's server describes it: { mag { f float32 }, q bit-string(-13), t utc-time }
  const anIn = ANIN_TYPE_SPEC;
  const anInValue: MmsValue = {
    type: 'structure',
    members: [
      { type: 'structure', members: [{ type: 'float', value: -0.85, width: 32 }] },
      { type: 'bit-string', bitLength: 13, bytes: fromHex('00 00') },
      { type: 'utc-time', seconds: 1_700_000_000, fraction: 0x123456, quality: 0x0a },
    ],
  };

  it('bounds a whole-FCD value exactly when every member has a fixed size', () => {
    expect(dataSizeBound(anIn)).toBe(encodeData(anInValue).length);
    expect(dataSizeBound(anIn)).toBe(26);
  });

  it.each<[string, MmsTypeSpec, MmsValue]>([
    ['boolean', { type: 'boolean' }, { type: 'boolean', value: true }],
    ['INT32 minimum', { type: 'integer', bits: 32 }, { type: 'integer', value: -0x80000000 }],
    ['INT8U 255', { type: 'unsigned', bits: 8 }, { type: 'unsigned', value: 255 }],
    ['INT32U maximum', { type: 'unsigned', bits: 32 }, { type: 'unsigned', value: 0xffffffff }],
    ['INT64', { type: 'integer', bits: 64 }, { type: 'integer', value: -(2n ** 63n) }],
    [
      'float64',
      { type: 'float', formatWidth: 64, exponentWidth: 11 },
      { type: 'float', value: 1e300, width: 64 },
    ],
    ['Dbpos', { type: 'bit-string', size: 2 }, { type: 'bit-string', bitLength: 2, bytes: fromHex('40') }],
    [
      'VisString255 full',
      { type: 'visible-string', size: -255 },
      { type: 'visible-string', value: 'x'.repeat(255) },
    ],
    [
      'Octet64 full',
      { type: 'octet-string', size: -64 },
      { type: 'octet-string', value: new Uint8Array(64) },
    ],
    [
      'Unicode255 of 4-octet characters',
      { type: 'mms-string', size: -255 },
      { type: 'mms-string', value: '😀'.repeat(255) },
    ],
    ['EntryTime', { type: 'binary-time', withDate: true }, { type: 'binary-time', msOfDay: 1, days: 2 }],
    [
      'array of 3 INT16',
      { type: 'array', packed: false, elementCount: 3, element: { type: 'integer', bits: 16 } },
      {
        type: 'array',
        elements: [
          { type: 'integer', value: -32768 },
          { type: 'integer', value: 32767 },
          { type: 'integer', value: 1 },
        ],
      },
    ],
  ])('is an upper bound for %s', (_name, spec, value) => {
    const bound = dataSizeBound(spec);
    expect(bound).toBeDefined();
    expect(encodeData(value).length).toBeLessThanOrEqual(bound as number);
  });

  it('is undefined when a type is only named', () => {
    expect(dataSizeBound({ type: 'type-name', name: { scope: 'vmd', item: 'T' } })).toBeUndefined();
    expect(
      dataSizeBound({
        type: 'structure',
        packed: false,
        components: [{ name: 'x', spec: { type: 'obj-id' } }],
      }),
    ).toBeUndefined();
  });
});

describe('splitReadByPduSize', () => {
  const WORST_ID = 0xffffffff;
  const names = (n: number, item = (i: number) => `GGIO1$MX$AnIn${i}`) =>
    Array.from({ length: n }, (_, i) => domainName('simpleIOGenericIO', item(i)));

  it('keeps every request within the PDU size, in order, and fills each request as far as it goes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(objectName, { maxLength: 60 }),
        fc.integer({ min: 700, max: 4000 }),
        (variables, max) => {
          const batches = splitReadByPduSize(variables, max);
          expect(batches.flatMap((b) => b.variables)).toEqual(variables);
          let next = 0;
          for (const [i, b] of batches.entries()) {
            expect(b.start).toBe(next);
            next += b.variables.length;
            expect(encodeConfirmedRequest(WORST_ID, readOf(b.variables)).length).toBeLessThanOrEqual(max);
            const following = batches[i + 1]?.variables[0];
            if (following) expect(readRequestSize([...b.variables, following])).toBeGreaterThan(max);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns no batch for no variables and one batch when all fit', () => {
    expect(splitReadByPduSize([], 65000)).toEqual([]);
    const all = names(100);
    expect(splitReadByPduSize(all, 65000)).toEqual([{ start: 0, variables: all }]);
  });

  it('splits a big read for a small negotiated PDU (libiec61850 utilities may propose 1000 or 2000)', () => {
    const all = names(100);
    const batches = splitReadByPduSize(all, 1000);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(readRequestSize(b.variables)).toBeLessThanOrEqual(1000);
  });

  it('caps the number of variables per request', () => {
    const batches = splitReadByPduSize(names(10), 65000, { maxVariables: 4 });
    expect(batches.map((b) => [b.start, b.variables.length])).toEqual([
      [0, 4],
      [4, 4],
      [8, 2],
    ]);
  });

  it('keeps responses within the PDU size when value bounds are known', () => {
    const all = names(10);
    const bounds = all.map(() => 300); // e.g. whole-LN structures
    const batches = splitReadByPduSize(all, 1000, { responseBounds: bounds });
    expect(batches.map((b) => b.variables.length)).toEqual([3, 3, 3, 1]);
    for (const b of batches) {
      expect(readResponseSize(b.variables.map(() => 300))).toBeLessThanOrEqual(1000);
    }
  });

  it('gives a variable whose value may exceed the PDU size a request of its own', () => {
    const all = names(3);
    const batches = splitReadByPduSize(all, 1000, { responseBounds: [10, 5000, 10] });
    expect(batches.map((b) => [b.start, b.variables.length])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
  });

  it('refuses a name that cannot fit any request, naming it', () => {
    const long = domainName('LD0', 'x'.repeat(990));
    expect(() => splitReadByPduSize([long], 1000)).toThrow(MmsError);
    expect(() => splitReadByPduSize([long], 1000)).toThrow(
      /LD0\/x+ needs a request larger than .* 1000 octets/,
    );
  });
});
