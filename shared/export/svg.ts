/**
 * The SVG export: a true vector drawing of the document (SPEC §6) — host regions, node cards with
 * their instance chips, replica groups stacked, curved edges with arrowheads, a title and a
 * legend — and the document itself in `<metadata>`, so the picture reopens as a design.
 *
 * Only plain SVG 1.1 features are used (rect, path, circle, text, marker; presentation attributes,
 * no CSS, no `foreignObject`, no web fonts), which Chromium, GitHub, Inkscape and resvg render
 * alike.
 */
import { serializeDocument, type TopologyDocument } from '../document';
import type { Classification } from '../classification/types';
import { edgeShapes, type EdgeShape } from './edges';
import { svgMetadata } from './embed';
import { diagramLayout, unionBoxes, type Box } from './layout';
import { legend } from './legend';
import { hostRegions, type HostRegion } from './regions';
import { FONT_FAMILY, hostColor, THEMES, type Theme } from './style';
import { cardSvg, STACK_OFFSET } from './svgCard';
import { escapeXml, fitText, num, plural, textWidth } from './text';

export interface SvgOptions {
  /** Colours: `light` (default) or `dark`. */
  readonly theme?: Theme;
  /** Embed the `.topo` text in `<metadata>` (default true). */
  readonly embed?: boolean;
  /** When given, its summary is the subtitle ("Microservices · Distributed · Cluster"). */
  readonly classification?: Classification;
}

const MARGIN = 32;
const TITLE_SIZE = 20;
const HEADER_HEIGHT = 64;
const LEGEND_GAP = 28;
const MIN_WIDTH = 560;
const LABEL_SIZE = 10;
const LABEL_LINE = 12;
const MARKERS = { arrow: 'td-arrow', optional: 'td-optional' } as const;

function labelBox(edge: EdgeShape): Box | null {
  if (edge.label.length === 0) return null;
  const width = Math.max(...edge.label.map((line) => textWidth(line, LABEL_SIZE))) + 10;
  const height = edge.label.length * LABEL_LINE + 6;
  return { x: edge.middle.x - width / 2, y: edge.middle.y - height / 2, width, height };
}

function edgeSvg(edge: EdgeShape, theme: Theme): string {
  const colors = THEMES[theme];
  const d = `M${num(edge.start.x)} ${num(edge.start.y)}C${num(edge.control1.x)} ${num(edge.control1.y)} ${num(edge.control2.x)} ${num(edge.control2.y)} ${num(edge.end.x)} ${num(edge.end.y)}`;
  const dash = edge.async ? ' stroke-dasharray="6 4"' : '';
  const start = edge.optional ? ` marker-start="url(#${MARKERS.optional})"` : '';
  const title = `${edge.from} → ${edge.to}${edge.async ? ' (asynchronous)' : ''}${edge.label.length > 0 ? `: ${edge.label.join(', ')}` : ''}`;
  return `<g data-edge="${escapeXml(edge.id)}"><title>${escapeXml(title)}</title><path d="${d}" fill="none" stroke="${colors.edge}" stroke-width="1.5"${dash}${start} marker-end="url(#${MARKERS.arrow})"/></g>`;
}

function edgeLabelSvg(edge: EdgeShape, theme: Theme): string {
  const box = labelBox(edge);
  if (!box) return '';
  const colors = THEMES[theme];
  const lines = edge.label
    .map((line, i) => `<text x="${num(edge.middle.x)}" y="${num(box.y + 3 + (i + 1) * LABEL_LINE - 3)}" font-size="${LABEL_SIZE}" text-anchor="middle" fill="${colors.muted}">${escapeXml(line)}</text>`)
    .join('');
  return `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" rx="4" fill="${colors.background}" fill-opacity="0.92" stroke="${colors.cardBorder}" stroke-width="0.75"/>${lines}`;
}

function regionSvg(region: HostRegion, theme: Theme): string {
  const tint = hostColor(region.hostIndex, theme);
  const { x, y, width, height } = region.box;
  const label = fitText(region.label, width - 24, 11, true);
  return (
    `<g data-host="${escapeXml(region.hostId)}"><title>${escapeXml(`server ${region.label}`)}</title>` +
    `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" rx="14" fill="${tint.fill}" fill-opacity="${tint.fillOpacity}" stroke="${tint.hue}" stroke-opacity="0.55" stroke-width="1.2"/>` +
    `<circle cx="${num(x + 14)}" cy="${num(y + 15)}" r="4" fill="${tint.hue}"/>` +
    `<text x="${num(x + 24)}" y="${num(y + 19)}" font-size="11" font-weight="700" fill="${tint.text}">${escapeXml(label)}</text></g>`
  );
}

function markers(theme: Theme): string {
  const colors = THEMES[theme];
  return (
    `<defs>` +
    `<marker id="${MARKERS.arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0.5 1L9.5 5L0.5 9Z" fill="${colors.edge}"/></marker>` +
    `<marker id="${MARKERS.optional}" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><circle cx="5" cy="5" r="3.5" fill="${colors.background}" stroke="${colors.edge}" stroke-width="1.5"/></marker>` +
    `</defs>`
  );
}

