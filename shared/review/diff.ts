/**
 * `topo diff` (SPEC §9): what changed between two designs, by id — a renamed node is a change of
 * its `name`, not a delete and an add — with each change's path and old and new values, and the
 * classification before and after. Placements are instance changes (`instances[1].host`).
 */
import { classifyDesign, type Finding, type Label } from '../classification';
import type { TopologyDocument } from '../document';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface FieldChange {
  /** Path inside the element (`name`, `instances[1].host`); `` for the element as a whole. */
  readonly path: string;
  readonly old: Json | undefined;
  readonly new: Json | undefined;
}

export interface ElementChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly { readonly id: string; readonly changes: readonly FieldChange[] }[];
}

export interface DesignDiff {
  readonly nodes: ElementChanges;
  readonly edges: ElementChanges;
  readonly hosts: ElementChanges;
  readonly scenarios: ElementChanges;
  /** Design-level fields: name, settings (and nothing of `view`: moving a card is not a change). */
  readonly design: readonly FieldChange[];
  readonly classification: {
    readonly old: { readonly summary: string; readonly labels: readonly Label[] };
    readonly new: { readonly summary: string; readonly labels: readonly Label[] };
    readonly labels: { readonly added: readonly Label[]; readonly removed: readonly Label[] };
    readonly findings: { readonly added: readonly Finding[]; readonly removed: readonly Finding[] };
  };
}

const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf that differs between two JSON values, with its path; arrays compared by index. */
export function fieldChanges(old: Json | undefined, next: Json | undefined, path = ''): FieldChange[] {
  const out: FieldChange[] = [];
  const stack: { old: Json | undefined; next: Json | undefined; path: string }[] = [{ old, next, path }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (isObject(item.old) && isObject(item.next)) {
      const keys = [...new Set([...Object.keys(item.old), ...Object.keys(item.next)])].sort().reverse();
      for (const key of keys) {
        const child = /^[A-Za-z_$][\w$]*$/.test(key) ? (item.path === '' ? key : `${item.path}.${key}`) : `${item.path}[${JSON.stringify(key)}]`;
        stack.push({ old: item.old[key], next: item.next[key], path: child });
      }
    } else if (Array.isArray(item.old) && Array.isArray(item.next)) {
      for (let i = Math.max(item.old.length, item.next.length) - 1; i >= 0; i--) stack.push({ old: item.old[i], next: item.next[i], path: `${item.path}[${i}]` });
    } else if (JSON.stringify(item.old) !== JSON.stringify(item.next)) {
      out.push({ path: item.path, old: item.old, new: item.next });
    }
  }
  return out;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function elementChanges<T extends { id: string }>(old: readonly T[], next: readonly T[]): ElementChanges {
  const before = byId(old);
  const after = byId(next);
  const changed: { id: string; changes: FieldChange[] }[] = [];
  for (const [id, item] of after) {
    const previous = before.get(id);
    if (previous === undefined) continue;
    const changes = fieldChanges(previous as unknown as Json, item as unknown as Json).filter((c) => c.path !== 'id');
    if (changes.length > 0) changed.push({ id, changes });
  }
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed,
  };
}

const findingKey = (f: Finding) => `${f.rule}|${f.nodes.join(',')}|${f.hosts.join(',')}`;

/** The changes from `old` to `next`. */
export function diffDesigns(old: TopologyDocument, next: TopologyDocument): DesignDiff {
  const before = classifyDesign(old);
  const after = classifyDesign(next);
  const beforeFindings = new Set(before.findings.map(findingKey));
  const afterFindings = new Set(after.findings.map(findingKey));
  const designFields = (doc: TopologyDocument) => ({ name: doc.name, settings: (doc.settings ?? {}) as Json });
  return {
    nodes: elementChanges(old.nodes, next.nodes),
    edges: elementChanges(old.edges, next.edges),
    hosts: elementChanges(old.hosts, next.hosts),
    scenarios: elementChanges(old.scenarios ?? [], next.scenarios ?? []),
    design: fieldChanges(designFields(old), designFields(next)),
    classification: {
      old: { summary: before.summary, labels: before.labels },
      new: { summary: after.summary, labels: after.labels },
      labels: { added: after.labels.filter((l) => !before.labels.includes(l)), removed: before.labels.filter((l) => !after.labels.includes(l)) },
      findings: {
        added: after.findings.filter((f) => !beforeFindings.has(findingKey(f))),
        removed: before.findings.filter((f) => !afterFindings.has(findingKey(f))),
      },
    },
  };
}

