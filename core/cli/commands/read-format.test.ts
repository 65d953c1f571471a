import { describe, expect, it } from 'vitest';
import type { ReadItem } from '../../client';
import { parseObjectReference } from '../../iec61850';
import { domainName, type AccessResult, type MmsTypeSpec, type MmsValue } from '../../mms';
import { fromHex } from '../../shared';
import { formatReadRow, readRow } from './read-format';

// Values and type descriptions as libiec61850 1.5.3's example servers answer them (checked by hand with
// `relaygate read` against server_example_basic_io, control, dynamic, setting_groups, config_file).
const f32 = (value: number): MmsValue => ({ type: 'float', value, width: 32 });
const q13 = (hex: string): MmsValue => ({ type: 'bit-string', bitLength: 13, bytes: fromHex(hex) });
const good = q13('00 00');
/** 2026-11-23T09:20:22.184Z with leap-second-known (0x80), as basic_io stamps AnIn1.t. */
const t: MmsValue = { type: 'utc-time', seconds: 1795425622, fraction: 0x2f1aa0, quality: 0x80 };
const zeroT: MmsValue = { type: 'utc-time', seconds: 0, fraction: 0, quality: 0 };
const struct = (...members: MmsValue[]): MmsValue => ({ type: 'structure', members });
const bool = (value: boolean): MmsValue => ({ type: 'boolean', value });
const int = (value: number): MmsValue => ({ type: 'integer', value });

const F32: MmsTypeSpec = { type: 'float', formatWidth: 32, exponentWidth: 8 };
const Q: MmsTypeSpec = { type: 'bit-string', size: -13 };
const T: MmsTypeSpec = { type: 'utc-time' };
const BOOL: MmsTypeSpec = { type: 'boolean' };
const spec = (...components: [string, MmsTypeSpec][]): MmsTypeSpec => ({
  type: 'structure',
  packed: false,
  components: components.map(([name, s]) => ({ name, spec: s })),
});
const MAG = spec(['f', F32]);

function item(ref: string, result: AccessResult): ReadItem {
  const parsed = parseObjectReference(ref);
  return { ref: parsed, name: domainName(parsed.ld, 'unused'), result };
}
const ok = (value: MmsValue): AccessResult => ({ ok: true, value });

