/**
 * The legend under an exported diagram: the kinds it uses, its servers with their tints, and the
 * kinds of call. Items flow left to right and wrap at the diagram's width.
 */
import { KIND_LABELS, NODE_KINDS, resolveDocument, type TopologyDocument } from '../document';
import { hostColor, THEMES, type Theme } from './style';
import { iconTile } from './svgCard';
import { escapeXml, fitText, num, textWidth } from './text';

const ROW_HEIGHT = 24;
const CAPTION_WIDTH = 64;
const ITEM_GAP = 18;
const LABEL_SIZE = 11;

interface Item {
  readonly width: number;
  /** Markup drawn with its left edge at x and its row's vertical centre at y. */
  draw(x: number, y: number): string;
}

interface Group {
  readonly caption: string;
  readonly items: readonly Item[];
}

export interface Legend {
  readonly height: number;
  draw(x: number, y: number): string;
}

function label(x: number, y: number, content: string, fill: string): string {
  return `<text x="${num(x)}" y="${num(y + LABEL_SIZE * 0.35)}" font-size="${LABEL_SIZE}" fill="${fill}">${escapeXml(content)}</text>`;
}

function groups(doc: TopologyDocument, theme: Theme, edgeMarkers: { arrow: string; optional: string }): Group[] {
  const colors = THEMES[theme];
  const used = new Set(doc.nodes.map((n) => n.kind));
  const kinds: Item[] = NODE_KINDS.filter((kind) => used.has(kind)).map((kind) => ({
    width: 22 + textWidth(KIND_LABELS[kind], LABEL_SIZE),
    draw: (x, y) => iconTile(kind, x, y - 8, 16, theme) + label(x + 22, y, KIND_LABELS[kind], colors.text),
  }));
  const hosts: Item[] = doc.hosts.map((host, index) => {
    const name = fitText(host.name.trim() === '' ? host.id : host.name, 160, LABEL_SIZE);
    const tint = hostColor(index, theme);
    return {
      width: 16 + textWidth(name, LABEL_SIZE),
      draw: (x, y) =>
        `<rect x="${num(x)}" y="${num(y - 5)}" width="10" height="10" rx="3" fill="${tint.hue}"/>` + label(x + 16, y, name, colors.text),
    };
  });
  const line = (dash: string, start: string) => (x: number, y: number) =>
    `<path d="M${num(x + 2)} ${num(y)}h26" stroke="${colors.edge}" stroke-width="1.5" fill="none"${dash}${start} marker-end="url(#${edgeMarkers.arrow})"/>`;
  const calls: Item[] = [
    { width: 34 + textWidth('synchronous call', LABEL_SIZE), draw: (x, y) => line('', '')(x, y) + label(x + 34, y, 'synchronous call', colors.text) },
    {
      width: 34 + textWidth('asynchronous (queue)', LABEL_SIZE),
      draw: (x, y) => line(' stroke-dasharray="6 4"', '')(x, y) + label(x + 34, y, 'asynchronous (queue)', colors.text),
    },
    {
      width: 34 + textWidth('optional (may fail)', LABEL_SIZE),
      draw: (x, y) => line('', ` marker-start="url(#${edgeMarkers.optional})"`)(x, y) + label(x + 34, y, 'optional (may fail)', colors.text),
    },
  ];
  // Show only the kinds of call the diagram draws.
  const resolved = resolveDocument(doc).edges;
  const shown = [true, resolved.some((e) => e.async), resolved.some((e) => e.optional)];
  const out: Group[] = [];
  if (kinds.length > 0) out.push({ caption: 'Kinds', items: kinds });
  if (hosts.length > 0) out.push({ caption: 'Servers', items: hosts });
  if (doc.edges.length > 0) out.push({ caption: 'Calls', items: calls.filter((_, i) => shown[i]) });
  return out;
}

/** Lays out the legend for a diagram `width` px wide. */
export function legend(doc: TopologyDocument, theme: Theme, width: number, edgeMarkers: { arrow: string; optional: string }): Legend {
  const colors = THEMES[theme];
  const placed: { group: number; row: number; x: number; item: Item }[] = [];
  const captions: { row: number; caption: string }[] = [];
  let row = 0;
  groups(doc, theme, edgeMarkers).forEach((group, g) => {
    captions.push({ row, caption: group.caption });
    let x = CAPTION_WIDTH;
    for (const item of group.items) {
      if (x + item.width > width && x > CAPTION_WIDTH) {
        row++;
        x = CAPTION_WIDTH;
      }
      placed.push({ group: g, row, x, item });
      x += item.width + ITEM_GAP;
    }
    row++;
  });
  const height = row * ROW_HEIGHT;
  return {
    height,
    draw(left, top) {
      const parts = captions.map(({ row: r, caption }) =>
        `<text x="${num(left)}" y="${num(top + r * ROW_HEIGHT + ROW_HEIGHT / 2 + LABEL_SIZE * 0.35)}" font-size="${LABEL_SIZE}" font-weight="700" fill="${colors.muted}">${escapeXml(caption)}</text>`,
      );
      for (const p of placed) parts.push(p.item.draw(left + p.x, top + p.row * ROW_HEIGHT + ROW_HEIGHT / 2));
      return `<g data-part="legend">${parts.join('')}</g>`;
    },
  };
}
