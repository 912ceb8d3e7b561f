import { afterEach, describe, expect, it } from 'vitest';
import { findTemplate, instantiateTemplate, updateNode } from '../../shared/document';
import { closeComparison, useCompareStore } from './compareStore';
import { useDocumentStore } from './documentStore';

afterEach(() => useCompareStore.getState().close());

describe('compareStore', () => {
  it('follows edits of the open design and names removed elements from the baseline', () => {
    const baseline = instantiateTemplate(findTemplate('monolith-cluster')!);
    useDocumentStore.getState().load(baseline, null);
    useCompareStore.getState().start('the last saved version', baseline);
    expect(useCompareStore.getState().comparison!.marks.entries).toEqual([]);
    useDocumentStore.getState().edit((doc) => updateNode(doc, 'lb', { name: 'Gateway' }), { record: true });
    expect(useCompareStore.getState().comparison!.marks.nodes).toEqual({ lb: 'changed' });
    useDocumentStore.getState().edit((doc) => ({ ...doc, edges: doc.edges.filter((e) => e.id !== 'e3') }), { record: true });
    const entry = useCompareStore.getState().comparison!.marks.entries.find((e) => e.id === 'e3')!;
    expect(entry).toMatchObject({ subject: 'edge', mark: 'removed', label: 'Shop → Shop DB' });
  });

  it('closes once: Esc ends a comparison, and a second Esc has none to end', () => {
    const baseline = instantiateTemplate(findTemplate('monolith-cluster')!);
    useCompareStore.getState().start('x.topo', baseline);
    expect(closeComparison()).toBe(true);
    expect(useCompareStore.getState().comparison).toBeNull();
    expect(closeComparison()).toBe(false);
    // Closed comparisons no longer follow edits.
    useDocumentStore.getState().edit((doc) => updateNode(doc, 'lb', { name: 'Again' }), { record: true });
    expect(useCompareStore.getState().comparison).toBeNull();
  });
});
