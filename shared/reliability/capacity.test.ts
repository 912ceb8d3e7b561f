import { describe, expect, it } from 'vitest';
import { simulate } from '../simulation';
import { analyzeCapacity } from './capacity';
import { client, design, edge, host, node } from './testing/builders';

describe('analytic capacity', () => {
  it('counts visits through fan-out, weights, probabilities and caches (behind a cache: 1 − hitRate)', () => {
    const doc = design({
      hosts: [host('h1'), host('h2')],
      nodes: [
        client('users', { rate: 100 }),
        node('gw', 'gateway', ['h1']),
        node('a', 'service', ['h1']),
        node('b', 'service', ['h2']),
        node('c', 'cache', ['h2'], { hitRate: 0.75 }),
        node('db', 'database', ['h2']),
        node('audit', 'service', ['h2']),
      ],
      edges: [
        edge('users', 'gw'),
        edge('gw', 'a', { weight: 3 }),
        edge('gw', 'b', { weight: 1 }),
        edge('a', 'c'),
        edge('b', 'c'),
        edge('c', 'db'),
        edge('a', 'audit', { probability: 0.2 }),
      ],
    });
    const { nodes } = analyzeCapacity(doc);
    expect(nodes.gw!.visits).toBe(1);
    expect(nodes.a!.visits).toBe(0.75);
    expect(nodes.b!.visits).toBe(0.25);
    expect(nodes.c!.visits).toBe(1);
    expect(nodes.db!.visits).toBe(0.25);
    expect(nodes.audit!.visits).toBe(0.15);
  });

  it('holds a service’s slot while it waits on its calls, not a gateway’s; parallel calls wait for the slowest', () => {
    const doc = design({
      hosts: [host('h1'), host('h2')],
      nodes: [
        client('users'),
        node('gw', 'gateway', ['h1'], { latencyMs: 2 }),
        node('svc', 'service', ['h1'], { latencyMs: 10, calls: 'parallel' }),
        node('db', 'database', ['h2'], { latencyMs: 5 }),
        node('search', 'service', ['h2'], { latencyMs: 30 }),
      ],
      edges: [edge('users', 'gw'), edge('gw', 'svc'), edge('svc', 'db'), edge('svc', 'search')],
      settings: { networkMs: 1 },
    });
    const { nodes } = analyzeCapacity(doc);
    expect(nodes.gw!.holdingMs).toBe(2);
    // own 10 ms + the slower branch: 1 ms network + 30 ms
    expect(nodes.svc!.holdingMs).toBe(41);
    expect(nodes.db!.holdingMs).toBe(5);
  });

  it('adds cross-zone and cross-region delay to calls between hosts', () => {
    const doc = design({
      hosts: [host('h1', { zone: 'a', region: 'eu' }), host('h2', { zone: 'b', region: 'us' })],
      nodes: [client('users'), node('svc', 'service', ['h1'], { latencyMs: 10 }), node('db', 'database', ['h2'], { latencyMs: 5 })],
      edges: [edge('users', 'svc'), edge('svc', 'db')],
      settings: { networkMs: 1, crossZoneMs: 3, crossRegionMs: 40 },
    });
    expect(analyzeCapacity(doc).nodes.svc!.holdingMs).toBe(10 + 1 + 3 + 40 + 5);
  });

  it('finds the bottleneck, maxMultiple and maxRate', () => {
    const doc = design({
      hosts: [host('h1'), host('h2')],
      nodes: [client('users', { rate: 200 }), node('svc', 'service', ['h1', 'h2'], { latencyMs: 10, concurrency: 8 }), node('db', 'database', ['h2'], { latencyMs: 5, concurrency: 4 })],
      edges: [edge('users', 'svc'), edge('svc', 'db')],
      settings: { networkMs: 0 },
    });
    const report = analyzeCapacity(doc);
    // db: 4 slots / 5 ms = 800/s; svc: 16 slots / 15 ms = 1066.7/s.
    expect(report.nodes.db).toEqual({ visits: 1, holdingMs: 5, slots: 4, capacityPerSecond: 800, utilization: 0.25, maxRate: 800 });
    expect(report.nodes.svc!.capacityPerSecond).toBeCloseTo(1066.7, 1);
    expect(report).toMatchObject({ bottleneck: 'db', maxMultiple: 4, maxRate: 800 });
  });

  it('caps capacity by a rate limit', () => {
    const doc = design({ hosts: [host('h1')], nodes: [client('users', { rate: 50 }), node('svc', 'service', ['h1'], { rateLimit: 100 })], edges: [edge('users', 'svc')] });
    expect(analyzeCapacity(doc)).toMatchObject({ bottleneck: 'svc', maxMultiple: 2, maxRate: 100 });
  });

  it('says null where nothing saturates', () => {
    const doc = design({ hosts: [host('h1')], nodes: [client('users'), node('svc', 'service', ['h1'], { latencyMs: 0 })], edges: [edge('users', 'svc')] });
    expect(analyzeCapacity(doc)).toEqual({
      bottleneck: null,
      maxMultiple: null,
      maxRate: null,
      nodes: { svc: { visits: 1, holdingMs: 0, slots: 16, capacityPerSecond: null, utilization: 0, maxRate: null } },
    });
  });

  it('utilization = throughput × holding ÷ slots matches the simulator within a few percent', () => {
    const doc = design({
      hosts: [host('h1'), host('h2'), host('h3')],
      nodes: [
        client('users', { rate: 400 }),
        node('lb', 'loadBalancer', ['h1'], { latencyMs: 1, latency: 'constant' }),
        node('svc', 'service', ['h2', 'h3'], { latencyMs: 10, latency: 'constant', concurrency: 8 }),
        node('c', 'cache', ['h2'], { latencyMs: 1, latency: 'constant', hitRate: 0.5 }),
        node('db', 'database', ['h3'], { latencyMs: 4, latency: 'constant', concurrency: 8 }),
      ],
      edges: [edge('users', 'lb'), edge('lb', 'svc'), edge('svc', 'c'), edge('c', 'db')],
    });
    const analytic = analyzeCapacity(doc).nodes;
    const simulated = simulate(doc, { durationS: 30, seed: 5 }).nodes;
    for (const id of ['lb', 'svc', 'c', 'db']) {
      const predicted = analytic[id]!.utilization;
      expect(Math.abs(simulated[id]!.utilization - predicted) / predicted).toBeLessThan(0.05);
    }
  });
});
