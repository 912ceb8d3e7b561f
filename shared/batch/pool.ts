/**
 * One worker pool for batches (a sweep today; a capacity ramp or a Monte Carlo run the same way):
 * the caller cuts the batch into tasks, the pool hands them to workers with work stealing — one
 * shared queue, an idle worker takes the next task — and returns the results in task order, so
 * what the caller merges does not depend on how many workers there were or which finished first.
 *
 * Workers come from an injected `spawn`: the CLI spawns `worker_threads`, the app wraps its Web
 * Workers, tests run tasks in this thread. Nothing here knows what a task is.
 */

/** What the pool asks of one worker. `run` is called again only after the previous task settled. */
export interface BatchWorker<Task, Result> {
  run(task: Task, control: BatchTaskControl): Promise<Result>;
  /** Frees the worker after the batch (ends a thread); the pool calls it once for every worker it spawned. */
  close?(): void | Promise<void>;
}

/** The part of an AbortSignal the pool reads and gives (an AbortSignal is one). */
export interface BatchSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
}

/** Passed with every task. */
export interface BatchTaskControl {
  /** Aborted when the batch stops (the caller's signal, or another task failed). */
  readonly signal: BatchSignal;
  /** Progress inside the task: `done` of `total` of its own units. */
  readonly onProgress: (done: number, total: number) => void;
}

export interface BatchOptions<Task, Result> {
  /** At most this many workers (at least 1); never more than there are tasks. */
  readonly workers: number;
  /** Makes worker `index` (0, 1, …), called when the pool first needs it. */
  readonly spawn: (index: number) => BatchWorker<Task, Result>;
  /** Stops the batch: no task starts after it, running ones see it, `runBatch` rejects. */
  readonly signal?: BatchSignal;
  /** Task `task` reported `done` of `total` of its units (also `total, total` when it finished). */
  readonly onProgress?: (task: number, done: number, total: number) => void;
}

/** The error `runBatch` rejects with when its signal stopped it. */
export class BatchCancelledError extends Error {
  override readonly name = 'BatchCancelledError';
  constructor() {
    super('batch cancelled');
  }
}

/**
 * Runs every task on at most `workers` workers; resolves with the results in task order. The first
 * failure stops the batch (no new task starts, running ones are signalled) and is what it rejects
 * with. Every spawned worker is closed before the promise settles.
 */
export async function runBatch<Task, Result>(tasks: readonly Task[], options: BatchOptions<Task, Result>): Promise<Result[]> {
  const results = new Array<Result>(tasks.length);
  const count = Math.max(1, Math.min(Math.floor(options.workers) || 1, tasks.length));
  const stop = new StopSignal();
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    stop.abort();
  };
  if (options.signal?.aborted) fail(new BatchCancelledError());
  options.signal?.addEventListener('abort', () => fail(new BatchCancelledError()), { once: true });

  let next = 0;
  const spawned: BatchWorker<Task, Result>[] = [];
  const loop = async (index: number): Promise<void> => {
    let worker: BatchWorker<Task, Result> | undefined;
    while (!stop.aborted && next < tasks.length) {
      const taskIndex = next++;
      try {
        if (worker === undefined) {
          worker = options.spawn(index);
          spawned.push(worker);
        }
        const control: BatchTaskControl = { signal: stop, onProgress: (done, total) => options.onProgress?.(taskIndex, done, total) };
        results[taskIndex] = await worker.run(tasks[taskIndex]!, control);
      } catch (error) {
        fail(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: tasks.length === 0 ? 0 : count }, (_, index) => loop(index)));
  } finally {
    await Promise.all(spawned.map(async (worker) => worker.close?.()));
  }
  if (failure) throw failure.error;
  return results;
}

/** A worker that runs each task in this thread (one worker, or where no thread can be spawned). */
export function inThreadWorker<Task, Result>(work: (task: Task, control: BatchTaskControl) => Result): BatchWorker<Task, Result> {
  return { run: async (task, control) => work(task, control) };
}

/** A one-shot abort signal (shared/ has no DOM or Node globals to lean on). */
class StopSignal implements BatchSignal {
  aborted = false;
  private listeners: (() => void)[] = [];
  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) listener();
    else this.listeners.push(listener);
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}
