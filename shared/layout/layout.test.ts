import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../document/templates';
import type { TopologyDocument } from '../document';
import { deploymentGeometry, logicalGeometry, wrapName } from '.';
import { geometryProblems } from './check';
import { routeCalls } from './route';
import { separate } from './place';

function doc(partial: Partial<TopologyDocument>): TopologyDocument {
  return { format: 'topology-designer', version: 1, name: 'test', hosts: [], nodes: [], edges: [], ...partial };
}

describe('deploymentGeometry', () => {
  it('draws one server holding two non-adjacent nodes as exactly one box with both cards inside', () => {
    const d = doc({
      hosts: [{ id: 'h1', name: 'app' }, { id: 'h2', name: 'db' }],
      nodes: [
        { id: 'a', kind: 'service', name: 'A', instances: [{ host: 'h1' }] },
        { id: 'b', kind: 'database', name: 'B', instances: [{ host: 'h2' }] },
        { id: 'c', kind: 'service', name: 'C', instances: [{ host: 'h1' }] },
      ],
      edges: [{ id: 'e1', from: 'a', to: 'b' }, { id: 'e2', from: 'b', to: 'c' }],
    });
    const g = deploymentGeometry(d);
    expect(g.servers.filter((s) => s.hostId === 'h1')).toHaveLength(1);
    expect(g.cards.filter((c) => c.hostId === 'h1').map((c) => c.nodeId).sort()).toEqual(['a', 'c']);
    expect(geometryProblems(d, g)).toEqual([]);
  });

  it('gives a replica group a card per instance and routes a call to each in rotation', () => {
    const d = doc({
      hosts: [{ id: 'h1', name: 'one' }, { id: 'h2', name: 'two' }, { id: 'h3', name: 'three' }],
      nodes: [
        { id: 'u', kind: 'client', name: 'Users' },
        { id: 'o', kind: 'service', name: 'Orders', instances: [{ host: 'h1' }, { host: 'h2' }, { host: 'h3' }] },
      ],
      edges: [{ id: 'e1', from: 'u', to: 'o' }],
    });
    const g = deploymentGeometry(d);
    const orders = g.cards.filter((c) => c.nodeId === 'o');
    expect(orders.map((c) => c.hostId)).toEqual(['h1', 'h2', 'h3']);
    expect(orders.every((c) => c.replicas === 3)).toBe(true);
    expect(g.edges.map((e) => e.toKey)).toEqual(['o#0', 'o#1', 'o#2']);
    expect(geometryProblems(d, g)).toEqual([]);
  });

  it('collapses more than four instances of one node in one server into the fourth card', () => {
    const d = doc({
      hosts: [{ id: 'h1', name: 'big' }],
      nodes: [{ id: 'w', kind: 'service', name: 'Worker', instances: Array.from({ length: 7 }, () => ({ host: 'h1' })) }],
    });
    const cards = deploymentGeometry(d).cards;
    expect(cards).toHaveLength(4);
    expect(cards.map((c) => c.collapsed)).toEqual([0, 0, 0, 4]);
  });

  it('honours saved server positions and shifts a server that would overlap another', () => {
    const d = doc({
      hosts: [{ id: 'h1', name: 'one' }, { id: 'h2', name: 'two' }],
      nodes: [
        { id: 'a', kind: 'service', name: 'A', instances: [{ host: 'h1' }] },
        { id: 'b', kind: 'service', name: 'B', instances: [{ host: 'h2' }] },
      ],
      view: { deployment: { servers: { h1: { x: 100, y: 50 }, h2: { x: 120, y: 60 } } } },
    });
    const g = deploymentGeometry(d);
    expect(g.servers[0]).toMatchObject({ x: 100, y: 50 });
    expect(g.servers[1]!.x).toBe(120);
    expect(g.servers[1]!.y).toBeGreaterThanOrEqual(50 + g.servers[0]!.height);
    expect(geometryProblems(d, g)).toEqual([]);
  });

  it('draws zones inside regions around their servers only', () => {
    const d = doc({
      hosts: [
        { id: 'h1', name: 'a1', zone: 'a', region: 'eu' },
        { id: 'h2', name: 'b1', zone: 'b', region: 'eu' },
        { id: 'h3', name: 'plain' },
      ],
      nodes: [
        { id: 's', kind: 'service', name: 'S', instances: [{ host: 'h1' }, { host: 'h2' }] },
        { id: 'p', kind: 'database', name: 'P', instances: [{ host: 'h3' }] },
      ],
      edges: [{ id: 'e1', from: 's', to: 'p' }],
    });
    const g = deploymentGeometry(d);
    expect(g.domains.map((b) => `${b.kind}:${b.name}`)).toEqual(['region:eu', 'zone:a', 'zone:b']);
    expect(geometryProblems(d, g)).toEqual([]);
  });

  it('keeps every template free of split servers, overlaps, cut names and calls through cards', () => {
    for (const template of TEMPLATES) {
      for (const direction of ['RIGHT', 'DOWN'] as const) {
        expect(geometryProblems(template.document, deploymentGeometry(template.document, { direction })), template.id).toEqual([]);
      }
      expect(geometryProblems(template.document, logicalGeometry(template.document)), template.id).toEqual([]);
    }
  });

  it('wraps a long chain into bands instead of one very wide strip', () => {
    const count = 14;
    const d = doc({
      hosts: Array.from({ length: count }, (_, i) => ({ id: `h${i}`, name: `server-${i}` })),
      nodes: Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: 'service' as const, name: `Step ${i}`, instances: [{ host: `h${i}` }] })),
      edges: Array.from({ length: count - 1 }, (_, i) => ({ id: `e${i}`, from: `n${i}`, to: `n${i + 1}` })),
    });
    const g = deploymentGeometry(d, { wrapWidth: 1000 });
    expect(g.bounds.width).toBeLessThanOrEqual(1100);
    expect(geometryProblems(d, g)).toEqual([]);
  });

  it('is deterministic', () => {
    const template = TEMPLATES[5]!.document;
    expect(JSON.stringify(deploymentGeometry(template))).toBe(JSON.stringify(deploymentGeometry(template)));
  });
});

