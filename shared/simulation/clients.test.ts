/** Per-client results: SLO verdicts, error budget burned, and where the time goes. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, type TopologyDocument } from '../document';
import { makeCache, makeClient, makeDocument, makeEdge, makeNode, makeQueue, makeScenario, makeService } from '../document/testing/builders';
import { Engine } from './engine';
import { compileModel } from './model';
import { simulate } from './simulation';
import { expectNear } from './testing/near';
import type { ClientReport, SimulationReport } from './types';

const client = (report: SimulationReport, id: string): ClientReport => report.clients[id]!;

function breakdownTotal(c: ClientReport): number {
  return c.latencyBreakdown.reduce((sum, e) => sum + e.queueMs + e.serviceMs + e.networkMs, 0);
}

describe('per-client results', () => {
  it('counts each client on its own, and the counts add up to the run', () => {
    const doc = makeDocument({
      nodes: [makeClient('web', { rate: 200 }), makeClient('mobile', { rate: 50 }), makeService('api', { on: ['h1'], latencyMs: 5, concurrency: 8 })],
      edges: [makeEdge('web', 'api'), makeEdge('mobile', 'api')],
    });
    const report = simulate(doc, { durationS: 20, seed: 3 });
    const web = client(report, 'web');
    const mobile = client(report, 'mobile');
    expect(web.requests + mobile.requests).toBe(report.requests.total);
    expect(web.ok + mobile.ok).toBe(report.requests.ok);
    expect(web.requests / mobile.requests).toBeGreaterThan(3.5);
    expect(web.requests / mobile.requests).toBeLessThan(4.5);
    expect(web.availability).toBe(1);
    expect(web.slo).toBeUndefined();
  });

  it('a 20 s full outage of a 99.9 % client burns its failing seconds of a 30-day budget: (20 + 1) / 2592', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 100, slo: { availability: 0.999 } }), makeService('api', { on: ['h1'], latencyMs: 2, concurrency: 16 })],
      edges: [makeEdge('users', 'api')],
      scenarios: [makeScenario('out', [{ type: 'node-down', target: 'api', at: 10, until: 30 }])],
    });
    const report = simulate(doc, { durationS: 60, seed: 1, scenario: 'out' });
    const slo = client(report, 'users').slo!;
    expect(slo.availability).toBe(0.999);
    // Down for 20 s, then back in rotation one health-check interval (1 s) after it recovers: 21 s
    // of failures, ≈ 2,100 of them (Poisson: ± 2.2 %), against 0.1 % of 100/s for 30 days.
    expectNear(slo.budgetBurned!, (20 + DEFAULTS.healthCheck.intervalMs / 1000) / 2592, 0.08);
    // A third of the run failed: far under 99.9 %.
    expect(slo.met).toBe(false);
    const healthy = simulate(doc, { durationS: 20, seed: 1 });
    expect(client(healthy, 'users').slo).toMatchObject({ met: true, budgetBurned: 0 });
  });

  it('checks the latency target at the SLO percentile', () => {
    const build = (latencyMs: number, percentile?: number) =>
      makeDocument({
        nodes: [
          makeClient('users', { rate: 50, slo: { latencyMs, ...(percentile !== undefined ? { percentile } : {}) } }),
          makeService('api', { on: ['h1'], latencyMs: 100, latency: 'exponential', concurrency: 64 }),
        ],
        edges: [makeEdge('users', 'api')],
      });
    // Exponential service of mean 100 ms: p50 ≈ 70 ms, p99 ≈ 460 ms (plus the 1 ms hop).
    expect(client(simulate(build(200, 50), { durationS: 30 }), 'users').slo!.met).toBe(true);
    expect(client(simulate(build(200), { durationS: 30 }), 'users').slo!.met).toBe(false);
    expect(client(simulate(build(800), { durationS: 30 }), 'users').slo).toMatchObject({ latencyMs: 800, met: true, budgetBurned: null });
  });

  it('says null when nothing of the client finished', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 10, slo: { availability: 0.99 } }), makeService('api', { on: ['h1'], latencyMs: 50_000, latency: 'constant' })],
      edges: [makeEdge('users', 'api')],
    });
    const users = client(simulate(doc, { durationS: 2 }), 'users');
    expect(users).toMatchObject({ requests: 0, availability: null, availabilityReason: 'no request finished', latencyBreakdown: [] });
    expect(users.slo!.met).toBeNull();
  });
});

/** The mean latency and the breakdown agree within 1 % (the rounding of each part is 0.001 ms). */
function expectBreakdownAddsUp(doc: TopologyDocument, scenario?: string): ClientReport {
  const report = simulate(doc, { durationS: 30, seed: 7, ...(scenario ? { scenario } : {}) });
  const users = client(report, 'users');
  expect(users.ok).toBeGreaterThan(100);
  expect(Math.abs(breakdownTotal(users) - users.latencyMs.mean) / users.latencyMs.mean).toBeLessThan(0.01);
  return users;
}

