import type { ModbusClient } from '../../../../core/contract';
import { filterWords, hasEveryWord } from '../../format';

/** A row of the service's Modbus map (`modbus-map --csv` columns: ied, point, ref, fc, area, address, modicon, type, ...). */
export type MapRow = Readonly<Record<string, string>>;

const AREA_ORDER: Readonly<Record<string, number>> = { coil: 0, discrete: 1, input: 2, holding: 3 };

/** The map in register order (coils, discrete inputs, input registers, holding registers; by address), as an HMI integrator reads it. */
export function byRegister(rows: readonly MapRow[]): MapRow[] {
  return [...rows].sort((a, b) => (AREA_ORDER[a.area ?? ''] ?? 9) - (AREA_ORDER[b.area ?? ''] ?? 9) || Number(a.address) - Number(b.address));
}

/** Rows whose text holds every word of the filter (point, reference, area, type, address or Modicon). */
export function filterRows(rows: readonly MapRow[], filter: string): readonly MapRow[] {
  const words = filterWords(filter);
  if (words.length === 0) return rows;
  return rows.filter((r) => hasEveryWord(`${r.ied}/${r.point} ${r.ref} ${r.area} ${r.type} ${r.address} ${r.modicon}`, words));
}

/** Whether a row's register lies in the client's last range read (same area, start ≤ address < start + count). */
export function inLastRead(row: MapRow, last: ModbusClient['lastRead']): boolean {
  if (!last || row.area !== last.area) return false;
  const a = Number(row.address);
  return a >= last.address && a < last.address + last.count;
}

/** `3 (01 × 2, 02 × 1)`: exceptions answered, with their codes in hex as the specification names them. */
export function exceptionSummary(c: Pick<ModbusClient, 'exceptions' | 'exceptionsByCode'>): string {
  const codes = Object.entries(c.exceptionsByCode)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([code, n]) => `${Number(code).toString(16).padStart(2, '0').toUpperCase()} × ${n}`);
  return codes.length === 0 ? String(c.exceptions) : `${c.exceptions} (${codes.join(', ')})`;
}
