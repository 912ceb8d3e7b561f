import { describe, expect, it } from 'vitest';
import { STATE_TEMPLATES, findTemplate, instantiateTemplate } from './templates';
import { shareSessions } from './edit';
import { validateDocument } from './validate';
import { classifyDesign } from '../classification';

describe('state templates', () => {
  it.each(STATE_TEMPLATES.map((t) => [t.id, t] as const))('%s validates and has the labels it says', (_id, template) => {
    const result = validateDocument(instantiateTemplate(template));
    expect(result.ok && result.warnings).toEqual([]);
    const c = classifyDesign(template.document);
    const { distributed, cluster, microservices, monolith } = c;
    expect({ distributed, cluster, microservices, monolith }).toEqual(template.expected);
  });

  it('each shows its finding', () => {
    const rules = (id: string) => classifyDesign(findTemplate(id)!.document).findings.map((f) => f.rule);
    expect(rules('cluster-local-sessions')).toContain('local-session-cluster');
    expect(rules('booking-local-lock')).toContain('local-lock-cluster');
    expect(rules('sharded-database')).not.toContain('shard-single-replica');
    expect(rules('async-replica-failover')).toEqual(expect.arrayContaining(['async-failover-loss', 'stale-reads']));
    expect(rules('quorum-partition-cp-ap')).not.toContain('quorum-overlap');
    expect(rules('checkout-saga-vs-2pc')).toContain('2pc-coordinator-spof');
  });
});

describe('shareSessions (the fix of local-session-cluster)', () => {
  it('adds a session cache on its own server, wires a session edge and sets session: shared', () => {
    const before = instantiateTemplate(findTemplate('cluster-local-sessions')!);
    const { document, cacheId } = shareSessions(before, 'shop');
    expect(cacheId).toBe('shop-sessions');
    const result = validateDocument(document);
    expect(result.ok).toBe(true);
    expect(document.nodes.find((n) => n.id === 'shop')!.session).toBe('shared');
    expect(document.edges.filter((e) => e.purpose === 'session')).toEqual([{ id: 'shop-to-sessions', from: 'shop', to: 'shop-sessions', purpose: 'session' }]);
    expect(classifyDesign(document).findings.map((f) => f.rule)).not.toContain('local-session-cluster');
    expect(before.nodes.find((n) => n.id === 'shop')!.session).toBe('local');
  });

  it('leaves the document alone for an unknown node or a node that is no unit', () => {
    const doc = instantiateTemplate(findTemplate('cluster-local-sessions')!);
    expect(shareSessions(doc, 'nope').document).toBe(doc);
    expect(shareSessions(doc, 'db').cacheId).toBeNull();
  });
});
