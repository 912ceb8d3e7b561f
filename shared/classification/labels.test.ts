import { describe, expect, it } from 'vitest';
import { classifyDesign } from './classify';
import { makeChain, makeClient, makeDatabase, makeDocument, makeEdge, makeGateway, makeLoadBalancer, makeMonolith, makeService } from '../document/testing/builders';

describe('distributed', () => {
  it('holds when two hosts run different units, and says which call joins them', () => {
    const doc = makeDocument({
      nodes: [makeClient('users'), makeService('web', { on: ['h1'] }), makeService('logic', { on: ['h2'] })],
      edges: makeChain('users', 'web', 'logic'),
      hostNames: { h1: 'server-1', h2: 'server-2' },
    });
    const c = classifyDesign(doc);
    expect(c.distributed).toBe(true);
    const evidence = c.evidence.find((e) => e.label === 'distributed')!;
    expect(evidence.message).toBe(
      'server-1 runs Web while server-2 runs Logic, and Web calls Logic: different modules on different servers cooperate over the network.',
    );
    expect(evidence).toMatchObject({ nodes: ['logic', 'web'], hosts: ['h1', 'h2'] });
  });

  it('names the nodes through which units on different hosts cooperate', () => {
    const doc = makeDocument({
      nodes: [makeGateway('gw', { on: ['h0'] }), makeService('a', { on: ['h1'] }), makeService('b', { on: ['h2'] })],
      edges: [makeEdge('gw', 'a'), makeEdge('gw', 'b')],
    });
    const evidence = classifyDesign(doc).evidence.find((e) => e.label === 'distributed')!;
    expect(evidence.message).toMatch(/^server-h1 runs A while server-h2 runs B, and A and B cooperate through Gw:/);
    expect(evidence.nodes).toEqual(['a', 'b', 'gw']);
  });

  it('does not hold when every host carries the same unit set (a cluster)', () => {
    const doc = makeDocument({ nodes: [makeService('web', { on: ['h1', 'h2'] }), makeService('logic', { on: ['h1', 'h2'] })], edges: [makeEdge('web', 'logic')] });
    const c = classifyDesign(doc);
    expect(c.distributed).toBe(false);
    expect(c.cluster).toBe(true);
  });

  it('holds when one host carries a superset of another (different sets, two units between them)', () => {
    const doc = makeDocument({ nodes: [makeService('web', { on: ['h1', 'h2'] }), makeService('logic', { on: ['h2'] })], edges: [makeEdge('web', 'logic')] });
    expect(classifyDesign(doc).distributed).toBe(true);
  });

  it('does not hold when only infrastructure sits on other hosts', () => {
    const doc = makeDocument({
      nodes: [makeLoadBalancer('lb', { on: ['h0'] }), makeMonolith('shop', { on: ['h1'] }), makeDatabase('db', { on: ['h2'] })],
      edges: makeChain('lb', 'shop', 'db'),
    });
    expect(classifyDesign(doc).distributed).toBe(false);
  });

  it('does not hold across independent systems', () => {
    const doc = makeDocument({ nodes: [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h2'] })] });
    expect(classifyDesign(doc).distributed).toBe(false);
  });
});

describe('cluster', () => {
  it('holds when any deployable node runs on two hosts, infrastructure included', () => {
    const doc = makeDocument({ nodes: [makeMonolith('shop', { on: ['h1'] }), makeDatabase('db', { on: ['h2', 'h3'] })], edges: [makeEdge('shop', 'db')] });
    const c = classifyDesign(doc);
    expect(c.cluster).toBe(true);
    expect(c.evidence.find((e) => e.label === 'cluster')).toMatchObject({ nodes: ['db'], hosts: ['h2', 'h3'] });
  });

  it('names an application unit first and lists the other replicated nodes', () => {
    const doc = makeDocument({
      nodes: [makeLoadBalancer('lb', { on: ['h1', 'h2'] }), makeMonolith('shop', { on: ['h3', 'h4'] })],
      edges: [makeEdge('lb', 'shop')],
      hostNames: { h3: 'app-1', h4: 'app-2' },
    });
    const evidence = classifyDesign(doc).evidence.find((e) => e.label === 'cluster')!;
    expect(evidence.message).toMatch(/^Shop runs the same code on app-1 and app-2; Lb also runs on several servers:/);
    expect(evidence.hosts).toEqual(['h1', 'h2', 'h3', 'h4']);
  });

  it('does not hold for instances on a single host', () => {
    expect(classifyDesign(makeDocument({ nodes: [makeMonolith('shop', { on: ['h1', 'h1'] })] })).cluster).toBe(false);
  });
});

describe('monolith', () => {
  it('holds for a system with exactly one application unit', () => {
    const doc = makeDocument({ nodes: [makeClient('users'), makeMonolith('shop', { on: ['h1'] }), makeDatabase('db', { on: ['h1'] })], edges: makeChain('users', 'shop', 'db') });
    const c = classifyDesign(doc);
    expect(c.monolith).toBe(true);
    expect(c.evidence.find((e) => e.label === 'monolith')!.message).toBe(
      'Shop is the only application unit of its system (with Db and Users around it): one deployable unit holds every module.',
    );
  });

  it('does not hold for two units in one system, even two monoliths', () => {
    const doc = makeDocument({ nodes: [makeMonolith('a', { on: ['h1'] }), makeMonolith('b', { on: ['h1'] })], edges: [makeEdge('a', 'b')] });
    expect(classifyDesign(doc).monolith).toBe(false);
  });
});
