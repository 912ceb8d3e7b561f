import { describe, expect, it } from 'vitest';
import { smallDocument } from '../../shared/document/testing/builders';
import { FlowCache, type FlowInputs } from './toFlow';
import { geometryOf } from './useGeometry';

function inputs(overrides: Partial<FlowInputs> = {}): FlowInputs {
  const document = smallDocument();
  return {
    document,
    geometry: geometryOf(document, 'deployment'),
    selectedNodes: new Set(),
    selectedEdges: new Set(),
    selectedHost: null,
    highlightNodes: null,
    highlightHosts: null,
    dragPositions: new Map(),
    ...overrides,
  };
}

describe('FlowCache (deployment view)', () => {

  it('gives every node its handles up front (no measuring needed before culling), a client only its source', () => {
    const nodes = new FlowCache().toNodes(inputs());
    for (const server of nodes.filter((n) => n.type === 'server')) expect(server.handles).toEqual([]);
    const gateway = nodes.find((n) => n.ariaLabel === 'Gateway on server-1')!;
    const byType = Object.fromEntries(gateway.handles!.map((h) => [h.type, h]));
    // Centred on the card's left and right edges, as the 10 px `.topo-handle` is drawn.
    expect(byType.target).toMatchObject({ x: -5, y: gateway.height! / 2 - 5, width: 10, height: 10 });
    expect(byType.source).toMatchObject({ x: gateway.width! - 5, y: gateway.height! / 2 - 5 });
    const users = nodes.find((n) => n.ariaLabel === 'Users')!;
    expect(users.handles!.map((h) => h.type)).toEqual(['source']);
  });
  it('draws each server once as a named group, before the instance cards it holds', () => {
    const nodes = new FlowCache().toNodes(inputs());
    const servers = nodes.filter((n) => n.type === 'server');
    expect(servers.map((n) => n.ariaLabel)).toEqual(['Server server-1', 'Server server-2']);
    expect(servers.every((n) => n.ariaRole === 'group')).toBe(true);
    const firstCard = nodes.findIndex((n) => n.type === 'topology');
    expect(nodes.slice(firstCard).some((n) => n.type === 'server')).toBe(false);
  });

  it('names instance cards "NODE on SERVER" and places them relative to their server', () => {
    const input = inputs();
    const nodes = new FlowCache().toNodes(input);
    const labels = nodes.filter((n) => n.type === 'topology').map((n) => n.ariaLabel);
    expect(labels).toContain('Gateway on server-1');
    expect(labels).toContain('Orders on server-1, instance 1 of 2');
    expect(labels).toContain('Orders on server-2, instance 2 of 2');
    expect(labels).toContain('Users');
    const gateway = nodes.find((n) => n.ariaLabel === 'Gateway on server-1')!;
    const card = input.geometry.cards.find((c) => c.nodeId === 'gw')!;
    const box = input.geometry.servers.find((s) => s.hostId === 'h1')!;
    expect(gateway.parentId).toBe('server:h1');
    expect(gateway.position).toEqual({ x: card.x - box.x, y: card.y - box.y });
  });

  it('reuses unchanged flow objects, so memoized cards do not re-render', () => {
    const cache = new FlowCache();
    const input = inputs();
    const first = cache.toNodes(input);
    const second = cache.toNodes({ ...input, selectedNodes: new Set(['gw']) });
    expect(second.find((n) => n.id === 'users')).toBe(first.find((n) => n.id === 'users'));
    expect(second.find((n) => n.ariaLabel === 'Gateway on server-1')).not.toBe(first.find((n) => n.ariaLabel === 'Gateway on server-1'));
  });

  it('one flow edge per route; every route of a call carries the call and only the first its label', () => {
    const input = inputs();
    const edges = new FlowCache().toEdges(input);
    const intoOrders = edges.filter((e) => e.data!.edge.id === 'e2');
    expect(intoOrders.length).toBe(input.geometry.edges.filter((r) => r.edgeId === 'e2').length);
    expect(intoOrders.filter((e) => e.data!.labelled)).toHaveLength(1);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });
});
