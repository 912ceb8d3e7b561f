import { describe, expect, it } from 'vitest';
import { findTemplate, instantiateTemplate, type TopologyDocument } from '../document';
import { designsDiffer, diffDesigns, fieldChanges, formatDiffText, simulationDiff } from './diff';

const base = () => instantiateTemplate(findTemplate('monolith-one-server')!);
const edit = (doc: TopologyDocument, change: (draft: TopologyDocument) => void) => {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
};

describe('diffDesigns', () => {
  it('a rename is a change of name, not a delete and an add', () => {
    const old = base();
    const next = edit(old, (d) => (d.nodes[1]!.name = 'Storefront'));
    const diff = diffDesigns(old, next);
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: [{ id: old.nodes[1]!.id, changes: [{ path: 'name', old: old.nodes[1]!.name, new: 'Storefront' }] }] });
    expect(designsDiffer(diff)).toBe(true);
  });

  it('placements are instance changes; a new server and a second instance make a cluster', () => {
    const old = base();
    const shop = old.nodes.find((n) => n.kind === 'monolith')!;
    const next = edit(old, (d) => {
      d.hosts.push({ id: 'h-new', name: 'app-2' });
      d.nodes.find((n) => n.id === shop.id)!.instances!.push({ host: 'h-new' });
    });
    const diff = diffDesigns(old, next);
    expect(diff.hosts.added).toEqual(['h-new']);
    expect(diff.nodes.changed[0]!.changes).toEqual([{ path: 'instances[1]', old: undefined, new: { host: 'h-new' } }]);
    expect(diff.classification.labels.added).toEqual(['cluster']);
    expect(formatDiffText(diff)).toContain('classification: Monolith → ');
  });

  it('moves of cards are not changes; edges, scenarios and settings are', () => {
    const old = base();
    const moved = edit(old, (d) => (d.view = { positions: { [d.nodes[0]!.id]: { x: 999, y: 1 } } }));
    expect(designsDiffer(diffDesigns(old, moved))).toBe(false);
    expect(formatDiffText(diffDesigns(old, moved))).toMatch(/^no changes \(positions aside\)/);
    const next = edit(old, (d) => {
      d.edges.pop();
      d.scenarios = [{ id: 's9', name: 'Lose it', faults: [{ type: 'host-down', target: d.hosts[0]!.id }] }];
      d.settings = { networkMs: 5 };
    });
    const diff = diffDesigns(old, next);
    expect(diff.edges.removed).toEqual([old.edges[old.edges.length - 1]!.id]);
    expect(diff.scenarios.added).toContain('s9');
    expect(diff.design).toEqual([{ path: 'settings.networkMs', old: old.settings?.networkMs, new: 5 }]);
  });

  it('fieldChanges walks values as deep as a valid document holds and quotes odd keys', () => {
    // The reader refuses files nested more than 100 levels, so no design holds deeper values.
    const nest = (leaf: number) => {
      let deep: unknown = leaf;
      for (let i = 0; i < 99; i++) deep = [deep];
      return deep as never;
    };
    expect(fieldChanges(nest(1), nest(2))).toEqual([{ path: '[0]'.repeat(99), old: 1, new: 2 }]);
    expect(fieldChanges({ 'a b': 1 }, { 'a b': 2 })).toEqual([{ path: '["a b"]', old: 1, new: 2 }]);
  });
});

describe('simulationDiff', () => {
  it('says what a change does: p99, the worst single failure, new single points of failure', () => {
    const side = (p99: number, worst: number, singlePoints: string[]) => ({ availability: 1, p99, worst: { type: 'host-down', target: 'h1', name: 'h1', availability: worst }, singlePoints });
    const diff = simulationDiff(side(60, 0.5, []), side(100, 0.479, ['orders-db']));
    expect(diff.summary).toEqual(['p99 +40 ms', 'worst single failure −2.1 pt', 'new single point of failure: orders-db']);
    expect(simulationDiff(side(60, 0.5, []), side(60, 0.5, [])).summary).toEqual(['no change in the simulation']);
  });
});
