import { describe, expect, it } from 'vitest';
import { smallDocument } from '../../shared/document/testing/builders';
import { generateDesign } from '../../bench/generateDesign';
import { geometryOf } from './useGeometry';
import {
  FLAG_DIMMED,
  FLAG_DOWN,
  FLAG_HIGHLIGHTED,
  FLAG_SELECTED,
  STATUS,
  buildScene,
  cardStates,
  drawList,
  hitTest,
  nodesInRect,
  paint,
  sceneFlags,
  viewRect,
  type LiveNode,
  type Palette,
} from './lodDraw';

const document = smallDocument();
const geometry = geometryOf(document, 'deployment');
const scene = buildScene(geometry, document);

const cardOf = (key: string) => geometry.cards.find((c) => c.key === key)!;
const NO_EMPHASIS = { selectedNodes: new Set<string>(), selectedEdges: new Set<string>(), selectedHost: null, highlightNodes: null, highlightHosts: null, hostsDown: [] };

describe('buildScene', () => {
  it('holds every server, card and route of the geometry in typed arrays', () => {
    expect(scene.serverHosts).toEqual(geometry.servers.map((s) => s.hostId));
    expect(scene.cards.length).toBe(geometry.cards.length * 4);
    const orders = geometry.cards.findIndex((c) => c.key === 'orders#1');
    expect([...scene.cards.slice(orders * 4, orders * 4 + 4)]).toEqual([cardOf('orders#1').x, cardOf('orders#1').y, cardOf('orders#1').width, cardOf('orders#1').height]);
    expect(scene.nodeIds[scene.cardNode[orders]!]).toBe('orders');
    expect(scene.cardInstance[orders]).toBe(1);
    expect(scene.serverHosts[scene.cardServer[orders]!]).toBe('h2');
    // The client is a free card: no server, no instance.
    const users = geometry.cards.findIndex((c) => c.nodeId === 'users');
    expect(scene.cardServer[users]).toBe(-1);
    expect(scene.cardInstance[users]).toBe(-1);
    expect(scene.routeStart[scene.routeCall.length]).toBe(geometry.edges.reduce((sum, e) => sum + e.points.length, 0));
  });

  it('gives both cards of a replicated node one group colour and single instances none', () => {
    const groupOf = (key: string) => scene.cardGroup[geometry.cards.findIndex((c) => c.key === key)];
    expect(groupOf('orders#0')).toBe(groupOf('orders#1'));
    expect(groupOf('orders#0')).toBeGreaterThanOrEqual(0);
    expect(groupOf('db#0')).toBe(-1);
  });
});

describe('hit testing', () => {
  it('finds the card under a point, else its server, else nothing', () => {
    const db = cardOf('db#0');
    const hit = hitTest(scene, db.x + db.width / 2, db.y + db.height / 2);
    expect(hit?.kind).toBe('card');
    expect(geometry.cards[hit!.index]!.key).toBe('db#0');
    const server = geometry.servers.find((s) => s.hostId === 'h2')!;
    // The server's header strip holds no card.
    const onServer = hitTest(scene, server.x + 4, server.y + 4);
    expect(onServer).toEqual({ kind: 'server', index: geometry.servers.indexOf(server) });
    expect(hitTest(scene, geometry.bounds.x - 50, geometry.bounds.y - 50)).toBeNull();
  });

  it('box-selects the nodes whose cards lie wholly inside the rectangle', () => {
    const server = geometry.servers.find((s) => s.hostId === 'h2')!;
    const inside = nodesInRect(scene, { x: server.x - 1, y: server.y - 1, width: server.width + 2, height: server.height + 2 });
    expect(inside.sort()).toEqual(['db', 'jobs', 'orders']);
    const db = cardOf('db#0');
    // Half a card is not enough.
    expect(nodesInRect(scene, { x: db.x, y: db.y, width: db.width / 2, height: db.height })).toEqual([]);
  });
});

describe('drawList (viewport culling)', () => {
  it('keeps everything in view and drops what lies outside', () => {
    const all = drawList(scene, geometry.bounds);
    expect(all.cardCount).toBe(geometry.cards.length);
    expect(all.serverCount).toBe(geometry.servers.length);
    expect(all.routeCount).toBe(geometry.edges.length);
    const db = cardOf('db#0');
    const one = drawList(scene, { x: db.x + 1, y: db.y + 1, width: 2, height: 2 });
    expect([...one.cards.slice(0, one.cardCount)].map((i) => geometry.cards[i]!.key)).toContain('db#0');
    expect(one.cardCount).toBeLessThan(geometry.cards.length);
    expect(drawList(scene, { x: geometry.bounds.x - 1000, y: geometry.bounds.y - 1000, width: 10, height: 10 }).cardCount).toBe(0);
  });

  it('turns a viewport transform into the canvas rectangle it shows', () => {
    expect(viewRect([100, -50, 0.5], 800, 600)).toEqual({ x: -200, y: 100, width: 1600, height: 1200 });
  });
});

