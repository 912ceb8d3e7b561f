/**
 * The Markdown report: title, the diagram (an SVG file written beside the report), the
 * classification with its reasons, the findings, the failure sweep when one was run, scenario
 * results, availability, SLOs, capacity, where the time goes, consistency of replicated data and
 * transactions (when some run has them), and an inventory of nodes and servers. GitHub-flavoured
 * Markdown (pipe tables).
 *
 * The sweep and scenario results are taken as small structural types, so this module depends on
 * the shape of the simulation's output, not on the engine.
 */
import { KIND_LABELS, resolveDocument, type TopologyDocument } from '../document';
import { LABEL_TITLES, type Classification, type Severity } from '../classification/types';
import type { NodeReport } from '../simulation/types';

/** The part of a `topo sweep` result the report shows. */
/**
 * Widest band of the report's diagram before long chains wrap, in px: about the width GitHub and
 * most Markdown viewers give a page, so the picture is shown near its drawn size, not shrunk.
 */
export const REPORT_WRAP_WIDTH = 880;

export interface SweepLike {
  readonly runs: readonly { readonly type: string; readonly target: string; readonly availability: number | null }[];
}

/** The part of a simulation result the report shows, with the scenario's name. */
export interface ScenarioResultLike {
  readonly name: string;
  /** Null when no request finished. */
  readonly availability: number | null;
  readonly throughput: { readonly served: number };
  readonly latencyMs: { readonly p50: number; readonly p99: number };
}

/** The part of a simulation's per-client results the report shows (`clients.<id>`). */
export interface ClientResultLike {
  readonly availability: number | null;
  readonly latencyMs: { readonly mean: number; readonly p99: number };
  readonly latencyBreakdown?: readonly { readonly node: string; readonly queueMs: number; readonly serviceMs: number; readonly networkMs: number }[];
  readonly slo?: { readonly availability?: number; readonly latencyMs?: number; readonly percentile?: number; readonly met: boolean | null; readonly budgetBurned: number | null };
}

/**
 * The part of a simulation's per-node results the report shows (`nodes.<id>`): replicated data and
 * transactions. A type only: nothing of the engine is loaded.
 */
export type NodeResultLike = Pick<NodeReport, 'consistency' | 'transactions'>;

/**
 * A simulation run the SLO, "Where the time goes", Consistency and Transactions sections show: its
 * name, its clients and (for the last two) its nodes.
 */
export interface SimulationResultLike {
  readonly name: string;
  readonly clients: Readonly<Record<string, ClientResultLike>>;
  readonly nodes?: Readonly<Record<string, NodeResultLike>>;
}

/** The part of `topo availability` the report shows. */
export interface AvailabilityLike {
  readonly clients: Readonly<
    Record<
      string,
      {
        readonly exact: number | null;
        readonly monteCarlo: { readonly value: number; readonly low: number; readonly high: number };
        readonly nines: number | null;
        readonly downtimeMinutesPerYear: number;
        readonly contributors: readonly { readonly unit: string; readonly share: number }[];
        readonly slo: { readonly availability: number; readonly met: boolean } | null;
      }
    >
  >;
}

/** The part of `topo capacity` the report shows. */
export interface CapacityLike {
  readonly bottleneck: string | null;
  readonly maxMultiple: number | null;
  readonly maxRate: number | null;
  readonly nodes: Readonly<Record<string, { readonly visits: number; readonly holdingMs: number; readonly slots: number; readonly utilization: number; readonly maxRate: number | null }>>;
}

export interface MarkdownOptions {
  /** File name (relative to the report) of the exported SVG the report shows. */
  readonly svgFileName: string;
  readonly classification: Classification;
  readonly sweep?: SweepLike;
  readonly scenarioResults?: readonly ScenarioResultLike[];
  readonly availability?: AvailabilityLike;
  readonly capacity?: CapacityLike;
  /** Simulation runs (the healthy baseline, scenarios) with per-client results: SLOs and where the time goes. */
  readonly simulations?: readonly SimulationResultLike[];
}

/** Escapes text for Markdown prose and table cells. */
export function markdownText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters have no place in a report
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    // Then entities for what could end an HTML attribute once rendered (an image's alt text).
    .replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** 0.98333 → "98.33 %"; exact 1 and 0 stay short; null (nothing finished) reads "–". */
export function percent(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const p = value * 100;
  return `${p === 100 || p === 0 ? p.toFixed(0) : p.toFixed(2)} %`;
}

