import { describe, expect, it } from 'vitest';
import type { TopologyDocument } from '../document';
import { simulate } from './simulation';

describe('report tables keyed by node id', () => {
  it('keeps a node whose id is __proto__ (built in code; the reader refuses such an id)', () => {
    const doc: TopologyDocument = {
      format: 'topology-designer', version: 1, name: 'd', hosts: [],
      nodes: [{ id: 'users', kind: 'client', name: 'Users', rate: 10 }, { id: '__proto__', kind: 'service', name: 'Odd' }],
      edges: [{ id: 'e', from: 'users', to: '__proto__' }],
    };
    const report = simulate(doc, { durationS: 2, seed: 1 });
    expect(Object.keys(report.nodes)).toContain('__proto__');
    expect(report.clients.users!.latencyBreakdown.map((e) => e.node)).toEqual(['__proto__']);
  });

  it('keeps a client whose id is __proto__ in clients', () => {
    const doc: TopologyDocument = {
      format: 'topology-designer', version: 1, name: 'd', hosts: [],
      nodes: [{ id: '__proto__', kind: 'client', name: 'Odd', rate: 10, slo: { availability: 0.9 } }, { id: 'api', kind: 'service', name: 'Api' }],
      edges: [{ id: 'e', from: '__proto__', to: 'api' }],
    };
    const report = simulate(doc, { durationS: 2, seed: 1 });
    expect(Object.keys(report.clients)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(report.clients)).toBeNull();
    expect(report.clients['__proto__']!.slo).toMatchObject({ availability: 0.9, met: true });
  });
});
