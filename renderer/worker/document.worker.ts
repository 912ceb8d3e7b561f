/**
 * The loader worker: decodes, parses and validates a design file, or imports compose/Kubernetes
 * YAML, off the page's thread, so that a 20,000-node file leaves the UI responsive while it loads.
 * One worker per file (loaderClient.ts): its memory goes when the file is read.
 */
// First: zod must be configured before any schema is built (see the module).
import './zodJitless';
import { importDesign, loadDesign } from './documentLoader';
import type { LoaderRequest, LoaderResponse } from './loaderClient';

const scope = self as unknown as {
  postMessage(message: LoaderResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LoaderRequest>) => void): void;
};

scope.addEventListener('message', (event) => {
  const request = event.data;
  const progress = (percent: number) => scope.postMessage({ type: 'progress', percent });
  try {
    const outcome = request.kind === 'open' ? loadDesign(request.input, progress) : importDesign(request.input, progress);
    scope.postMessage({ type: 'done', outcome });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