function number(value: number, digits = 1): string {
  return Number.isFinite(value) ? String(Math.round(value * 10 ** digits) / 10 ** digits) : '–';
}

const SEVERITY: Readonly<Record<Severity, string>> = { error: '⛔ error', warning: '⚠️ warning', info: 'ℹ️ info' };

const FAILURE_TYPES: Readonly<Record<string, string>> = { 'host-down': 'Server down', 'node-down': 'Node down' };

/** The report as Markdown text. */
export function exportMarkdown(doc: TopologyDocument, options: MarkdownOptions): string {
  const title = doc.name.trim() === '' ? 'Untitled design' : doc.name;
  const nodeNames = new Map(doc.nodes.map((n) => [n.id, n.name.trim() || n.id]));
  const hostNames = new Map(doc.hosts.map((h) => [h.id, h.name.trim() || h.id]));
  const names = (ids: readonly string[], from: ReadonlyMap<string, string>) => ids.map((id) => markdownText(from.get(id) ?? id)).join(', ');
  const { classification } = options;
  const out: string[] = [];

  out.push(`# ${markdownText(title)}`, '');
  out.push(`![${markdownText(title)}](${encodeURI(options.svgFileName).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`, '');

  out.push('## Classification', '');
  out.push(`**${markdownText(classification.summary)}**`, '');
  out.push(
    ...table(
      ['Microservices', 'Distributed', 'Cluster', 'Monolith'],
      [[classification.microservices, classification.distributed, classification.cluster, classification.monolith].map((v) => (v ? 'yes' : 'no'))],
    ),
    '',
  );
  if (classification.evidence.length > 0) {
    out.push('### Why', '');
    for (const evidence of classification.evidence) {
      const about: string[] = [];
      if (evidence.nodes.length > 0) about.push(`nodes: ${names(evidence.nodes, nodeNames)}`);
      if (evidence.hosts.length > 0) about.push(`servers: ${names(evidence.hosts, hostNames)}`);
      out.push(`- **${LABEL_TITLES[evidence.label]}** — ${markdownText(evidence.message)}${about.length > 0 ? ` (${about.join('; ')})` : ''}`);
    }
    out.push('');
  }

  out.push('## Findings', '');
  if (classification.findings.length === 0) {
    out.push('No findings.', '');
  } else {
    out.push(
      ...table(
        ['Severity', 'Rule', 'Finding', 'Nodes', 'Servers'],
        classification.findings.map((f) => [SEVERITY[f.severity], `\`${f.rule}\``, markdownText(f.message), names(f.nodes, nodeNames) || '–', names(f.hosts, hostNames) || '–']),
      ),
      '',
    );
  }

  if (options.sweep) {
    out.push('## Failure sweep', '');
    out.push('Each server and each deployed node failed in turn for the whole run; worst first.', '');
    out.push(
      ...table(
        ['Failure', 'Target', 'Availability'],
        options.sweep.runs.map((run) => [
          FAILURE_TYPES[run.type] ?? markdownText(run.type),
          markdownText((run.type === 'host-down' ? hostNames : nodeNames).get(run.target) ?? run.target),
          percent(run.availability),
        ]),
      ),
      '',
    );
  }

  if (options.scenarioResults && options.scenarioResults.length > 0) {
    out.push('## Scenarios', '');
    out.push(
      ...table(
        ['Scenario', 'Availability', 'Served (req/s)', 'p50 (ms)', 'p99 (ms)'],
        options.scenarioResults.map((r) => [markdownText(r.name), percent(r.availability), number(r.throughput.served), number(r.latencyMs.p50), number(r.latencyMs.p99)]),
      ),
      '',
    );
  }

  out.push(...reliabilitySections(options, nodeNames));
  out.push(...dataSections(doc, options.simulations ?? [], nodeNames));

  out.push('## Inventory', '');
  const resolved = resolveDocument(doc);
  out.push(
    ...table(
      ['Node', 'Kind', 'Instances', 'Servers'],
      resolved.nodes.map((node) => [
        markdownText(node.name.trim() || node.id),
        KIND_LABELS[node.kind],
        node.kind === 'client' ? `${number(node.rate)} req/s` : String(node.instances.length),
        node.kind === 'client' ? '–' : [...new Set(node.instances.map((i) => (i.host === undefined ? 'unplaced' : markdownText(hostNames.get(i.host) ?? i.host))))].join(', '),
      ]),
    ),
    '',
  );
  out.push('_Generated by Topology Designer._', '');
  return out.join('\n');
}

