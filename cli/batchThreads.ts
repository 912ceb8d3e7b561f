/**
 * `worker_threads` for the batch pool (`shared/batch`): `threadWorker(file)` is a `BatchWorker`
 * that runs each task in one thread started from a bundled worker file, which answers with the
 * messages below (see `sweepWorker.ts`). The thread lives for the whole batch; `close` ends it.
 */
import { Worker } from 'node:worker_threads';
import type { BatchWorker } from '../shared/batch/pool';

/** Worker thread → main thread, for the task it is running. */
export type BatchThreadMessage<Result> =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly result: Result }
  | { readonly kind: 'error'; readonly message: string };

export function threadWorker<Task, Result>(file: string): BatchWorker<Task, Result> {
  const thread = new Worker(file);
  // The task in flight (the pool sends one at a time), and how it ends.
  let current: { resolve(result: Result): void; reject(error: Error): void; progress(done: number, total: number): void } | undefined;
  let broken: Error | undefined;
  const end = (error: Error) => {
    broken ??= error;
    const task = current;
    current = undefined;
    task?.reject(error);
  };
  thread.on('error', end);
  thread.on('exit', (code) => end(new Error(`batch worker exited with code ${code}`)));
  thread.on('message', (message: BatchThreadMessage<Result>) => {
    const task = current;
    if (!task) return;
    if (message.kind === 'progress') return task.progress(message.done, message.total);
    current = undefined;
    if (message.kind === 'error') task.reject(new Error(message.message));
    else task.resolve(message.result);
  });
  return {
    run(task, control) {
      return new Promise<Result>((resolve, reject) => {
        if (broken) return reject(broken);
        if (control.signal.aborted) return reject(new Error('batch stopped'));
        control.signal.addEventListener('abort', () => current && end(new Error('batch stopped')), { once: true });
        current = { resolve, reject, progress: control.onProgress };
        thread.postMessage(task);
      });
    },
    async close() {
      broken ??= new Error('batch worker closed');
      await thread.terminate();
    },
  };
}
