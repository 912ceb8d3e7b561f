// Throwaway stand-in for shared/layout until its first implementation is merged (deleted then).
import type { Position, TopologyDocument } from '../../shared/document';
import type { CardBox, DiagramGeometry, EdgeRoute, ServerBox } from '../../shared/layout/types';

const W = 200;
const H = 64;
const HEADER = 32;
const PAD = 12;

function bounds(boxes: { x: number; y: number; width: number; height: number }[]) {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function routes(doc: TopologyDocument, cards: CardBox[]): EdgeRoute[] {
  const byNode = new Map<string, CardBox[]>();
  for (const c of cards) byNode.set(c.nodeId, [...(byNode.get(c.nodeId) ?? []), c]);
  const out: EdgeRoute[] = [];
  for (const e of doc.edges) {
    const from = byNode.get(e.from)?.[0];
    for (const to of byNode.get(e.to) ?? []) {
      if (!from) continue;
      const a: Position = { x: from.x + from.width, y: from.y + from.height / 2 };
      const b: Position = { x: to.x, y: to.y + to.height / 2 };
      out.push({ edgeId: e.id, fromKey: from.key, toKey: to.key, points: [a, { x: (a.x + b.x) / 2, y: a.y }, { x: (a.x + b.x) / 2, y: b.y }, b], label: { x: (a.x + b.x) / 2, y: Math.min(a.y, b.y) - 10 } });
    }
  }
  return out;
}

export function deploymentGeometry(doc: TopologyDocument, _options: object = {}): DiagramGeometry {
  const saved = (doc.view as { deployment?: { servers?: Record<string, Position>; cards?: Record<string, Position> } } | undefined)?.deployment ?? {};
  const servers: ServerBox[] = [];
  const cards: CardBox[] = [];
  doc.hosts.forEach((host, index) => {
    const p = saved.servers?.[host.id] ?? { x: 300 + (index % 4) * 280, y: Math.floor(index / 4) * 300 };
    const inside: CardBox[] = [];
    for (const node of doc.nodes) {
      (node.instances ?? []).forEach((instance, i) => {
        if (instance.host !== host.id) return;
        inside.push({ key: `${node.id}#${i}`, nodeId: node.id, instance: i, hostId: host.id, nameLines: [node.name], replicas: node.instances!.length, collapsed: 0, x: p.x + PAD, y: p.y + HEADER + inside.length * (H + PAD), width: W, height: H });
      });
    }
    cards.push(...inside);
    servers.push({ hostId: host.id, name: host.name, index, x: p.x, y: p.y, width: W + 2 * PAD, height: HEADER + Math.max(1, inside.length) * (H + PAD) + PAD / 2, ...(host.zone ? { zone: host.zone } : {}) });
  });
  let free = 0;
  for (const node of doc.nodes) {
    const unplaced = node.kind === 'client' || !node.instances || node.instances.some((i) => !i.host);
    if (!unplaced) continue;
    const p = saved.cards?.[node.id] ?? { x: 0, y: free * (H + 40) };
    free += 1;
    cards.push({ key: node.id, nodeId: node.id, instance: null, hostId: null, nameLines: [node.name], replicas: node.instances?.length ?? 1, collapsed: 0, x: p.x, y: p.y, width: W, height: H });
  }
  return { mode: 'deployment', domains: [], servers, cards, edges: routes(doc, cards), bounds: bounds([...servers, ...cards]) };
}

export function logicalGeometry(doc: TopologyDocument, _options: object = {}): DiagramGeometry {
  const cards: CardBox[] = doc.nodes.map((node, index) => {
    const p = doc.view?.positions?.[node.id] ?? { x: (index % 8) * 260, y: Math.floor(index / 8) * 180 };
    return { key: node.id, nodeId: node.id, instance: null, hostId: null, nameLines: [node.name], replicas: node.instances?.length ?? 1, collapsed: 0, x: p.x, y: p.y, width: W, height: 84 };
  });
  return { mode: 'logical', domains: [], servers: [], cards, edges: routes(doc, cards), bounds: bounds(cards) };
}