/** "SLO met", "SLO missed", "unknown" (nothing finished), "–" (no SLO). */
function verdict(met: boolean | null | undefined): string {
  return met === undefined ? '–' : met === null ? 'unknown' : met ? '✅ met' : '❌ missed';
}

function sloTarget(slo: NonNullable<ClientResultLike['slo']>): string {
  const parts: string[] = [];
  if (slo.availability !== undefined) parts.push(percent(slo.availability));
  if (slo.latencyMs !== undefined) parts.push(`p${number(slo.percentile ?? 99)} ≤ ${number(slo.latencyMs)} ms`);
  return parts.join(', ') || '–';
}

/** The Availability, SLOs, Capacity and "Where the time goes" sections, for what was given. */
function reliabilitySections(options: MarkdownOptions, nodeNames: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const nodeName = (id: string) => markdownText(nodeNames.get(id) ?? id);
  if (options.availability) {
    out.push('## Availability', '');
    out.push('Steady-state share of time each client can be served: exact where the design has at most 24 failure units, and Monte Carlo with its 95 % interval.', '');
    out.push(
      ...table(
        ['Client', 'Exact', 'Monte Carlo', 'Nines', 'Downtime / year', 'Top contributors', 'SLO'],
        Object.entries(options.availability.clients).map(([id, c]) => [
          nodeName(id),
          c.exact === null ? '–' : percent4(c.exact),
          `${percent4(c.monteCarlo.value)} (${percent4(c.monteCarlo.low)} – ${percent4(c.monteCarlo.high)})`,
          c.nines === null ? '–' : number(c.nines, 2),
          `${number(c.downtimeMinutesPerYear)} min`,
          c.contributors.slice(0, 3).map((u) => `${markdownText(u.unit)} ${Math.round(u.share * 100)} %`).join(', ') || '–',
          c.slo ? `${verdict(c.slo.met)} (${percent(c.slo.availability)})` : '–',
        ]),
      ),
      '',
    );
  }
  const runs = (options.simulations ?? []).filter((run) => Object.values(run.clients).some((c) => c.slo));
  if (runs.length > 0) {
    out.push('## SLOs', '');
    out.push('Each simulated run against every client SLO; budget burned is the share of the 30-day error budget the run used.', '');
    const rows: string[][] = [];
    for (const run of runs) {
      for (const [id, c] of Object.entries(run.clients)) {
        if (!c.slo) continue;
        rows.push([markdownText(run.name), nodeName(id), sloTarget(c.slo), percent(c.availability), number(c.latencyMs.p99), verdict(c.slo.met), c.slo.budgetBurned === null ? '–' : percent(c.slo.budgetBurned)]);
      }
    }
    out.push(...table(['Run', 'Client', 'Target', 'Availability', 'p99 (ms)', 'SLO', 'Budget burned'], rows), '');
  }
  if (options.capacity) {
    const capacity = options.capacity;
    out.push('## Capacity', '');
    out.push(
      capacity.bottleneck === null
        ? 'No node saturates.'
        : `Bottleneck: **${nodeName(capacity.bottleneck)}**${capacity.maxRate === null ? '' : ` at ${number(capacity.maxRate)} requests/s`}${capacity.maxMultiple === null ? '' : ` — every client's rate can grow ${number(capacity.maxMultiple, 2)}×`}.`,
      '',
    );
    const nodes = Object.entries(capacity.nodes).sort(([, a], [, b]) => b.utilization - a.utilization);
    if (nodes.length > 0) {
      out.push(
        ...table(
          ['Node', 'Visits', 'Holding (ms)', 'Slots', 'Utilization', 'Max rate (req/s)'],
          nodes.map(([id, n]) => [nodeName(id), number(n.visits, 3), number(n.holdingMs, 2), String(n.slots), percent(n.utilization), n.maxRate === null ? '–' : number(n.maxRate)]),
        ),
        '',
      );
    }
  }
  const withBreakdown = (options.simulations ?? []).filter((run) => Object.values(run.clients).some((c) => (c.latencyBreakdown?.length ?? 0) > 0));
  if (withBreakdown.length > 0) {
    out.push('## Where the time goes', '');
    out.push("Mean time per successful request at each node on the request's critical path (the slowest branch of a parallel fan-out), largest first.", '');
    for (const run of withBreakdown) {
      for (const [id, c] of Object.entries(run.clients)) {
        const breakdown = c.latencyBreakdown ?? [];
        if (breakdown.length === 0) continue;
        out.push(`### ${nodeName(id)} — ${markdownText(run.name)} (mean ${number(c.latencyMs.mean, 2)} ms)`, '');
        out.push(
          ...table(
            ['Node', 'Queue (ms)', 'Service (ms)', 'Network (ms)', 'Share'],
            breakdown.map((e) => [nodeName(e.node), number(e.queueMs, 2), number(e.serviceMs, 2), number(e.networkMs, 2), c.latencyMs.mean > 0 ? percent((e.queueMs + e.serviceMs + e.networkMs) / c.latencyMs.mean) : '–']),
          ),
          '',
        );
      }
    }
  }
  return out;
}

