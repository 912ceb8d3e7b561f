import { describe, expect, it } from 'vitest';
import { classifyDesign } from './classify';
import { makeClient, makeDocument, makeEdge, makeGateway, makeMonolith, makeService } from '../document/testing/builders';
import type { TopologyDocument, TopologyNode } from '../document';
import type { FindingRule } from './types';

const findingsOf = (doc: TopologyDocument, rule: FindingRule) => classifyDesign(doc).findings.filter((f) => f.rule === rule);

/** Units behind one gateway, all on host h1 so placement plays no part. */
function behindGateway(...units: TopologyNode[]): TopologyDocument {
  return makeDocument({
    nodes: [makeClient('visitors'), makeGateway('gw', { on: ['h1'] }), ...units],
    edges: [makeEdge('visitors', 'gw'), ...units.map((u) => makeEdge('gw', u.id))],
  });
}

describe('microservices', () => {
  it('holds for two or more services that each own distinct capabilities', () => {
    const c = classifyDesign(
      behindGateway(makeService('orders', { on: ['h1'], capabilities: ['orders'] }), makeService('users', { on: ['h1'], capabilities: ['users', 'accounts'] })),
    );
    expect(c.microservices).toBe(true);
    expect(c.evidence.find((e) => e.label === 'microservices')).toMatchObject({ nodes: ['orders', 'users'], hosts: [] });
  });

  it('does not hold for a single service (that is a monolith by SPEC §3)', () => {
    const c = classifyDesign(behindGateway(makeService('orders', { on: ['h1'], capabilities: ['orders'] })));
    expect(c.microservices).toBe(false);
    expect(c.monolith).toBe(true);
  });
});

describe('implicit-capability', () => {
  it('gives a service with neither capabilities nor layer one capability named after itself', () => {
    const doc = behindGateway(makeService('orders', { on: ['h1'] }), makeService('users', { on: ['h1'], capabilities: ['users'] }));
    const findings = findingsOf(doc, 'implicit-capability');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'info', nodes: ['orders'], hosts: [] });
    expect(findings[0]!.message).toMatch(/^Orders declares neither capabilities nor a layer, so it counts as owning one business capability of its own, "Orders"/);
    expect(classifyDesign(doc).microservices).toBe(true);
  });

  it('never makes two services overlap, even with the same name', () => {
    const doc = behindGateway(makeService('a', { on: ['h1'], name: 'Same' }), makeService('b', { on: ['h1'], name: 'Same' }));
    expect(findingsOf(doc, 'capability-overlap')).toEqual([]);
    expect(classifyDesign(doc).microservices).toBe(true);
  });

  it('is not raised for services that declare capabilities or a layer, nor for a monolith', () => {
    const doc = behindGateway(
      makeService('orders', { on: ['h1'], capabilities: ['orders'] }),
      makeService('web', { on: ['h1'], layer: 'web' }),
      makeMonolith('shop', { on: ['h1'] }),
    );
    expect(findingsOf(doc, 'implicit-capability')).toEqual([]);
  });
});

describe('technical-split', () => {
  it('names the units defined by layer, and rules out microservices', () => {
    const doc = behindGateway(makeService('web', { on: ['h1'], layer: 'web' }), makeService('logic', { on: ['h1'], layer: 'logic' }));
    const [finding] = findingsOf(doc, 'technical-split');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['logic', 'web'], hosts: [] });
    expect(finding!.message).toMatch(/^Logic and Web are defined by technical layer \("logic" and "web"\), not by business capability/);
    expect(classifyDesign(doc).microservices).toBe(false);
  });

  it('is not raised when capabilities define the unit, even beside a layer', () => {
    const doc = behindGateway(
      makeService('orders', { on: ['h1'], capabilities: ['orders'], layer: 'logic' }),
      makeService('users', { on: ['h1'], capabilities: ['users'] }),
    );
    expect(findingsOf(doc, 'technical-split')).toEqual([]);
    expect(classifyDesign(doc).microservices).toBe(true);
  });
});

describe('hybrid', () => {
  it('names a monolith beside services, and rules out microservices', () => {
    const doc = behindGateway(makeMonolith('shop', { on: ['h1'], capabilities: ['catalog'] }), makeService('orders', { on: ['h1'], capabilities: ['orders'] }));
    const [finding] = findingsOf(doc, 'hybrid');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['orders', 'shop'], hosts: [] });
    expect(finding!.message).toBe('The monolith Shop runs beside the service Orders: a partial decomposition, not microservices.');
    expect(classifyDesign(doc).microservices).toBe(false);
  });

  it('is not raised for services alone, or for two monoliths', () => {
    expect(findingsOf(behindGateway(makeService('a', { on: ['h1'] }), makeService('b', { on: ['h1'] })), 'hybrid')).toEqual([]);
    expect(findingsOf(behindGateway(makeMonolith('a', { on: ['h1'] }), makeMonolith('b', { on: ['h1'] })), 'hybrid')).toEqual([]);
  });
});

