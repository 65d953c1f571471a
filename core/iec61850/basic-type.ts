/**
 * SCL basic types (bType, IEC 61850-6 §9.5.4 / tBasicTypeEnum) and the RelayGate type names of
 * CONVENTIONS.md that every layer (CLI, project, UI, MQTT) shows.
 */
export const TYPE_NAMES = [
  'boolean',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'float32',
  'float64',
  'dbpos',
  'enum',
  'quality',
  'timestamp',
  'bitstring',
  'octetstring',
  'visiblestring',
  'unicodestring',
  'struct',
  'array',
] as const;

export type TypeName = (typeof TYPE_NAMES)[number];

/**
 * bType → type name. Choices worth knowing:
 * - INT24 and INT24U widen to int32/uint32, INT128 (Ed1 counters) to int64: we have no narrower or
 *   wider integer type, and the MMS encoding is a plain integer either way.
 * - Tcmd is a 2-bit bit string on the wire like Dbpos but without Dbpos' meaning, so it is a bitstring.
 * - EntryTime (MMS binary-time) is a point in time, so it is a timestamp.
 * - Check, TrgOps, OptFlds, SvOptFlds and LogOptFlds are bit strings.
 * - ObjRef and Currency are visible strings on the wire.
 * - PhyComAddr (GOOSE/SV destination address) is an MMS structure.
 */
const BTYPE_TO_TYPE: Readonly<Record<string, TypeName>> = {
  BOOLEAN: 'boolean',
  INT8: 'int8',
  INT16: 'int16',
  INT24: 'int32',
  INT32: 'int32',
  INT64: 'int64',
  INT128: 'int64',
  INT8U: 'uint8',
  INT16U: 'uint16',
  INT24U: 'uint32',
  INT32U: 'uint32',
  FLOAT32: 'float32',
  FLOAT64: 'float64',
  Enum: 'enum',
  Dbpos: 'dbpos',
  Tcmd: 'bitstring',
  Quality: 'quality',
  Timestamp: 'timestamp',
  EntryTime: 'timestamp',
  Check: 'bitstring',
  TrgOps: 'bitstring',
  OptFlds: 'bitstring',
  SvOptFlds: 'bitstring',
  LogOptFlds: 'bitstring',
  Octet6: 'octetstring',
  Octet16: 'octetstring',
  Octet64: 'octetstring',
  EntryID: 'octetstring',
  VisString32: 'visiblestring',
  VisString64: 'visiblestring',
  VisString65: 'visiblestring',
  VisString129: 'visiblestring',
  VisString255: 'visiblestring',
  ObjRef: 'visiblestring',
  Currency: 'visiblestring',
  Unicode255: 'unicodestring',
  PhyComAddr: 'struct',
  Struct: 'struct',
};

/** The type name for an SCL bType, or undefined for a bType this table does not know. */
export function typeNameOfBType(bType: string): TypeName | undefined {
  return Object.hasOwn(BTYPE_TO_TYPE, bType) ? BTYPE_TO_TYPE[bType] : undefined;
}

/** Every bType this table knows, for documentation and tests. */
export const KNOWN_BTYPES: readonly string[] = Object.keys(BTYPE_TO_TYPE);

export function isTypeName(text: string): text is TypeName {
  return (TYPE_NAMES as readonly string[]).includes(text);
}

/** The integer and floating-point types: the ones a deadband applies to and Trends charts. */
const ANALOG_TYPES: ReadonlySet<string> = new Set(TYPE_NAMES.filter((t) => /^(u?int|float)\d+$/.test(t)));

export function isAnalogType(type: string): boolean {
  return ANALOG_TYPES.has(type);
}
