/**
 * The Markdown report: title, the diagram (an SVG file written beside the report), the
 * classification with its reasons, the findings, the failure sweep when one was run, scenario
 * results, and an inventory of nodes and servers. GitHub-flavoured Markdown (pipe tables).
 *
 * The sweep and scenario results are taken as small structural types, so this module depends on
 * the shape of the simulation's output, not on the engine.
 */
import { KIND_LABELS, resolveDocument, type TopologyDocument } from '../document';
import { LABEL_TITLES, type Classification, type Severity } from '../classification/types';

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

export interface MarkdownOptions {
  /** File name (relative to the report) of the exported SVG the report shows. */
  readonly svgFileName: string;
  readonly classification: Classification;
  readonly sweep?: SweepLike;
  readonly scenarioResults?: readonly ScenarioResultLike[];
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
