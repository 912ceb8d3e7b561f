import { EXIT_INVALID, EXIT_OK, numberOption, parseCommandArgs, readDocument, singleFile, UserError, type Command } from '../command';
import { FAILURE_CAUSES, type TopologyDocument } from '../../shared/document';
import { DEFAULT_DURATION_S, DEFAULT_SEED, SimulationInputError, findScenario, simulate, type SimulationReport, type TimelineEntry } from '../../shared/simulation';

/** Longest simulated run the CLI accepts, in seconds (a day). */
export const MAX_DURATION_S = 86_400;

/** `topo simulate FILE [--scenario ID|NAME] [--duration S] [--seed N] [--json]`. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'simulate request flow (and a failure scenario): availability, latency, failures by cause',
  usage:
    'topo simulate FILE [--scenario ID|NAME] [--duration S] [--seed N] [--json]\n\n' +
    'Runs the deterministic simulation of FILE for S simulated seconds (default 60) with seed N (default 1),\n' +
    'applying the faults of the scenario given by id or name. Prints a summary, or with --json the full report\n' +
    '(the same input always gives byte-identical JSON).',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(simulateCommand, args, {
      scenario: { type: 'string' },
      duration: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    });
    const file = singleFile(simulateCommand, positionals);
    const durationS = numberOption(simulateCommand, 'duration', values.duration, DEFAULT_DURATION_S, (n) => n > 0 && n <= MAX_DURATION_S, `a number of seconds in (0, ${MAX_DURATION_S}]`);
    const seed = numberOption(simulateCommand, 'seed', values.seed, DEFAULT_SEED, (n) => Number.isSafeInteger(n), 'a whole number');
    const doc = readDocument(file, io, { quiet: values.json === true });
    if (values.scenario !== undefined && !findScenario(doc, values.scenario)) {
      const known = (doc.scenarios ?? []).map((s) => `${s.id} (${s.name})`);
      throw new UserError([`${file}: unknown scenario ${JSON.stringify(values.scenario)}: ${known.length > 0 ? `expected one of ${known.join(', ')}` : 'the file has no scenarios'}`]);
    }
    let report: SimulationReport;
    try {
      report = simulate(doc, { durationS, seed, ...(values.scenario !== undefined ? { scenario: values.scenario } : {}) });
    } catch (error) {
      if (error instanceof SimulationInputError) throw new UserError([`${file}: ${error.message}`]);
      throw error;
    }
    // A run its work budget stopped: one line and exit 1; --json still hands out the partial report.
    if (report.partial) {
      if (values.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
      io.stderr(`${file}: ${report.partial.message}\n`);
      return EXIT_INVALID;
    }
    io.stdout(values.json ? JSON.stringify(report, null, 2) + '\n' : formatSimulation(doc, report));
    return EXIT_OK;
  },
};

/** 12345 → "12,345" (fixed, not the machine's locale). */
export function thousands(value: number): string {
  const [whole, fraction] = String(value).split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

const BARS = '▁▂▃▄▅▆▇█';

/** A unicode sparkline of `values`, at most `width` characters (averaging neighbours). */
export function sparkline(values: readonly number[], width = 60): string {
  if (values.length === 0) return '';
  const columns = Math.min(width, values.length);
  const sampled = Array.from({ length: columns }, (_, c) => {
    const from = Math.floor((c * values.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * values.length) / columns));
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i]!;
    return sum / (to - from);
  });
  const max = Math.max(...sampled);
  if (max <= 0) return ' '.repeat(columns);
  // Each bar is an eighth of the maximum; zero stays blank so that "nothing" reads as a gap.
  return sampled.map((v) => (v <= 0 ? ' ' : BARS[Math.max(0, Math.ceil((v / max) * BARS.length) - 1)]!)).join('');
}

