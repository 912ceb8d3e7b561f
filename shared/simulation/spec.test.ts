/** The behaviours SPEC §4 pins, each within a few percent. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../document';
import { simulate } from './simulation';
import { makeClient, makeDocument, makeEdge, makeNode, makeScenario, makeService } from '../document/testing/builders';
import { expectNear } from './testing/near';

const hosts = (count: number, prefix = 'h') => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

describe('the 10-sub-task example (cluster-vs-distributed notes), scaled to milliseconds', () => {
  it('one server doing all 10 sub-tasks: p50 ≈ 1000 ms', () => {
    const doc = makeDocument({
      nodes: [makeClient('jobs', { rate: 0.5 }), makeNode('monolith', 'worker', { on: ['h1'], latencyMs: 1000, latency: 'constant' })],
      edges: [makeEdge('jobs', 'worker')],
      settings: { networkMs: 1 },
    });
    const report = simulate(doc, { durationS: 120 });
    expect(report.requests.total).toBeGreaterThan(40);
    // 1000 ms of work plus the client's network hop.
    expectNear(report.latencyMs.p50, 1001, 0.01);
  });

  it('distributed: 10 servers each doing one sub-task in parallel: p50 ≈ 100 ms plus network', () => {
    const parts = hosts(10);
    const doc = makeDocument({
      nodes: [
        makeClient('jobs', { rate: 2 }),
        makeService('coordinator', { on: ['c1'], latencyMs: 0, latency: 'constant', fanout: 'all', calls: 'parallel' }),
        ...parts.map((host, i) => makeService(`task-${i + 1}`, { on: [host], latencyMs: 100, latency: 'constant' })),
      ],
      edges: [makeEdge('jobs', 'coordinator'), ...parts.map((_, i) => makeEdge('coordinator', `task-${i + 1}`))],
      settings: { networkMs: 1 },
    });
    const report = simulate(doc, { durationS: 60 });
    // client → coordinator (1 ms) + coordinator → tasks (1 ms) + 100 ms of work.
    expectNear(report.latencyMs.p50, 102, 0.01);
    expect(report.availability).toBe(1);

    const sequential = simulate(
      { ...doc, nodes: doc.nodes.map((n) => (n.id === 'coordinator' ? { ...n, calls: 'sequential' as const } : n)) },
      { durationS: 60 },
    );
    expectNear(sequential.latencyMs.p50, 1011, 0.01);
  });

  it('cluster: the whole job on 10 servers under 20 jobs/s serves ≈ 10/s, one server ≈ 1/s', () => {
    const cluster = (servers: number) =>
      makeDocument({
        nodes: [
          makeClient('jobs', { rate: 20 }),
          makeNode('loadBalancer', 'lb', { on: ['lb1'] }),
          makeNode('monolith', 'worker', { on: hosts(servers), latencyMs: 1000, latency: 'constant', concurrency: 1, queueLimit: 2 }),
        ],
        edges: [makeEdge('jobs', 'lb'), makeEdge('lb', 'worker')],
      });
    const ten = simulate(cluster(10), { durationS: 120 });
    const one = simulate(cluster(1), { durationS: 120 });
    expectNear(ten.throughput.served, 10, 0.03);
    expectNear(one.throughput.served, 1, 0.03);
    // Each job still takes its 1000 ms on the server that does it.
    expect(ten.latencyMs.p50).toBeGreaterThanOrEqual(1000);
    expect(ten.failures.overload).toBeGreaterThan(0);
  });
});

describe('capacity', () => {
  it('a saturated node serves instances × concurrency × 1000 / latencyMs per second; the excess fails as overload', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 1200 }), makeService('api', { on: ['h1', 'h2'], latencyMs: 10, concurrency: 4, queueLimit: 20 })],
      edges: [makeEdge('users', 'api')],
    });
    const report = simulate(doc, { durationS: 60 });
    const capacity = (2 * 4 * 1000) / 10;
    expectNear(report.throughput.served, capacity, 0.03);
    expect(report.failures.overload).toBe(report.requests.failed);
    expectNear(report.requests.failed / 60, 1200 - capacity, 0.05);
    expect(report.nodes['api']!.utilization).toBeGreaterThan(0.97);
  });
});

describe('cluster failover', () => {
  it('only requests sent to the dead server before the health check removes it fail; then availability is 100%', () => {
    const doc = makeDocument({
      nodes: [
        makeClient('users', { rate: 300 }),
        makeNode('loadBalancer', 'lb', { on: ['lb1'] }),
        makeNode('monolith', 'shop', { on: ['h1', 'h2', 'h3'], latencyMs: 20, healthCheck: { intervalMs: 1000, failures: 3 } }),
      ],
      edges: [makeEdge('users', 'lb'), makeEdge('lb', 'shop', { timeoutMs: 500 })],
      scenarios: [makeScenario('lose-h2', [{ type: 'host-down', target: 'h2', at: 20 }])],
    });
    const report = simulate(doc, { durationS: 60, scenario: 'lose-h2' });
    // One third of 3 s of traffic went to h2 before it was taken out of rotation.
    expectNear(report.requests.failed, (300 * 3) / 3, 0.1);
    expect(report.failures.timeout).toBe(report.requests.failed);
    expect(report.failuresByNode).toEqual({ shop: report.requests.failed });
    const failedSeconds = report.timeline.filter((entry) => entry.failed > 0).map((entry) => entry.t);
    expect(Math.min(...failedSeconds)).toBe(20);
    // Timeouts of requests sent until 23 s land until 23.5 s; from then on everything succeeds.
    expect(Math.max(...failedSeconds)).toBe(23);
    for (const entry of report.timeline.filter((e) => e.t >= 24)) expect(entry.failed).toBe(0);
  });
});

describe('distributed weak point', () => {
  it('a module on one server down for a third of the run: availability ≈ 2/3, every failure attributed to it', () => {
    const doc = makeDocument({
      nodes: [
        makeClient('users', { rate: 200 }),
        makeNode('gateway', 'gateway', { on: ['g1'] }),
        // Threads held by timeouts to the dead module: with too few, catalog overloads as well
        // (a cascade, pinned in engine.test.ts); here it has enough to isolate the weak point.
        makeService('catalog', { on: ['h1'], concurrency: 200 }),
        makeService('orders', { on: ['h2'] }),
        makeNode('database', 'db', { on: ['h3'] }),
      ],
      edges: [makeEdge('users', 'gateway'), makeEdge('gateway', 'catalog', { timeoutMs: 1000 }), makeEdge('catalog', 'orders', { timeoutMs: 500 }), makeEdge('orders', 'db')],
      scenarios: [makeScenario('orders-down', [{ type: 'host-down', target: 'h2', at: 20, until: 40 }])],
    });
    const report = simulate(doc, { durationS: 60, scenario: 'orders-down' });
    // Down from 20 s to 40 s, back in rotation one health-check interval (1 s) later: 21 s of 60 fail.
    expectNear(report.availability!, 1 - (20 + DEFAULTS.healthCheck.intervalMs / 1000) / 60, 0.02);
    expect(Object.keys(report.failuresByNode)).toEqual(['orders']);
    expect(report.failuresByNode['orders']).toBe(report.requests.failed);
  });

  it('the same module process crashing (node-down) fails its requests at once: crash, then unavailable once out of rotation', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 200 }), makeNode('gateway', 'gateway', { on: ['g1'] }), makeService('catalog', { on: ['h1'] }), makeService('orders', { on: ['h2'] })],
      edges: [makeEdge('users', 'gateway'), makeEdge('gateway', 'catalog'), makeEdge('catalog', 'orders')],
      scenarios: [makeScenario('orders-crash', [{ type: 'node-down', target: 'orders', at: 20, until: 40 }])],
    });
    const report = simulate(doc, { durationS: 60, scenario: 'orders-crash' });
    expectNear(report.availability!, 2 / 3, 0.03);
    expect(report.failures.crash + report.failures.unavailable).toBe(report.requests.failed);
    // Refused connections for the 3 s the health check takes, then no instance left in rotation.
    expectNear(report.failures.crash / report.requests.failed, 3 / 20, 0.1);
    expect(report.failuresByNode).toEqual({ orders: report.requests.failed });
  });
});
