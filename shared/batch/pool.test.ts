import { describe, expect, it } from 'vitest';
import { makeClient, makeDocument, makeEdge, makeNode, makeService } from '../document/testing/builders';
import { mergeSweep, planSweep, runSweepTask, sweep, sweepOnWorkers } from '../simulation';
import { BatchCancelledError, inThreadWorker, runBatch, type BatchWorker } from './pool';

/** Lets `ticks` rounds of microtasks pass (no timers: the order of completion is what varies). */
async function ticks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/** A worker that squares its task after a task-dependent number of microtask rounds, logging who ran what. */
function squaring(index: number, log: [worker: number, task: number][], closed: number[]): BatchWorker<number, number> {
  return {
    async run(task) {
      log.push([index, task]);
      await ticks((task * 7 + index * 3) % 11);
      return task * task;
    },
    close: () => void closed.push(index),
  };
}

describe('runBatch', () => {
  it('returns the results in task order for any number of workers, and closes every worker it spawned', async () => {
    const tasks = Array.from({ length: 40 }, (_, i) => i);
    for (const workers of [1, 2, 3, 8, 64]) {
      const log: [number, number][] = [];
      const closed: number[] = [];
      const results = await runBatch(tasks, { workers, spawn: (i) => squaring(i, log, closed) });
      expect(results).toEqual(tasks.map((t) => t * t));
      expect(log.map(([, task]) => task).sort((a, b) => a - b)).toEqual(tasks); // each task once
      const used = Math.min(workers, tasks.length);
      expect(closed.sort((a, b) => a - b)).toEqual(Array.from({ length: used }, (_, i) => i));
    }
  });

  it('steals work: an idle worker takes the next task while another is still busy', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ran: number[][] = [[], []];
    const promise = runBatch([0, 1, 2, 3, 4, 5], {
      workers: 2,
      spawn: (index) => ({
        async run(task) {
          ran[index]!.push(task);
          if (task === 0) await held; // worker 0 is stuck on task 0
          return task;
        },
      }),
    });
    await ticks(50);
    expect(ran[0]).toEqual([0]);
    expect(ran[1]).toEqual([1, 2, 3, 4, 5]);
    release();
    expect(await promise).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('stops at the first failure: no new task starts, running ones see the signal, the failure is what it rejects with', async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const closed: number[] = [];
    const promise = runBatch(Array.from({ length: 20 }, (_, i) => i), {
      workers: 3,
      spawn: (index) => ({
        async run(task, control) {
          started.push(task);
          control.signal.addEventListener('abort', () => aborted.push(task));
          await ticks(task === 4 ? 1 : 5);
          if (task === 4) throw new Error('task 4 broke');
          return task;
        },
        close: () => void closed.push(index),
      }),
    });
    await expect(promise).rejects.toThrow('task 4 broke');
    expect(started.length).toBeLessThan(20);
    expect(aborted.length).toBeGreaterThan(0);
    expect(closed).toHaveLength(3);
  });

  it('rejects with BatchCancelledError when the caller aborts, and starts nothing when aborted before', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const promise = runBatch([1, 2, 3, 4, 5, 6], {
      workers: 2,
      signal: stop.signal,
      spawn: () => ({ run: async (task) => (started.push(task), await ticks(3), task) }),
    });
    stop.abort();
    await expect(promise).rejects.toBeInstanceOf(BatchCancelledError);
    expect(started.length).toBeLessThanOrEqual(2);
    const none: number[] = [];
    await expect(runBatch([1], { workers: 1, signal: stop.signal, spawn: () => ({ run: async (t) => (none.push(t), t) }) })).rejects.toBeInstanceOf(BatchCancelledError);
    expect(none).toEqual([]);
  });

  it('resolves an empty batch without spawning a worker', async () => {
    let spawned = 0;
    expect(await runBatch([], { workers: 4, spawn: () => (spawned++, inThreadWorker((t: number) => t)) })).toEqual([]);
    expect(spawned).toBe(0);
  });
});

describe('the sweep on the pool', () => {
  const doc = makeDocument({
    nodes: [
      makeClient('c', { rate: 50 }),
      makeNode('loadBalancer', 'lb', { instances: [{ host: 'h1' }] }),
      makeService('api', { instances: [{ host: 'h1' }, { host: 'h2' }] }),
      makeNode('database', 'db', { instances: [{ host: 'h3' }] }),
    ],
    edges: [makeEdge('c', 'lb'), makeEdge('lb', 'api'), makeEdge('api', 'db')],
  });

  it('merges to the one-thread sweep whatever the number of workers and the order tasks finish in', async () => {
    const whole = sweep(doc, { durationS: 5, seed: 4 });
    for (const workers of [1, 2, 3, 10]) {
      const progress: number[] = [];
      const report = await sweepOnWorkers(doc, {
        durationS: 5,
        seed: 4,
        workers,
        // Workers finish in a different order than they start (a few microtask rounds apart).
        spawn: (index) => ({ run: async (task, control) => (await ticks(index * 5), runSweepTask(task, control)) }),
        onProgress: (done) => progress.push(done),
      });
      expect(report).toEqual(whole);
      expect(progress).toEqual(Array.from({ length: progress.length }, (_, i) => i + 1));
      expect(progress.at(-1)).toBe(planSweep(doc, 100).length);
    }
  });

  it('is what mergeSweep makes of the per-simulation tasks', () => {
    const shares = planSweep(doc, 100).map((share) => runSweepTask({ document: doc, durationS: 5, seed: 4, share }));
    expect(mergeSweep(doc, shares.reverse(), { durationS: 5, seed: 4 })).toEqual(sweep(doc, { durationS: 5, seed: 4 }));
  });
});
