import { describe, expect, it } from 'vitest';
import { applyPatch } from './patch';
import { validateDocument } from './validate';
import { linesOf, smallDocument } from './testing/builders';

describe('applyPatch', () => {
  it('sets and removes node fields, dropping what the new kind does not have', () => {
    const doc = applyPatch(smallDocument(), { kind: 'node', id: 'orders', changes: { latencyMs: 35, capabilities: undefined } });
    const orders = doc.nodes.find((n) => n.id === 'orders')!;
    expect(orders.latencyMs).toBe(35);
    expect('capabilities' in orders).toBe(false);
    const asClient = applyPatch(doc, { kind: 'node', id: 'db', changes: { kind: 'client' } });
    expect(asClient.nodes.find((n) => n.id === 'db')).toEqual({ id: 'db', kind: 'client', name: 'Orders DB' });
    expect(asClient.edges.some((e) => e.to === 'db')).toBe(false);
    expect(linesOf(validateDocument(asClient))).toEqual([]);
  });

  it('changes edges, hosts, scenarios and the design name', () => {
    let doc = applyPatch(smallDocument(), { kind: 'edge', id: 'e2', changes: { timeoutMs: 500, retries: 1 } });
    doc = applyPatch(doc, { kind: 'host', id: 'h2', changes: { name: 'db-box', zone: 'rack-b' } });
    doc = applyPatch(doc, { kind: 'scenario', id: 's1', changes: { name: 'Lose the db box' } });
    doc = applyPatch(doc, { kind: 'design', changes: { name: 'Shop' } });
    expect(doc.edges.find((e) => e.id === 'e2')).toEqual({ id: 'e2', from: 'gw', to: 'orders', timeoutMs: 500, retries: 1 });
    expect(doc.hosts[1]).toEqual({ id: 'h2', name: 'db-box', zone: 'rack-b' });
    expect(doc.scenarios![0]!.name).toBe('Lose the db box');
    expect(doc.name).toBe('Shop');
    expect(linesOf(validateDocument(doc))).toEqual([]);
  });

  it('sets settings, and removes the settings object when its last field goes', () => {
    const withSettings = applyPatch(smallDocument(), { kind: 'settings', changes: { networkMs: 5 } });
    expect(withSettings.settings).toEqual({ networkMs: 5 });
    const without = applyPatch(withSettings, { kind: 'settings', changes: { networkMs: undefined } });
    expect('settings' in without).toBe(false);
  });

  it('returns the same document when the id names nothing (so nothing is recorded)', () => {
    const doc = smallDocument();
    expect(applyPatch(doc, { kind: 'node', id: 'ghost', changes: { name: 'x' } })).toBe(doc);
    expect(applyPatch(doc, { kind: 'edge', id: 'ghost', changes: { retries: 1 } })).toBe(doc);
    expect(applyPatch(doc, { kind: 'host', id: 'ghost', changes: { name: 'x' } })).toBe(doc);
    expect(applyPatch(doc, { kind: 'scenario', id: 'ghost', changes: { name: 'x' } })).toBe(doc);
  });

  it('never changes the document it was given', () => {
    const doc = smallDocument();
    const before = JSON.stringify(doc);
    applyPatch(doc, { kind: 'node', id: 'orders', changes: { name: 'Other' } });
    applyPatch(doc, { kind: 'settings', changes: { networkMs: 3 } });
    expect(JSON.stringify(doc)).toBe(before);
  });
});