/** True when the designs differ in anything but the view (positions). */
export function designsDiffer(diff: DesignDiff): boolean {
  const any = (e: ElementChanges) => e.added.length + e.removed.length + e.changed.length > 0;
  return any(diff.nodes) || any(diff.edges) || any(diff.hosts) || any(diff.scenarios) || diff.design.length > 0;
}

function value(v: Json | undefined): string {
  return v === undefined ? '(none)' : JSON.stringify(v);
}

/** The diff as lines for a terminal or a pull-request comment. */
export function formatDiffText(diff: DesignDiff): string {
  const lines: string[] = [];
  const section = (title: string, changes: ElementChanges) => {
    for (const id of changes.added) lines.push(`+ ${title} ${id}`);
    for (const id of changes.removed) lines.push(`- ${title} ${id}`);
    for (const { id, changes: fields } of changes.changed) {
      lines.push(`~ ${title} ${id}`);
      for (const c of fields) lines.push(`    ${c.path}: ${value(c.old)} → ${value(c.new)}`);
    }
  };
  for (const c of diff.design) lines.push(`~ design ${c.path}: ${value(c.old)} → ${value(c.new)}`);
  section('node', diff.nodes);
  section('edge', diff.edges);
  section('host', diff.hosts);
  section('scenario', diff.scenarios);
  if (lines.length === 0) lines.push('no changes (positions aside)');
  const c = diff.classification;
  lines.push('', c.old.summary === c.new.summary ? `classification: ${c.new.summary} (unchanged)` : `classification: ${c.old.summary} → ${c.new.summary}`);
  for (const f of c.findings.added) lines.push(`  new finding ${f.rule} (${f.severity}): ${f.message}`);
  for (const f of c.findings.removed) lines.push(`  gone finding ${f.rule}: ${f.message}`);
  return lines.join('\n') + '\n';
}

/** What `--simulate` compares: the seeded baseline simulation and the failure sweep of each side. */
export interface SimulationSide {
  /** Null when no request finished. */
  readonly availability: number | null;
  readonly p99: number;
  /** The worst single failure of the sweep (null when nothing can be failed). */
  readonly worst: { readonly type: string; readonly target: string; readonly name: string; readonly availability: number | null } | null;
  /** Sweep targets whose failure alone drops availability under 95 %: single points of failure. */
  readonly singlePoints: readonly string[];
}

export interface SimulationDiff {
  readonly old: SimulationSide;
  readonly new: SimulationSide;
  /** Availability deltas are null when either side had no finished request. */
  readonly delta: { readonly availability: number | null; readonly p99: number; readonly worst: number | null };
  /** "p99 +40 ms", "worst single failure −2.1 pt", "new single point of failure: orders-db". */
  readonly summary: readonly string[];
}

/** Below this availability one failure is a single point of failure (as the app's sweep table marks it). */
export const SINGLE_POINT_AVAILABILITY = 0.95;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const signed = (value: number, unit: string) => `${value >= 0 ? '+' : '−'}${Math.abs(value)}${unit}`;

/** next − old, 4 decimals; null when either is null (no request finished there). */
function difference(old: number | null, next: number | null): number | null {
  return old === null || next === null ? null : round(next - old, 4);
}

/** Compares two sides' simulation figures. */
export function simulationDiff(old: SimulationSide, next: SimulationSide): SimulationDiff {
  const delta = {
    availability: difference(old.availability, next.availability),
    p99: round(next.p99 - old.p99, 1),
    worst: old.worst && next.worst ? difference(old.worst.availability, next.worst.availability) : null,
  };
  const summary: string[] = [];
  if (delta.p99 !== 0) summary.push(`p99 ${signed(delta.p99, ' ms')}`);
  const shown = (availability: number | null) => (availability === null ? 'unknown (no request finished)' : `${round(availability * 100, 2)} %`);
  if ((old.availability === null) !== (next.availability === null)) summary.push(`availability ${shown(old.availability)} → ${shown(next.availability)}`);
  else if (delta.availability !== null && delta.availability !== 0) summary.push(`availability ${signed(round(delta.availability * 100, 2), ' pt')}`);
  if (delta.worst !== null && delta.worst !== 0) summary.push(`worst single failure ${signed(round(delta.worst * 100, 2), ' pt')}`);
  for (const target of next.singlePoints) if (!old.singlePoints.includes(target)) summary.push(`new single point of failure: ${target}`);
  for (const target of old.singlePoints) if (!next.singlePoints.includes(target)) summary.push(`no longer a single point of failure: ${target}`);
  if (summary.length === 0) summary.push('no change in the simulation');
  return { old, new: next, delta, summary };
}
