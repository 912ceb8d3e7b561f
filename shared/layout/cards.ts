/**
 * Card and server box measurements shared by the layout and everything that draws it. Card width
 * is fixed; a card is one text line taller when its name needs two lines.
 *
 * ```
 * ┌──────────────────────────────┐
 * │ [icon] Public API             │   name 13 px bold, wrapped onto at most two lines
 * │        Gateway                │
 * │        Gateway · edge         │   kind line 11 px
 * └──────────────────────────────┘
 * ```
 */
import { fitText, textWidth } from '../export/text';

export const CARD_WIDTH = 200;
export const CARD_PADDING = 12;
export const ICON_TILE = 32;
export const NAME_SIZE = 13;
export const NAME_LINE = 16;
export const KIND_SIZE = 11;
/** Where the name's text starts, from the card's left edge. */
export const TEXT_LEFT = CARD_PADDING + ICON_TILE + 10;
/** Room for a name line: the card minus the icon and the paddings. */
export const NAME_WIDTH = CARD_WIDTH - TEXT_LEFT - CARD_PADDING;
/** Baseline of the first name line, from the card's top. */
export const NAME_BASELINE = 26;

/** Card height for a name on `lines` lines (1 or 2). */
export function cardHeight(lines: number): number {
  return lines >= 2 ? 72 : 56;
}

/** Baseline of the kind line, from the card's top. */
export function kindBaseline(lines: number): number {
  return NAME_BASELINE + (lines >= 2 ? NAME_LINE : 0) + 15;
}

/** Server box: header with the server's name, padding around the grid of cards, gaps for routes. */
export const SERVER_HEADER = 32;
export const SERVER_PADDING = 16;
/** Gaps between instance cards inside a server, wide enough for a route to run between them. */
export const CARD_GAP_X = 44;
export const CARD_GAP_Y = 36;
/** Region and zone boxes: padding around their servers, the top leaves room for the name. */
export const DOMAIN_PADDING = { side: 16, top: 32, bottom: 16 } as const;

/**
 * A name on at most two lines of `maxWidth` px: broken between words (inside a word only when the
 * word alone is too long), the second line ending in "…" only when even two lines are too few.
 */
export function wrapName(name: string, maxWidth = NAME_WIDTH, fontSize = NAME_SIZE, bold = true): string[] {
  const text = name.trim().replace(/\s+/g, ' ');
  if (textWidth(text, fontSize, bold) <= maxWidth) return [text];
  const words = text.split(' ');
  let first = '';
  let used = 0;
  for (const word of words) {
    const candidate = first === '' ? word : `${first} ${word}`;
    if (textWidth(candidate, fontSize, bold) > maxWidth) break;
    first = candidate;
    used++;
  }
  if (used === 0) {
    // The first word alone is too long: cut it where the line is full and carry on.
    const chars = Array.from(text);
    let length = 1;
    while (length < chars.length && textWidth(chars.slice(0, length + 1).join(''), fontSize, bold) <= maxWidth) length++;
    first = chars.slice(0, length).join('');
    const rest = chars.slice(length).join('').trimStart();
    return [first, fitText(rest, maxWidth, fontSize, bold)];
  }
  const rest = words.slice(used).join(' ');
  return [first, fitText(rest, maxWidth, fontSize, bold)];
}
