/**
 * Routing a large design's calls off the main thread: `routedGeometry` posts the document to the
 * layout worker and resolves with its geometry. Where no worker can start (tests, a failed load)
 * it computes the geometry here, after the current frame.
 */
import type { TopologyDocument } from '../../shared/document';
import type { DiagramGeometry, ViewMode } from '../../shared/layout/types';
import { deploymentGeometry } from '../../shared/layout/deployment';
import { logicalGeometry } from '../../shared/layout/logical';

export interface LayoutRequest {
  readonly id: number;
  readonly document: TopologyDocument;
  readonly mode: ViewMode;
}

export type LayoutResponse = { readonly id: number; readonly geometry: DiagramGeometry } | { readonly id: number; readonly error: string };

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve(geometry: DiagramGeometry): void; reject(error: Error): void }>();

function layoutWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = typeof Worker === 'function' ? new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' }) : null;
  } catch {
    worker = null;
  }
  if (worker) {
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const call = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (!call) return;
      if ('geometry' in event.data) call.resolve(event.data.geometry);
      else call.reject(new Error(event.data.error));
    };
    worker.onerror = () => {
      // A worker that cannot run: answer what is waiting here, and every later call too.
      worker?.terminate();
      worker = null;
      for (const call of waiting.values()) call.reject(new Error('layout worker failed'));
      waiting.clear();
    };
  }
  return worker;
}

function here(document: TopologyDocument, mode: ViewMode): DiagramGeometry {
  return mode === 'deployment' ? deploymentGeometry(document, {}) : logicalGeometry(document, {});
}

/** The full (routed) geometry of `document` in `mode`, from the worker when there is one. */
export function routedGeometry(document: TopologyDocument, mode: ViewMode): Promise<DiagramGeometry> {
  const target = layoutWorker();
  if (!target) return new Promise((resolve) => setTimeout(() => resolve(here(document, mode)), 0));
  const id = nextId++;
  return new Promise<DiagramGeometry>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    target.postMessage({ id, document, mode } satisfies LayoutRequest);
  }).catch(() => here(document, mode));
}
