import type { MmsTypeSpec } from '../mms';

/*
 * The MMS type of each SCL basic type, as IEC 61850-8-1 §8.1.3 maps them (and as libiec61850 serves
 * them, where the standard leaves a choice): sized strings are variable length up to their size, an
 * enumeration is an 8-bit integer unless its ordinals need more, a quality a variable-length bit
 * string of 13 bits.
 */

const INTEGERS = new Map<number, MmsTypeSpec>();
/** One shared spec per size: a model has thousands of enum leaves, and specs are never changed. */
const int = (bits: number): MmsTypeSpec => {
  let spec = INTEGERS.get(bits);
  if (!spec) INTEGERS.set(bits, (spec = { type: 'integer', bits }));
  return spec;
};
const uint = (bits: number): MmsTypeSpec => ({ type: 'unsigned', bits });
const vstring = (n: number): MmsTypeSpec => ({ type: 'visible-string', size: -n });

const BASIC: Readonly<Record<string, MmsTypeSpec>> = {
  BOOLEAN: { type: 'boolean' },
  INT8: int(8),
  INT16: int(16),
  INT24: int(32),
  INT32: int(32),
  INT64: int(64),
  INT128: int(64),
  INT8U: uint(8),
  INT16U: uint(16),
  INT24U: uint(32),
  INT32U: uint(32),
  FLOAT32: { type: 'float', formatWidth: 32, exponentWidth: 8 },
  FLOAT64: { type: 'float', formatWidth: 64, exponentWidth: 11 },
  Dbpos: { type: 'bit-string', size: 2 },
  Tcmd: { type: 'bit-string', size: 2 },
  Check: { type: 'bit-string', size: 2 },
  Quality: { type: 'bit-string', size: -13 },
  Timestamp: { type: 'utc-time' },
  EntryTime: { type: 'binary-time', withDate: true },
  TrgOps: { type: 'bit-string', size: 6 },
  OptFlds: { type: 'bit-string', size: 10 },
  SvOptFlds: { type: 'bit-string', size: 5 },
  LogOptFlds: { type: 'bit-string', size: 1 },
  Octet6: { type: 'octet-string', size: 6 },
  Octet16: { type: 'octet-string', size: 16 },
  Octet64: { type: 'octet-string', size: -64 },
  EntryID: { type: 'octet-string', size: 8 },
  VisString32: vstring(32),
  VisString64: vstring(64),
  VisString65: vstring(65),
  VisString129: vstring(129),
  VisString255: vstring(255),
  ObjRef: vstring(129),
  Currency: { type: 'visible-string', size: 3 },
  Unicode255: { type: 'mms-string', size: -255 },
};

/** PhyComAddr (GOOSE/SV destination): the structure 8-1 gives it. */
const PHY_COM_ADDR: MmsTypeSpec = {
  type: 'structure',
  packed: false,
  components: [
    { name: 'Addr', spec: { type: 'octet-string', size: 6 } },
    { name: 'PRIORITY', spec: uint(8) },
    { name: 'VID', spec: uint(16) },
    { name: 'APPID', spec: uint(16) },
  ],
};

/**
 * The MMS type of a basic-typed attribute, or undefined for a bType with none (Struct is built from
 * its BDAs). `maxOrdinal` sizes an enumeration.
 */
export function mmsTypeOfBType(bType: string, maxOrdinal = 0): MmsTypeSpec | undefined {
  if (bType === 'Enum') return int(maxOrdinal > 0x7fff ? 32 : maxOrdinal > 0x7f ? 16 : 8);
  if (bType === 'PhyComAddr') return PHY_COM_ADDR;
  return BASIC[bType];
}
