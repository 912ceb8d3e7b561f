/**
 * The geometry of a diagram: what the canvas and every export draw (SPEC §6, "one layout for every
 * picture"). Pure data in canvas pixels (top-left origin, y down); produced by `shared/layout` from a
 * document and its saved view, consumed by `renderer/canvas` and `shared/export`.
 *
 * Deployment view: regions ⊃ zones ⊃ servers ⊃ instance cards; clients and unplaced nodes are free
 * cards on the open canvas. Logical view: one card per node, no servers.
 */
import type { Position } from '../document';

export type ViewMode = 'deployment' | 'logical';
export type LayoutDirection = 'RIGHT' | 'DOWN';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A region or zone box drawn around its servers (only where hosts name one). */
export interface DomainBox extends Box {
  readonly kind: 'region' | 'zone';
  readonly name: string;
  /** The region a zone lies in, when its hosts name one. */
  readonly region?: string;
}

/** One server (document host): always exactly one box, sized to hold its cards. */
export interface ServerBox extends Box {
  readonly hostId: string;
  readonly name: string;
  /** Colour slot of the host (its index in `document.hosts`). */
  readonly index: number;
  readonly zone?: string;
  readonly region?: string;
}

/**
 * A card: one node (logical view, and free cards in the deployment view) or one instance of a node
 * inside its server (deployment view). Absolute coordinates.
 */
export interface CardBox extends Box {
  /** Unique within the geometry: the node id, or `nodeId#instanceIndex` for an instance card. */
  readonly key: string;
  readonly nodeId: string;
  /** Instance index for instance cards; null for a whole-node card. */
  readonly instance: number | null;
  /** The server the card sits in; null on the open canvas. */
  readonly hostId: string | null;
  /** The node's name wrapped onto at most two lines (the last one ends in "…" when cut). */
  readonly nameLines: readonly string[];
  /** Replica group: how many instances the node has in all (1 for a single instance). */
  readonly replicas: number;
  /**
   * Instance cards of one node beyond the first four in a server collapse into the fourth card,
   * which then stands for `collapsed` instances ("+N"); 0 otherwise.
   */
  readonly collapsed: number;
}

/** A call as drawn: an orthogonal polyline from a caller card to a callee card. */
export interface EdgeRoute {
  readonly edgeId: string;
  /** Card keys at both ends. A call into a replica group has one route per instance card reached. */
  readonly fromKey: string;
  readonly toKey: string;
  /** At least two points: starts on the caller card's border, ends on the callee card's border. */
  readonly points: readonly Position[];
  /** Where the call's label goes (never under a card). */
  readonly label: Position;
}

export interface DiagramGeometry {
  readonly mode: ViewMode;
  readonly domains: readonly DomainBox[];
  readonly servers: readonly ServerBox[];
  readonly cards: readonly CardBox[];
  readonly edges: readonly EdgeRoute[];
  /** The smallest box holding everything (zero-sized at the origin when empty). */
  readonly bounds: Box;
}
