import { describe, expect, it } from 'vitest';
import { classifyDesign } from './classify';
import { makeCache, makeChain, makeClient, makeDatabase, makeDocument, makeEdge, makeGateway, makeMonolith, makeService } from '../document/testing/builders';
import type { FindingRule } from './types';
import type { TopologyDocument } from '../document';

const findingsOf = (doc: TopologyDocument, rule: FindingRule) => classifyDesign(doc).findings.filter((f) => f.rule === rule);

describe('spof', () => {
  it('names a node on a request path whose instances all sit on one host, and that host', () => {
    const doc = makeDocument({
      nodes: [makeClient('users'), makeService('orders', { on: ['h1', 'h1'], name: 'Orders' }), makeDatabase('db', { on: ['h2', 'h3'] })],
      edges: makeChain('users', 'orders', 'db'),
      hostNames: { h1: 'server-1' },
    });
    const spofs = findingsOf(doc, 'spof');
    expect(spofs).toHaveLength(1);
    expect(spofs[0]).toMatchObject({ severity: 'warning', nodes: ['orders'], hosts: ['h1'] });
    expect(spofs[0]!.message).toBe(
      'Orders runs only on server-1 (all 2 instances): if server-1 goes down, every request that needs Orders fails. Run it on a second server.',
    );
  });

  it('is not raised for a node replicated across hosts', () => {
    const doc = makeDocument({ nodes: [makeClient('users'), makeMonolith('shop', { on: ['h1', 'h2'] })], edges: [makeEdge('users', 'shop')] });
    expect(findingsOf(doc, 'spof')).toEqual([]);
  });

  it('is not raised for a node on no request path (a cycle nothing enters)', () => {
    // a and b call each other and nothing else calls them: no entry point reaches them
    const doc = makeDocument({ nodes: [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h2'] })], edges: [makeEdge('a', 'b'), makeEdge('b', 'a')] });
    expect(findingsOf(doc, 'spof')).toEqual([]);
  });

  it('counts a node nothing calls as an entry point', () => {
    const doc = makeDocument({ nodes: [makeService('worker', { on: ['h1'] }), makeDatabase('db', { on: ['h9'] })], edges: [makeEdge('worker', 'db')] });
    expect(findingsOf(doc, 'spof').map((f) => f.nodes[0])).toEqual(['db', 'worker']);
  });

  it('counts unplaced instances as one implicit host, without a fake host id', () => {
    const doc = makeDocument({ nodes: [makeClient('users'), makeService('orders', { on: [null, null] })], edges: [makeEdge('users', 'orders')] });
    const [spof] = findingsOf(doc, 'spof');
    expect(spof!.hosts).toEqual([]);
    expect(spof!.message).toMatch(/^Orders has no server yet \(all 2 instances\)/);
  });

  it('never flags a client', () => {
    const doc = makeDocument({ nodes: [makeClient('users'), makeService('orders', { on: ['h1', 'h2'] })], edges: [makeEdge('users', 'orders')] });
    expect(findingsOf(doc, 'spof').flatMap((f) => f.nodes)).not.toContain('users');
  });
});

describe('replicas-same-host', () => {
  it('says several instances on one host are a replica set, not a cluster', () => {
    const doc = makeDocument({ nodes: [makeMonolith('shop', { on: ['h1', 'h1', 'h1'] })], edges: [], hostNames: { h1: 'server-1' } });
    const [finding] = findingsOf(doc, 'replicas-same-host');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['shop'], hosts: ['h1'] });
    expect(finding!.message).toMatch(/^Shop has 3 instances, all on server-1: a replica set, not a cluster/);
    expect(classifyDesign(doc).cluster).toBe(false);
  });

  it('is not raised for a single instance or for instances on two hosts', () => {
    expect(findingsOf(makeDocument({ nodes: [makeMonolith('shop', { on: ['h1'] })] }), 'replicas-same-host')).toEqual([]);
    expect(findingsOf(makeDocument({ nodes: [makeMonolith('shop', { on: ['h1', 'h1', 'h2'] })] }), 'replicas-same-host')).toEqual([]);
  });
});

describe('single-host', () => {
  it('is raised when every application unit runs on one host', () => {
    const doc = makeDocument({
      nodes: [makeService('orders', { on: ['h1'] }), makeService('users', { on: ['h1', 'h1'] }), makeDatabase('db', { on: ['h2'] })],
      edges: [makeEdge('orders', 'users'), makeEdge('orders', 'db')],
      hostNames: { h1: 'box' },
    });
    const [finding] = findingsOf(doc, 'single-host');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['orders', 'users'], hosts: ['h1'] });
    expect(finding!.message).toMatch(/^Every application unit \(Orders and Users\) runs on box/);
  });

  it('says a lone unit on one host stops with that host, even when its database is clustered', () => {
    const doc = makeDocument({ nodes: [makeMonolith('shop', { on: ['h1'] }), makeDatabase('db', { on: ['h2', 'h3'] })], edges: [makeEdge('shop', 'db')], hostNames: { h1: 'app' } });
    const [finding] = findingsOf(doc, 'single-host');
    expect(finding).toMatchObject({ nodes: ['shop'], hosts: ['h1'] });
    expect(finding!.message).toBe('The only application unit, Shop, runs on app alone: the application is neither distributed nor clustered, and losing that server stops it.');
  });

  it('is not raised when units run on two hosts, or when there is no unit', () => {
    const spread = makeDocument({ nodes: [makeService('orders', { on: ['h1'] }), makeService('users', { on: ['h1', 'h2'] })], edges: [makeEdge('orders', 'users')] });
    expect(findingsOf(spread, 'single-host')).toEqual([]);
    expect(findingsOf(makeDocument({ nodes: [makeDatabase('db', { on: ['h1'] })] }), 'single-host')).toEqual([]);
  });
});

