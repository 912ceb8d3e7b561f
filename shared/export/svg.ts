/**
 * The SVG export: a true vector drawing of the document's diagram geometry (SPEC §6, the same
 * layout as the canvas) — zones and regions, one box per server with its instance cards, free
 * cards, orthogonal calls with arrowheads and labels, a title and a legend — and the document itself in `<metadata>`, so the picture reopens as a design.
 *
 * Only plain SVG 1.1 features are used (rect, path, circle, text, marker; presentation attributes,
 * no CSS, no `foreignObject`, no web fonts), which Chromium, GitHub, Inkscape and resvg render
 * alike.
 */
import { serializeDocument, type TopologyDocument } from '../document';
import type { Classification } from '../classification/types';
import { deploymentGeometry, logicalGeometry, type LayoutDirection, type ViewMode } from '../layout';
import { svgMetadata } from './embed';
import { legend } from './legend';
import { FONT_FAMILY, THEMES, type Theme } from './style';
import { geometrySvg, MARKERS } from './svgGeometry';
import { escapeXml, num, plural, textWidth } from './text';

export interface SvgOptions {
  /** Colours: `light` (default) or `dark`. */
  readonly theme?: Theme;
  /** Embed the `.topo` text in `<metadata>` (default true). */
  readonly embed?: boolean;
  /** When given, its summary is the subtitle ("Microservices · Distributed · Cluster"). */
  readonly classification?: Classification;
  /** The view drawn: `deployment` (default, servers as boxes) or `logical` (one card per node). */
  readonly mode?: ViewMode;
  /** Direction of the layout for boxes without a saved position (default RIGHT). */
  readonly direction?: LayoutDirection;
  /** Widest band before a long chain wraps, in px. */
  readonly wrapWidth?: number;
}

const MARGIN = 32;
const TITLE_SIZE = 20;
const HEADER_HEIGHT = 64;
const LEGEND_GAP = 28;
const MIN_WIDTH = 560;

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
  const geometryOptions = { ...(options.direction ? { direction: options.direction } : {}), ...(options.wrapWidth ? { wrapWidth: options.wrapWidth } : {}) };
  const geometry = options.mode === 'logical' ? logicalGeometry(doc, geometryOptions) : deploymentGeometry(doc, geometryOptions);
  const content = geometry.bounds;

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
  parts.push(geometrySvg(doc, geometry, theme) + '\n');
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

