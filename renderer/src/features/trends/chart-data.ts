import type { HistorySeriesDto } from '../../../../core/contract';

/** uPlot's aligned data: x (seconds) then one column per series, null for a gap, undefined for no sample. */
export type Aligned = [number[], ...(number | null | undefined)[][]];

/** One series as a uPlot table: x in seconds (uPlot's time unit), y as given (null is a gap). */
export function seriesTable(s: HistorySeriesDto): [number[], (number | null)[]] {
  return [s.times.map((t) => t / 1000), s.values];
}

/** Figures of a series for the legend: samples, the last value, the range of the known values. */
export function seriesStats(s: HistorySeriesDto): { samples: number; last: number | null; min: number | null; max: number | null } {
  let min: number | null = null;
  let max: number | null = null;
  for (const v of s.values) {
    if (v === null) continue;
    min = min === null ? v : Math.min(min, v);
    max = max === null ? v : Math.max(max, v);
  }
  return { samples: s.times.length, last: s.values.at(-1) ?? null, min, max };
}

/** Colours for up to 8 lines, told apart in both themes. */
export const TREND_COLOURS = ['#2f80ed', '#e0533d', '#2fb36b', '#c77c02', '#8e5bd6', '#0fa3a3', '#d6458f', '#7a8a99'];
