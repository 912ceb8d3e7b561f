/**
 * SVG markup of one node card (and of the icon tile the legend reuses). Presentation attributes
 * only — no CSS, no `foreignObject` — so GitHub, Inkscape, Office and resvg draw it alike.
 */
import type { TopologyNode } from '../document';
import { CARD_PADDING, CHIP_HEIGHT, CHIP_SIZE, ICON_TILE, KIND_SIZE, NAME_SIZE } from './card';
import type { NodeBox } from './layout';
import { hostColor, KIND_STYLE, THEMES, type Theme } from './style';
import { escapeXml, num, textWidth } from './text';

/** Offset of each card stacked behind a replica group, in px (two are drawn). */
export const STACK_OFFSET = 5;
const CARD_RADIUS = 10;

/** A rounded tile in the kind's hue with its icon in white, `size` px square, at (x, y). */
export function iconTile(kind: TopologyNode['kind'], x: number, y: number, size: number, theme: Theme): string {
  const style = KIND_STYLE[kind];
  const inset = size * 0.18;
  const scale = (size - 2 * inset) / 24;
  return (
    `<rect x="${num(x)}" y="${num(y)}" width="${num(size)}" height="${num(size)}" rx="${num(size / 4)}" fill="${style.hue}"/>` +
    `<path d="${style.icon}" transform="translate(${num(x + inset)} ${num(y + inset)}) scale(${Math.round(scale * 1000) / 1000})" fill="none" stroke="${THEMES[theme].iconInk}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`
  );
}

/** Attributes of a text element: position, size, weight and colour. */
function text(x: number, y: number, size: number, fill: string, content: string, extra = ''): string {
  return `<text x="${num(x)}" y="${num(y)}" font-size="${size}" fill="${fill}"${extra}>${escapeXml(content)}</text>`;
}

/** The card of one node, its stack when it is a replica group, and a tooltip with its full name. */
export function cardSvg(node: TopologyNode, box: NodeBox, theme: Theme): string {
  const colors = THEMES[theme];
  const card = box.card;
  const parts: string[] = [];
  parts.push(`<g data-node="${escapeXml(node.id)}">`);
  parts.push(`<title>${escapeXml(`${card.fullName} (${card.kindLabel}${card.replicas > 1 ? `, ${card.replicas} instances` : ''})`)}</title>`);
  if (card.replicas > 1) {
    for (const depth of [2, 1]) {
      const offset = depth * STACK_OFFSET;
      parts.push(
        `<rect x="${num(box.x + offset)}" y="${num(box.y + offset)}" width="${box.width}" height="${num(box.height)}" rx="${CARD_RADIUS}" fill="${colors.stack}" stroke="${colors.cardBorder}" stroke-width="1"/>`,
      );
    }
  }
  parts.push(
    `<rect x="${num(box.x)}" y="${num(box.y)}" width="${box.width}" height="${num(box.height)}" rx="${CARD_RADIUS}" fill="${colors.card}" stroke="${colors.cardBorder}" stroke-width="1"/>`,
  );
  parts.push(iconTile(node.kind, box.x + CARD_PADDING, box.y + CARD_PADDING, ICON_TILE, theme));
  const textLeft = box.x + CARD_PADDING + ICON_TILE + 10;
  parts.push(text(textLeft, box.y + 26, NAME_SIZE, colors.text, card.name, ' font-weight="700"'));
  parts.push(text(textLeft, box.y + 41, KIND_SIZE, colors.muted, card.kindLabel));
  if (card.badge) {
    // A pill straddling the top-right corner, like a count badge.
    const width = textWidth(card.badge, 11, true) + 14;
    const x = box.x + box.width - width + 6;
    const y = box.y - 9;
    parts.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="18" rx="9" fill="${KIND_STYLE[node.kind].hue}" stroke="${colors.background}" stroke-width="2"/>`);
    parts.push(text(x + width / 2, y + 13, 11, '#ffffff', card.badge, ' font-weight="700" text-anchor="middle"'));
  }
  for (const chip of card.chips) {
    const x = box.x + chip.x;
    const y = box.y + chip.y;
    const host = chip.tone === 'host' ? hostColor(chip.hostIndex ?? 0, theme) : null;
    const stroke = host ? host.hue : colors.cardBorder;
    const dash = chip.tone === 'unplaced' ? ' stroke-dasharray="3 2"' : '';
    parts.push(`<g><title>${escapeXml(chip.title)}</title>`);
    parts.push(
      `<rect x="${num(x)}" y="${num(y)}" width="${num(chip.width)}" height="${CHIP_HEIGHT}" rx="${CHIP_HEIGHT / 2}" fill="${colors.chip}" stroke="${stroke}" stroke-width="1"${dash}/>`,
    );
    const baseline = y + CHIP_HEIGHT / 2 + CHIP_SIZE * 0.35;
    if (chip.tone === 'note') {
      parts.push(text(x + chip.width / 2, baseline, CHIP_SIZE, colors.muted, chip.label, ' text-anchor="middle"'));
    } else {
      const dot = host
        ? `fill="${host.hue}"`
        : `fill="none" stroke="${colors.unplaced}" stroke-width="1.2"`;
      parts.push(`<circle cx="${num(x + 8)}" cy="${num(y + CHIP_HEIGHT / 2)}" r="3.5" ${dot}/>`);
      parts.push(text(x + 15, baseline, CHIP_SIZE, host ? host.text : colors.unplaced, chip.label));
    }
    parts.push('</g>');
  }
  parts.push('</g>');
  return parts.join('');
}
