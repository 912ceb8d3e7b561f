/**
 * Live charts over simulated time: throughput, errors by cause, p50/p99 latency (uPlot), and for a
 * design with replicated data a fourth, Consistency: stale reads, conflicts, lost writes, no quorum.
 */
import { memo, useMemo } from 'react';
import { FAILURE_CAUSES } from '../../../shared/document';
import { useSimulationStore } from '../../store/simulationStore';
import { useUiStore } from '../../store/uiStore';
import { PARTICLE_COLORS } from '../../canvas/ParticleLayer';
import { Chart, type ChartSeries } from './Chart';
import { consistencySeries } from './consistencySeries';

function ChartsImpl() {
  const chart = useSimulationStore((s) => s.chart);
  const dark = useUiStore((s) => s.theme === 'dark');
  const tone = dark ? 'dark' : 'light';
  const data = useMemo(() => {
    const t = chart.map((p) => p.t);
    const throughput: ChartSeries[] = [
      { label: 'ok/s', color: PARTICLE_COLORS.ok[tone], values: chart.map((p) => p.ok) },
      { label: 'failed/s', color: PARTICLE_COLORS.crash[tone], values: chart.map((p) => p.failed) },
    ];
    const causes = FAILURE_CAUSES.filter((c) => chart.some((p) => (p.causes[c] ?? 0) > 0));
    const errors: ChartSeries[] = (causes.length > 0 ? causes : (['timeout'] as const)).map((c) => ({
      label: c,
      color: PARTICLE_COLORS[c][tone],
      values: chart.map((p) => p.causes[c] ?? 0),
    }));
    const latency: ChartSeries[] = [
      { label: 'p50', color: dark ? '#60a5fa' : '#2563eb', values: chart.map((p) => (p.ok > 0 ? p.p50 : null)) },
      { label: 'p99', color: dark ? '#c084fc' : '#7c3aed', values: chart.map((p) => (p.ok > 0 ? p.p99 : null)), dash: [5, 3] },
    ];
    return { t, throughput, errors, latency, consistency: consistencySeries(chart, tone) };
  }, [chart, dark, tone]);
  return (
    <div className={`charts${chart.length === 0 ? ' is-empty' : ''}${data.consistency ? ' has-consistency' : ''}`} data-empty-text="Press Play: throughput, errors by cause and latency fill in here, second by second.">
      <Chart title="Throughput" unit="req/s" t={data.t} series={data.throughput} dark={dark} />
      <Chart title="Errors by cause" unit="req/s" t={data.t} series={data.errors} dark={dark} />
      <Chart title="Latency" unit="ms" t={data.t} series={data.latency} dark={dark} />
      {data.consistency && <Chart title="Consistency" unit="events/s" t={data.t} series={data.consistency} dark={dark} />}
    </div>
  );
}

export const Charts = memo(ChartsImpl);
