import { describe, expect, it } from 'vitest';
import { classifyDesign } from './classify';
import { stronglyConnected } from './dependencies';
import { makeCache, makeChain, makeClient, makeDatabase, makeDocument, makeEdge, makeMonolith, makeQueue, makeService } from '../document/testing/builders';
import type { TopologyDocument } from '../document';
import type { FindingRule } from './types';

const findingsOf = (doc: TopologyDocument, rule: FindingRule) => classifyDesign(doc).findings.filter((f) => f.rule === rule);

describe('sync-cycle', () => {
  it('names a cycle of synchronous calls in call order, as an error', () => {
    const doc = makeDocument({
      nodes: [makeClient('users'), makeService('orders', { on: ['h1'] }), makeService('payments', { on: ['h2'] }), makeService('stock', { on: ['h3'] })],
      edges: [makeEdge('users', 'orders'), ...makeChain('orders', 'payments', 'stock', 'orders')],
    });
    const findings = findingsOf(doc, 'sync-cycle');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', nodes: ['orders', 'payments', 'stock'], hosts: [] });
    expect(findings[0]!.message).toMatch(/^Orders → Payments → Stock → Orders: a cycle of synchronous calls/);
  });

  it('reports separate cycles separately', () => {
    const doc = makeDocument({
      nodes: ['a', 'b', 'c', 'd'].map((id) => makeService(id, { on: ['h1'] })),
      edges: [makeEdge('a', 'b'), makeEdge('b', 'a'), makeEdge('b', 'c'), makeEdge('c', 'd'), makeEdge('d', 'c')],
    });
    expect(findingsOf(doc, 'sync-cycle').map((f) => f.nodes)).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('is not raised when one call of the loop is asynchronous, or through a queue', () => {
    const asyncEdge = makeDocument({ nodes: [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h1'] })], edges: [makeEdge('a', 'b'), makeEdge('b', 'a', { async: true })] });
    expect(findingsOf(asyncEdge, 'sync-cycle')).toEqual([]);
    const viaQueue = makeDocument({
      nodes: [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h1'] }), makeQueue('q', { on: ['h1'] })],
      edges: [makeEdge('a', 'b'), makeEdge('b', 'q'), makeEdge('q', 'a')],
    });
    expect(findingsOf(viaQueue, 'sync-cycle')).toEqual([]);
  });

  it('is not raised for a chain', () => {
    expect(findingsOf(makeDocument({ nodes: ['a', 'b', 'c'].map((id) => makeService(id)), edges: makeChain('a', 'b', 'c') }), 'sync-cycle')).toEqual([]);
  });

  it('finds components of a long chain without overflowing the stack', () => {
    const n = 50_000;
    const adjacency = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [0]));
    const components = stronglyConnected(adjacency);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(n);
  });
});

describe('shared-database', () => {
  it('names the services calling the same database, directly or through a cache', () => {
    const doc = makeDocument({
      nodes: [
        makeService('orders', { on: ['h1'] }),
        makeService('users', { on: ['h2'] }),
        makeService('reports', { on: ['h3'] }),
        makeCache('cache', { on: ['h4'] }),
        makeDatabase('db', { name: 'Main DB', on: ['h5'] }),
      ],
      edges: [makeEdge('orders', 'db'), makeEdge('users', 'db'), makeEdge('reports', 'cache'), makeEdge('cache', 'db')],
    });
    const [finding] = findingsOf(doc, 'shared-database');
    expect(finding).toMatchObject({ severity: 'warning', nodes: ['db', 'orders', 'reports', 'users'], hosts: ['h5'] });
    expect(finding!.message).toMatch(/^Orders, Reports and Users all use Main DB: a shared database couples them/);
  });

  it('is not raised when each service has its own database, or one service calls it twice over', () => {
    const own = makeDocument({
      nodes: [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h2'] }), makeDatabase('da', { on: ['h1'] }), makeDatabase('db', { on: ['h2'] })],
      edges: [makeEdge('a', 'da'), makeEdge('b', 'db'), makeEdge('a', 'b')],
    });
    expect(findingsOf(own, 'shared-database')).toEqual([]);
    const once = makeDocument({ nodes: [makeMonolith('shop', { on: ['h1'] }), makeCache('cache'), makeDatabase('db')], edges: [makeEdge('shop', 'db'), makeEdge('shop', 'cache'), makeEdge('cache', 'db')] });
    expect(findingsOf(once, 'shared-database')).toEqual([]);
  });

  it('is not raised when only infrastructure shares the database', () => {
    const doc = makeDocument({ nodes: [makeService('a', { on: ['h1'] }), makeQueue('q'), makeDatabase('db')], edges: [makeEdge('a', 'db'), makeEdge('q', 'db')] });
    expect(findingsOf(doc, 'shared-database')).toEqual([]);
  });
});

describe('independent-systems', () => {
  it('counts the connected parts, edges taken undirected', () => {
    const doc = makeDocument({
      nodes: [makeMonolith('blog', { on: ['h1'] }), makeDatabase('blog-db', { on: ['h1'] }), makeMonolith('shop', { on: ['h2'] }), makeDatabase('shop-db', { on: ['h2'] })],
      edges: [makeEdge('blog', 'blog-db'), makeEdge('shop', 'shop-db')],
    });
    const [finding] = findingsOf(doc, 'independent-systems');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['blog', 'shop'], hosts: [] });
    expect(finding!.message).toMatch(/^The design holds 2 independent systems that never call one another: Blog \(2 nodes\) and Shop \(2 nodes\)/);
  });

  it('is not raised for one connected system, however the edges point', () => {
    // two services both calling one database: a → db ← b is one system
    const doc = makeDocument({ nodes: [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h2'] }), makeDatabase('db')], edges: [makeEdge('a', 'db'), makeEdge('b', 'db')] });
    expect(findingsOf(doc, 'independent-systems')).toEqual([]);
  });

  it('classifies each system on its own: two separate monoliths on two servers are not distributed', () => {
    const doc = makeDocument({ nodes: [makeMonolith('blog', { on: ['h1'] }), makeMonolith('shop', { on: ['h2'] })] });
    const c = classifyDesign(doc);
    expect(c.labels).toEqual(['monolith']);
    expect(c.evidence.filter((e) => e.label === 'monolith')).toHaveLength(2);
  });
});
