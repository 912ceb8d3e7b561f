/**
 * SVG markup of a diagram geometry (`shared/layout`): region and zone boxes, one box per server,
 * the calls as orthogonal polylines with their labels, then the cards on top. It draws exactly
 * the geometry's boxes, so the exported picture is the canvas.
 */
import { KIND_LABELS, resolveEdge, resolveNode, type TopologyDocument, type TopologyNode } from '../document';
import {
  CARD_PADDING,
  ICON_TILE,
  KIND_SIZE,
  kindBaseline,
  labelBox,
  LABEL_LINE,
  LABEL_SIZE,
  NAME_BASELINE,
  NAME_LINE,
  NAME_SIZE,
  SERVER_PADDING,
  TEXT_LEFT,
  type CardBox,
  type DiagramGeometry,
  type DomainBox,
  type EdgeRoute,
  type ServerBox,
} from '../layout';
import { edgeLabel } from './edges';
import { hostColor, KIND_STYLE, THEMES, type Theme } from './style';
import { iconTile } from './svgCard';
import { escapeXml, fitText, num, textWidth } from './text';

export const MARKERS = { arrow: 'td-arrow', optional: 'td-optional' } as const;

function kindLine(node: TopologyNode): string {
  const label = KIND_LABELS[node.kind];
  if (node.kind === 'client') return `${label} · ${resolveNode(node).rate} req/s`;
  if (node.capabilities && node.capabilities.length > 0) return `${label} · ${node.capabilities.join(', ')}`;
  if (node.layer) return `${label} · ${node.layer} layer`;
  return label;
}

function domainSvg(domain: DomainBox, theme: Theme): string {
  const colors = THEMES[theme];
  const label = `${domain.kind === 'zone' ? 'Zone' : 'Region'} ${domain.name}`;
  const attribute = domain.kind === 'zone' ? 'data-zone' : 'data-region';
  return (
    `<g ${attribute}="${escapeXml(domain.name)}"><title>${escapeXml(label)}</title>` +
    `<rect x="${num(domain.x)}" y="${num(domain.y)}" width="${num(domain.width)}" height="${num(domain.height)}" rx="16" fill="none" stroke="${colors.muted}" stroke-width="1.2" stroke-dasharray="${domain.kind === 'zone' ? '6 4' : '10 4'}"/>` +
    `<text x="${num(domain.x + 14)}" y="${num(domain.y + 20)}" font-size="11" font-weight="700" fill="${colors.muted}">${escapeXml(fitText(label, domain.width - 28, 11, true))}</text></g>`
  );
}

function serverSvg(server: ServerBox, theme: Theme): string {
  const tint = hostColor(server.index, theme);
  const { x, y, width, height } = server;
  return (
    `<g data-host="${escapeXml(server.hostId)}"><title>${escapeXml(`Server ${server.name}`)}</title>` +
    `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" rx="12" fill="${tint.fill}" fill-opacity="${tint.fillOpacity}" stroke="${tint.hue}" stroke-opacity="0.7" stroke-width="1.2"/>` +
    `<circle cx="${num(x + SERVER_PADDING)}" cy="${num(y + 16)}" r="4" fill="${tint.hue}"/>` +
    `<text x="${num(x + SERVER_PADDING + 10)}" y="${num(y + 20)}" font-size="12" font-weight="700" fill="${tint.text}">${escapeXml(fitText(server.name, width - 2 * SERVER_PADDING - 12, 12, true))}</text></g>`
  );
}

function edgeSvg(route: EdgeRoute, doc: TopologyDocument, kinds: ReadonlyMap<string, TopologyNode['kind']>, theme: Theme): string {
  const colors = THEMES[theme];
  const edge = doc.edges.find((e) => e.id === route.edgeId);
  const resolved = edge ? resolveEdge(edge, kinds.get(edge.to)) : { async: false, optional: false };
  const d = route.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join('');
  const dash = resolved.async ? ' stroke-dasharray="6 4"' : '';
  const start = resolved.optional ? ` marker-start="url(#${MARKERS.optional})"` : '';
  const title = `${edge?.from ?? ''} → ${edge?.to ?? ''}${resolved.async ? ' (asynchronous)' : ''}`;
  return `<g data-edge="${escapeXml(route.edgeId)}" data-from="${escapeXml(route.fromKey)}" data-to="${escapeXml(route.toKey)}"><title>${escapeXml(title)}</title><path d="${d}" fill="none" stroke="${colors.edge}" stroke-width="1.5" stroke-linejoin="round"${dash}${start} marker-end="url(#${MARKERS.arrow})"/></g>`;
}