describe('capability-overlap', () => {
  it('names the units sharing a capability (case-insensitively), as a warning', () => {
    const doc = behindGateway(
      makeService('checkout', { on: ['h1'], capabilities: ['Orders', 'cart'] }),
      makeService('orders', { on: ['h1'], capabilities: ['orders', 'cart'] }),
      makeService('users', { on: ['h1'], capabilities: ['users'] }),
    );
    const findings = findingsOf(doc, 'capability-overlap');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', nodes: ['checkout', 'orders'], hosts: [] });
    expect(findings[0]!.message).toMatch(/^Checkout and Orders both own the business capabilities "cart" and "Orders"/);
    expect(classifyDesign(doc).microservices).toBe(false);
  });

  it('is not raised for distinct capabilities, or across independent systems', () => {
    const distinct = behindGateway(makeService('a', { on: ['h1'], capabilities: ['x'] }), makeService('b', { on: ['h1'], capabilities: ['y'] }));
    expect(findingsOf(distinct, 'capability-overlap')).toEqual([]);
    const apart = makeDocument({ nodes: [makeService('a', { on: ['h1'], capabilities: ['x'] }), makeService('b', { on: ['h1'], capabilities: ['x'] })] });
    expect(findingsOf(apart, 'capability-overlap')).toEqual([]);
  });
});

describe('shared-codebase', () => {
  const role = (id: string, codebase: string | undefined, hosts = ['h1']) => ({ ...makeService(id, { on: hosts }), ...(codebase ? { codebase } : {}) });

  it('counts the roles of one codebase as one deployable: web and sidekiq of one image are a monolith, not microservices', () => {
    const doc = behindGateway(role('web', 'mastodon'), role('sidekiq', 'mastodon'));
    const c = classifyDesign(doc);
    expect(c.microservices).toBe(false);
    expect(c.monolith).toBe(true);
    const [finding] = findingsOf(doc, 'shared-codebase');
    expect(finding).toMatchObject({ severity: 'info', nodes: ['sidekiq', 'web'], hosts: [] });
    expect(finding!.message).toBe('Sidekiq and Web run one codebase: one deployable in 2 roles, not 2 services.');
    expect(c.evidence.find((e) => e.label === 'monolith')!.message).toMatch(/^Sidekiq and Web are the roles of one codebase, the only application unit of their system/);
    expect(findingsOf(doc, 'implicit-capability')).toHaveLength(0);
  });

  it('is not microservices with two codebases when one is split in roles, and is with two distinct ones', () => {
    const twoRoles = behindGateway(role('web', 'shop'), role('worker', 'shop'), role('billing', undefined));
    const c = classifyDesign(twoRoles);
    expect(c.monolith).toBe(false);
    // Two deployables that each own a capability of their own: microservices, the shop counted once.
    expect(c.microservices).toBe(true);
    expect(c.evidence.find((e) => e.label === 'microservices')!.message).toMatch(/^Billing and Web and Worker are 2 services|^Billing, Web and Worker are 2 services/);
    expect(findingsOf(twoRoles, 'capability-overlap')).toEqual([]);
  });

  it('gives no finding and changes nothing without codebases or with distinct ones', () => {
    const doc = behindGateway(role('web', 'a'), role('sidekiq', 'b'));
    expect(findingsOf(doc, 'shared-codebase')).toEqual([]);
    expect(classifyDesign(doc).microservices).toBe(true);
    expect(classifyDesign(behindGateway(role('web', undefined), role('sidekiq', undefined))).microservices).toBe(true);
  });

  it('a capability declared by two roles of one codebase is not an overlap; one shared with another codebase is', () => {
    const own = behindGateway({ ...role('web', 'shop'), capabilities: ['orders'] }, { ...role('worker', 'shop'), capabilities: ['orders'] }, { ...role('users', undefined), capabilities: ['users'] });
    expect(findingsOf(own, 'capability-overlap')).toEqual([]);
    const shared = behindGateway({ ...role('web', 'shop'), capabilities: ['orders'] }, { ...role('orders', undefined), capabilities: ['orders'] });
    expect(findingsOf(shared, 'capability-overlap')[0]).toMatchObject({ nodes: ['orders', 'web'] });
  });
});
