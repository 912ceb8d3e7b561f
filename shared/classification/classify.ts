/**
 * `classifyDesign`: document → systems → labels with evidence, and findings (SPEC §3). Pure and
 * deterministic: the same design gives the same output whatever the order of its nodes, edges or
 * hosts, because every rule walks the id-sorted model of `design.ts` and the results are sorted.
 */
import type { TopologyDocument } from '../document';
import { buildDesign, compareText } from './design';
import { judgeDecomposition } from './decomposition';
import { dependencyFindings } from './dependencies';
import { clusterEvidence, distributedEvidence, monolithEvidence } from './labels';
import { domainFindings } from './domains';
import { placementFindings } from './placement';
import { stateFindings } from './state';
import { consistencyFindings } from './consistency';
import { FINDING_RULES, LABEL_TITLES, LABELS, type Classification, type Evidence, type Finding, type Label } from './types';
import { SEVERITY_ORDER } from './rules';

/** The summary of a design without any application unit. */
export const NO_UNITS_SUMMARY = 'No application units yet: add a monolith or a service';
/** The summary when there are application units but none of the four labels applies. */
export const NO_LABEL_SUMMARY = 'No label applies: see the findings';

/** Classifies a design (SPEC §3). Runs in O(nodes + edges + instances) after one sort by id. */
export function classifyDesign(doc: TopologyDocument): Classification {
  const design = buildDesign(doc);
  const applies: Record<Label, boolean> = { microservices: false, distributed: false, cluster: false, monolith: false };
  const evidence: Evidence[] = [];
  const findings: Finding[] = [];
  const distributedSystems = new Set<number>();

  for (const system of design.systems) {
    const decomposition = judgeDecomposition(design, system);
    findings.push(...decomposition.findings);
    const reasons = [
      decomposition.evidence,
      distributedEvidence(design, system),
      clusterEvidence(design, system),
      monolithEvidence(design, system),
    ];
    for (const reason of reasons) {
      if (!reason) continue;
      applies[reason.label] = true;
      evidence.push(reason);
      if (reason.label === 'distributed') distributedSystems.add(system.index);
    }
  }
  findings.push(...placementFindings(design, distributedSystems), ...domainFindings(design), ...dependencyFindings(design), ...stateFindings(design), ...consistencyFindings(doc, design));

  const labels = LABELS.filter((label) => applies[label]);
  const hasUnits = design.nodes.some((node) => node.isUnit);
  return {
    summary: !hasUnits ? NO_UNITS_SUMMARY : labels.length === 0 ? NO_LABEL_SUMMARY : labels.map((l) => LABEL_TITLES[l]).join(' · '),
    labels,
    ...applies,
    evidence: evidence.sort(compareEvidence),
    findings: sortFindings(findings),
  };
}

/**
 * The `topo classify --json` shape of SPEC §3: the same fields as a Classification; what differs is
 * the key order (`classificationJson` writes the SPEC's order, with `evidence` last).
 */
export type ClassificationJson = Classification;

/** A classification as SPEC §3's JSON object, keys in the SPEC's order (for `JSON.stringify`). */
export function classificationJson(c: Classification): ClassificationJson {
  return {
    summary: c.summary,
    labels: [...c.labels],
    distributed: c.distributed,
    cluster: c.cluster,
    microservices: c.microservices,
    monolith: c.monolith,
    findings: c.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, nodes: [...f.nodes], hosts: [...f.hosts] })),
    evidence: c.evidence.map((e) => ({ label: e.label, message: e.message, nodes: [...e.nodes], hosts: [...e.hosts] })),
  };
}

const RULE_ORDER = new Map(FINDING_RULES.map((rule, i) => [rule, i]));
const LABEL_ORDER = new Map(LABELS.map((label, i) => [label, i]));

/**
 * Severity (error first), then rule in SPEC order, then message, then the ids as a tie-break. The
 * numeric rank and the id keys are computed once per finding, not once per comparison.
 */
function sortFindings(findings: Finding[]): Finding[] {
  const keyed = findings.map((finding) => ({
    finding,
    rank: SEVERITY_ORDER[finding.severity] * RULE_ORDER.size + RULE_ORDER.get(finding.rule)!,
    nodes: undefined as string | undefined,
    hosts: undefined as string | undefined,
  }));
  keyed.sort((a, b) => {
    const byRank = a.rank - b.rank || compareText(a.finding.message, b.finding.message);
    if (byRank !== 0) return byRank;
    a.nodes ??= a.finding.nodes.join('\u0000');
    b.nodes ??= b.finding.nodes.join('\u0000');
    a.hosts ??= a.finding.hosts.join('\u0000');
    b.hosts ??= b.finding.hosts.join('\u0000');
    return compareText(a.nodes, b.nodes) || compareText(a.hosts, b.hosts);
  });
  for (let i = 0; i < keyed.length; i++) findings[i] = keyed[i]!.finding;
  return findings;
}

function compareEvidence(a: Evidence, b: Evidence): number {
  return (
    LABEL_ORDER.get(a.label)! - LABEL_ORDER.get(b.label)! ||
    compareText(a.message, b.message) ||
    compareText(a.nodes.join('\u0000'), b.nodes.join('\u0000')) ||
    compareText(a.hosts.join('\u0000'), b.hosts.join('\u0000'))
  );
}
