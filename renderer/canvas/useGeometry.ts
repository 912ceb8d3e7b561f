/**
 * The diagram geometry of the open document in the chosen view, from the one layout that also
 * draws every export (SPEC §6: the exported picture is the canvas). Recomputed only when the
 * document or the view changes.
 *
 * A large design (more than PROGRESSIVE_ABOVE nodes and hosts) shows its boxes first: routing its
 * calls is three quarters of the layout's time (~0.5 s at 1,000 nodes), so the calls are routed in
 * the layout worker and appear when it answers. Until then the calls whose two cards have not moved
 * keep their previous routes (an edit does not make every line blink).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TopologyDocument } from '../../shared/document';
import type { DiagramGeometry, ViewMode } from '../../shared/layout/types';
import { deploymentGeometry, logicalGeometry } from '../../shared/layout';
import { routedGeometry } from '../worker/layoutClient';

/** Past this many nodes plus hosts, the boxes are drawn before the calls are routed. */
export const PROGRESSIVE_ABOVE = 300;

/** The geometry of `document` in `mode` (pure; memoized on its inputs). */
export function geometryOf(document: TopologyDocument, mode: ViewMode, options: { routes?: boolean } = {}): DiagramGeometry {
  return mode === 'deployment' ? deploymentGeometry(document, options) : logicalGeometry(document, options);
}

/**
 * `boxes` (a geometry without routes) with the routes of `previous` whose call still exists and
 * whose two cards are where they were.
 */
export function carryRoutes(boxes: DiagramGeometry, previous: DiagramGeometry | null, document: TopologyDocument): DiagramGeometry {
  if (!previous || previous.mode !== boxes.mode || previous.edges.length === 0) return boxes;
  const now = new Map(boxes.cards.map((c) => [c.key, c]));
  const before = new Map(previous.cards.map((c) => [c.key, c]));
  const calls = new Map(document.edges.map((e) => [e.id, e]));
  const stayed = (key: string) => {
    const a = now.get(key);
    const b = before.get(key);
    return a !== undefined && b !== undefined && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
  };
  const edges = previous.edges.filter((route) => calls.has(route.edgeId) && stayed(route.fromKey) && stayed(route.toKey));
  return edges.length === 0 ? boxes : { ...boxes, edges };
}

export function useGeometry(document: TopologyDocument, mode: ViewMode): DiagramGeometry {
  const progressive = document.nodes.length + document.hosts.length > PROGRESSIVE_ABOVE;
  const shown = useRef<DiagramGeometry | null>(null);
  const [routed, setRouted] = useState<{ document: TopologyDocument; mode: ViewMode; geometry: DiagramGeometry } | null>(null);
  const immediate = useMemo(
    () => (progressive ? carryRoutes(geometryOf(document, mode, { routes: false }), shown.current, document) : geometryOf(document, mode)),
    [progressive, document, mode],
  );
  useEffect(() => {
    if (!progressive) return;
    let current = true;
    void routedGeometry(document, mode).then((geometry) => {
      if (current) setRouted({ document, mode, geometry });
    });
    return () => {
      current = false;
    };
  }, [progressive, document, mode]);
  const geometry = progressive && routed && routed.document === document && routed.mode === mode ? routed.geometry : immediate;
  shown.current = geometry;
  return geometry;
}
