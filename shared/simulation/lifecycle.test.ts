/** Job and call life cycles settle: nothing the engine opens stays open once the load stops. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BALANCERS } from '../document';
import { Engine } from './engine';
import { compileModel } from './model';
import { makeClient, makeDocument, makeEdge, makeNode, makeScenario, makeService } from '../document/testing/builders';

/** users → gw → api (3 instances) → db, with timeouts, retries, and faults that make them fire. */
function design(balancer: (typeof BALANCERS)[number], timeoutMs: number, retries: number) {
  return makeDocument({
    nodes: [
      makeClient('users', { rate: 300 }),
      makeNode('gateway', 'gw', { on: ['g1'] }),
      makeService('api', { on: ['h1', 'h2', 'h3'], balancer, latencyMs: 8, concurrency: 4, queueLimit: 10 }),
      makeNode('database', 'db', { on: ['d1'], latencyMs: 3 }),
    ],
    edges: [makeEdge('users', 'gw'), makeEdge('gw', 'api', { timeoutMs, retries, retryBackoffMs: 5 }), makeEdge('api', 'db', { timeoutMs: timeoutMs / 2, retries: 1 })],
    scenarios: [
      makeScenario('s', [
        { type: 'host-down', target: 'h1', at: 1, until: 4 },
        { type: 'latency', target: 'db', value: 60, at: 2, until: 5 },
        { type: 'loss', target: 'api', value: 0.2, at: 3, until: 6 },
        { type: 'instance-down', target: 'api', instance: 2, at: 4, until: 7 },
      ]),
    ],
    settings: { connectTimeoutMs: 150 },
  });
}

describe('life cycles', () => {
  it('after a run with timeouts and retries, every connection count, job and call is back to 0', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BALANCERS), fc.constantFrom(20, 80, 400), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 50 }), (balancer, timeoutMs, retries, seed) => {
        const engine = new Engine(compileModel(design(balancer, timeoutMs, retries), design(balancer, timeoutMs, retries).scenarios![0]), { durationMs: 8_000, seed });
        engine.advanceTo(5_000);
        // Mid-run the balancers do count open connections (so the check below is not vacuous).
        expect(engine.footprint().openConnections).toBeGreaterThan(0);
        engine.step(Infinity);
        engine.settle();
        const report = engine.report({ durationS: 8, seed, scenario: null });
        expect(report.failures.timeout).toBeGreaterThan(0);
        expect(engine.footprint()).toMatchObject({ openConnections: 0, liveJobs: 0, liveCalls: 0, livePaths: 0 });
      }),
      { numRuns: 25 },
    );
  });
});
