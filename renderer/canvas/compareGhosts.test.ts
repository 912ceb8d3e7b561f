import { describe, expect, it } from 'vitest';
import { findTemplate, instantiateTemplate, removeElements } from '../../shared/document';
import { geometryOf } from './useGeometry';
import { ghostNodeId, ghostNodes } from './compareGhosts';
import { serverNodeId } from './toFlow';

describe('ghostNodes', () => {
  const old = instantiateTemplate(findTemplate('monolith-cluster')!);

  it('draws a removed node inside its old server when the server still exists', () => {
    const next = removeElements(old, ['db'], []).document;
    const oldGeometry = geometryOf(old, 'deployment');
    const ghosts = ghostNodes(old, ['db'], oldGeometry, geometryOf(next, 'deployment'));
    const card = oldGeometry.cards.find((c) => c.nodeId === 'db')!;
    const server = oldGeometry.servers.find((s) => s.hostId === card.hostId)!;
    expect(ghosts).toHaveLength(1);
    expect(ghosts[0]).toMatchObject({ id: ghostNodeId(card.key), parentId: serverNodeId(server.hostId), position: { x: card.x - server.x, y: card.y - server.y }, selectable: false, draggable: false });
    expect(ghosts[0]!.data.node.name).toBe('Shop DB');
  });

  it('draws it on the open canvas, at its old place, when its server is gone too', () => {
    const next = { ...removeElements(old, ['db'], []).document, hosts: old.hosts.filter((h) => h.id !== 'h5') };
    const oldGeometry = geometryOf(old, 'deployment');
    const ghosts = ghostNodes(old, ['db'], oldGeometry, geometryOf(next, 'deployment'));
    const card = oldGeometry.cards.find((c) => c.nodeId === 'db')!;
    expect(ghosts[0]!.parentId).toBeUndefined();
    expect(ghosts[0]!.position).toEqual({ x: card.x, y: card.y });
  });

  it('draws nothing when nothing was removed', () => {
    expect(ghostNodes(old, [], geometryOf(old, 'logical'), geometryOf(old, 'logical'))).toEqual([]);
  });
});
