/**
 * `topo check` (SPEC §9): a design against the team's rules, as a list of violations a CI gate
 * counts. Without rules, every finding of severity `error` is a violation (`strict`: and every
 * `warning`). Rules that need a simulation (max-p99, slo-met, min-availability under a sweep) run it seeded,
 * so a check gives the same answer on every machine.
 */
import { classifyDesign, type Classification, type Finding } from '../classification';
import type { TopologyDocument } from '../document';
import { analyzeAvailability, type AvailabilityReport } from '../reliability';
import { simulate, sweep, type ClientReport, type SimulationReport, type SweepReport } from '../simulation';
import { severityOf, type ConfiguredRule, type ViolationSeverity } from './rules';

export interface Violation {
  /** The check rule (`no-spof`) or finding rule (`sync-cycle`) that was broken. */
  readonly rule: string;
  readonly severity: ViolationSeverity;
  readonly message: string;
  readonly nodes: readonly string[];
  readonly hosts: readonly string[];
}

export interface CheckResult {
  /** Every violation found, errors first (warnings are listed; only `strict` counts them). */
  readonly violations: readonly Violation[];
  /** How many rules were checked. */
  readonly checked: number;
  /** The violations that fail the gate: errors, and warnings too under `strict`. */
  readonly failing: number;
}

export interface CheckOptions {
  readonly rules?: readonly ConfiguredRule[];
  readonly strict?: boolean;
  /** Seconds of the seeded baseline simulation and sweep runs (default 60). */
  readonly durationS?: number;
  readonly seed?: number;
}

/** The exit code of a check: its failing violations, at most 100. */
export function checkExitCode(result: CheckResult): number {
  return Math.min(100, result.failing);
}

