import { describe, expect, it } from 'vitest';
import { DEFAULTS, DEFAULT_LATENCY_MS, defaultFanout, resolveDocument, resolveEdge, resolveNode, resolveSettings } from './defaults';
import { NODE_KINDS, type NodeKind } from './kinds';
import type { TopologyNode } from './schema';
import { fullDocument, smallDocument } from './testing/builders';

const bare = (kind: NodeKind): TopologyNode => ({ id: 'x', kind, name: 'X' });

describe('node defaults (SPEC §2 table)', () => {
  it.each([
    ['service', 10],
    ['monolith', 20],
    ['database', 5],
    ['cache', 1],
    ['gateway', 1],
    ['loadBalancer', 1],
    ['queue', 1],
  ] as const)('latencyMs of a %s defaults to %d ms', (kind, ms) => {
    expect(resolveNode(bare(kind)).latencyMs).toBe(ms);
    expect(DEFAULT_LATENCY_MS[kind]).toBe(ms);
  });

  it.each([
    ['client', 'one'],
    ['gateway', 'one'],
    ['loadBalancer', 'one'],
    ['monolith', 'all'],
    ['service', 'all'],
    ['database', 'all'],
    ['cache', 'all'],
    ['queue', 'all'],
  ] as const)('fanout of a %s defaults to %s', (kind, fanout) => {
    expect(resolveNode(bare(kind)).fanout).toBe(fanout);
    expect(defaultFanout(kind)).toBe(fanout);
  });

  it('a client sends 10 requests per second by default and has no instances', () => {
    const client = resolveNode(bare('client'));
    expect(client.rate).toBe(10);
    expect(client.instances).toEqual([]);
  });

  it('a client keeps its own rate; rate means nothing on other kinds', () => {
    expect(resolveNode({ ...bare('client'), rate: 250 }).rate).toBe(250);
    expect(resolveNode({ ...bare('service'), rate: 250 }).rate).toBe(0);
  });

  it.each(NODE_KINDS.filter((k) => k !== 'client'))('a %s defaults to one unplaced instance of weight 1', (kind) => {
    expect(resolveNode(bare(kind)).instances).toEqual([{ weight: 1 }]);
  });

  it('instances keep their host and get weight 1 unless they say otherwise', () => {
    const node = resolveNode({ ...bare('service'), instances: [{ host: 'h1' }, { host: 'h2', weight: 3 }] });
    expect(node.instances).toEqual([{ host: 'h1', weight: 1 }, { host: 'h2', weight: 3 }]);
  });

  it('deployable defaults: round-robin, exponential, concurrency 16, queue 100, no errors, no rate limit', () => {
    const node = resolveNode(bare('service'));
    expect(node).toMatchObject({
      balancer: 'round-robin',
      latency: 'exponential',
      concurrency: 16,
      queueLimit: 100,
      errorRate: 0,
      rateLimit: undefined,
      calls: 'sequential',
      capabilities: undefined,
      layer: undefined,
      healthCheck: { intervalMs: 1000, failures: 3 },
    });
  });

  it('hitRate is 0.8 for a cache and 0 (not applicable) for every other kind', () => {
    expect(resolveNode(bare('cache')).hitRate).toBe(0.8);
    expect(resolveNode({ ...bare('cache'), hitRate: 0.25 }).hitRate).toBe(0.25);
    for (const kind of NODE_KINDS.filter((k) => k !== 'cache')) {
      expect(resolveNode({ ...bare(kind), hitRate: 0.9 }).hitRate, kind).toBe(0);
    }
  });

  it('every value the user set wins over its default', () => {
    const orders = fullDocument().nodes[1]!;
    const resolved = resolveNode(orders);
    for (const key of Object.keys(orders) as (keyof TopologyNode)[]) {
      if (key === 'instances') continue;
      expect(resolved[key as keyof typeof resolved], key).toEqual(orders[key]);
    }
  });

  it('a zero the user set is kept, not mistaken for "unset"', () => {
    const node = resolveNode({ ...bare('service'), latencyMs: 0, queueLimit: 0, errorRate: 0 });
    expect([node.latencyMs, node.queueLimit, node.errorRate]).toEqual([0, 0, 0]);
  });
});

