/**
 * A worker thread of `topo sweep` (bundled as dist/cli/sweep-worker.cjs): receives the document
 * once, then runs one sweep target (or the baseline) per task and posts each result back.
 */
import { parentPort } from 'node:worker_threads';
import type { TopologyDocument } from '../shared/document';
import { runSweepTarget, sweepBaseline, type SweepRun, type SweepTarget } from '../shared/simulation';

/** Main thread → worker. */
export type SweepTask =
  | { readonly kind: 'init'; readonly document: TopologyDocument; readonly durationS: number; readonly seed: number }
  | { readonly kind: 'run'; readonly index: number; readonly target: SweepTarget }
  | { readonly kind: 'baseline' };

/** Worker → main thread. */
export type SweepTaskResult =
  | { readonly kind: 'run'; readonly index: number; readonly run: SweepRun }
  | { readonly kind: 'baseline'; readonly availability: number | null }
  | { readonly kind: 'error'; readonly message: string };

let setup: Extract<SweepTask, { kind: 'init' }> | undefined;

parentPort?.on('message', (task: SweepTask) => {
  const post = (result: SweepTaskResult) => parentPort!.postMessage(result);
  try {
    if (task.kind === 'init') {
      setup = task;
      return;
    }
    if (!setup) throw new Error('sweep worker: task before init');
    const options = { durationS: setup.durationS, seed: setup.seed };
    if (task.kind === 'baseline') post({ kind: 'baseline', availability: sweepBaseline(setup.document, options) });
    else post({ kind: 'run', index: task.index, run: runSweepTarget(setup.document, task.target, options) });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