describe('live state and emphasis', () => {
  it('gives an instance card its own instance state, down with its server, and a whole-node card the node state', () => {
    const nodes: Record<string, LiveNode> = {
      orders: { status: 'busy', utilization: 0.8, instancesUp: [true, false], instanceStatus: ['overloaded', 'down'] },
      users: { status: 'healthy', utilization: 0.1, instancesUp: [], instanceStatus: [] },
      gw: { status: 'healthy', utilization: 0.2, instancesUp: [true], instanceStatus: ['healthy'] },
    };
    const status = new Uint8Array(geometry.cards.length);
    const utilization = new Float32Array(geometry.cards.length);
    cardStates(scene, nodes, ['h1'], status, utilization);
    const at = (key: string) => status[geometry.cards.findIndex((c) => c.key === key)];
    expect(at('orders#1')).toBe(STATUS.down); // its instance is down
    expect(at('orders#0')).toBe(STATUS.down); // its server h1 is down
    expect(at('gw#0')).toBe(STATUS.down);
    expect(at(geometry.cards.find((c) => c.nodeId === 'users')!.key)).toBe(STATUS.healthy);
    expect(at('db#0')).toBe(STATUS.none); // no live state
    cardStates(scene, nodes, [], status, utilization);
    expect(at('orders#0')).toBe(STATUS.overloaded);
    expect(utilization[geometry.cards.findIndex((c) => c.key === 'orders#0')]).toBeCloseTo(0.8, 5);
  });

  it('flags selection, highlight and dimming as the DOM does', () => {
    const flags = sceneFlags(scene, { ...NO_EMPHASIS, selectedNodes: new Set(['db']), selectedHost: 'h1', highlightNodes: new Set(['orders', 'db']), hostsDown: ['h2'] });
    const card = (key: string) => flags.cards[geometry.cards.findIndex((c) => c.key === key)]!;
    expect(card('db#0') & (FLAG_SELECTED | FLAG_HIGHLIGHTED)).toBe(FLAG_SELECTED | FLAG_HIGHLIGHTED);
    expect(card('jobs#0') & FLAG_DIMMED).toBe(FLAG_DIMMED);
    expect(card('orders#1') & FLAG_DIMMED).toBe(0);
    const server = (host: string) => flags.servers[scene.serverHosts.indexOf(host)]!;
    expect(server('h1') & FLAG_SELECTED).toBe(FLAG_SELECTED);
    expect(server('h2') & FLAG_DOWN).toBe(FLAG_DOWN);
    const route = (id: string) => flags.routes[scene.routeCall.indexOf(id)]!;
    expect(route('e3') & FLAG_HIGHLIGHTED).toBe(FLAG_HIGHLIGHTED); // orders → db, both highlighted
    expect(route('e4') & FLAG_DIMMED).toBe(FLAG_DIMMED);
    expect(sceneFlags(scene, NO_EMPHASIS).cards.every((f) => f === 0)).toBe(true);
  });
});

/** A 2D context that counts what is drawn. */
function recorder() {
  const counts = { rect: 0, fill: 0, stroke: 0, lineTo: 0 };
  const target: Record<string, unknown> = {};
  const context = new Proxy(target, {
    get(_, name: string) {
      if (name in counts) return () => (counts[name as keyof typeof counts] += 1);
      return target[name] ?? (() => undefined);
    },
    set(_, name: string, value) {
      target[name] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { context, counts };
}

const PALETTE: Palette = {
  card: '#fff',
  border: '#eee',
  borderStrong: '#ccc',
  canvas: '#fafafa',
  call: '#666',
  accent: '#22f',
  highlight: '#fa0',
  muted: '#777',
  ok: '#0a0',
  busy: '#a60',
  bad: '#b00',
  kinds: Array.from({ length: 8 }, () => '#123'),
  host: () => '#345',
  hostSlots: 10,
};

function paintAll(nodes: number) {
  const doc = generateDesign(nodes, nodes * 1.5, 3, { hostCount: Math.ceil(nodes / 5) });
  const g = geometryOf(doc, 'deployment');
  const s = buildScene(g, doc);
  const { context, counts } = recorder();
  const list = drawList(s, g.bounds);
  paint(context, s, PALETTE, { ratio: 1, transform: [0, 0, 0.3], list, flags: sceneFlags(s, NO_EMPHASIS), status: new Uint8Array(g.cards.length), utilization: new Float32Array(g.cards.length) });
  return { counts, cards: g.cards.length, servers: g.servers.length };
}

describe('paint', () => {
  it('draws every card and server, batched: the number of fills and strokes does not grow with the design', () => {
    const small = paintAll(40);
    const large = paintAll(160);
    expect(large.cards).toBeGreaterThan(small.cards * 3);
    // Each card is a box, a kind stripe and an outline; each server a fill, a tint and an outline.
    expect(small.counts.rect).toBeGreaterThanOrEqual(small.cards * 3 + small.servers * 2);
    expect(large.counts.rect).toBeGreaterThanOrEqual(large.cards * 3 + large.servers * 2);
    expect(large.counts.fill + large.counts.stroke).toBeLessThanOrEqual(small.counts.fill + small.counts.stroke + 12);
    expect(large.counts.fill + large.counts.stroke).toBeLessThan(60);
  });
});
