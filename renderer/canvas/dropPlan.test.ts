import { describe, expect, it } from 'vitest';
import type { CardBox, DiagramGeometry, ServerBox } from '../../shared/layout/types';
import { planDrop, serverAt, zoneAt } from './dropPlan';

function card(key: string, nodeId: string, instance: number | null, hostId: string | null, x: number, y: number): CardBox {
  return { key, nodeId, instance, hostId, x, y, width: 200, height: 60, nameLines: [nodeId], replicas: 1, collapsed: 0 };
}
function server(hostId: string, x: number, y: number, zone?: string): ServerBox {
  return { hostId, name: hostId, index: 0, x, y, width: 240, height: 200, ...(zone ? { zone } : {}) };
}

const geometry: DiagramGeometry = {
  mode: 'deployment',
  domains: [
    { kind: 'zone', name: 'rack-a', x: -20, y: -40, width: 300, height: 260 },
    { kind: 'zone', name: 'rack-b', x: 380, y: -40, width: 300, height: 260, region: 'eu' },
  ],
  servers: [server('h1', 0, 0, 'rack-a'), server('h2', 400, 0, 'rack-b')],
  cards: [card('orders#0', 'orders', 0, 'h1', 20, 40), card('orders#1', 'orders', 1, 'h2', 420, 40), card('users', 'users', null, null, -400, 0), card('jobs', 'jobs', null, null, -400, 200)],
  edges: [],
  bounds: { x: -400, y: -40, width: 1080, height: 300 },
};
const clients = new Set(['users']);

describe('hit tests', () => {
  it('finds the server and the zone under a point, or none', () => {
    expect(serverAt(geometry, { x: 450, y: 100 })?.hostId).toBe('h2');
    expect(serverAt(geometry, { x: 300, y: 100 })).toBeNull();
    expect(serverAt(geometry, { x: 450, y: 100 }, new Set(['h2']))).toBeNull();
    expect(zoneAt(geometry, { x: 390, y: -30 })?.name).toBe('rack-b');
  });
});

describe('planDrop', () => {
  it('an instance card dropped into another server is placed there (the pointer decides)', () => {
    const drop = planDrop(geometry, [{ kind: 'card', key: 'orders#0', position: { x: 300, y: 40 } }], { x: 450, y: 120 }, 'orders#0', clients);
    expect(drop).toEqual({ cards: [{ nodeId: 'orders', instance: 0, target: { hostId: 'h2' } }] });
  });

  it('dropped in its own server it changes nothing; dropped on the open canvas it is unplaced there', () => {
    expect(planDrop(geometry, [{ kind: 'card', key: 'orders#0', position: { x: 30, y: 90 } }], { x: 100, y: 120 }, 'orders#0', clients)).toEqual({});
    const out = planDrop(geometry, [{ kind: 'card', key: 'orders#1', position: { x: 300.4, y: 400.6 } }], { x: 320, y: 420 }, 'orders#1', clients);
    expect(out).toEqual({ cards: [{ nodeId: 'orders', instance: 1, target: { hostId: null, position: { x: 300, y: 401 } } }] });
  });

  it('a free card dropped on a server places the whole node; a client only moves', () => {
    expect(planDrop(geometry, [{ kind: 'card', key: 'jobs', position: { x: 0, y: 0 } }], { x: 100, y: 100 }, 'jobs', clients)).toEqual({
      cards: [{ nodeId: 'jobs', instance: null, target: { hostId: 'h1' } }],
    });
    expect(planDrop(geometry, [{ kind: 'card', key: 'users', position: { x: 10, y: 10 } }], { x: 100, y: 100 }, 'users', clients)).toEqual({
      cards: [{ nodeId: 'users', instance: null, target: { hostId: null, position: { x: 10, y: 10 } } }],
    });
  });

  it('a server dropped into another zone joins it (with its region); its own cards ride along unchanged', () => {
    const drop = planDrop(
      geometry,
      [
        { kind: 'server', hostId: 'h1', position: { x: 420, y: 10 } },
        { kind: 'card', key: 'orders#0', position: { x: 20, y: 40 } },
      ],
      { x: 500, y: 20 },
      'h1',
      clients,
    );
    expect(drop).toEqual({ servers: [{ hostId: 'h1', position: { x: 420, y: 10 }, zone: { name: 'rack-b', region: 'eu' } }] });
    const stay = planDrop(geometry, [{ kind: 'server', hostId: 'h1', position: { x: 5, y: 5 } }], { x: 50, y: 20 }, 'h1', clients);
    expect(stay).toEqual({ servers: [{ hostId: 'h1', position: { x: 5, y: 5 } }] });
  });

  it('in the logical view a drop is a move of the node card', () => {
    const logical: DiagramGeometry = { ...geometry, mode: 'logical', servers: [], domains: [], cards: [card('orders', 'orders', null, null, 0, 0)] };
    expect(planDrop(logical, [{ kind: 'card', key: 'orders', position: { x: 80, y: 60 } }], { x: 0, y: 0 }, 'orders', clients)).toEqual({ logical: { orders: { x: 80, y: 60 } } });
  });
});
