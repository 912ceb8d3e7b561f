/**
 * What each server holds and how big its box is: the instance cards of every node placed on it,
 * in call-depth order (then document order), on a grid with room for routes between the cards.
 */
import { resolveNode, type TopologyDocument } from '../document';
import { fitText, textWidth } from '../export/text';
import {
  CARD_GAP_X,
  CARD_GAP_Y,
  CARD_WIDTH,
  cardHeight,
  SERVER_HEADER,
  SERVER_PADDING,
  wrapName,
} from './cards';
import type { LayoutDirection } from './types';

/** More instance cards than this of one node in one server collapse into the last one ("+N"). */
export const MAX_INSTANCE_CARDS = 4;

/** A card before it has a place: relative to its server's top-left corner when it is in one. */
export interface CardDraft {
  readonly key: string;
  readonly nodeId: string;
  readonly nodeIndex: number;
  readonly instance: number | null;
  readonly hostId: string | null;
  readonly nameLines: readonly string[];
  readonly replicas: number;
  readonly collapsed: number;
  readonly width: number;
  readonly height: number;
  x: number;
  y: number;
}

export interface ServerDraft {
  readonly hostId: string;
  readonly name: string;
  readonly index: number;
  readonly zone?: string;
  readonly region?: string;
  readonly width: number;
  readonly height: number;
  readonly cards: CardDraft[];
  /** Smallest call depth of what runs here (the layering key); Infinity when empty. */
  readonly depth: number;
  /** Document index of the first node here (the tie-break). */
  readonly order: number;
}

export interface Contents {
  readonly servers: ServerDraft[];
  /** Clients and nodes (or the instances of a node) on no server, on the open canvas. */
  readonly free: CardDraft[];
}

/** Display name of a node or host: its name, or its id when the name is blank. */
export function displayName(name: string, id: string): string {
  return name.trim() === '' ? id : name;
}

/** Server name as the box header shows it. */
export function serverHeader(name: string, width: number): string {
  return fitText(name, width - 2 * SERVER_PADDING - 12, 12, true);
}

/** Sorts every node's instances into its servers' boxes and the open canvas. */
export function serverContents(doc: TopologyDocument, depth: Int32Array, direction: LayoutDirection): Contents {
  const hostIndex = new Map<string, number>();
  doc.hosts.forEach((host, i) => hostIndex.set(host.id, i));
  const perHost: { nodeIndex: number; instances: number[] }[][] = doc.hosts.map(() => []);
  const free: CardDraft[] = [];
  doc.nodes.forEach((node, nodeIndex) => {
    const nameLines = wrapName(displayName(node.name, node.id));
    const height = cardHeight(nameLines.length);
    const instances = resolveNode(node).instances;
    const replicas = Math.max(1, instances.length);
    const base = { nodeId: node.id, nodeIndex, nameLines, replicas, width: CARD_WIDTH, height, x: 0, y: 0 };
    let unplaced = node.kind === 'client' || instances.length === 0;
    const byHost = new Map<number, number[]>();
    instances.forEach((instance, i) => {
      const h = instance.host === undefined ? undefined : hostIndex.get(instance.host);
      if (h === undefined) {
        unplaced = true;
        return;
      }
      const list = byHost.get(h);
      if (list) list.push(i);
      else byHost.set(h, [i]);
    });
    if (unplaced) free.push({ ...base, key: node.id, instance: null, hostId: null, collapsed: 0 });
    for (const [h, list] of byHost) perHost[h]!.push({ nodeIndex, instances: list });
  });
  const servers = doc.hosts.map((host, index): ServerDraft => {
    const entries = perHost[index]!.sort((a, b) => depth[a.nodeIndex]! - depth[b.nodeIndex]! || a.nodeIndex - b.nodeIndex);
    const cards: CardDraft[] = [];
    for (const entry of entries) {
      const node = doc.nodes[entry.nodeIndex]!;
      const nameLines = wrapName(displayName(node.name, node.id));
      const shown = entry.instances.length > MAX_INSTANCE_CARDS ? entry.instances.slice(0, MAX_INSTANCE_CARDS) : entry.instances;
      const replicas = Math.max(1, resolveNode(node).instances.length);
      shown.forEach((instance, k) => {
        const collapsed = entry.instances.length > MAX_INSTANCE_CARDS && k === MAX_INSTANCE_CARDS - 1 ? entry.instances.length - (MAX_INSTANCE_CARDS - 1) : 0;
        cards.push({
          key: `${node.id}#${instance}`,
          nodeId: node.id,
          nodeIndex: entry.nodeIndex,
          instance,
          hostId: host.id,
          nameLines,
          replicas,
          collapsed,
          width: CARD_WIDTH,
          height: cardHeight(nameLines.length),
          x: 0,
          y: 0,
        });
      });
    }
    const name = displayName(host.name, host.id);
    const size = arrangeGrid(cards, direction);
    const headerWidth = textWidth(name, 12, true) + 2 * SERVER_PADDING + 12;
    const width = Math.max(size.width + 2 * SERVER_PADDING, Math.min(headerWidth, CARD_WIDTH * 2), CARD_WIDTH + 2 * SERVER_PADDING);
    // Centre the grid when the header made the box wider.
    const shift = (width - size.width) / 2;
    for (const card of cards) card.x += shift;
    const height = SERVER_HEADER + Math.max(size.height, 24) + SERVER_PADDING;
    let minDepth = Infinity;
    for (const entry of entries) minDepth = Math.min(minDepth, depth[entry.nodeIndex]!);
    return {
      hostId: host.id,
      name,
      index,
      ...(host.zone !== undefined && host.zone !== '' ? { zone: host.zone } : {}),
      ...(host.region !== undefined && host.region !== '' ? { region: host.region } : {}),
      width,
      height,
      cards,
      depth: minDepth,
      order: entries.length > 0 ? entries[0]!.nodeIndex : doc.nodes.length + index,
    };
  });
  return { servers, free };
}

/**
 * Puts cards on a grid (relative x from 0, y from the header): up to three in one line along the
 * direction, else a near-square grid. Returns the grid's size.
 */
function arrangeGrid(cards: CardDraft[], direction: LayoutDirection): { width: number; height: number } {
  const n = cards.length;
  if (n === 0) return { width: 0, height: 0 };
  const square = Math.ceil(Math.sqrt(n));
  const columns = direction === 'DOWN' ? (n <= 3 ? 1 : square) : n <= 3 ? n : square;
  const rows = Math.ceil(n / columns);
  const rowHeights = new Array<number>(rows).fill(0);
  cards.forEach((card, i) => {
    const row = Math.floor(i / columns);
    rowHeights[row] = Math.max(rowHeights[row]!, card.height);
  });
  let y = SERVER_HEADER;
  const rowTop: number[] = [];
  for (let r = 0; r < rows; r++) {
    rowTop.push(y);
    y += rowHeights[r]! + CARD_GAP_Y;
  }
  cards.forEach((card, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    card.x = column * (CARD_WIDTH + CARD_GAP_X);
    card.y = rowTop[row]! + (rowHeights[row]! - card.height) / 2;
  });
  return { width: columns * CARD_WIDTH + (columns - 1) * CARD_GAP_X, height: y - CARD_GAP_Y - SERVER_HEADER };
}
