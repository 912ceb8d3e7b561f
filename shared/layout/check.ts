/**
 * The rules every picture keeps (SPEC §6), checked on a geometry: each server exactly one box,
 * servers and free cards never overlap, every instance card inside its server, no route through a
 * card that is not one of its ends, no label under a card, no name cut when two lines would do.
 * Used by the tests of the layout, of every export and of the canvas.
 */
import type { TopologyDocument } from '../document';
import { edgeLabel } from '../export/edges';
import { wrapName } from './cards';
import { labelBox } from './route';
import { overlaps, SpatialIndex } from './spatial';
import type { Box, DiagramGeometry } from './types';

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 1e-6 && inner.y >= outer.y - 1e-6 && inner.x + inner.width <= outer.x + outer.width + 1e-6 && inner.y + inner.height <= outer.y + outer.height + 1e-6;
}

/** Every broken rule, one line each ("route e1 (a → b#0) crosses card c"); empty when all hold. */
export function geometryProblems(doc: TopologyDocument, geometry: DiagramGeometry): string[] {
  const problems: string[] = [];
  const serverCount = new Map<string, number>();
  for (const server of geometry.servers) serverCount.set(server.hostId, (serverCount.get(server.hostId) ?? 0) + 1);
  if (geometry.mode === 'deployment') {
    for (const host of doc.hosts) {
      const count = serverCount.get(host.id) ?? 0;
      if (count !== 1) problems.push(`server ${host.id} is drawn as ${count} boxes`);
    }
  }
  const byHost = new Map(geometry.servers.map((s) => [s.hostId, s]));
  // Top-level boxes: servers and free cards must not overlap each other.
  const top: { name: string; box: Box }[] = [
    ...geometry.servers.map((s) => ({ name: `server ${s.hostId}`, box: s as Box })),
    ...geometry.cards.filter((c) => c.hostId === null).map((c) => ({ name: `card ${c.key}`, box: c as Box })),
  ];
  const topIndex = new SpatialIndex(top.map((t) => t.box));
  top.forEach((item, i) => {
    for (const j of topIndex.intersecting(item.box.x, item.box.y, item.box.width, item.box.height)) {
      if (j > i) problems.push(`${item.name} overlaps ${top[j]!.name}`);
    }
  });
  for (const card of geometry.cards) {
    if (card.hostId === null) continue;
    const server = byHost.get(card.hostId);
    if (!server || !inside(card, server)) problems.push(`card ${card.key} is not inside server ${card.hostId}`);
  }
  // Domain boxes must not overlap servers that are not theirs.
  for (const domain of geometry.domains) {
    for (const server of geometry.servers) {
      const member = domain.kind === 'zone' ? server.zone === domain.name && (server.region ?? undefined) === domain.region : server.region === domain.name;
      if (!member && overlaps(domain, server) && !inside(server, domain)) problems.push(`${domain.kind} ${domain.name} overlaps server ${server.hostId}`);
      if (member && !inside(server, domain)) problems.push(`server ${server.hostId} sticks out of ${domain.kind} ${domain.name}`);
    }
  }
  const cardIndex = new SpatialIndex(geometry.cards);
  const keys = geometry.cards.map((c) => c.key);
  for (const edge of geometry.edges) {
    for (let i = 1; i < edge.points.length; i++) {
      const a = edge.points[i - 1]!;
      const b = edge.points[i]!;
      if (a.x !== b.x && a.y !== b.y) problems.push(`route ${edge.edgeId} (${edge.fromKey} → ${edge.toKey}) has a slanted segment`);
      const hits = cardIndex.intersecting(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(a.x - b.x), Math.abs(a.y - b.y));
      for (const hit of hits) {
        const key = keys[hit]!;
        if (key !== edge.fromKey && key !== edge.toKey) problems.push(`route ${edge.edgeId} (${edge.fromKey} → ${edge.toKey}) crosses card ${key}`);
      }
    }
    const docEdge = doc.edges.find((e) => e.id === edge.edgeId);
    const lines = docEdge ? edgeLabel(docEdge) : [];
    if (lines.length > 0) {
      const box = labelBox(lines, edge.label);
      for (const hit of cardIndex.intersecting(box.x, box.y, box.width, box.height)) problems.push(`label of ${edge.edgeId} lies under card ${keys[hit]}`);
    }
  }
  const names = new Map(doc.nodes.map((n) => [n.id, n.name.trim() === '' ? n.id : n.name]));
  for (const card of geometry.cards) {
    const lines = card.nameLines;
    const full = (names.get(card.nodeId) ?? '').trim().replace(/\s+/g, ' ');
    if (lines.length > 2) problems.push(`card ${card.key} name takes ${lines.length} lines`);
    if (lines.join(' ') !== full && lines.join('') !== full && !lines[lines.length - 1]!.endsWith('…')) problems.push(`card ${card.key} name "${lines.join(' ')}" is not "${full}"`);
    if (lines[lines.length - 1]!.endsWith('…') && lines.length < 2 && wrapName(full).length === 2) problems.push(`card ${card.key} name cut on one line`);
  }
  return problems;
}