describe('latency breakdown', () => {
  it('a chain: each node its own service time, the hops where hosts differ', () => {
    const doc = makeDocument({
      nodes: [
        makeClient('users', { rate: 50 }),
        makeService('api', { on: ['h1'], latencyMs: 10, latency: 'constant', concurrency: 100 }),
        makeNode('database', 'db', { on: ['h2'], latencyMs: 20, latency: 'constant', concurrency: 100 }),
        makeService('audit', { on: ['h1'], latencyMs: 4, latency: 'constant', concurrency: 100 }),
      ],
      edges: [makeEdge('users', 'api'), makeEdge('api', 'db'), makeEdge('api', 'audit')],
      settings: { networkMs: 3 },
    });
    const users = expectBreakdownAddsUp(doc);
    // Largest total first: db (20 + 3), api (10 + 3), audit on api's host (4, no hop).
    expect(users.latencyBreakdown).toEqual([
      { node: 'db', queueMs: 0, serviceMs: 20, networkMs: 3 },
      { node: 'api', queueMs: 0, serviceMs: 10, networkMs: 3 },
      { node: 'audit', queueMs: 0, serviceMs: 4, networkMs: 0 },
    ]);
  });

  it('a parallel fan-out: only the slowest branch is on the critical path', () => {
    const doc = makeDocument({
      nodes: [
        makeClient('users', { rate: 50 }),
        makeService('api', { on: ['h1'], latencyMs: 5, latency: 'constant', calls: 'parallel', concurrency: 100 }),
        makeService('fast', { on: ['h2'], latencyMs: 10, latency: 'constant', concurrency: 100 }),
        makeService('slow', { on: ['h3'], latencyMs: 50, latency: 'constant', concurrency: 100 }),
      ],
      edges: [makeEdge('users', 'api'), makeEdge('api', 'fast'), makeEdge('api', 'slow')],
    });
    const users = expectBreakdownAddsUp(doc);
    expect(users.latencyBreakdown.map((e) => e.node)).toEqual(['slow', 'api']);
    expect(users.latencyMs.mean).toBeCloseTo(5 + 50 + 2, 0);
  });

  it('a parallel fan-out after a session call keeps the session call and the slowest branch', () => {
    const doc = makeDocument({
      nodes: [
        makeClient('users', { rate: 50 }),
        makeService('api', { on: ['h1'], latencyMs: 5, latency: 'constant', calls: 'parallel', concurrency: 100, session: 'shared' }),
        makeCache('sessions', { on: ['h4'], latencyMs: 3, latency: 'constant', hitRate: 0, concurrency: 100 }),
        makeService('fast', { on: ['h2'], latencyMs: 10, latency: 'constant', concurrency: 100 }),
        makeService('slow', { on: ['h3'], latencyMs: 50, latency: 'constant', concurrency: 100 }),
      ],
      edges: [makeEdge('users', 'api'), makeEdge('api', 'sessions', { purpose: 'session' }), makeEdge('api', 'fast'), makeEdge('api', 'slow')],
    });
    const users = expectBreakdownAddsUp(doc);
    expect(users.latencyBreakdown.map((e) => e.node).sort()).toEqual(['api', 'sessions', 'slow']);
    // The service, the session call (1 ms hop + 3 ms) then the slowest branch (1 ms hop + 50 ms), and the client's hop.
    expect(users.latencyMs.mean).toBeCloseTo(5 + 4 + 51 + 1, 0);
  });

  it('waiting for a slot is queue time', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 80 }), makeService('api', { on: ['h1'], latencyMs: 10, latency: 'exponential', concurrency: 1, queueLimit: 1000 })],
      edges: [makeEdge('users', 'api')],
    });
    const users = expectBreakdownAddsUp(doc);
    // M/M/1 at ρ = 0.8: mean wait ρ/(μ − λ) = 40 ms against 10 ms of service.
    const api = users.latencyBreakdown.find((e) => e.node === 'api')!;
    expect(api.queueMs).toBeGreaterThan(2 * api.serviceMs);
  });

  it('retries and timeouts: failed attempts count as the callee network time', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 100 }), makeService('api', { on: ['h1', 'h2'], latencyMs: 5, concurrency: 50 }), makeNode('database', 'db', { on: ['h3', 'h4'], latencyMs: 5, concurrency: 50 })],
      edges: [makeEdge('users', 'api'), makeEdge('api', 'db', { timeoutMs: 30, retries: 2, retryBackoffMs: 10 })],
      scenarios: [makeScenario('lossy', [{ type: 'loss', target: 'db', value: 0.3, at: 0, until: 30 }])],
    });
    const users = expectBreakdownAddsUp(doc, 'lossy');
    const db = users.latencyBreakdown.find((e) => e.node === 'db')!;
    // About 30 % of calls lose 40 ms (timeout + backoff) at least once.
    expect(db.networkMs).toBeGreaterThan(10);
  });

  it('a queue, an async call, an optional call that fails and a cache all add up', () => {
    const doc = makeDocument({
      nodes: [
        makeClient('users', { rate: 60 }),
        makeService('api', { on: ['h1'], latencyMs: 5, concurrency: 50 }),
        makeQueue('jobs', { on: ['h2'], latencyMs: 1 }),
        makeService('worker', { on: ['h3'], latencyMs: 20 }),
        makeService('mail', { on: ['h4'], latencyMs: 3 }),
        makeCache('cache', { on: ['h5'], latencyMs: 1, hitRate: 0.5 }),
        makeNode('database', 'db', { on: ['h6'], latencyMs: 8, concurrency: 50 }),
        makeService('flaky', { on: ['h7'], latencyMs: 2, errorRate: 0.5 }),
      ],
      edges: [
        makeEdge('users', 'api'),
        makeEdge('api', 'jobs'),
        makeEdge('jobs', 'worker'),
        makeEdge('api', 'mail', { async: true }),
        makeEdge('api', 'cache'),
        makeEdge('cache', 'db'),
        makeEdge('api', 'flaky', { optional: true }),
      ],
    });
    const users = expectBreakdownAddsUp(doc);
    const nodes = users.latencyBreakdown.map((e) => e.node);
    expect(nodes).toContain('jobs');
    // The consumer's work and the async callee's service are off the request's path.
    expect(nodes).not.toContain('worker');
    expect(users.latencyBreakdown.find((e) => e.node === 'mail')!.serviceMs).toBe(0);
  });

  it('leaves no path record open once the run settles', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 200 }), makeService('api', { on: ['h1', 'h2'], latencyMs: 5, calls: 'parallel' }), makeService('a', { on: ['h3'] }), makeService('b', { on: ['h4'] })],
      edges: [makeEdge('users', 'api'), makeEdge('api', 'a', { timeoutMs: 20, retries: 1 }), makeEdge('api', 'b', { optional: true })],
      scenarios: [makeScenario('s', [{ type: 'host-down', target: 'h3', at: 1, until: 3 }, { type: 'instance-down', target: 'api', instance: 0, at: 2, until: 4 }])],
    });
    const engine = new Engine(compileModel(doc, doc.scenarios![0]), { durationMs: 6_000, seed: 2 });
    engine.advanceTo(2_500);
    expect(engine.footprint().livePaths).toBeGreaterThan(0);
    engine.step(Infinity);
    engine.settle();
    expect(engine.footprint()).toMatchObject({ liveJobs: 0, liveCalls: 0, livePaths: 0 });
  });
});
