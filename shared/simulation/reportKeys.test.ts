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
  });
});
