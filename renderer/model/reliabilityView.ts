/**
 * Pure functions of the Availability and Capacity panels: what a failure unit is called and what it
 * highlights on the canvas, the design at a multiple of its load, and whether a run at that load is
 * past the knee (failed > 1 % or p99 over a client's latency SLO).
 */
import { DEFAULTS, type TopologyDocument } from '../../shared/document';
import { LIMITS } from '../../shared/document/limits';
import type { CapacityReport, NodeCapacity } from '../../shared/reliability';
import type { SimulationReport } from '../../shared/simulation/types';

/** The unit all unplaced instances share (the reliability analysis' implicit host). */
const UNPLACED = '(unplaced)';

export interface UnitView {
  /** What the panel prints: "users-db", "zone rack-a", "Orders #2 (process)". */
  readonly label: string;
  readonly kind: 'host' | 'zone' | 'region' | 'process';
  /** What a hover or click highlights on the canvas. */
  readonly nodes: readonly string[];
  readonly hosts: readonly string[];
}

/** A failure unit named `host:ID`, `zone:NAME`, `region:NAME` or `process:NODE#INDEX`, in words and canvas ids. */
export function describeUnit(document: TopologyDocument, unit: string): UnitView {
  const colon = unit.indexOf(':');
  const kind = unit.slice(0, colon);
  const rest = unit.slice(colon + 1);
  if (kind === 'host') {
    if (rest === UNPLACED) {
      const nodes = document.nodes.filter((n) => n.kind !== 'client' && (n.instances ?? [{}]).some((i) => i.host === undefined)).map((n) => n.id);
      return { label: 'unplaced instances', kind: 'host', nodes, hosts: [] };
    }
    const host = document.hosts.find((h) => h.id === rest);
    return { label: host?.name ?? rest, kind: 'host', nodes: [], hosts: [rest] };
  }
  if (kind === 'zone' || kind === 'region') {
    const hosts = document.hosts.filter((h) => (kind === 'zone' ? h.zone : h.region) === rest).map((h) => h.id);
    return { label: `${kind} ${rest}`, kind, nodes: [], hosts };
  }
  const hash = rest.lastIndexOf('#');
  const nodeId = hash < 0 ? rest : rest.slice(0, hash);
  const index = hash < 0 ? 0 : Number(rest.slice(hash + 1));
  const node = document.nodes.find((n) => n.id === nodeId);
  const host = node?.instances?.[index]?.host;
  return { label: `${node?.name ?? nodeId} #${index + 1} (process)`, kind: 'process', nodes: [nodeId], hosts: host === undefined ? [] : [host] };
}

/** Minutes as the panel prints them: "9.87 min", "2.0 h", "3.1 days". */
export function formatDowntime(minutes: number): string {
  if (minutes < 0.01) return `${(minutes * 60).toFixed(minutes * 60 < 0.1 ? 2 : 1)} s`;
  if (minutes < 120) return `${minutes < 10 ? minutes.toFixed(2) : minutes.toFixed(1)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

/** An availability as a percentage with enough decimals to show its nines: 99.9772 %. */
export function formatAvailability(value: number): string {
  if (value >= 1) return '100 %';
  const nines = -Math.log10(1 - value);
  const decimals = Math.min(8, Math.max(2, Math.ceil(nines) + 1));
  return `${(value * 100).toFixed(decimals)} %`;
}

/** The design with every client's rate × `multiple` (capped at the format's limit); the input is never changed. */
export function scaleLoad(document: TopologyDocument, multiple: number): TopologyDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) =>
      node.kind === 'client' ? { ...node, rate: Math.min(LIMITS.ratePerSecond, (node.rate ?? DEFAULTS.rate) * multiple) } : node,
    ),
  };
}

/**
 * A node's utilization at `multiple` × the document's rates. The analytic utilization is offered
 * calls × holding time ÷ slots, and the offered calls grow with the rates while visits and holding
 * times do not, so it scales linearly.
 */
export function utilizationAt(node: NodeCapacity, multiple: number): number {
  return node.utilization * multiple;
}

/** The nodes of a capacity report, the bottleneck first, then by utilization, highest first. */
export function capacityRows(report: CapacityReport): { id: string; node: NodeCapacity }[] {
  return Object.entries(report.nodes)
    .map(([id, node]) => ({ id, node }))
    .sort((a, b) => Number(b.id === report.bottleneck) - Number(a.id === report.bottleneck) || b.node.utilization - a.node.utilization || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface LoadVerdict {
  readonly multiple: number;
  readonly offered: number;
  /** Successful requests per second. */
  readonly served: number;
  /** Failed requests ÷ finished requests (0 when nothing finished). */
  readonly failedShare: number;
  readonly p99: number;
  /** The tightest latency objective among the clients, ms; null when none has one. */
  readonly sloLatencyMs: number | null;
  /** Failed > 1 %, or p99 over `sloLatencyMs`. */
  readonly pastKnee: boolean;
  readonly reason: string | null;
}

/** The knee as `topo capacity --ramp` defines it: failures above 1 % or p99 breaking the SLO. */
export const KNEE_FAILED_SHARE = 0.01;

export function loadVerdict(document: TopologyDocument, report: SimulationReport, multiple: number): LoadVerdict {
  const { total, failed } = report.requests;
  const failedShare = total > 0 ? failed / total : 0;
  const targets = document.nodes.filter((n) => n.kind === 'client' && n.slo?.latencyMs !== undefined).map((n) => n.slo!.latencyMs!);
  const sloLatencyMs = targets.length > 0 ? Math.min(...targets) : null;
  const p99 = report.latencyMs.p99;
  const overFailures = failedShare > KNEE_FAILED_SHARE;
  const overLatency = sloLatencyMs !== null && p99 > sloLatencyMs;
  const reason = overFailures
    ? `${(failedShare * 100).toFixed(1)} % of requests failed (the knee is at 1 %)`
    : overLatency
      ? `p99 ${p99.toFixed(0)} ms is over the ${sloLatencyMs} ms objective`
      : null;
  return { multiple, offered: report.throughput.offered, served: report.throughput.served, failedShare, p99, sloLatencyMs, pastKnee: overFailures || overLatency, reason };
}