describe('remote-data', () => {
  it('explains that a database on another server does not make a monolith distributed', () => {
    const doc = makeDocument({
      nodes: [makeMonolith('shop', { on: ['h1'] }), makeDatabase('db', { name: 'Shop DB', on: ['h2'] }), makeCache('cache', { on: ['h1'] })],
      edges: [makeEdge('shop', 'db'), makeEdge('shop', 'cache')],
      hostNames: { h2: 'db-server' },
    });
    const c = classifyDesign(doc);
    expect(c.distributed).toBe(false);
    const [finding] = c.findings.filter((f) => f.rule === 'remote-data');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['db', 'shop'], hosts: ['h2'] });
    expect(finding!.message).toMatch(/^Shop DB runs on db-server, apart from Shop: data on another server does not make a design distributed/);
  });

  it('is not raised when data sits with the application, or when the system is distributed', () => {
    const together = makeDocument({ nodes: [makeMonolith('shop', { on: ['h1'] }), makeDatabase('db', { on: ['h1'] })], edges: [makeEdge('shop', 'db')] });
    expect(findingsOf(together, 'remote-data')).toEqual([]);
    const distributed = makeDocument({
      nodes: [makeService('web', { on: ['h1'] }), makeService('logic', { on: ['h2'] }), makeDatabase('db', { on: ['h3'] })],
      edges: makeChain('web', 'logic', 'db'),
    });
    expect(classifyDesign(distributed).distributed).toBe(true);
    expect(findingsOf(distributed, 'remote-data')).toEqual([]);
  });

  it('does not count a gateway on another server as data', () => {
    const doc = makeDocument({ nodes: [makeGateway('gw', { on: ['h2'] }), makeMonolith('shop', { on: ['h1'] })], edges: [makeEdge('gw', 'shop')] });
    expect(findingsOf(doc, 'remote-data')).toEqual([]);
  });
});

describe('unplaced', () => {
  it('lists the nodes with instances without a host', () => {
    const doc = makeDocument({ nodes: [makeMonolith('shop', { on: ['h1', null] }), makeDatabase('db'), makeClient('users')], edges: [makeEdge('users', 'shop'), makeEdge('shop', 'db')] });
    const [finding] = findingsOf(doc, 'unplaced');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['db', 'shop'], hosts: [] });
    expect(finding!.message).toMatch(/^Db and Shop have 2 instances without a server: until you place them, unplaced instances all count as one implicit server/);
  });

  it('makes a monolith with one placed and one unplaced instance a cluster (the implicit host is a host)', () => {
    expect(classifyDesign(makeDocument({ nodes: [makeMonolith('shop', { on: ['h1', null] })] })).cluster).toBe(true);
  });

  it('is not raised when every instance has a host (clients have none and need none)', () => {
    const doc = makeDocument({ nodes: [makeClient('users'), makeMonolith('shop', { on: ['h1'] })], edges: [makeEdge('users', 'shop')] });
    expect(findingsOf(doc, 'unplaced')).toEqual([]);
  });
});
