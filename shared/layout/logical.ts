/**
 * The logical view: one card per node (the service graph), no servers. Saved positions
 * (`view.positions`) are honoured; nodes without one get the layered layout below the saved
 * drawing; overlapping cards are shifted apart.
 */
import { resolveNode, type TopologyDocument } from '../document';
import { layeredPositions } from '../export/layout';
import { CARD_WIDTH, cardHeight, wrapName } from './cards';
import { boundsOf, routeEdges, type GeometryOptions } from './deployment';
import { separate, type Movable } from './place';
import { displayName } from './servers';
import type { CardBox, DiagramGeometry } from './types';

const APPENDED_GAP = 120;
const SEPARATION = 24;

/** The logical geometry of `doc`. */
export function logicalGeometry(doc: TopologyDocument, options: GeometryOptions = {}): DiagramGeometry {
  const saved = doc.view?.positions ?? {};
  const has = (id: string) => Object.prototype.hasOwnProperty.call(saved, id);
  const missing = doc.nodes.filter((node) => !has(node.id));
  const drafts = doc.nodes.map((node) => {
    const nameLines = wrapName(displayName(node.name, node.id));
    return { node, nameLines, box: { x: 0, y: 0, width: CARD_WIDTH, height: cardHeight(nameLines.length) } as Movable };
  });
  let left = Infinity;
  let bottom = -Infinity;
  for (const draft of drafts) {
    if (!has(draft.node.id)) continue;
    const p = saved[draft.node.id]!;
    draft.box.x = p.x;
    draft.box.y = p.y;
    left = Math.min(left, p.x);
    bottom = Math.max(bottom, p.y + draft.box.height);
  }
  if (missing.length > 0) {
    let placed = layeredPositions({ ...doc, nodes: missing });
    if (options.direction === 'DOWN') {
      placed = Object.fromEntries(Object.entries(placed).map(([id, p]) => [id, { x: (p.y / 170) * 260, y: (p.x / 280) * 150 }]));
    }
    const dx = Number.isFinite(left) ? left : 0;
    const dy = Number.isFinite(bottom) ? bottom + APPENDED_GAP : 0;
    for (const draft of drafts) {
      const p = placed[draft.node.id];
      if (!p || has(draft.node.id)) continue;
      draft.box.x = p.x + dx;
      draft.box.y = p.y + dy;
    }
  }
  separate(drafts.map((d) => d.box), SEPARATION);
  const cards: CardBox[] = drafts.map(({ node, nameLines, box }) => ({
    key: node.id,
    nodeId: node.id,
    instance: null,
    hostId: null,
    nameLines,
    replicas: Math.max(1, resolveNode(node).instances.length),
    collapsed: 0,
    x: box.x,
    y: box.y,
    width: box.width,
    height: box.height,
  }));
  const edges = options.routes === false ? [] : routeEdges(doc, cards, cards.map((card) => [card]));
  return { mode: 'logical', domains: [], servers: [], cards, edges, bounds: boundsOf([], [], cards, edges, doc) };
}
