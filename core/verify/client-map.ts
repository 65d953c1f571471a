import { parse } from 'csv-parse/sync';
import {
  COMPANION_KINDS,
  ModbusAreaSchema,
  ModbusTypeSchema,
  WordOrderSchema,
  type CompanionKind,
  type ModbusPoint,
  type Project,
} from '../contract';
import { compileRegisterMap, pointKey, type RegisterMap } from '../outputs';
import { RelayGateError } from '../shared';

/** The columns a client map needs (`relaygate modbus-map --csv` has them, and more). */
const REQUIRED = ['ied', 'point', 'area', 'address', 'type'] as const;

type Row = Record<string, string>;

/**
 * The Modbus map a client (an HMI, a SCADA master) was configured with, as `relaygate modbus-map --csv`
 * writes it: the check reads the registers where this map says they are, with its types, word orders
 * and scaling, so a map that no longer matches what the gateway serves fails the rows that differ.
 * Points the client map does not name are not checked on Modbus.
 */
export function clientMapFromCsv(csv: string, name: string, project: Project): RegisterMap {
  let rows: Row[];
  try {
    rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
  } catch (err) {
    throw new RelayGateError('verify', 'bad-map', `${name}: not CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (rows.length > 0 && missing.length > 0) throw bad(name, `the header has no ${missing.join(', ')} column (the columns of relaygate modbus-map --csv)`);
  const known = new Set(project.points.map((p) => pointKey(p.ied, p.id)));
  const mappings = new Map<string, ModbusPoint>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const key = pointKey(row.ied ?? '', row.point ?? '');
    if (!known.has(key)) throw bad(name, `line ${line}: the project has no point ${key}`);
    const area = ModbusAreaSchema.safeParse(row.area);
    const address = Number(row.address);
    if (!area.success) throw bad(name, `line ${line}: area '${row.area}' is not coil, discrete, input or holding`);
    if (!/^\d+$/.test(row.address ?? '') || address > 65535) throw bad(name, `line ${line}: address '${row.address}' is not 0..65535`);
    if ((COMPANION_KINDS as readonly string[]).includes(row.type ?? '')) {
      const value = mappings.get(key);
      if (!value) throw bad(name, `line ${line}: the ${row.type} companion of ${key} comes before its value row`);
      if (area.data !== 'input' && area.data !== 'holding') throw bad(name, `line ${line}: a companion goes in input or holding registers, not ${area.data}`);
      mappings.set(key, { ...value, companions: { ...value.companions, [row.type as CompanionKind]: { area: area.data, address } } });
      return;
    }
    const type = ModbusTypeSchema.safeParse(row.type);
    if (!type.success) throw bad(name, `line ${line}: type '${row.type}' is neither a Modbus type nor a companion`);
    if (mappings.has(key)) throw bad(name, `line ${line}: a second value row for ${key}`);
    const order = WordOrderSchema.safeParse(row.wordOrder === '' || row.wordOrder === undefined ? 'ABCD' : row.wordOrder);
    if (!order.success) throw bad(name, `line ${line}: word order '${row.wordOrder}' is not ABCD, CDAB, BADC or DCBA`);
    const gain = row.gain === undefined || row.gain === '' ? 1 : Number(row.gain);
    const offset = row.offset === undefined || row.offset === '' ? 0 : Number(row.offset);
    if (!Number.isFinite(gain) || !Number.isFinite(offset)) throw bad(name, `line ${line}: gain '${row.gain}' or offset '${row.offset}' is not a number`);
    mappings.set(key, { area: area.data, address, type: type.data, wordOrder: order.data, gain, offset, companions: {} });
  });
  const points = project.points.flatMap((p) => {
    const m = mappings.get(pointKey(p.ied, p.id));
    if (!m) return [];
    return [{ ...p, modbus: m }];
  });
  const { map, problems } = compileRegisterMap(points);
  if (problems.length > 0) throw bad(name, problems.map((p) => p.message).join('; '));
  return map;
}

function bad(name: string, message: string): RelayGateError {
  return new RelayGateError('verify', 'bad-map', `${name}: ${message}`);
}
