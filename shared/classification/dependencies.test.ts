import { describe, expect, it } from 'vitest';
import { classifyDesign } from './classify';
import { stronglyConnected } from './dependencies';
import { call, chain, makeCache, makeClient, makeDatabase, makeDoc, makeMonolith, makeQueue, makeService } from './testBuilders';
import type { TopologyDocument } from '../document';
import type { FindingRule } from './types';

const findingsOf = (doc: TopologyDocument, rule: FindingRule) => classifyDesign(doc).findings.filter((f) => f.rule === rule);

describe('sync-cycle', () => {
  it('names a cycle of synchronous calls in call order, as an error', () => {
    const doc = makeDoc(
      [makeClient('users'), makeService('orders', { on: ['h1'] }), makeService('payments', { on: ['h2'] }), makeService('stock', { on: ['h3'] })],
      [call('users', 'orders'), ...chain('orders', 'payments', 'stock', 'orders')],
    );
    const findings = findingsOf(doc, 'sync-cycle');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', nodes: ['orders', 'payments', 'stock'], hosts: [] });
    expect(findings[0]!.message).toMatch(/^Orders → Payments → Stock → Orders: a cycle of synchronous calls/);
  });

  it('reports separate cycles separately', () => {
    const doc = makeDoc(
      ['a', 'b', 'c', 'd'].map((id) => makeService(id, { on: ['h1'] })),
      [call('a', 'b'), call('b', 'a'), call('b', 'c'), call('c', 'd'), call('d', 'c')],
    );
    expect(findingsOf(doc, 'sync-cycle').map((f) => f.nodes)).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('is not raised when one call of the loop is asynchronous, or through a queue', () => {
    const asyncEdge = makeDoc([makeService('a', { on: ['h1'] }), makeService('b', { on: ['h1'] })], [call('a', 'b'), call('b', 'a', { async: true })]);
    expect(findingsOf(asyncEdge, 'sync-cycle')).toEqual([]);
    const viaQueue = makeDoc(
      [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h1'] }), makeQueue('q', { on: ['h1'] })],
      [call('a', 'b'), call('b', 'q'), call('q', 'a')],
    );
    expect(findingsOf(viaQueue, 'sync-cycle')).toEqual([]);
  });

  it('is not raised for a chain', () => {
    expect(findingsOf(makeDoc(['a', 'b', 'c'].map((id) => makeService(id)), chain('a', 'b', 'c')), 'sync-cycle')).toEqual([]);
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
    const doc = makeDoc(
      [
        makeService('orders', { on: ['h1'] }),
        makeService('users', { on: ['h2'] }),
        makeService('reports', { on: ['h3'] }),
        makeCache('cache', { on: ['h4'] }),
        makeDatabase('db', { name: 'Main DB', on: ['h5'] }),
      ],
      [call('orders', 'db'), call('users', 'db'), call('reports', 'cache'), call('cache', 'db')],
    );
    const [finding] = findingsOf(doc, 'shared-database');
    expect(finding).toMatchObject({ severity: 'warning', nodes: ['db', 'orders', 'reports', 'users'], hosts: ['h5'] });
    expect(finding!.message).toMatch(/^Orders, Reports and Users all use Main DB: a shared database couples them/);
  });

  it('is not raised when each service has its own database, or one service calls it twice over', () => {
    const own = makeDoc(
      [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h2'] }), makeDatabase('da', { on: ['h1'] }), makeDatabase('db', { on: ['h2'] })],
      [call('a', 'da'), call('b', 'db'), call('a', 'b')],
    );
    expect(findingsOf(own, 'shared-database')).toEqual([]);
    const once = makeDoc([makeMonolith('shop', { on: ['h1'] }), makeCache('cache'), makeDatabase('db')], [call('shop', 'db'), call('shop', 'cache'), call('cache', 'db')]);
    expect(findingsOf(once, 'shared-database')).toEqual([]);
  });

  it('is not raised when only infrastructure shares the database', () => {
    const doc = makeDoc([makeService('a', { on: ['h1'] }), makeQueue('q'), makeDatabase('db')], [call('a', 'db'), call('q', 'db')]);
    expect(findingsOf(doc, 'shared-database')).toEqual([]);
  });
});

describe('independent-systems', () => {
  it('counts the connected parts, edges taken undirected', () => {
    const doc = makeDoc(
      [makeMonolith('blog', { on: ['h1'] }), makeDatabase('blog-db', { on: ['h1'] }), makeMonolith('shop', { on: ['h2'] }), makeDatabase('shop-db', { on: ['h2'] })],
      [call('blog', 'blog-db'), call('shop', 'shop-db')],
    );
    const [finding] = findingsOf(doc, 'independent-systems');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['blog', 'shop'], hosts: [] });
    expect(finding!.message).toMatch(/^The design holds 2 independent systems that never call one another: Blog \(2 nodes\) and Shop \(2 nodes\)/);
  });

  it('is not raised for one connected system, however the edges point', () => {
    // two services both calling one database: a → db ← b is one system
    const doc = makeDoc([makeService('a', { on: ['h1'] }), makeService('b', { on: ['h2'] }), makeDatabase('db')], [call('a', 'db'), call('b', 'db')]);
    expect(findingsOf(doc, 'independent-systems')).toEqual([]);
  });

  it('classifies each system on its own: two separate monoliths on two servers are not distributed', () => {
    const doc = makeDoc([makeMonolith('blog', { on: ['h1'] }), makeMonolith('shop', { on: ['h2'] })]);
    const c = classifyDesign(doc);
    expect(c.labels).toEqual(['monolith']);
    expect(c.evidence.filter((e) => e.label === 'monolith')).toHaveLength(2);
  });
});
