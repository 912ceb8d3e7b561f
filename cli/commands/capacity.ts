import type { TopologyDocument } from '../../shared/document';
import { analyzeCapacity, type CapacityReport } from '../../shared/reliability';
import { EXIT_OK, parseCommandArgs, readDocument, singleFile, usageError, type Command } from '../command';

const RAMP_NOT_YET = '--ramp is not available yet: this version gives the analytic figures only';

/** `topo capacity FILE [--json]` (SPEC §7, without the simulated ramp for now). */
export const capacityCommand: Command = {
  name: 'capacity',
  summary: 'find the bottleneck: per node visits, holding time, capacity, utilization, largest rate',
  usage:
    'topo capacity FILE [--json]\n\n' +
    'For each node of the design in FILE: its visit ratio (calls per client request, from fan-out, weights,\n' +
    'probabilities and cache hit rates), the time one call holds a slot (own service time plus the calls it\n' +
    'waits on with the slot held), its slots (instances × concurrency), its capacity per second, its\n' +
    'utilization at the document’s rates and the largest client rate it sustains. The bottleneck is the node\n' +
    'that sustains the least; maxMultiple says how many times every client’s rate can grow until it saturates.\n' +
    'Light-load figures: queueing, retries and timeouts are not counted.\n' +
    `${RAMP_NOT_YET} (it exits 2).\n` +
    '--json prints { bottleneck, maxMultiple, maxRate, nodes: { ID: { visits, holdingMs, slots, capacityPerSecond, utilization, maxRate } } }.\n' +
    'Exit 0 when FILE was analysed, 1 when FILE is invalid, 2 on bad usage.',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(capacityCommand, args, { json: { type: 'boolean' }, ramp: { type: 'boolean' } });
    if (values.ramp === true) throw usageError(capacityCommand, RAMP_NOT_YET);
    const file = singleFile(capacityCommand, positionals);
    const doc = readDocument(file, io, { quiet: values.json === true });
    const report = analyzeCapacity(doc);
    io.stdout(values.json === true ? JSON.stringify(report, null, 2) + '\n' : formatCapacity(file, doc, report));
    return EXIT_OK;
  },
};

const number = (value: number | null, decimals: number) => (value === null ? '—' : value.toFixed(decimals));

/** The readable report: the verdict, then a table of nodes, busiest first. */
export function formatCapacity(file: string, doc: TopologyDocument, report: CapacityReport): string {
  const names = new Map(doc.nodes.map((n) => [n.id, n.name]));
  const lines: string[] = [];
  if (report.bottleneck === null) lines.push(`${file}: no node saturates (nothing takes time)`);
  else {
    const growth = report.maxMultiple === null ? '' : ` — every client's rate can grow ${report.maxMultiple.toFixed(2)}×`;
    lines.push(`${file}: bottleneck ${names.get(report.bottleneck) ?? report.bottleneck} (${report.bottleneck}) at ${number(report.maxRate, 1)} requests/s${growth}`);
  }
  const entries = Object.entries(report.nodes).sort(([, a], [, b]) => b.utilization - a.utilization);
  if (entries.length === 0) return lines.join('\n') + '\n';
  const rows = [
    ['node', 'visits', 'holding ms', 'slots', 'capacity/s', 'utilization', 'max rate/s'],
    ...entries.map(([id, n]) => [
      `${names.get(id) ?? id} (${id})`,
      number(n.visits, 3),
      number(n.holdingMs, 2),
      String(n.slots),
      number(n.capacityPerSecond, 1),
      `${(n.utilization * 100).toFixed(1)} %${n.utilization > 1 ? ' overloaded' : ''}`,
      number(n.maxRate, 1),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  lines.push('', ...rows.map((row) => ('  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).trimEnd()));
  return lines.join('\n') + '\n';
}
