/**
 * The node card of the diagrams: its size and where its parts go. Layout needs the size before
 * drawing (a card grows a row when its instance chips wrap), so the geometry lives here, apart
 * from the SVG strings.
 *
 * ```
 * ┌──────────────────────────────┐
 * │ [icon] Orders service    ×2  │   name 13 px bold, replica badge
 * │        Service · orders      │   kind label 11 px
 * │ (● orders-1) (● orders-2)    │   one chip per instance, tinted by host
 * └──────────────────────────────┘
 * ```
 */
import { KIND_LABELS, resolveNode, type TopologyDocument, type TopologyNode } from '../document';
import { fitText, textWidth } from './text';
import { maxOf } from './extent';

/** Card width in px; template columns are 280 px apart, which leaves 80 px for edges. */
export const CARD_WIDTH = 200;
export const CARD_PADDING = 12;
export const ICON_TILE = 32;
export const NAME_SIZE = 13;
export const KIND_SIZE = 11;
export const CHIP_SIZE = 10;
export const CHIP_HEIGHT = 18;
const CHIP_GAP = 6;
const CHIP_ROW_GAP = 4;
const CHIPS_TOP = 54;
/** Beyond this many rows the remaining instances collapse into one "+N" chip. */
const MAX_CHIP_ROWS = 2;
const MAX_CHIP_TEXT = 110;

/** Where a document's hosts are: index (for the tint) and display name, by id. */
export type HostIndex = ReadonlyMap<string, { readonly index: number; readonly name: string }>;

export function indexHosts(doc: TopologyDocument): HostIndex {
  return new Map(doc.hosts.map((host, index) => [host.id, { index, name: host.name.trim() === '' ? host.id : host.name }]));
}

export interface Chip {
  /** Relative to the card's top-left corner, in px. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly label: string;
  /** `host`: an instance on a host (tinted by `hostIndex`); `unplaced`: on no host; `note`: neutral text. */
  readonly tone: 'host' | 'unplaced' | 'note';
  readonly hostIndex?: number;
  /** Full text for tooltips when `label` was shortened. */
  readonly title: string;
}

export interface Card {
  readonly width: number;
  readonly height: number;
  /** The node's name as it fits, and in full. */
  readonly name: string;
  readonly fullName: string;
  readonly kindLabel: string;
  /** Instances when ≥ 2 (a replica group, drawn stacked with a "×N" badge), else 1. */
  readonly replicas: number;
  readonly badge: string | null;
  readonly chips: readonly Chip[];
}

function chipWidth(label: string): number {
  // Dot at 8 px, text from 15 px, 7 px on the right.
  return Math.ceil(15 + textWidth(label, CHIP_SIZE) + 7);
}

type ChipContent = Omit<Chip, 'x' | 'y' | 'width'>;

/** Flows chips left to right, wrapping; `null` when they need more than `MAX_CHIP_ROWS` rows. */
function flow(contents: readonly ChipContent[]): Chip[] | null {
  const chips: Chip[] = [];
  const right = CARD_WIDTH - CARD_PADDING;
  let x = CARD_PADDING;
  let row = 0;
  for (const content of contents) {
    const width = chipWidth(content.label);
    if (x + width > right && x > CARD_PADDING) {
      row++;
      x = CARD_PADDING;
    }
    if (row >= MAX_CHIP_ROWS) return null;
    chips.push({ ...content, x, y: CHIPS_TOP + row * (CHIP_HEIGHT + CHIP_ROW_GAP), width });
    x += width + CHIP_GAP;
  }
  return chips;
}

/** All chips when they fit in the rows allowed, else as many as fit followed by a "+N" chip. */
function flowChips(contents: readonly ChipContent[]): Chip[] {
  // Only the first few can ever fit; do not flow hundreds of instances.
  const head = contents.slice(0, 16);
  if (head.length === contents.length) {
    const all = flow(head);
    if (all) return all;
  }
  for (let kept = head.length - 1; kept >= 0; kept--) {
    const count = contents.length - kept;
    const more: ChipContent = { label: `+${count}`, tone: 'note', title: `${count} more instance${count === 1 ? '' : 's'}` };
    const placed = flow([...head.slice(0, kept), more]);
    if (placed) return placed;
  }
  return [];
}

/** "Service · orders, payments" or "Service · web layer". */
function kindLine(node: TopologyNode): string {
  const label = KIND_LABELS[node.kind];
  if (node.capabilities && node.capabilities.length > 0) return `${label} · ${node.capabilities.join(', ')}`;
  if (node.layer) return `${label} · ${node.layer} layer`;
  return label;
}

/** The geometry of one node's card. */
export function cardLayout(node: TopologyNode, hosts: HostIndex): Card {
  const resolved = resolveNode(node);
  const replicas = resolved.instances.length >= 2 ? resolved.instances.length : 1;
  const badge = replicas >= 2 ? `×${replicas}` : null;
  const textLeft = CARD_PADDING + ICON_TILE + 10;
  const fullName = node.name.trim() === '' ? node.id : node.name;
  // The "×N" badge sits on the card's top-right corner, so it takes no room from the name.
  const name = fitText(fullName, CARD_WIDTH - textLeft - CARD_PADDING, NAME_SIZE, true);
  const kindLabel = fitText(kindLine(node), CARD_WIDTH - textLeft - CARD_PADDING, KIND_SIZE);

  const wanted: Omit<Chip, 'x' | 'y' | 'width'>[] =
    node.kind === 'client'
      ? [{ label: `${resolved.rate} req/s`, tone: 'note', title: `sends ${resolved.rate} requests per second` }]
      : resolved.instances.map((instance) => {
          const host = instance.host === undefined ? undefined : hosts.get(instance.host);
          if (!host) return { label: 'unplaced', tone: 'unplaced' as const, title: 'instance on no server' };
          return { label: host.name, tone: 'host' as const, hostIndex: host.index, title: host.name };
        });

  const chips = flowChips(
    wanted.map((chip) => ({ ...chip, label: fitText(chip.label, MAX_CHIP_TEXT, CHIP_SIZE) })),
  );
  const rows = chips.length === 0 ? 0 : maxOf(chips.map((c) => (c.y - CHIPS_TOP) / (CHIP_HEIGHT + CHIP_ROW_GAP))) + 1;
  const height = rows === 0 ? CHIPS_TOP + 4 : CHIPS_TOP + rows * CHIP_HEIGHT + (rows - 1) * CHIP_ROW_GAP + CARD_PADDING;
  return { width: CARD_WIDTH, height, name, fullName, kindLabel, replicas, badge, chips };
}
