import { describe, expect, it } from 'vitest';
import { classifyDesign } from './classify';
import { makeChain, makeClient, makeDatabase, makeDocument, makeEdge, makeService } from '../document/testing/builders';
import type { FindingRule } from './types';
import type { Host, TopologyDocument } from '../document';

const findingsOf = (doc: TopologyDocument, rule: FindingRule) => classifyDesign(doc).findings.filter((f) => f.rule === rule);

/** Gives each host its zone and region. */
function placed(doc: TopologyDocument, domains: Readonly<Record<string, Partial<Pick<Host, 'zone' | 'region'>>>>): TopologyDocument {
  return { ...doc, hosts: doc.hosts.map((host) => ({ ...host, ...domains[host.id] })) };
}

/** users → orders (h1, h2) → db (h3, h4). */
const chain = () =>
  makeDocument({
    nodes: [makeClient('users'), makeService('orders', { on: ['h1', 'h2'], name: 'Orders' }), makeDatabase('db', { on: ['h3', 'h4'] })],
    edges: makeChain('users', 'orders', 'db'),
  });

describe('zone-spof', () => {
  it('names a node on a request path whose servers all sit in one zone while other zones exist', () => {
    const doc = placed(chain(), { h1: { zone: 'a' }, h2: { zone: 'a' }, h3: { zone: 'a' }, h4: { zone: 'b' } });
    const found = findingsOf(doc, 'zone-spof');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', nodes: ['orders'], hosts: ['h1', 'h2'] });
    expect(found[0]!.message).toBe('Orders runs on 2 servers, all in zone a: if zone a goes down, every request that needs Orders fails. Run it in a second zone.');
    expect(findingsOf(doc, 'replicas-one-zone')).toEqual([]);
  });

  it('is not raised with one zone only, for nodes across zones, or for a node on one server (spof says it)', () => {
    expect(findingsOf(placed(chain(), { h1: { zone: 'a' }, h2: { zone: 'a' }, h3: { zone: 'a' }, h4: { zone: 'a' } }), 'zone-spof')).toEqual([]);
    expect(findingsOf(placed(chain(), { h1: { zone: 'a' }, h2: { zone: 'b' }, h3: { zone: 'a' }, h4: { zone: 'b' } }), 'zone-spof')).toEqual([]);
    // A server without a zone: nothing is known about where it is.
    expect(findingsOf(placed(chain(), { h1: { zone: 'a' }, h3: { zone: 'a' }, h4: { zone: 'b' } }), 'zone-spof')).toEqual([]);
    const single = makeDocument({ nodes: [makeClient('users'), makeService('orders', { on: ['h1'] }), makeDatabase('db', { on: ['h2'] })], edges: makeChain('users', 'orders', 'db') });
    const doc = placed(single, { h1: { zone: 'a' }, h2: { zone: 'b' } });
    expect(findingsOf(doc, 'zone-spof')).toEqual([]);
    expect(findingsOf(doc, 'spof')).toHaveLength(2);
  });
});

describe('region-spof', () => {
  it('names a node spread over zones of one region while other regions exist', () => {
    const doc = placed(chain(), {
      h1: { zone: 'a', region: 'eu' }, h2: { zone: 'b', region: 'eu' }, h3: { zone: 'a', region: 'eu' }, h4: { zone: 'c', region: 'us' },
    });
    const found = findingsOf(doc, 'region-spof');
    expect(found.map((f) => f.nodes)).toEqual([['orders']]);
    expect(found[0]!.message).toBe('Orders runs only in region eu: if region eu goes down, every request that needs Orders fails. Run it in a second region.');
    expect(findingsOf(doc, 'zone-spof')).toEqual([]);
  });

  it('is not raised across regions, nor where zone-spof already names the smaller domain', () => {
    expect(findingsOf(placed(chain(), { h1: { region: 'eu' }, h2: { region: 'us' }, h3: { region: 'eu' }, h4: { region: 'us' } }), 'region-spof')).toEqual([]);
    const doc = placed(chain(), { h1: { zone: 'a', region: 'eu' }, h2: { zone: 'a', region: 'eu' }, h3: { zone: 'a', region: 'eu' }, h4: { zone: 'c', region: 'us' } });
    expect(findingsOf(doc, 'region-spof')).toEqual([]);
    expect(findingsOf(doc, 'zone-spof').map((f) => f.nodes)).toEqual([['orders']]);
  });
});

describe('replicas-one-zone', () => {
  // a and b call each other and nothing else calls them: no request path reaches them.
  const cycle = () => makeDocument({ nodes: [makeService('a', { on: ['h1', 'h2'], name: 'A' }), makeService('b', { on: ['h3', 'h4'] })], edges: [makeEdge('a', 'b'), makeEdge('b', 'a')] });

  it('names a replicated node off every request path whose instances all sit in one zone', () => {
    const found = findingsOf(placed(cycle(), { h1: { zone: 'a' }, h2: { zone: 'a' }, h3: { zone: 'a' }, h4: { zone: 'b' } }), 'replicas-one-zone');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', nodes: ['a'], hosts: ['h1', 'h2'] });
    expect(found[0]!.message).toBe('A has 2 instances, all in zone a: a zone outage takes every copy down at once. Spread them over two zones.');
  });

  it('is not raised with a single zone or with replicas across zones', () => {
    expect(findingsOf(placed(cycle(), { h1: { zone: 'a' }, h2: { zone: 'a' }, h3: { zone: 'a' }, h4: { zone: 'a' } }), 'replicas-one-zone')).toEqual([]);
    expect(findingsOf(placed(cycle(), { h1: { zone: 'a' }, h2: { zone: 'b' }, h3: { zone: 'a' }, h4: { zone: 'b' } }), 'replicas-one-zone')).toEqual([]);
  });
});
