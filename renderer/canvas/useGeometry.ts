/**
 * The diagram geometry of the open document in the chosen view, from the one layout that also
 * draws every export (SPEC §6: the exported picture is the canvas). Recomputed only when the
 * document or the view changes.
 */
import { useMemo } from 'react';
import type { TopologyDocument } from '../../shared/document';
import type { DiagramGeometry, ViewMode } from '../../shared/layout/types';
import { deploymentGeometry, logicalGeometry } from '../../shared/layout';

/** The geometry of `document` in `mode` (pure; memoized on its inputs). */
export function geometryOf(document: TopologyDocument, mode: ViewMode): DiagramGeometry {
  return mode === 'deployment' ? deploymentGeometry(document, {}) : logicalGeometry(document, {});
}

export function useGeometry(document: TopologyDocument, mode: ViewMode): DiagramGeometry {
  return useMemo(() => geometryOf(document, mode), [document, mode]);
}
