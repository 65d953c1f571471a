import type { RegisterMap } from './register-map';
import { modicon } from './register-map-layout';

/**
 * The map as rows (CONVENTIONS.md `modbus-map --csv`): one row per point value, then one per companion
 * with `type` = the companion kind and the same ied, point and ref. `wordOrder` is filled where it
 * matters: multi-register values and the timestamp companion (its seconds follow the point's order).
 * Scaling (`gain`, `offset`) is on value rows only.
 */
export const MAP_COLUMNS = ['ied', 'point', 'ref', 'fc', 'area', 'address', 'modicon', 'type', 'wordOrder', 'gain', 'offset'] as const;

export type MapRow = Record<(typeof MAP_COLUMNS)[number], string>;

export function mapRows(map: RegisterMap): MapRow[] {
  const rows: MapRow[] = [];
  for (const p of map.points) {
    const m = p.modbus;
    const base = { ied: p.ied, point: p.point, ref: p.ref, fc: p.fc };
    rows.push({
      ...base,
      area: m.area,
      address: String(m.address),
      modicon: modicon(m.area, m.address),
      type: m.type,
      wordOrder: p.length > 1 ? m.wordOrder : '',
      gain: String(m.gain),
      offset: String(m.offset),
    });
    for (const c of p.companions) {
      rows.push({
        ...base,
        area: c.area,
        address: String(c.address),
        modicon: modicon(c.area, c.address),
        type: c.kind,
        wordOrder: c.kind === 'timestamp' ? m.wordOrder : '',
        gain: '',
        offset: '',
      });
    }
  }
  return rows;
}

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function mapCsv(map: RegisterMap): string {
  const lines = [MAP_COLUMNS.join(',')];
  for (const row of mapRows(map)) lines.push(MAP_COLUMNS.map((c) => csvField(row[c])).join(','));
  return lines.join('\n');
}

/** The map as an aligned text table, for a terminal. */
export function mapTable(map: RegisterMap): string {
  const rows = mapRows(map);
  const columns = ['modicon', 'area', 'address', 'type', 'wordOrder', 'gain', 'offset', 'ied', 'point', 'ref', 'fc'] as const;
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}
