/**
 * Ghost cards of a comparison: nodes the open design no longer has, drawn where they were in the
 * design it is compared with — in the deployment view inside their old server when that server
 * still exists, else on the open canvas. They cannot be selected, dragged or connected (there is
 * nothing left to edit); the card view marks them removed.
 */
import type { TopologyDocument } from '../../shared/document';
import type { DiagramGeometry } from '../../shared/layout/types';
import { hostViews, serverNodeId, type TopologyFlowNode } from './toFlow';

/** The flow node id of a ghost card (never a card key of the open design). */
export function ghostNodeId(cardKey: string): string {
  return `ghost:${cardKey}`;
}

/** Flow nodes for the removed nodes' cards in `oldGeometry`, placed against `currentGeometry`'s servers. */
export function ghostNodes(baseline: TopologyDocument, removed: readonly string[], oldGeometry: DiagramGeometry, currentGeometry: DiagramGeometry): TopologyFlowNode[] {
  if (removed.length === 0) return [];
  const gone = new Set(removed);
  const nodes = new Map(baseline.nodes.map((n) => [n.id, n]));
  const hosts = hostViews(baseline.hosts);
  const oldServers = new Map(oldGeometry.servers.map((s) => [s.hostId, s]));
  const currentServers = new Set(currentGeometry.servers.map((s) => s.hostId));
  const out: TopologyFlowNode[] = [];
  for (const card of oldGeometry.cards) {
    const node = nodes.get(card.nodeId);
    if (!node || !gone.has(card.nodeId)) continue;
    const oldServer = card.hostId !== null ? oldServers.get(card.hostId) : undefined;
    const inServer = oldServer !== undefined && currentServers.has(oldServer.hostId);
    out.push({
      id: ghostNodeId(card.key),
      type: 'topology',
      position: inServer ? { x: card.x - oldServer.x, y: card.y - oldServer.y } : { x: card.x, y: card.y },
      width: card.width,
      height: card.height,
      data: { node, card, hosts, highlighted: false, dimmed: false, group: null },
      selectable: false,
      draggable: false,
      connectable: false,
      deletable: false,
      focusable: false,
      zIndex: 3,
      style: { pointerEvents: 'none' },
      ariaLabel: `Removed: ${node.name}`,
      ...(inServer ? { parentId: serverNodeId(oldServer.hostId) } : {}),
    });
  }
  return out;
}
