import { describe, expect, it } from 'vitest';
import { addFault, addScenario, describeFault, removeFault, removeScenario, renameScenario, updateFault } from './scenarios';
import { findTemplate, instantiateTemplate } from './templates';
import { validateDocument } from './validate';

const base = () => instantiateTemplate(findTemplate('monolith-cluster')!);

describe('scenario edits', () => {
  it('adds scenarios with unique ids and names, and the result validates', () => {
    let doc = base();
    const a = addScenario(doc, 'Lose a server');
    doc = a.document;
    const b = addScenario(doc, 'Lose a server');
    doc = b.document;
    expect(a.id).not.toBe(b.id);
    expect(doc.scenarios!.map((s) => s.name)).toEqual(['Lose a server', 'Lose a server 2']);
    doc = addFault(doc, a.id, { type: 'host-down', target: 'h2', at: 10, until: 30 });
    expect(validateDocument(doc).ok).toBe(true);
  });

  it('renames, updates and removes faults and scenarios', () => {
    let doc = base();
    const { document, id } = addScenario(doc);
    doc = addFault(document, id, { type: 'node-down', target: 'db', at: 5 });
    doc = addFault(doc, id, { type: 'latency', target: 'shop', value: 200 });
    doc = updateFault(doc, id, 1, { type: 'latency', target: 'shop', value: 300, at: 1 });
    doc = renameScenario(doc, id, 'Slow shop');
    expect(doc.scenarios![0]).toEqual({ id, name: 'Slow shop', faults: [{ type: 'node-down', target: 'db', at: 5 }, { type: 'latency', target: 'shop', value: 300, at: 1 }] });
    doc = removeFault(doc, id, 0);
    expect(doc.scenarios![0]!.faults).toHaveLength(1);
    doc = removeScenario(doc, id);
    expect(doc.scenarios).toBeUndefined();
  });

  it('describes faults by the names users gave', () => {
    const doc = base();
    expect(describeFault(doc, { type: 'host-down', target: 'h2', at: 10, until: 30 })).toBe('server-1 down from 10 s to 30 s');
    expect(describeFault(doc, { type: 'error-rate', target: 'shop', value: 0.25 })).toBe('Shop fails 25% from 0 s');
    expect(describeFault(doc, { type: 'partition', groups: [['h1', 'h2'], ['h3']] })).toBe('network split [lb-1, server-1] | [server-2] from 0 s');
  });
});
