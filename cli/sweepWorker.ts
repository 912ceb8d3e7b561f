/**
 * A worker thread of `topo sweep` (bundled as dist/cli/sweep-worker.cjs): receives one share of
 * the sweep (`planSweep`), runs it with the shared `runSweepShare`, posts its progress after
 * every simulation and then the share's result, which the main thread merges (`mergeSweep`).
 */
import { parentPort } from 'node:worker_threads';
import type { TopologyDocument } from '../shared/document';
import { finishSweepShare, type SweepShare, type SweepShareResult } from '../shared/simulation';

/** Main thread → worker: the one share this thread runs. */
export interface SweepShareTask {
  readonly document: TopologyDocument;
  readonly durationS: number;
  readonly seed: number;
  readonly share: SweepShare;
}

/** Worker → main thread. */
export type SweepShareMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly result: SweepShareResult }
  | { readonly kind: 'error'; readonly message: string };

parentPort?.on('message', (task: SweepShareTask) => {
  const post = (message: SweepShareMessage) => parentPort!.postMessage(message);
  try {
    const result = finishSweepShare(task.document, task.share, { durationS: task.durationS, seed: task.seed }, (done, total) => post({ kind: 'progress', done, total }));
    post({ kind: 'done', result });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