/** "7 nodes · 11 servers · 6 calls". */
function counts(doc: TopologyDocument): string {
  const parts = [plural(doc.nodes.length, 'node'), plural(doc.hosts.length, 'server')];
  if (doc.edges.length > 0) parts.push(plural(doc.edges.length, 'call'));
  return parts.join(' · ');
}

/** The document as a standalone SVG picture (UTF-8 text, starting with an XML declaration). */
export function exportSvg(doc: TopologyDocument, options: SvgOptions = {}): string {
  const theme = options.theme ?? 'light';
  const colors = THEMES[theme];
  const layout = diagramLayout(doc);
  const regions = hostRegions(doc, layout);
  const edges = edgeShapes(doc, layout);

  // Everything the diagram draws, to size the picture.
  const stacked = layout.nodes.map((n) => (n.card.replicas > 1 ? { ...n, width: n.width + 2 * STACK_OFFSET, height: n.height + 2 * STACK_OFFSET } : n));
  const curves = edges.flatMap((e) => {
    const xs = [e.start.x, e.control1.x, e.control2.x, e.end.x];
    const ys = [e.start.y, e.control1.y, e.control2.y, e.end.y];
    // The curve lies inside the hull of its control points; half of that bulge is a fair bound.
    const left = Math.min(...xs);
    const top = Math.min(...ys);
    return [{ x: left, y: top, width: Math.max(...xs) - left, height: Math.max(...ys) - top }];
  });
  const labels = edges.map(labelBox).filter((b): b is Box => b !== null);
  const content = unionBoxes([...stacked, ...regions.map((r) => r.box), ...labels, ...curves.map((c) => shrink(c, layout.nodes.length > 0 ? stacked : []))]);

  const title = doc.name.trim() === '' ? 'Untitled design' : doc.name;
  const subtitle = [options.classification?.summary, counts(doc)].filter((s): s is string => Boolean(s)).join('  ·  ');
  const innerWidth = Math.max(MIN_WIDTH, content.width, textWidth(title, TITLE_SIZE, true), textWidth(subtitle, 12));
  const key = legend(doc, theme, innerWidth, MARKERS);
  const emptyHeight = doc.nodes.length === 0 ? 80 : 0;
  const width = Math.ceil(innerWidth + 2 * MARGIN);
  const diagramTop = MARGIN + HEADER_HEIGHT;
  const legendTop = diagramTop + content.height + emptyHeight + LEGEND_GAP;
  const height = Math.ceil(legendTop + key.height + MARGIN - (key.height === 0 ? LEGEND_GAP : 0));
  // Shift the drawing so its content starts at the margin, centred when the legend is wider.
  const dx = MARGIN + (innerWidth - content.width) / 2 - content.x;
  const dy = diagramTop - content.y;

  const docText = serializeDocument(doc);
  const parts: string[] = [];
  parts.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="td-title td-desc" font-family="${escapeXml(FONT_FAMILY)}">\n`,
  );
  parts.push(`<title id="td-title">${escapeXml(title)}</title>\n`);
  parts.push(`<desc id="td-desc">${escapeXml(`Topology diagram: ${subtitle}. Made with Topology Designer.`)}</desc>\n`);
  if (options.embed !== false) parts.push(svgMetadata(docText) + '\n');
  parts.push(markers(theme) + '\n');
  parts.push(`<rect width="${width}" height="${height}" fill="${colors.background}"/>\n`);
  parts.push(`<text x="${MARGIN}" y="${MARGIN + TITLE_SIZE}" font-size="${TITLE_SIZE}" font-weight="700" fill="${colors.text}">${escapeXml(title)}</text>\n`);
  parts.push(`<text x="${MARGIN}" y="${MARGIN + TITLE_SIZE + 22}" font-size="12" fill="${colors.muted}">${escapeXml(subtitle)}</text>\n`);
  parts.push(`<g transform="translate(${num(dx)} ${num(dy)})">\n`);
  for (const region of regions) parts.push(regionSvg(region, theme) + '\n');
  for (const edge of edges) parts.push(edgeSvg(edge, theme) + '\n');
  for (const edge of edges) parts.push(edgeLabelSvg(edge, theme));
  parts.push('\n');
  doc.nodes.forEach((node, i) => parts.push(cardSvg(node, layout.nodes[i]!, theme) + '\n'));
  parts.push('</g>\n');
  if (doc.nodes.length === 0) {
    parts.push(`<text x="${num(width / 2)}" y="${num(diagramTop + 44)}" font-size="13" text-anchor="middle" fill="${colors.muted}">This design has no nodes yet.</text>\n`);
  }
  if (key.height > 0) {
    parts.push(`<path d="M${MARGIN} ${num(legendTop - 12)}H${width - MARGIN}" stroke="${colors.cardBorder}" stroke-width="1"/>\n`);
    parts.push(key.draw(MARGIN, legendTop) + '\n');
  }
  parts.push('</svg>\n');
  return parts.join('');
}

/** A curve's hull clipped to what actually bulges beyond the cards (curves mostly stay between them). */
function shrink(hull: Box, cards: readonly Box[]): Box {
  if (cards.length === 0) return hull;
  const around = unionBoxes(cards);
  const left = Math.max(hull.x, around.x - 24);
  const top = Math.max(hull.y, around.y - 24);
  const right = Math.min(hull.x + hull.width, around.x + around.width + 24);
  const bottom = Math.min(hull.y + hull.height, around.y + around.height + 24);
  return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}