function labelSvg(route: EdgeRoute, lines: readonly string[], theme: Theme): string {
  if (lines.length === 0) return '';
  const colors = THEMES[theme];
  const box = labelBox(lines, route.label);
  const text = lines
    .map((line, i) => `<text x="${num(route.label.x)}" y="${num(box.y + (i + 1) * LABEL_LINE)}" font-size="${LABEL_SIZE}" text-anchor="middle" fill="${colors.muted}">${escapeXml(line)}</text>`)
    .join('');
  return `<g data-label="${escapeXml(route.edgeId)}"><rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" rx="4" fill="${colors.background}" fill-opacity="0.92" stroke="${colors.cardBorder}" stroke-width="0.75"/>${text}</g>`;
}

function pill(x: number, y: number, label: string, fill: string, theme: Theme): string {
  const width = textWidth(label, 11, true) + 14;
  return (
    `<rect x="${num(x - width)}" y="${num(y)}" width="${num(width)}" height="18" rx="9" fill="${fill}" stroke="${THEMES[theme].background}" stroke-width="2"/>` +
    `<text x="${num(x - width / 2)}" y="${num(y + 13)}" font-size="11" font-weight="700" text-anchor="middle" fill="#ffffff">${escapeXml(label)}</text>`
  );
}

function cardSvg(card: CardBox, node: TopologyNode, serverName: string | null, theme: Theme): string {
  const colors = THEMES[theme];
  const fullName = node.name.trim() === '' ? node.id : node.name;
  const kind = fitText(kindLine(node), card.width - TEXT_LEFT - CARD_PADDING, KIND_SIZE);
  const instance = card.instance !== null ? ` data-instance="${card.instance}"` : '';
  const title = serverName !== null ? `${fullName} on ${serverName}` : `${fullName} (${KIND_LABELS[node.kind]})`;
  const parts = [
    `<g data-node="${escapeXml(node.id)}"${instance}><title>${escapeXml(title + (card.replicas > 1 ? `, ${card.replicas} instances in all` : ''))}</title>`,
    `<rect x="${num(card.x)}" y="${num(card.y)}" width="${num(card.width)}" height="${num(card.height)}" rx="10" fill="${colors.card}" stroke="${card.replicas > 1 ? KIND_STYLE[node.kind].hue : colors.cardBorder}" stroke-width="${card.replicas > 1 ? 1.5 : 1}"${card.hostId === null && node.kind !== 'client' ? ' stroke-dasharray="4 3"' : ''}/>`,
    iconTile(node.kind, card.x + CARD_PADDING, card.y + CARD_PADDING, ICON_TILE, theme),
  ];
  card.nameLines.forEach((line, i) => {
    parts.push(`<text x="${num(card.x + TEXT_LEFT)}" y="${num(card.y + NAME_BASELINE + i * NAME_LINE)}" font-size="${NAME_SIZE}" font-weight="700" fill="${colors.text}">${escapeXml(line)}</text>`);
  });
  parts.push(`<text x="${num(card.x + TEXT_LEFT)}" y="${num(card.y + kindBaseline(card.nameLines.length))}" font-size="${KIND_SIZE}" fill="${colors.muted}">${escapeXml(kind)}</text>`);
  if (card.replicas > 1) parts.push(pill(card.x + card.width + 6, card.y - 9, `×${card.replicas}`, KIND_STYLE[node.kind].hue, theme));
  if (card.collapsed > 0) parts.push(pill(card.x + card.width + 6, card.y + card.height - 9, `+${card.collapsed - 1}`, colors.muted, theme));
  parts.push('</g>');
  return parts.join('');
}

/** The drawing of `geometry`, one element per line (in its own coordinates). */
export function geometrySvg(doc: TopologyDocument, geometry: DiagramGeometry, theme: Theme): string {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  const labels = new Map(doc.edges.map((e) => [e.id, edgeLabel(e)]));
  const serverNames = new Map(geometry.servers.map((s) => [s.hostId, s.name]));
  const parts: string[] = [];
  for (const domain of geometry.domains) parts.push(domainSvg(domain, theme));
  for (const server of geometry.servers) parts.push(serverSvg(server, theme));
  for (const route of geometry.edges) parts.push(edgeSvg(route, doc, kinds, theme));
  // One label per call: on its first route.
  const labelled = new Set<string>();
  for (const route of geometry.edges) {
    if (labelled.has(route.edgeId)) continue;
    labelled.add(route.edgeId);
    const label = labelSvg(route, labels.get(route.edgeId) ?? [], theme);
    if (label) parts.push(label);
  }
  for (const card of geometry.cards) {
    const node = nodes.get(card.nodeId);
    if (node) parts.push(cardSvg(card, node, card.hostId === null ? null : (serverNames.get(card.hostId) ?? null), theme));
  }
  return parts.join('\n');
}
