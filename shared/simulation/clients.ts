/**
 * Per-client results of a run (SPEC §7 "SLOs" and "Where the time goes"): each client's requests,
 * availability and latency, its SLO verdict and error budget burned, and the mean time its
 * successful requests spent at each node of their critical path. Reads the metrics, changes nothing.
 */
import { RELIABILITY_DEFAULTS, type Slo } from '../document';
import type { LatencyHistogram } from './histogram';
import { round, type MetricsCollector } from './metrics';
import type { SimulationModel } from './model';
import type { ClientReport, ClientSloResult, LatencyBreakdownEntry, LiveClientMetrics } from './types';

/** The error budget's window: 30 days, in seconds. */
export const BUDGET_WINDOW_S = 30 * 86_400;

/** `availabilityReason` when no request finished. */
const NOTHING_FINISHED = 'no request finished';

/**
 * A client's SLO verdict: met when its availability reaches the target and (with `latencyMs`) its
 * latency at `percentile` (default 99) does not exceed it; null when nothing finished. The budget
 * burned is failed ÷ ((1 − target) × rate × 30 days).
 */
export function sloResult(slo: Slo, ok: number, failed: number, latency: LatencyHistogram, ratePerSecond: number): ClientSloResult {
  const total = ok + failed;
  const observed = slo.latencyMs === undefined ? undefined : round(latency.percentile((slo.percentile ?? RELIABILITY_DEFAULTS.sloPercentile) / 100), 2);
  let met: boolean | null = null;
  if (total > 0) {
    met = slo.availability === undefined || ok / total >= slo.availability;
    if (met && slo.latencyMs !== undefined) met = ok > 0 && observed! <= slo.latencyMs;
  }
  const allowed = slo.availability === undefined ? 0 : (1 - slo.availability) * ratePerSecond * BUDGET_WINDOW_S;
  return { ...slo, ...(observed !== undefined ? { observedLatencyMs: observed } : {}), met, budgetBurned: allowed > 0 ? round(failed / allowed, 6) : null };
}

/** Mean ms per successful request at each node of client `c`'s critical path, largest total first. */
function breakdownOf(model: SimulationModel, metrics: MetricsCollector, c: number): LatencyBreakdownEntry[] {
  const ok = metrics.clientOk[c]!;
  if (ok === 0) return [];
  const sums = metrics.breakdown;
  const offset = metrics.breakdownOffset(c);
  const entries: { entry: LatencyBreakdownEntry; total: number; order: number }[] = [];
  for (let n = 0; n < model.nodeCount; n++) {
    const at = offset + n * 3;
    const total = sums[at]! + sums[at + 1]! + sums[at + 2]!;
    if (total <= 0) continue;
    entries.push({
      entry: { node: model.nodeIds[n]!, queueMs: round(sums[at]! / ok, 3), serviceMs: round(sums[at + 1]! / ok, 3), networkMs: round(sums[at + 2]! / ok, 3) },
      total,
      order: n,
    });
  }
  entries.sort((a, b) => b.total - a.total || a.order - b.order);
  return entries.map((e) => e.entry);
}

/** `clients.<id>` of the report. */
export function clientReports(model: SimulationModel, metrics: MetricsCollector): Record<string, ClientReport> {
  const clients = Object.create(null) as Record<string, ClientReport>;
  model.clients.forEach((node, c) => {
    const ok = metrics.clientOk[c]!;
    const failed = metrics.clientFailed[c]!;
    const total = ok + failed;
    const slo = model.clientSlos[c];
    const latency = metrics.clientLatency[c]!;
    clients[model.nodeIds[node]!] = {
      requests: total,
      ok,
      failed,
      availability: total === 0 ? null : round(ok / total, 4),
      ...(total === 0 ? { availabilityReason: NOTHING_FINISHED } : {}),
      latencyMs: metrics.latencySummary(latency),
      latencyBreakdown: breakdownOf(model, metrics, c),
      ...(slo ? { slo: sloResult(slo, ok, failed, latency, model.nodeRate[node]!) } : {}),
    };
  });
  return clients;
}

/** Each client's standing so far, for live frames (no breakdown: that comes with the report). */
export function liveClientMetrics(model: SimulationModel, metrics: MetricsCollector): Record<string, LiveClientMetrics> {
  const clients = Object.create(null) as Record<string, LiveClientMetrics>;
  model.clients.forEach((node, c) => {
    const ok = metrics.clientOk[c]!;
    const failed = metrics.clientFailed[c]!;
    const total = ok + failed;
    const slo = model.clientSlos[c];
    clients[model.nodeIds[node]!] = {
      requests: total,
      failed,
      availability: total === 0 ? null : round(ok / total, 4),
      ...(slo ? { slo: sloResult(slo, ok, failed, metrics.clientLatency[c]!, model.nodeRate[node]!) } : {}),
    };
  });
  return clients;
}
