import { describe, expect, it } from 'vitest';
import { addReplicaGroup } from './replicaGroup';
import { emptyDocument } from './templates';
import { validateDocument } from './validate';
import { linesOf, smallDocument } from './testing/builders';

describe('addReplicaGroup', () => {
  it('places one service on three servers, creating the servers an empty design lacks', () => {
    const result = addReplicaGroup(emptyDocument(), { x: 40, y: 60 });
    const node = result.document.nodes.find((n) => n.id === result.id)!;
    expect(node.kind).toBe('service');
    expect(node.instances).toEqual(result.createdHosts.map((host) => ({ host })));
    expect(result.createdHosts).toHaveLength(3);
    expect(result.document.view?.positions?.[result.id]).toEqual({ x: 40, y: 60 });
    expect(linesOf(validateDocument(result.document))).toEqual([]);
  });

  it('uses the servers a design has and adds only the missing ones', () => {
    const result = addReplicaGroup(smallDocument(), { x: 0, y: 0 });
    const node = result.document.nodes.find((n) => n.id === result.id)!;
    expect(node.instances!.map((i) => i.host)).toEqual(['h1', 'h2', ...result.createdHosts]);
    expect(result.createdHosts).toHaveLength(1);
    expect(new Set(node.instances!.map((i) => i.host)).size).toBe(3);
  });
});