/** An availability with four decimals of percent (99.9542 %): the nines need them. */
function percent4(value: number): string {
  return `${(value * 100).toFixed(4)} %`;
}

const MODE_TITLES: Readonly<Record<'2pc' | 'saga', string>> = { '2pc': '2PC', saga: 'saga' };

/**
 * The ids of the nodes whose report has `field` in some run: in the document's node order, then any
 * the document does not name (by id).
 */
function nodesWith(doc: TopologyDocument, runs: readonly SimulationResultLike[], field: keyof NodeResultLike): string[] {
  const ids = new Set<string>();
  for (const run of runs) for (const [id, node] of Object.entries(run.nodes ?? {})) if (node[field] !== undefined) ids.add(id);
  const order = new Map(doc.nodes.map((n, i) => [n.id, i]));
  return [...ids].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The Consistency (replicated nodes) and Transactions (coordinators) sections, when some run has them. */
function dataSections(doc: TopologyDocument, runs: readonly SimulationResultLike[], nodeNames: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const nodeName = (id: string) => markdownText(nodeNames.get(id) ?? id);
  const count = (value: number) => (Number.isFinite(value) ? String(Math.round(value)) : '–');
  const replicated = nodesWith(doc, runs, 'consistency');
  if (replicated.length > 0) {
    out.push('## Consistency', '');
    out.push('What the replicas did to the data in each run: reads that returned an older version than the newest write (stale), acknowledged writes no replica kept (lost), writes accepted on both sides of a partition (conflicts), calls refused for want of a quorum, and leader elections.', '');
    for (const id of replicated) {
      out.push(`### ${nodeName(id)}`, '');
      const rows: string[][] = [];
      for (const run of runs) {
        const c = run.nodes?.[id]?.consistency;
        if (!c) continue;
        rows.push([
          markdownText(run.name),
          count(c.reads),
          count(c.writes),
          count(c.staleReads),
          c.reads > 0 ? percent(c.staleReads / c.reads) : '–',
          count(c.lostWrites),
          count(c.conflicts),
          count(c.noQuorum),
          c.elections === undefined ? '–' : count(c.elections),
        ]);
      }
      out.push(...table(['Run', 'Reads', 'Writes', 'Stale reads', 'Stale share', 'Lost writes', 'Conflicts', 'No quorum', 'Elections'], rows), '');
    }
  }
  const coordinators = nodesWith(doc, runs, 'transactions');
  if (coordinators.length > 0) {
    out.push('## Transactions', '');
    out.push('Each coordinator in each run: transactions committed and aborted, sagas undone by compensations and the calls they took, 2PC transactions left in doubt (the longest for how long), and the mean time a saga left the data inconsistent.', '');
    for (const id of coordinators) {
      out.push(`### ${nodeName(id)}`, '');
      const rows: string[][] = [];
      for (const run of runs) {
        const t = run.nodes?.[id]?.transactions;
        if (!t) continue;
        rows.push([
          markdownText(run.name),
          MODE_TITLES[t.mode] ?? markdownText(String(t.mode)),
          count(t.committed),
          count(t.aborted),
          count(t.compensated),
          count(t.compensations),
          count(t.inDoubt),
          number(t.maxInDoubtMs),
          number(t.meanInconsistencyMs),
        ]);
      }
      out.push(...table(['Run', 'Mode', 'Committed', 'Aborted', 'Compensated', 'Compensations', 'In doubt', 'Max in doubt (ms)', 'Mean inconsistency (ms)'], rows), '');
    }
  }
  return out;
}