describe('wrapName', () => {
  it('uses a second line before cutting', () => {
    expect(wrapName('Public API Gateway for Partners')).toEqual(['Public API Gateway', 'for Partners']);
    expect(wrapName('Short')).toEqual(['Short']);
    const long = wrapName('An extremely long service name that cannot possibly fit on two lines');
    expect(long).toHaveLength(2);
    expect(long[1]!.endsWith('…')).toBe(true);
  });
});

describe('router', () => {
  it('goes around a card that sits between the two ends', () => {
    const cards = [
      { x: 0, y: 0, width: 100, height: 50 },
      { x: 200, y: 0, width: 100, height: 50 },
      { x: 400, y: 0, width: 100, height: 50 },
    ];
    const [route] = routeCalls(cards, [{ edgeId: 'e', from: 0, to: 2, labelLines: ['timeout 1 s'] }]);
    expect(route!.clear).toBe(true);
    const blocker = cards[1]!;
    for (let i = 1; i < route!.points.length; i++) {
      const a = route!.points[i - 1]!;
      const b = route!.points[i]!;
      expect(a.x === b.x || a.y === b.y).toBe(true);
      const crosses = Math.min(a.x, b.x) < blocker.x + blocker.width && Math.max(a.x, b.x) > blocker.x && Math.min(a.y, b.y) < blocker.y + blocker.height && Math.max(a.y, b.y) > blocker.y;
      expect(crosses).toBe(false);
    }
  });
});

describe('separate', () => {
  it('moves later boxes below the ones they overlap', () => {
    const boxes = [{ x: 0, y: 0, width: 100, height: 100 }, { x: 50, y: 50, width: 100, height: 100 }];
    expect(separate(boxes, 10)).toBe(1);
    expect(boxes[1]).toMatchObject({ x: 50, y: 110 });
  });
});