function table(rows: readonly (readonly string[])[], rightAligned: readonly boolean[], indent = '  '): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((row) => indent + row.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

const percent = (share: number) => `${(share * 100).toFixed(2)} %`;
/** An availability, or why there is none. */
export const availabilityText = (availability: number | null) => (availability === null ? 'unknown' : percent(availability));
const ms = (value: number) => `${value.toFixed(value >= 100 ? 0 : 1)} ms`;

/** The human-readable summary of a simulation report. */
export function formatSimulation(doc: TopologyDocument, report: SimulationReport): string {
  const names = new Map(doc.nodes.map((n) => [n.id, n.name]));
  const { requests, latencyMs: latency } = report;
  const lines = [
    `${doc.name} — ${report.scenario ? `scenario ${JSON.stringify(report.scenario.name)} (${report.scenario.id})` : 'no faults'} · ${report.duration} s simulated · seed ${report.seed}`,
    '',
    ...table(
      [
        ['availability', availabilityText(report.availability), `${report.availabilityReason ? `${report.availabilityReason}: ` : ''}${thousands(requests.ok)} ok of ${thousands(requests.total)} requests, ${thousands(requests.failed)} failed${requests.inFlight > 0 ? `, ${thousands(requests.inFlight)} still in flight at the end` : ''}`],
        ['throughput', `${report.throughput.served.toFixed(1)}/s`, `served, of ${report.throughput.offered.toFixed(1)}/s offered`],
        ['latency', ms(latency.p50), `p50 · p95 ${ms(latency.p95)} · p99 ${ms(latency.p99)} · mean ${ms(latency.mean)} · max ${ms(latency.max)}`],
        ...(report.retries > 0 ? [['retries', thousands(report.retries), 'attempts repeated after a failure']] : []),
        ...(report.messages ? [['messages', thousands(report.messages.delivered), `delivered of ${thousands(report.messages.published)} published, ${thousands(report.messages.failed)} dropped, ${thousands(report.messages.backlog)} waiting`]] : []),
      ],
      [false, true, false],
    ),
    '',
  ];
  lines.push(...clientLines(report, names));
  const causes = FAILURE_CAUSES.filter((cause) => report.failures[cause] > 0);
  if (causes.length === 0) {
    lines.push('Failures: none', '');
  } else {
    lines.push('Failures by cause');
    lines.push(...table(causes.map((cause) => [cause, thousands(report.failures[cause]), percent(report.failures[cause] / requests.total)]), [false, true, true]));
    const origins = Object.entries(report.failuresByNode).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    lines.push('', 'Failures began at');
    lines.push(...table(origins.map(([id, count]) => [names.get(id) ?? id, thousands(count)]), [false, true]));
    lines.push('');
  }
  const busiest = Object.entries(report.nodes)
    .sort((a, b) => b[1].utilization - a[1].utilization || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5);
  if (busiest.length > 0) {
    lines.push('Busiest nodes');
    lines.push(
      ...table(
        [['node', 'utilization', 'served', 'failed', 'max queue'], ...busiest.map(([id, n]) => [names.get(id) ?? id, percent(n.utilization), thousands(n.served), thousands(n.failed), thousands(n.maxQueue)])],
        [false, true, true, true, true],
      ),
    );
    lines.push('');
  }
  lines.push(...consistencyLines(report, names));
  lines.push(...transactionLines(report, names));
  lines.push(...timelineLines(report.timeline));
  return lines.join('\n') + '\n';
}

/** The replicated nodes' block: reads, writes, stale reads and their share, lost writes, conflicts, no quorum, elections. */
export function consistencyLines(report: Pick<SimulationReport, 'nodes'>, names: ReadonlyMap<string, string>): string[] {
  const replicated = Object.entries(report.nodes).filter(([, n]) => n.consistency !== undefined);
  if (replicated.length === 0) return [];
  const rows = [['node', 'reads', 'writes', 'stale reads', 'stale share', 'lost writes', 'conflicts', 'no quorum', 'elections']];
  for (const [id, n] of replicated) {
    const c = n.consistency!;
    rows.push([
      names.get(id) ?? id,
      thousands(c.reads),
      thousands(c.writes),
      thousands(c.staleReads),
      c.reads > 0 ? percent(c.staleReads / c.reads) : '–',
      thousands(c.lostWrites),
      thousands(c.conflicts),
      thousands(c.noQuorum),
      c.elections === undefined ? '–' : thousands(c.elections),
    ]);
  }
  return ['Consistency', ...table(rows, [false, true, true, true, true, true, true, true, true]), ''];
}

/** The coordinators' block: mode, committed, aborted, compensated, compensations, in doubt, longest in doubt, mean inconsistency window. */
export function transactionLines(report: Pick<SimulationReport, 'nodes'>, names: ReadonlyMap<string, string>): string[] {
  const coordinators = Object.entries(report.nodes).filter(([, n]) => n.transactions !== undefined);
  if (coordinators.length === 0) return [];
  const rows = [['node', 'mode', 'committed', 'aborted', 'compensated', 'compensations', 'in doubt', 'max in doubt', 'mean inconsistency']];
  for (const [id, n] of coordinators) {
    const t = n.transactions!;
    rows.push([
      names.get(id) ?? id,
      t.mode,
      thousands(t.committed),
      thousands(t.aborted),
      thousands(t.compensated),
      thousands(t.compensations),
      thousands(t.inDoubt),
      ms(t.maxInDoubtMs),
      ms(t.meanInconsistencyMs),
    ]);
  }
  return ['Transactions', ...table(rows, [false, false, true, true, true, true, true, true, true]), ''];
}

/** The SLO verdict of a client: met, missed, or unknown when nothing finished. */
export function sloVerdict(met: boolean | null): string {
  return met === null ? 'unknown' : met ? 'met' : 'missed';
}

/** The per-client block: requests, availability, p99, SLO met or missed, error budget burned. */
function clientLines(report: SimulationReport, names: ReadonlyMap<string, string>): string[] {
  const clients = Object.entries(report.clients);
  if (clients.length === 0) return [];
  const rows = [['client', 'requests', 'availability', 'p99', 'SLO', 'budget burned']];
  for (const [id, c] of clients) {
    const slo = c.slo;
    const target = slo ? [slo.availability !== undefined ? percent(slo.availability) : null, slo.latencyMs !== undefined ? `p${slo.percentile ?? 99} ≤ ${ms(slo.latencyMs)}` : null].filter((x) => x !== null).join(', ') : '';
    rows.push([
      names.get(id) ?? id,
      thousands(c.requests),
      availabilityText(c.availability),
      c.ok > 0 ? ms(c.latencyMs.p99) : '–',
      slo ? `${sloVerdict(slo.met)}${target ? ` (${target})` : ''}` : '–',
      slo?.budgetBurned != null ? percent(slo.budgetBurned) : '–',
    ]);
  }
  return ['Clients', ...table(rows, [false, true, true, true, false, true]), ''];
}

function timelineLines(timeline: readonly TimelineEntry[]): string[] {
  if (timeline.length === 0) return [];
  const ok = timeline.map((e) => e.ok);
  const failed = timeline.map((e) => e.failed);
  const end = `${timeline.length} s`;
  const lines = [`Timeline (0 s … ${end}, one column ≈ ${(timeline.length / Math.min(60, timeline.length)).toFixed(timeline.length % 60 === 0 || timeline.length < 60 ? 0 : 1)} s)`];
  lines.push(`  ok/s      ${sparkline(ok)}  max ${thousands(Math.max(...ok))}`);
  if (failed.some((f) => f > 0)) lines.push(`  failed/s  ${sparkline(failed)}  max ${thousands(Math.max(...failed))}`);
  return lines;
}
