import type { TopologyDocument } from '../../shared/document';
import { analyzeAvailability, DEFAULT_YEARS, MAX_EXACT_UNITS, type AvailabilityReport, type ClientAvailability } from '../../shared/reliability';
import { EXIT_OK, numberOption, parseCommandArgs, readDocument, singleFile, type Command } from '../command';

/** Most simulated years accepted: a million years of a large design already takes minutes. */
export const MAX_YEARS = 1_000_000;

/** Contributors shown per client in the text report (the JSON lists them all). */
const TEXT_CONTRIBUTORS = 5;

/** `topo availability FILE [--json] [--capacity-aware] [--years N] [--seed N]` (SPEC §7). */
export const availabilityCommand: Command = {
  name: 'availability',
  summary: 'predict each client’s availability (nines, downtime, what costs the most) from failure rates',
  usage:
    'topo availability FILE [--json] [--capacity-aware] [--years N] [--seed N]\n\n' +
    'Predicts, for each client of the design in FILE, the steady-state share of time its requests can be\n' +
    'served, from the MTBF and MTTR of hosts, processes, zones and regions: exactly (when the design has at\n' +
    `most ${MAX_EXACT_UNITS} failure units) and by Monte Carlo over N simulated years (default ${thousands(DEFAULT_YEARS)}, seed default 1)\n` +
    'with a 95 % interval. Reports the nines, downtime per year and per 30 days, each unit’s share of the\n' +
    'downtime, and whether the client’s slo.availability is met.\n' +
    '--capacity-aware: a node needs ceil(load ÷ per-instance capacity) instances up, not one.\n' +
    '--json prints { units, clients: { ID: { exact, monteCarlo, nines, downtimeMinutesPerYear, … } } }.\n' +
    'Exit 0 when FILE was analysed (whatever the figures), 1 when FILE is invalid, 2 on bad usage.',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(availabilityCommand, args, {
      json: { type: 'boolean' },
      'capacity-aware': { type: 'boolean' },
      years: { type: 'string' },
      seed: { type: 'string' },
    });
    const file = singleFile(availabilityCommand, positionals);
    const years = numberOption(availabilityCommand, 'years', values.years, DEFAULT_YEARS, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_YEARS, `a whole number of years in [1, ${thousands(MAX_YEARS)}]`);
    const seed = numberOption(availabilityCommand, 'seed', values.seed, 1, (n) => Number.isSafeInteger(n), 'a whole number');
    const doc = readDocument(file, io, { quiet: values.json === true });
    const capacityAware = values['capacity-aware'] === true;
    const report = analyzeAvailability(doc, { capacityAware, years, seed });
    io.stdout(values.json === true ? JSON.stringify(report, null, 2) + '\n' : formatAvailability(file, doc, report, { years, seed, capacityAware }));
    return EXIT_OK;
  },
};

/** 12345 → "12,345" (fixed, not the machine's locale). */
function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Decimals of a percentage that show the first digit past the nines: 0.99954 → 3 (99.954 %). */
export function percentDecimals(availability: number): number {
  if (availability >= 1 || availability <= 0) return 2;
  return Math.min(10, Math.max(2, Math.floor(-Math.log10(1 - availability)) + 1));
}

function percentOf(availability: number, decimals: number): string {
  return `${(availability * 100).toFixed(decimals)} %`;
}

function minutes(value: number): string {
  return value >= 100 ? thousands(Math.round(value)) : value.toFixed(value >= 10 ? 1 : 2);
}

function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((row) => indent + row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
}

/** The readable report: a table per client. */
export function formatAvailability(file: string, doc: TopologyDocument, report: AvailabilityReport, run: { years: number; seed: number; capacityAware: boolean }): string {
  const names = new Map(doc.nodes.map((n) => [n.id, n.name]));
  const clients = Object.entries(report.clients);
  const exact = clients.some(([, c]) => c.exact !== null);
  const lines = [
    `${file}: ${report.units} failure unit${report.units === 1 ? '' : 's'}; ` +
      `${exact ? 'exact, and ' : `more than ${MAX_EXACT_UNITS}: no exact figure; `}Monte Carlo over ${thousands(run.years)} years (seed ${run.seed})` +
      (run.capacityAware ? '; capacity-aware' : ''),
  ];
  if (clients.length === 0) lines.push('', 'No clients: add a client to see what its users get.');
  for (const [id, client] of clients) lines.push('', `${names.get(id) ?? id} (${id})`, ...table(clientRows(client), '  '));
  return lines.join('\n') + '\n';
}

function clientRows(client: ClientAvailability): string[][] {
  const mc = client.monteCarlo;
  const predicted = client.exact ?? mc.value;
  // One precision per table, so the figures line up and compare.
  const decimals = percentDecimals(Math.min(predicted, mc.low));
  const percent = (value: number) => percentOf(value, decimals);
  const rows = [
    ['availability', percent(predicted), client.exact !== null ? 'exact' : 'Monte Carlo'],
    ['Monte Carlo', percent(mc.value), `95 % interval ${percent(mc.low)} – ${percent(mc.high)}`],
    ['nines', client.nines === null ? '∞' : client.nines.toFixed(2), client.nines === null ? 'nothing on its way can fail' : ''],
    ['downtime', `${minutes(client.downtimeMinutesPerYear)} min/year`, `${minutes(client.downtimeMinutesPer30Days)} min per 30 days`],
  ];
  if (client.slo) rows.push(['SLO', percent(client.slo.availability), client.slo.met ? 'met' : 'NOT met']);
  const top = client.contributors.slice(0, TEXT_CONTRIBUTORS);
  top.forEach((c, i) => rows.push([i === 0 ? 'downtime from' : '', `${(c.share * 100).toFixed(1)} %`, c.unit]));
  if (client.contributors.length > top.length) rows.push(['', '', `… ${client.contributors.length - top.length} more (--json lists all)`]);
  return rows;
}
