/**
 * What a drag on the canvas means, decided from the geometry (pure, tested): a card dropped into a
 * server box is placed there; dropped on the open canvas it is unplaced and keeps its spot; a
 * server dropped into another zone's box joins that zone; in the logical view a drop is a move.
 */
import { idTable, type Position } from '../../shared/document';
import type { Box, CardBox, DiagramGeometry, DomainBox, ServerBox } from '../../shared/layout/types';
import type { CanvasDrop, CardMove, ServerMove } from '../store/placementActions';

/** One dragged thing at the end of the drag: a card (by key) or a server (by host id). */
export type Dragged =
  | { readonly kind: 'card'; readonly key: string; readonly position: Position }
  | { readonly kind: 'server'; readonly hostId: string; readonly position: Position };

function contains(box: Box, point: Position): boolean {
  return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

/** The server box under a point (the smallest, should boxes ever nest), or null for open canvas. */
export function serverAt(geometry: DiagramGeometry, point: Position, except: ReadonlySet<string> = new Set()): ServerBox | null {
  let best: ServerBox | null = null;
  for (const server of geometry.servers) {
    if (except.has(server.hostId) || !contains(server, point)) continue;
    if (!best || server.width * server.height < best.width * best.height) best = server;
  }
  return best;
}

/** The zone box under a point, or null. */
export function zoneAt(geometry: DiagramGeometry, point: Position): DomainBox | null {
  let best: DomainBox | null = null;
  for (const domain of geometry.domains) {
    if (domain.kind !== 'zone' || !contains(domain, point)) continue;
    if (!best || domain.width * domain.height < best.width * best.height) best = domain;
  }
  return best;
}

const round = (p: Position): Position => ({ x: Math.round(p.x), y: Math.round(p.y) });

/**
 * Turns the end of a drag into one drop. `pointer` (flow coordinates) decides where the card under
 * the pointer lands; other dragged cards land where their centre is. Positions are absolute
 * top-left corners. Cards that stay in their server change nothing (the layout arranges them).
 */
export function planDrop(geometry: DiagramGeometry, dragged: readonly Dragged[], pointer: Position, primaryKey: string | null, clients: ReadonlySet<string>): CanvasDrop {
  const cardsByKey = new Map<string, CardBox>(geometry.cards.map((c) => [c.key, c]));
  const serverIds = new Set(dragged.flatMap((d) => (d.kind === 'server' ? [d.hostId] : [])));
  const servers: ServerMove[] = [];
  const cards: CardMove[] = [];
  // By node id, and `__proto__` is one: a table without a prototype.
  const logical = idTable<Position>();
  for (const item of dragged) {
    if (item.kind === 'server') {
      const box = geometry.servers.find((s) => s.hostId === item.hostId);
      if (!box) continue;
      const centre = { x: item.position.x + box.width / 2, y: item.position.y + box.height / 2 };
      const zone = zoneAt(geometry, item.hostId === primaryKey ? pointer : centre);
      servers.push({
        hostId: item.hostId,
        position: round(item.position),
        ...(zone && zone.name !== box.zone ? { zone: { name: zone.name, ...(zone.region !== undefined ? { region: zone.region } : {}) } } : {}),
      });
      continue;
    }
    const card = cardsByKey.get(item.key);
    if (!card) continue;
    if (geometry.mode === 'logical') {
      logical[card.nodeId] = round(item.position);
      continue;
    }
    // A card moving along with its dragged server stays where it is.
    if (card.hostId !== null && serverIds.has(card.hostId)) continue;
    const point = item.key === primaryKey ? pointer : { x: item.position.x + card.width / 2, y: item.position.y + card.height / 2 };
    const server = clients.has(card.nodeId) ? null : serverAt(geometry, point, serverIds);
    if (server) {
      if (server.hostId !== card.hostId) cards.push({ nodeId: card.nodeId, instance: card.instance, target: { hostId: server.hostId } });
    } else {
      cards.push({ nodeId: card.nodeId, instance: card.hostId !== null ? card.instance : null, target: { hostId: null, position: round(item.position) } });
    }
  }
  return {
    ...(cards.length > 0 ? { cards } : {}),
    ...(servers.length > 0 ? { servers } : {}),
    ...(Object.keys(logical).length > 0 ? { logical } : {}),
  };
}
