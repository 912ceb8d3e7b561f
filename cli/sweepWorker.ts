/**
 * A worker thread of `topo sweep` (bundled as dist/cli/sweep-worker.cjs): one thread of the batch
 * pool (`shared/batch`, `cli/batchThreads.ts`). It receives pool tasks one at a time — each one
 * simulation of the sweep (`sweepTasks`) — runs it with the shared `runSweepTask`, and posts its
 * progress and then its result, which the main thread merges (`mergeSweep`).
 */
import { parentPort } from 'node:worker_threads';
import { runSweepTask, type SweepShareRequest, type SweepShareResult } from '../shared/simulation';
import type { BatchThreadMessage } from './batchThreads';

/** Main thread → worker: one task. */
export type SweepShareTask = SweepShareRequest;

/** Worker → main thread. */
export type SweepShareMessage = BatchThreadMessage<SweepShareResult>;

parentPort?.on('message', (task: SweepShareTask) => {
  const post = (message: SweepShareMessage) => parentPort!.postMessage(message);
  try {
    const result = runSweepTask(task, { onProgress: (done, total) => post({ kind: 'progress', done, total }) });
    post({ kind: 'done', result });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
