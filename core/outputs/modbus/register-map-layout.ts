import type { CompanionKind, ModbusArea, ModbusType, PointConfig } from '../../contract';

type TypeName = PointConfig['type'];

/**
 * The fixed facts of the Modbus layout (CONVENTIONS.md "Modbus TCP server"): how many registers each
 * type and companion takes, which areas hold bits, which IEC 61850 types may go in which Modbus type,
 * and the Modicon display form of an address.
 */

/** Modbus addresses per area: 0-based protocol offsets 0..65535. */
export const AREA_SIZE = 65536;

export const AREAS: readonly ModbusArea[] = ['coil', 'discrete', 'input', 'holding'];

/** Coils and discrete inputs hold bits; input and holding registers hold 16-bit words. */
export function isBitArea(area: ModbusArea): boolean {
  return area === 'coil' || area === 'discrete';
}

/** Registers (or, in a bit area, bits) a value of each Modbus type takes. */
export const TYPE_LENGTH: Readonly<Record<ModbusType, number>> = {
  bool: 1,
  int16: 1,
  uint16: 1,
  dbpos: 1,
  enum: 1,
  int32: 2,
  uint32: 2,
  float32: 2,
  float64: 4,
};

/** Registers each companion takes: the timestamp is uint32 seconds then uint16 milliseconds. */
export const COMPANION_LENGTH: Readonly<Record<CompanionKind, number>> = {
  quality: 1,
  status: 1,
  timestamp: 3,
  age: 1,
  sequence: 1,
};

/** Modbus types whose value is scaled with gain and offset; bool, dbpos and enum are codes, not quantities. */
export function isScaledType(type: ModbusType): boolean {
  return type !== 'bool' && type !== 'dbpos' && type !== 'enum';
}

const NUMBERS: readonly ModbusType[] = ['int16', 'uint16', 'int32', 'uint32', 'float32', 'float64'];

/**
 * Which Modbus types can carry each IEC 61850 type. A number goes in any number type (scaled and
 * clamped); a boolean, Dbpos or enum in its own code type or a plain integer register. Strings,
 * structures, arrays, qualities and timestamps have no Modbus form (quality and time travel as
 * companions of the value they belong to).
 */
export const MODBUS_TYPES_FOR: Readonly<Partial<Record<TypeName, readonly ModbusType[]>>> = {
  boolean: ['bool', 'int16', 'uint16'],
  dbpos: ['dbpos', 'uint16', 'int16'],
  enum: ['enum', 'int16', 'uint16', 'int32'],
  int8: NUMBERS,
  int16: NUMBERS,
  int32: NUMBERS,
  int64: NUMBERS,
  uint8: NUMBERS,
  uint16: NUMBERS,
  uint32: NUMBERS,
  float32: NUMBERS,
  float64: NUMBERS,
};

const MODICON_PREFIX: Readonly<Record<ModbusArea, number>> = { coil: 0, discrete: 1, input: 3, holding: 4 };

/**
 * The 1-based Modicon reference: 00001, 10001, 30001, 40001 + address. Addresses past 9998 do not fit
 * the 5-digit form, so those use the 6-digit form (400001 + address), as most HMI tools accept.
 */
export function modicon(area: ModbusArea, address: number): string {
  const n = address + 1;
  const digits = n <= 9999 ? 4 : 5;
  return `${MODICON_PREFIX[area]}${String(n).padStart(digits, '0')}`;
}

/** `holding 100-101 (40101-40102)`, `coil 7 (00008)`: how messages name registers. */
export function registerRange(area: ModbusArea, start: number, length: number): string {
  const end = start + length - 1;
  if (length <= 1) return `${area} ${start} (${modicon(area, start)})`;
  return `${area} ${start}-${end} (${modicon(area, start)}-${end < AREA_SIZE ? modicon(area, end) : '…'})`;
}
