/**
 * A small uPlot line chart over simulated seconds. The plot is created once per series layout and
 * fed with setData afterwards (uPlot redraws on its own canvas: cheap at 30 Hz).
 */
import { memo, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  readonly dash?: number[];
}

interface ChartProps {
  readonly title: string;
  readonly unit: string;
  /** Simulated seconds (x axis). */
  readonly t: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly height?: number;
  readonly dark: boolean;
}

function ChartImpl({ title, unit, t, series, height = 150, dark }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const layout = `${series.map((s) => `${s.label}:${s.color}`).join('|')}|${dark}`;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const axisColor = dark ? '#94a3b8' : '#64748b';
    const gridColor = dark ? 'rgba(148,163,184,0.15)' : 'rgba(100,116,139,0.15)';
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 }, font: '11px system-ui' };
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [
        { ...axis, label: 's', labelSize: 14, size: 28 },
        { ...axis, label: unit, labelSize: 14, size: 48 },
      ],
      series: [{ label: 't' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.8, points: { show: false }, ...(s.dash ? { dash: s.dash } : {}) }))],
    };
    plot.current = new uPlot(options, [[], ...series.map(() => [])] as unknown as uPlot.AlignedData, element);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The series layout decides the plot; values flow through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, height, unit]);

  useEffect(() => {
    plot.current?.setData([t as number[], ...series.map((s) => s.values as (number | null)[])] as uPlot.AlignedData);
  }, [t, series]);

  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="chart__title">{title}</figcaption>
      <div ref={host} className="chart__plot" />
    </figure>
  );
}

export const Chart = memo(ChartImpl);
