import { describe, expect, it } from 'vitest';
import { addNode, findTemplate, instantiateTemplate, removeElements, updateNode } from '../../shared/document';
import { diffDesigns } from '../../shared/review/diff';
import { MARK_GLYPH, compareMarks, formatValue } from './compareMarks';

function cluster() {
  return instantiateTemplate(findTemplate('monolith-cluster')!);
}

describe('compareMarks', () => {
  it('marks a renamed node changed, an added node added and a deleted node removed (with its calls)', () => {
    const old = cluster();
    let next = updateNode(old, 'shop', { name: 'Store' });
    next = addNode(next, 'cache', { name: 'Session cache' }).document;
    next = removeElements(next, ['db'], []).document;
    const added = next.nodes.find((n) => n.name === 'Session cache')!.id;
    const marks = compareMarks(diffDesigns(old, next), new Map([['db', 'Shop DB']]));
    expect(marks.nodes).toEqual({ shop: 'changed', [added]: 'added', db: 'removed' });
    // The call into the removed database went with it.
    expect(marks.edges).toEqual({ e3: 'removed' });
    const rename = marks.entries.find((e) => e.subject === 'node' && e.id === 'shop')!;
    expect(rename.fields).toEqual([{ path: 'name', old: 'Shop', new: 'Store' }]);
    expect(marks.entries.find((e) => e.id === 'db')).toMatchObject({ mark: 'removed', label: 'Shop DB' });
  });

  it('has no marks and no entries for designs that differ only in positions', () => {
    const old = cluster();
    const moved = { ...old, view: { positions: { shop: { x: 999, y: 1 } } } };
    const marks = compareMarks(diffDesigns(old, moved));
    expect(marks.entries).toEqual([]);
    expect(marks.nodes).toEqual({});
  });

  it('lists design-level changes and labels elements by id when no name is known', () => {
    const old = cluster();
    const next = { ...old, name: 'Renamed', hosts: [...old.hosts, { id: 'h9', name: 'spare' }] };
    const marks = compareMarks(diffDesigns(old, next));
    expect(marks.entries[0]).toMatchObject({ subject: 'design', mark: 'changed', fields: [{ path: 'name', old: 'Monolith cluster', new: 'Renamed' }] });
    expect(marks.hosts).toEqual({ h9: 'added' });
    expect(marks.entries.find((e) => e.subject === 'host')!.label).toBe('h9');
  });

  it('pairs every mark with a distinct glyph and shows absent values as (none)', () => {
    expect(new Set(Object.values(MARK_GLYPH)).size).toBe(3);
    expect(formatValue(undefined)).toBe('(none)');
    expect(formatValue('a')).toBe('"a"');
  });
});