describe('edge defaults', () => {
  const edge = { id: 'e', from: 'a', to: 'b' };

  it('weight 1, probability 1, no timeout, no retries, no backoff, no breaker, not optional', () => {
    expect(resolveEdge(edge, 'service')).toEqual({
      id: 'e',
      from: 'a',
      to: 'b',
      weight: 1,
      probability: 1,
      timeoutMs: undefined,
      retries: 0,
      retryBackoffMs: 0,
      circuitBreaker: undefined,
      optional: false,
      async: false,
    });
  });

  it('async defaults to true into a queue and false into anything else', () => {
    expect(resolveEdge(edge, 'queue').async).toBe(true);
    for (const kind of NODE_KINDS.filter((k) => k !== 'queue')) expect(resolveEdge(edge, kind).async, kind).toBe(false);
    expect(resolveEdge(edge, undefined).async).toBe(false);
  });

  it('an explicit async wins, either way', () => {
    expect(resolveEdge({ ...edge, async: false }, 'queue').async).toBe(false);
    expect(resolveEdge({ ...edge, async: true }, 'database').async).toBe(true);
  });

  it('keeps every value the user set', () => {
    const full = fullDocument().edges[1]!;
    expect(resolveEdge(full, 'database')).toMatchObject(full);
  });
});

describe('settings defaults', () => {
  it('networkMs 1 and connectTimeoutMs 3000 when absent', () => {
    expect(resolveSettings(undefined)).toEqual({ networkMs: 1, connectTimeoutMs: 3000 });
    expect(resolveSettings({})).toEqual({ networkMs: 1, connectTimeoutMs: 3000 });
  });

  it('keeps explicit values, zero included', () => {
    expect(resolveSettings({ networkMs: 0, connectTimeoutMs: 10 })).toEqual({ networkMs: 0, connectTimeoutMs: 10 });
  });
});

describe('resolveDocument', () => {
  it('resolves every node and edge, looking up the callee kind for async', () => {
    const resolved = resolveDocument(smallDocument());
    expect(resolved.nodes.map((n) => n.id)).toEqual(['users', 'gw', 'orders', 'db', 'jobs']);
    expect(resolved.nodeById.get('orders')?.latencyMs).toBe(10);
    expect(resolved.edges.find((e) => e.to === 'jobs')?.async).toBe(true);
    expect(resolved.edges.find((e) => e.to === 'db')?.async).toBe(false);
    expect(resolved.settings).toEqual({ networkMs: 1, connectTimeoutMs: 3000 });
  });

  it('the defaults table matches SPEC §2', () => {
    expect(DEFAULTS).toMatchObject({
      rate: 10,
      concurrency: 16,
      queueLimit: 100,
      hitRate: 0.8,
      networkMs: 1,
      connectTimeoutMs: 3000,
      circuitBreaker: { failureRate: 0.5, window: 20, openMs: 5000 },
    });
  });
});

describe('partial health checks and circuit breakers', () => {
  it('fill the fields left out with SPEC defaults', () => {
    expect(resolveNode({ id: 's', kind: 'service', name: 'S', healthCheck: { intervalMs: 500 } }).healthCheck).toEqual({ intervalMs: 500, failures: 3 });
    expect(resolveEdge({ id: 'e', from: 'a', to: 'b', circuitBreaker: { openMs: 100 } }, 'service').circuitBreaker).toEqual({ failureRate: 0.5, window: 20, openMs: 100 });
    expect(resolveEdge({ id: 'e', from: 'a', to: 'b' }, 'service').circuitBreaker).toBeUndefined();
  });
});