describe('read rows', () => {
  it('splits a measured FCD into value, quality and time', () => {
    const row = readRow(
      item('simpleIOGenericIO/GGIO1.AnIn1[MX]', ok(struct(struct(f32(0.5)), good, t))),
      spec(['mag', MAG], ['q', Q], ['t', T]),
    );
    expect(row).toEqual({
      ref: 'simpleIOGenericIO/GGIO1.AnIn1',
      fc: 'MX',
      type: 'float32',
      value: 0.5,
      quality: 'good',
      timestamp: '2026-11-23T09:20:22.184Z',
    });
    expect(formatReadRow(row)).toBe(
      'simpleIOGenericIO/GGIO1.AnIn1 [MX]  float32 0.5  q=good  t=2026-11-23T09:20:22.184Z',
    );
  });

  it('shows a leaf q or t once, as the value', () => {
    const q = readRow(item('simpleIOGenericIO/GGIO1.AnIn1.q[MX]', ok(good)), Q);
    expect(q).toEqual({ ref: 'simpleIOGenericIO/GGIO1.AnIn1.q', fc: 'MX', type: 'quality', value: 'good' });
    expect(formatReadRow(q)).toBe('simpleIOGenericIO/GGIO1.AnIn1.q [MX]  quality good');
    const time = readRow(item('simpleIOGenericIO/GGIO1.AnIn1.t[MX]', ok(t)), T);
    expect(time).toEqual({
      ref: 'simpleIOGenericIO/GGIO1.AnIn1.t',
      fc: 'MX',
      type: 'timestamp',
      value: '2026-11-23T09:20:22.184Z',
    });
  });

  it('shows a control structure whole, not just its ctlVal', () => {
    // GGIO1.SPCSO1.Oper [CO] of basic_io: ctlVal, origin {orCat, orIdent}, ctlNum, T, Test, Check.
    const oper = struct(
      bool(true),
      struct(int(3), { type: 'octet-string', value: fromHex('41 42') }),
      { type: 'unsigned', value: 7 },
      zeroT,
      bool(false),
      { type: 'bit-string', bitLength: 2, bytes: fromHex('00') },
    );
    const operSpec = spec(
      ['ctlVal', BOOL],
      [
        'origin',
        spec(['orCat', { type: 'integer', bits: 8 }], ['orIdent', { type: 'octet-string', size: -64 }]),
      ],
      ['ctlNum', { type: 'unsigned', bits: 8 }],
      ['T', T],
      ['Test', BOOL],
      ['Check', { type: 'bit-string', size: 2 }],
    );
    const row = readRow(item('simpleIOGenericIO/GGIO1.SPCSO1.Oper[CO]', ok(oper)), operSpec);
    expect(row.type).toBe('struct');
    expect(row.value).toEqual({
      ctlVal: true,
      origin: { orCat: 3, orIdent: '4142' },
      ctlNum: 7,
      T: '1970-01-01T00:00:00.000Z',
      Test: false,
      Check: '00',
    });
    expect(row.quality).toBeUndefined();
  });

  it('lets a lone value member stand for its structure (a setting)', () => {
    // DEMOPROT/PTOC1.StrVal [SG] = {setMag {f}}.
    const row = readRow(item('DEMOPROT/PTOC1.StrVal[SG]', ok(struct(struct(f32(1))))), spec(['setMag', MAG]));
    expect(row).toEqual({ ref: 'DEMOPROT/PTOC1.StrVal', fc: 'SG', type: 'float32', value: 1 });
  });

  it('splits an APC by mxVal', () => {
    // testmodelSENSORS/GGIO1.AnOut1 [MX] = {mxVal {f}, q, t} (server_example_dynamic).
    const row = readRow(
      item('testmodelSENSORS/GGIO1.AnOut1[MX]', ok(struct(struct(f32(2)), good, zeroT))),
      spec(['mxVal', MAG], ['q', Q], ['t', T]),
    );
    expect(formatReadRow(row)).toBe(
      'testmodelSENSORS/GGIO1.AnOut1 [MX]  float32 2  q=good  t=1970-01-01T00:00:00.000Z',
    );
  });

  it('shows an FCD without a value member whole, without repeating q and t', () => {
    // config_file's LLN0.Mod [ST] has q and t only.
    const row = readRow(
      item('simpleIOGenericIO/LLN0.Mod[ST]', ok(struct(good, zeroT))),
      spec(['q', Q], ['t', T]),
    );
    expect(formatReadRow(row)).toBe(
      'simpleIOGenericIO/LLN0.Mod [ST]  struct {"q":"good","t":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it('prints an empty string as ""', () => {
    const row = readRow(
      item('simpleIOGenericIO/GGIO1.NamPlt.vendor[DC]', ok({ type: 'visible-string', value: '' })),
      { type: 'visible-string', size: -255 },
    );
    expect(formatReadRow(row)).toBe('simpleIOGenericIO/GGIO1.NamPlt.vendor [DC]  visiblestring ""');
  });

  it.each([
    // The client's error code, then the server's DataAccessError (core/test/cli-ied.test.ts pins this).
    ['object-non-existent', 'object-non-existent: object-non-existent'],
    ['object-access-denied', 'access-denied: object-access-denied'],
    ['temporarily-unavailable', 'temporarily-unavailable: temporarily-unavailable'],
  ] as const)('names the client code and the access error %s', (name, shown) => {
    const codes = { 'object-non-existent': 10, 'object-access-denied': 3, 'temporarily-unavailable': 2 };
    const row = readRow(
      item('simpleIOGenericIO/GGIO1.Ind1[ST]', { ok: false, error: { code: codes[name], name } }),
      undefined,
    );
    expect(row.error).toBe(shown);
    expect(formatReadRow(row)).toBe(`simpleIOGenericIO/GGIO1.Ind1 [ST]  ERROR ${shown}`);
  });
});
