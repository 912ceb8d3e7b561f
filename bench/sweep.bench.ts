/**
 * Batches on every core: the sweep of the reference design (`bench/reference-microservices.topo`,
 * every host and every deployable node down in turn, plus the healthy baseline) in this thread,
 * then on the batch pool with one worker thread per core (`shared/batch` and the threads of
 * `topo sweep`). The threads are started and warmed up once, as the app's Web Workers are, so the
 * ratio is of the parallel work, not of starting threads and compiling the engine in each.
 * - sweepSpeedup: one-thread time ÷ pool time (target ≥ 1.8 on 2 cores); the bench fails unless
 *   both give the same merged report;
 * - sweepOneThreadMs, sweepPoolMs: the two times; sweepRuns: simulations in the sweep.
 * - sweepLoadAverage: the one-minute load average at the end — a speedup needs the cores free.
 * Median of three of each, after a warm-up.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { build } from 'esbuild';
import { threadWorker } from '../cli/batchThreads';
import type { BatchWorker } from '../shared/batch';
import { parseDocumentText, type TopologyDocument } from '../shared/document';
import { sweep, sweepOnWorkers, sweepTasks, type SweepReport, type SweepShareRequest, type SweepShareResult } from '../shared/simulation';

const DURATION_S = 10;
const SEED = 1;

function loadReference(): TopologyDocument {
  const parsed = parseDocumentText(readFileSync(join(process.cwd(), 'bench', 'reference-microservices.topo'), 'utf8'));
  if (!parsed.ok) throw new Error(`reference design invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.document;
}

async function timed(work: () => Promise<SweepReport> | SweepReport): Promise<{ ms: number; report: SweepReport }> {
  const start = performance.now();
  const report = await work();
  return { ms: performance.now() - start, report };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<Record<string, number | string>> {
  const workerFile = join(process.cwd(), 'dist', 'bench', 'sweep-worker.cjs');
  await build({ entryPoints: [join(process.cwd(), 'cli', 'sweepWorker.ts')], outfile: workerFile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const doc = loadReference();
  const workers = availableParallelism();
  const options = { durationS: DURATION_S, seed: SEED };
  const threads = Array.from({ length: workers }, () => threadWorker<SweepShareRequest, SweepShareResult>(workerFile));
  // The pool closes what it spawns: lend it the warm threads without letting it end them.
  const lent = threads.map((thread): BatchWorker<SweepShareRequest, SweepShareResult> => ({ run: (task, control) => thread.run(task, control) }));
  const pooledSweep = (durationS: number, seed: number) => sweepOnWorkers(doc, { durationS, seed, workers, spawn: (index) => lent[index]! });
  sweep(doc, { durationS: 2, seed: 2 }); // warm up the JIT of this thread
  await pooledSweep(2, 2); // and of every worker thread
  const one: number[] = [];
  const pool: number[] = [];
  let expected: SweepReport | undefined;
  for (let i = 0; i < 3; i++) {
    const single = await timed(() => sweep(doc, options));
    const pooled = await timed(() => pooledSweep(DURATION_S, SEED));
    if (!isDeepStrictEqual(pooled.report, single.report)) throw new Error('the pooled sweep differs from the one-thread sweep');
    if (expected && !isDeepStrictEqual(single.report, expected)) throw new Error('the sweep is not deterministic');
    expected = single.report;
    one.push(single.ms);
    pool.push(pooled.ms);
  }
  await Promise.all(threads.map((thread) => thread.close?.()));
  return {
    sweepSpeedup: Math.round((median(one) / median(pool)) * 100) / 100,
    sweepOneThreadMs: Math.round(median(one)),
    sweepPoolMs: Math.round(median(pool)),
    sweepWorkers: workers,
    sweepRuns: sweepTasks(doc).length,
    sweepLoadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
}
