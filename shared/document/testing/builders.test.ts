import { describe, expect, it } from 'vitest';
import { validateDocument } from '../validate';
import { makeChain, makeClient, makeDocument, makeEdge, makeScenario, makeService } from './builders';

describe('makeDocument', () => {
  it('builds a valid design that declares every host an instance or a fault names', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 5 }), makeService('orders', { on: ['h1', null, 'h2'], weights: [2, 1, 1] })],
      edges: [makeEdge('users', 'orders', { timeoutMs: 100 })],
      scenarios: [makeScenario('s1', [{ type: 'host-down', target: 'h3' }, { type: 'partition', groups: [['h1'], ['h4']] }])],
      hostNames: { h2: 'db-box' },
    });
    expect(validateDocument(doc).ok).toBe(true);
    expect(doc.hosts).toEqual([
      { id: 'h1', name: 'server-h1' },
      { id: 'h2', name: 'db-box' },
      { id: 'h3', name: 'server-h3' },
      { id: 'h4', name: 'server-h4' },
    ]);
    expect(doc.nodes[1]).toMatchObject({ name: 'Orders', instances: [{ host: 'h1', weight: 2 }, { weight: 1 }, { host: 'h2', weight: 1 }] });
    expect(doc.edges[0]).toEqual({ id: 'users->orders', from: 'users', to: 'orders', timeoutMs: 100 });
  });

  it('copies its parts, so one node can go into several designs', () => {
    const orders = makeService('orders', { on: ['h1'] });
    const doc = makeDocument({ nodes: [orders], edges: makeChain('a', 'b', 'c') });
    doc.nodes[0]!.name = 'Changed';
    expect(orders.name).toBe('Orders');
    expect(doc.edges.map((e) => e.id)).toEqual(['a->b', 'b->c']);
  });
});