function fromFinding(rule: string, severity: ViolationSeverity, finding: Finding): Violation {
  return { rule, severity, message: finding.message, nodes: finding.nodes, hosts: finding.hosts };
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Checks a design. The classification, simulation and sweep each run at most once. */
export function checkDesign(doc: TopologyDocument, options: CheckOptions = {}): CheckResult {
  const classification: Classification = classifyDesign(doc);
  const durationS = options.durationS ?? 60;
  const seed = options.seed ?? 1;
  let baseline: SimulationReport | undefined;
  let sweepReport: SweepReport | undefined;
  const simulation = () => (baseline ??= simulate(doc, { durationS, seed }));
  const sweepRun = () => (sweepReport ??= sweep(doc, { durationS, seed }));
  let availabilityReport: AvailabilityReport | undefined;
  const availability = () => (availabilityReport ??= analyzeAvailability(doc, { seed }));

  const violations: Violation[] = [];
  const rules = options.rules ?? [];
  if (rules.length === 0) {
    for (const finding of classification.findings) {
      if (finding.severity === 'error' || finding.severity === 'warning') violations.push(fromFinding(finding.rule, finding.severity, finding));
    }
  }
  for (const rule of rules) {
    const severity = severityOf(rule);
    const ignored = new Set(rule.options.ignore ?? []);
    const keep = (v: Violation) => !v.nodes.some((id) => ignored.has(id)) && !v.hosts.some((id) => ignored.has(id));
    const found: Violation[] = [];
    if ('finding' in rule) {
      for (const finding of classification.findings) if (finding.rule === rule.name) found.push(fromFinding(rule.name, severity, finding));
    } else {
      switch (rule.name) {
        case 'no-spof':
          for (const finding of classification.findings) if (finding.rule === 'spof') found.push(fromFinding('no-spof', severity, finding));
          break;
        case 'max-severity': {
          const level = SEVERITY_RANK[rule.options.level];
          for (const finding of classification.findings) {
            if (SEVERITY_RANK[finding.severity] <= level) found.push(fromFinding('max-severity', severity, { ...finding, message: `${finding.rule} (${finding.severity}): ${finding.message}` }));
          }
          break;
        }
        case 'require-labels':
          for (const label of rule.options.labels) {
            if (!classification.labels.includes(label)) found.push({ rule: rule.name, severity, message: `the design is not ${label} (it is ${classification.summary})`, nodes: [], hosts: [] });
          }
          break;
        case 'forbid-labels':
          for (const label of rule.options.labels) {
            if (classification.labels.includes(label)) {
              const evidence = classification.evidence.filter((e) => e.label === label);
              found.push({
                rule: rule.name,
                severity,
                message: `the design is ${label}: ${evidence.map((e) => e.message).join(' ')}`,
                nodes: [...new Set(evidence.flatMap((e) => e.nodes))].sort(),
                hosts: [...new Set(evidence.flatMap((e) => e.hosts))].sort(),
              });
            }
          }
          break;
        case 'max-p99': {
          const p99 = simulation().latencyMs.p99;
          if (p99 > rule.options.value) found.push({ rule: rule.name, severity, message: `p99 latency of the baseline simulation is ${p99} ms, over the ${rule.options.value} ms allowed`, nodes: [], hosts: [] });
          break;
        }
        case 'min-availability': {
          if (rule.options.under === 'sweep') {
            const worst = sweepRun().runs[0];
            // No request finished under that failure: as bad as it gets, not a pass.
            if (worst && (worst.availability === null || worst.availability < rule.options.value)) {
              found.push({
                rule: rule.name,
                severity,
                message: `with ${worst.type === 'host-down' ? 'server' : 'node'} ${worst.name} down, availability is ${worst.availability === null ? 'unknown (no request finished)' : percent(worst.availability)}, under the ${percent(rule.options.value)} required`,
                nodes: worst.type === 'node-down' ? [worst.target] : [],
                hosts: worst.type === 'host-down' ? [worst.target] : [],
              });
            }
          } else {
            // The exact figure where the design has at most 24 failure units, else the Monte Carlo estimate.
            for (const [client, figures] of Object.entries(availability().clients)) {
              const predicted = figures.exact ?? figures.monteCarlo.value;
              if (predicted < rule.options.value) {
                const worst = figures.contributors[0];
                found.push({
                  rule: rule.name,
                  severity,
                  message: `${client} gets ${percent(predicted, 3)} availability, under the ${percent(rule.options.value, 3)} required${worst ? ` (most downtime: ${worst.unit}, ${Math.round(worst.share * 100)} %)` : ''}`,
                  nodes: [client],
                  hosts: worst?.unit.startsWith('host:') ? [worst.unit.slice(5)] : [],
                });
              }
            }
          }
          break;
        }
        case 'slo-met':
          // Each client with an slo against the seeded baseline simulation (the same run max-p99 reads).
          for (const [client, result] of Object.entries(simulation().clients)) {
            const slo = result.slo;
            if (!slo || slo.met === true) continue;
            if (slo.met === null) {
              found.push({ ...notYet(rule.name, severity, `no request of ${client} finished in the baseline simulation`), nodes: [client] });
              continue;
            }
            found.push({ rule: rule.name, severity, message: `${client} misses its SLO: ${sloMisses(result)}`, nodes: [client], hosts: [] });
          }
          break;
      }
    }
    violations.push(...found.filter(keep));
  }
  violations.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const failing = violations.filter((v) => v.severity === 'error' || options.strict === true).length;
  // Without rules, warnings are violations only under --strict; they are not listed otherwise.
  const listed = rules.length === 0 && !options.strict ? violations.filter((v) => v.severity === 'error') : violations;
  return { violations: listed, checked: rules.length === 0 ? 1 : rules.length, failing };
}

/** A rule this version cannot evaluate: a violation, never a silent pass. */
function notYet(rule: string, severity: ViolationSeverity, why: string): Violation {
  return { rule, severity, message: `cannot be checked: ${why}`, nodes: [], hosts: [] };
}

/** What a client's missed SLO missed: its availability, its latency at the SLO's percentile, or both. */
function sloMisses(result: ClientReport): string {
  const slo = result.slo!;
  const parts: string[] = [];
  if (slo.availability !== undefined && result.availability !== null && result.availability < slo.availability) {
    parts.push(`availability ${percent(result.availability, 3)} under the ${percent(slo.availability, 3)} target`);
  }
  if (slo.latencyMs !== undefined) {
    const observed = slo.observedLatencyMs ?? 0;
    if (result.ok === 0) parts.push('no request succeeded');
    else if (observed > slo.latencyMs) parts.push(`p${slo.percentile ?? 99} latency ${observed} ms over the ${slo.latencyMs} ms target`);
  }
  const budget = slo.budgetBurned === null ? '' : ` (${percent(slo.budgetBurned)} of the 30-day error budget burned)`;
  return (parts.length > 0 ? parts.join(' and ') : 'a target') + budget;
}

function percent(value: number, decimals = 2): string {
  return `${(value * 100).toFixed(decimals)} %`;
}
