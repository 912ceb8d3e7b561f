import { describe, expect, it } from 'vitest';
import { makeCache, makeClient, makeDocument, makeEdge, makeNode, makeService } from '../document/testing/builders';
import { simulate } from '../simulation';
import { analyzeCapacity } from './capacity';
import { findKnee, rampMultiples, runRamp, runRampStep, scaledDocument, type RampStep, type RampStepTask } from './ramp';

/** users → api (2 × 4 slots, 10 ms, holds its slot while it waits on db) → db (8 slots, 4 ms). */
const chain = makeDocument({
  nodes: [
    makeClient('users', { rate: 100 }),
    makeService('api', { on: ['h1', 'h2'], latencyMs: 10, concurrency: 4, queueLimit: 50 }),
    makeNode('database', 'db', { on: ['h3'], latencyMs: 4, concurrency: 8, queueLimit: 50 }),
  ],
  edges: [makeEdge('users', 'api'), makeEdge('api', 'db')],
});

/** users → api (plenty) → cache (hit rate 0.75) → db (2 slots, 10 ms): db sees a quarter of the calls. */
const cached = makeDocument({
  nodes: [
    makeClient('users', { rate: 100 }),
    makeService('api', { on: ['h1'], latencyMs: 1, concurrency: 256, queueLimit: 500 }),
    makeCache('cache', { on: ['h2'], latencyMs: 0.5, hitRate: 0.75, concurrency: 256, queueLimit: 500 }),
    makeNode('database', 'db', { on: ['h3'], latencyMs: 10, concurrency: 2, queueLimit: 50 }),
  ],
  edges: [makeEdge('users', 'api'), makeEdge('api', 'cache'), makeEdge('cache', 'db')],
});

describe('capacity ramp', () => {
  it('spreads the default multiples up to 1.5 × the analytic maxMultiple', () => {
    const max = analyzeCapacity(chain).maxMultiple!;
    const multiples = rampMultiples(chain);
    expect(multiples).toHaveLength(10);
    expect(multiples[9]).toBeCloseTo(1.5 * max, 3);
    expect(multiples[0]).toBeCloseTo(0.15 * max, 3);
  });

  it('in a chain, the knee and the analytic maxMultiple agree within 10 %', async () => {
    const max = analyzeCapacity(chain).maxMultiple!;
    // api holds its slot for its own 10 ms, the hop and db's 4 ms: it saturates first.
    expect(analyzeCapacity(chain).bottleneck).toBe('api');
    const report = await runRamp(chain, { steps: 20, durationS: 20 });
    expect(report.knee).not.toBeNull();
    expect(Math.abs(report.knee! / max - 1)).toBeLessThan(0.1);
    // Below the knee everything is served; past it the bottleneck caps what is served.
    const first = report.ramp[0]!;
    expect(first.failedShare).toBe(0);
    expect(first.served / first.offered).toBeGreaterThan(0.97);
    const last = report.ramp[report.ramp.length - 1]!;
    expect(last.failedShare).toBeGreaterThan(0.2);
  });

  it('behind a cache the node sees 1 − hitRate of the calls, and the knee agrees within 10 %', async () => {
    const capacity = analyzeCapacity(cached);
    expect(capacity.bottleneck).toBe('db');
    expect(capacity.nodes.db!.visits).toBeCloseTo(0.25, 4);
    const report = await runRamp(cached, { steps: 20, durationS: 30 });
    expect(Math.abs(report.knee! / capacity.maxMultiple! - 1)).toBeLessThan(0.1);
  });

  it('simulated utilization = throughput × holding time ÷ slots within 2 %, below saturation', () => {
    // At 70 % of the bottleneck's saturation.
    const doc = scaledDocument(chain, 0.7 * analyzeCapacity(chain).maxMultiple!);
    const capacity = analyzeCapacity(doc);
    expect(capacity.nodes.api!.utilization).toBeCloseTo(0.7, 2);
    const report = simulate(doc, { durationS: 120, seed: 4 });
    for (const id of ['api', 'db']) {
      const node = capacity.nodes[id]!;
      const throughput = report.nodes[id]!.served / report.duration;
      const formula = (throughput * node.holdingMs) / 1000 / node.slots;
      expect(formula).toBeGreaterThan(0.1);
      expect(Math.abs(report.nodes[id]!.utilization / formula - 1), id).toBeLessThan(0.02);
    }
  });

  it('marks the knee where a latency SLO breaks, even without failures', () => {
    const steps: RampStep[] = [
      { multiple: 0.5, offered: 50, served: 50, failedShare: 0, p99: 20, latencySloMet: true },
      { multiple: 1, offered: 100, served: 100, failedShare: 0.001, p99: 90, latencySloMet: false },
      { multiple: 1.5, offered: 150, served: 120, failedShare: 0.2, p99: 400, latencySloMet: false },
    ];
    expect(findKnee(steps)).toBe(1);
    expect(findKnee(steps.slice(0, 1))).toBeNull();
    const withSlo = { ...chain, nodes: chain.nodes.map((n) => (n.kind === 'client' ? { ...n, slo: { latencyMs: 1 } } : n)) };
    expect(runRampStep({ document: withSlo, multiple: 0.5, durationS: 5, seed: 1 }).latencySloMet).toBe(false);
    expect(runRampStep({ document: chain, multiple: 0.5, durationS: 5, seed: 1 }).latencySloMet).toBeUndefined();
  });

  it('gives the same result however many steps run at once and in whatever order they finish', async () => {
    const one = await runRamp(chain, { steps: 6, durationS: 5 });
    // Steps finish out of order: each later step answers sooner.
    for (const workers of [2, 3, 8]) {
      const started: number[] = [];
      const reordered = await runRamp(chain, {
        steps: 6,
        durationS: 5,
        workers,
        spawn: () => ({
          run: (task: RampStepTask) => {
            started.push(task.multiple);
            // The later a step starts, the sooner it answers.
            const turns = 12 - started.length;
            return new Promise<RampStep>((resolve) => {
              const wait = (left: number) => (left === 0 ? resolve(runRampStep(task)) : setImmediate(() => wait(left - 1)));
              wait(turns);
            });
          },
        }),
      });
      expect(reordered).toEqual(one);
      expect(started).toHaveLength(6);
    }
    const progress: number[] = [];
    await runRamp(chain, { steps: 3, durationS: 2, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2, 3]);
  });

  it('stops at the signal: no step starts after it and the ramp rejects', async () => {
    const abort = new AbortController();
    const started: number[] = [];
    const ramp = runRamp(chain, {
      steps: 6,
      durationS: 2,
      signal: abort.signal,
      onProgress: (done) => done === 2 && abort.abort(),
      spawn: () => ({ run: async (task: RampStepTask) => (started.push(task.multiple), runRampStep(task)) }),
    });
    await expect(ramp).rejects.toThrow('batch cancelled');
    expect(started).toHaveLength(2);
  });
});
