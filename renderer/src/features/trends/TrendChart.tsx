import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistorySeriesDto } from '../../../../core/contract';
import { useTheme } from '../../stores';
import { seriesTable, TREND_COLOURS, type Aligned } from './chart-data';

const HEIGHT = 360;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * The chart: one stepped line per point (a value holds until the next sample), gaps where the point was
 * not ok, x from now − window to now. Made again when the points or the theme change; otherwise fed
 * with setData. `data-plotted` says how many x values uPlot was given (the e2e test reads it).
 */
export function TrendChart({ series, labels, now, windowMs }: { series: HistorySeriesDto[]; labels: string[]; now: number; windowMs: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const range = useRef<[number, number]>([0, 1]);
  const theme = useTheme((s) => s.theme);
  const keys = series.map((s) => s.key).join('\n');
  range.current = [(now - windowMs) / 1000, now / 1000];

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--line-soft') }, ticks: { stroke: cssVar('--line') } };
    const opts: uPlot.Options = {
      width: el.clientWidth || 800,
      height: HEIGHT,
      scales: { x: { time: true, range: () => range.current } },
      axes: [axis, axis],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      series: [{}, ...labels.map((label, i) => ({ label, stroke: TREND_COLOURS[i % TREND_COLOURS.length]!, width: 1.5, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } }))],
    };
    const made = new uPlot(opts, data(series), el);
    plot.current = made;
    el.dataset.plotted = String(made.data[0].length);
    const resize = new ResizeObserver(() => made.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      made.destroy();
      plot.current = null;
    };
    // Made again only for other points or another theme; new samples go through setData below.
  }, [keys, theme]);

  useEffect(() => {
    const made = plot.current;
    if (!made || !host.current) return;
    made.setData(data(series));
    host.current.dataset.plotted = String(made.data[0].length);
  }, [series, now, windowMs]);

  return <div ref={host} className="trend-chart" role="img" aria-label={`Trend of ${labels.join(', ')}`} />;
}

function data(series: HistorySeriesDto[]): uPlot.AlignedData {
  if (series.length === 0) return [[]];
  return uPlot.join(series.map(seriesTable)) as Aligned as uPlot.AlignedData;
}
