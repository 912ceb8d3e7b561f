import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EXIT_INVALID, EXIT_OK, numberOption, parseCommandArgs, readDocument, singleFile, usageError, type CliIo, type Command } from '../command';
import type { TopologyDocument } from '../../shared/document';
import { inThreadWorker } from '../../shared/batch/pool';
import { DEFAULT_DURATION_S, DEFAULT_SEED, runSweepTask, sweepOnWorkers, sweepTargets, type SweepReport, type SweepShareResult } from '../../shared/simulation';
import { threadWorker } from '../batchThreads';
import type { SweepShareTask } from '../sweepWorker';
import { availabilityText, MAX_DURATION_S, thousands } from './simulate';

/** The bundled worker beside the bundled CLI (absent when running from sources, e.g. under vitest). */
function bundledWorkerFile(): string | undefined {
  return typeof __dirname === 'string' ? join(__dirname, 'sweep-worker.cjs') : undefined;
}

export interface SweepPoolOptions {
  readonly durationS: number;
  readonly seed: number;
  /** Workers of the pool (default: one per core). 1 or a missing worker file runs in this thread. */
  readonly workers?: number;
  readonly workerFile?: string;
  /** After each finished simulation (a run or the baseline), `done` of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the sweep on the batch pool (`shared/batch`): worker threads taking one simulation at a
 * time — or this thread, when there is one worker or no worker bundle — merged with `mergeSweep`:
 * the report is the same either way.
 */
export async function runSweepPool(doc: TopologyDocument, options: SweepPoolOptions): Promise<SweepReport> {
  const workerFile = options.workerFile ?? bundledWorkerFile();
  const threads = workerFile !== undefined && existsSync(workerFile) ? (options.workers ?? availableParallelism()) : 1;
  return sweepOnWorkers(doc, {
    durationS: options.durationS,
    seed: options.seed,
    workers: threads,
    spawn: () => (threads === 1 || workerFile === undefined ? inThreadWorker(runSweepTask) : threadWorker<SweepShareTask, SweepShareResult>(workerFile)),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** `topo sweep FILE [--duration S] [--seed N] [--workers N] [--json]`. */
export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'fail each host and each node in turn: the single points of failure, worst first',
  usage:
    'topo sweep FILE [--duration S] [--seed N] [--workers N] [--json]\n\n' +
    'Simulates FILE once per host (host-down) and once per deployable node (node-down), each down for the whole\n' +
    'run of S simulated seconds (default 60), and lists the runs worst availability first. Runs are spread over\n' +
    'N worker threads (default: one per core; --threads is the older spelling), an idle thread taking the next\n' +
    'run; the report is the same for any N. Progress goes to stderr when it is a terminal.',
  async run(args, io: CliIo) {
    const { positionals, values } = parseCommandArgs(sweepCommand, args, {
      duration: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      threads: { type: 'string' },
      json: { type: 'boolean' },
    });
    const file = singleFile(sweepCommand, positionals);
    const durationS = numberOption(sweepCommand, 'duration', values.duration, DEFAULT_DURATION_S, (n) => n > 0 && n <= MAX_DURATION_S, `a number of seconds in (0, ${MAX_DURATION_S}]`);
    const seed = numberOption(sweepCommand, 'seed', values.seed, DEFAULT_SEED, (n) => Number.isSafeInteger(n), 'a whole number');
    const workersFlag = values.workers !== undefined ? 'workers' : 'threads';
    const workers = numberOption(sweepCommand, workersFlag, values.workers ?? values.threads, availableParallelism(), (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'a whole number from 1 to 256');
    const doc = readDocument(file, io, { quiet: values.json === true });
    if (sweepTargets(doc).length === 0) throw usageError(sweepCommand, `${file} has no host and no deployable node to fail`);
    const onProgress = io.isTty ? (done: number, total: number) => io.progress(`\rsweep: ${done}/${total} runs${done === total ? '\x1b[K\r' : ''}`) : undefined;
    const report = await runSweepPool(doc, { durationS, seed, workers, ...(onProgress ? { onProgress } : {}) });
    if (io.isTty) io.progress('\r\x1b[K');
    io.stdout(values.json ? JSON.stringify(report, null, 2) + '\n' : formatSweep(doc, report));
    // A run its work budget stopped makes the whole sweep unreliable: say which, exit 1.
    const stopped = report.runs.find((run) => run.partial);
    if (stopped?.partial) {
      io.stderr(`${file}: with ${stopped.name} down, ${stopped.partial.message}\n`);
      return EXIT_INVALID;
    }
    return EXIT_OK;
  },
};

/** The human-readable sweep table, worst first. */
export function formatSweep(doc: TopologyDocument, report: SweepReport): string {
  const rows = [
    ['availability', 'fault', 'target', 'failed', 'main cause'],
    ...report.runs.map((run) => [
      availabilityText(run.availability),
      run.type,
      run.name === run.target ? run.target : `${run.name} (${run.target})`,
      thousands(run.requests.failed),
      run.mainCause ?? '—',
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const right = [true, false, false, true, false];
  const lines = rows.map((row) => '  ' + row.map((cell, c) => (right[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
  // A run in which nothing finished is weak whatever the baseline.
  const baseline = report.baseline;
  const weak = report.runs.filter((run) => run.availability === null || (baseline !== null && run.availability < baseline - 0.01));
  return [
    `${doc.name} — sweep · ${report.duration} s simulated per run · seed ${report.seed} · healthy availability ${availabilityText(baseline)}`,
    '',
    ...lines,
    '',
    weak.length === 0 ? 'No single failure lowers availability by more than 1 point.' : `${weak.length} of ${report.runs.length} failures lower availability by more than 1 point.`,
    '',
  ].join('\n');
}
