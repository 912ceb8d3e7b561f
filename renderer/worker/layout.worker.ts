/**
 * The layout worker: the routed geometry of a large design, off the main thread. The canvas shows
 * the boxes (servers, cards) at once and the calls when this answers (see canvas/useGeometry.ts).
 * The same pure layout as on the main thread and in every export, so the routes are the same.
 */
import { deploymentGeometry } from '../../shared/layout/deployment';
import { logicalGeometry } from '../../shared/layout/logical';
import type { LayoutRequest, LayoutResponse } from './layoutClient';

const scope = self as unknown as { onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null; postMessage(message: LayoutResponse): void };

scope.onmessage = (event) => {
  const { id, document, mode } = event.data;
  try {
    const geometry = mode === 'deployment' ? deploymentGeometry(document, {}) : logicalGeometry(document, {});
    scope.postMessage({ id, geometry });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
