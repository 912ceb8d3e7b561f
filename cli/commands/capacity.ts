import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { TopologyDocument } from '../../shared/document';
import { DEFAULT_SEED } from '../../shared/simulation';
import {
  analyzeCapacity,
  DEFAULT_RAMP_DURATION_S,
  DEFAULT_RAMP_STEPS,
  runRamp,
  type CapacityReport,
  type RampReport,
  type RampStep,
  type RampStepTask,
} from '../../shared/reliability';
import { threadWorker } from '../batchThreads';
import { EXIT_OK, numberOption, parseCommandArgs, readDocument, singleFile, type CliIo, type Command } from '../command';
import { MAX_DURATION_S } from './simulate';

/** The bundled worker beside the bundled CLI (absent when running from sources, e.g. under vitest). */
function bundledWorkerFile(): string | undefined {
  return typeof __dirname === 'string' ? join(__dirname, 'capacity-worker.cjs') : undefined;
}

export interface RampPoolOptions {
  readonly steps: number;
  readonly durationS: number;
  readonly seed: number;
  /** Workers of the pool (default: one per core). 1 or a missing worker file runs in this thread. */
  readonly workers?: number;
  readonly workerFile?: string;
  /** After each finished step, `done` of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The ramp on the batch pool (`shared/batch`): worker threads taking one step at a time — or this
 * thread, when there is one worker or no worker bundle. Each step is a seeded run of its own: the
 * result is the same either way.
 */
export async function runRampPool(doc: TopologyDocument, options: RampPoolOptions): Promise<RampReport> {
  const workerFile = options.workerFile ?? bundledWorkerFile();
  const workers = workerFile !== undefined && existsSync(workerFile) ? (options.workers ?? availableParallelism()) : 1;
  return runRamp(doc, {
    steps: options.steps,
    durationS: options.durationS,
    seed: options.seed,
    workers,
    ...(workers > 1 && workerFile !== undefined ? { spawn: () => threadWorker<RampStepTask, RampStep>(workerFile) } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** `topo capacity FILE [--json] [--ramp [--steps N] [--duration S] [--seed N] [--workers N]]` (SPEC §7). */
export const capacityCommand: Command = {
  name: 'capacity',
  summary: 'find the bottleneck: per node visits, holding time, capacity, utilization, largest rate; --ramp simulates growing load',
  usage:
    'topo capacity FILE [--json] [--ramp [--steps N] [--duration S] [--seed N] [--workers N]]\n\n' +
    'For each node of the design in FILE: its visit ratio (calls per client request, from fan-out, weights,\n' +
    'probabilities and cache hit rates), the time one call holds a slot (own service time plus the calls it\n' +
    'waits on with the slot held), its slots (instances × concurrency), its capacity per second, its\n' +
    'utilization at the document’s rates and the largest client rate it sustains. The bottleneck is the node\n' +
    'that sustains the least; maxMultiple says how many times every client’s rate can grow until it saturates.\n' +
    'Light-load figures: queueing, retries and timeouts are not counted.\n' +
    `--ramp also simulates N (default ${DEFAULT_RAMP_STEPS}) growing multiples of every client's rate, evenly up to 1.5 × maxMultiple,\n` +
    `S simulated seconds each (default ${DEFAULT_RAMP_DURATION_S}), seed N (default ${DEFAULT_SEED}), over N worker threads (default: one per core;\n` +
    '--threads is the older spelling), an idle thread taking the next step; the result is the same for any N.\n' +
    'It marks the knee: the first multiple where more than 1 % of requests fail or a client’s latency SLO breaks.\n' +
    '--json prints { bottleneck, maxMultiple, maxRate, nodes: { ID: { visits, holdingMs, slots, capacityPerSecond, utilization, maxRate } } },\n' +
    'with --ramp also ramp: [ { multiple, offered, served, failedShare, p99 } ] and knee.\n' +
    'Exit 0 when FILE was analysed, 1 when FILE is invalid, 2 on bad usage.',
  async run(args, io: CliIo) {
    const { positionals, values } = parseCommandArgs(capacityCommand, args, {
      json: { type: 'boolean' },
      ramp: { type: 'boolean' },
      steps: { type: 'string' },
      duration: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      threads: { type: 'string' },
    });
    const file = singleFile(capacityCommand, positionals);
    const steps = numberOption(capacityCommand, 'steps', values.steps, DEFAULT_RAMP_STEPS, (n) => Number.isInteger(n) && n >= 1 && n <= 100, 'a whole number from 1 to 100');
    const durationS = numberOption(capacityCommand, 'duration', values.duration, DEFAULT_RAMP_DURATION_S, (n) => n > 0 && n <= MAX_DURATION_S, `a number of seconds in (0, ${MAX_DURATION_S}]`);
    const seed = numberOption(capacityCommand, 'seed', values.seed, DEFAULT_SEED, (n) => Number.isSafeInteger(n), 'a whole number');
    const workersFlag = values.workers !== undefined ? 'workers' : 'threads';
    const workers = numberOption(capacityCommand, workersFlag, values.workers ?? values.threads, availableParallelism(), (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'a whole number from 1 to 256');
    const doc = readDocument(file, io, { quiet: values.json === true });
    const report = analyzeCapacity(doc);
    if (values.ramp !== true) {
      io.stdout(values.json === true ? JSON.stringify(report, null, 2) + '\n' : formatCapacity(file, doc, report));
      return EXIT_OK;
    }
    const onProgress = io.isTty ? (done: number, total: number) => io.progress(`\rramp: ${done}/${total} steps${done === total ? '\x1b[K\r' : ''}`) : undefined;
    const ramp = await runRampPool(doc, { steps, durationS, seed, workers, ...(onProgress ? { onProgress } : {}) });
    if (io.isTty) io.progress('\r\x1b[K');
    io.stdout(values.json === true ? JSON.stringify({ ...report, ...ramp }, null, 2) + '\n' : formatCapacity(file, doc, report) + formatRamp(ramp, durationS));
    return EXIT_OK;
  },
};

/** The ramp as a table, the knee marked. */
export function formatRamp(ramp: RampReport, durationS: number): string {
  const hasSlo = ramp.ramp.some((step) => step.latencySloMet !== undefined);
  const rows = [
    ['multiple', 'offered/s', 'served/s', 'failed', 'p99', ...(hasSlo ? ['latency SLO'] : []), ''],
    ...ramp.ramp.map((step) => [
      `${step.multiple.toFixed(2)}×`,
      step.offered.toFixed(1),
      step.served.toFixed(1),
      `${(step.failedShare * 100).toFixed(2)} %`,
      `${step.p99.toFixed(step.p99 >= 100 ? 0 : 1)} ms`,
      ...(hasSlo ? [step.latencySloMet ? 'met' : 'missed'] : []),
      `${step.multiple === ramp.knee ? '◀ knee' : ''}${step.partial ? ' (stopped early: work budget)' : ''}`,
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((row) => ('  ' + row.map((cell, c) => (c === row.length - 1 || (hasSlo && c === row.length - 2) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).trimEnd());
  const verdict = ramp.knee === null ? 'No knee: every step served more than 99 % of its requests within the latency SLOs.' : `Knee at ${ramp.knee.toFixed(2)}× the document's rates: past it more than 1 % of requests fail or a latency SLO breaks.`;
  return ['', `Ramp (${durationS} s simulated per step)`, ...lines, '', verdict, ''].join('\n');
}

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
