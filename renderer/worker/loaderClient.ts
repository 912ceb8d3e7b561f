/**
 * The page's side of the loader worker: each file gets a worker of its own, which answers with
 * progress and one outcome and is then terminated. Where there is no Worker (unit tests), the
 * loader runs inline. A worker that dies or cannot start rejects with a message, never silently.
 */
import { importDesign, loadDesign, type ImportOutcome, type LoadInput, type OpenOutcome } from './documentLoader';

export type LoaderRequest = { readonly kind: 'open'; readonly input: LoadInput } | { readonly kind: 'import'; readonly input: LoadInput };
export type LoaderResponse =
  | { readonly type: 'progress'; readonly percent: number }
  | { readonly type: 'done'; readonly outcome: OpenOutcome | ImportOutcome }
  | { readonly type: 'failed'; readonly message: string };

/** The part of a Worker the loader uses. */
export interface LoaderWorkerLike {
  postMessage(message: LoaderRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<LoaderResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The real module worker, or null where the platform has none. */
function createLoaderWorker(): LoaderWorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./document.worker.ts', import.meta.url), { type: 'module', name: 'loader' }) as unknown as LoaderWorkerLike;
}

export interface DocumentLoader {
  open(input: LoadInput, onProgress?: (percent: number) => void): Promise<OpenOutcome>;
  import(input: LoadInput, onProgress?: (percent: number) => void): Promise<ImportOutcome>;
}

export function createDocumentLoader(factory: () => LoaderWorkerLike | null = createLoaderWorker): DocumentLoader {
  const run = <T>(request: LoaderRequest, inline: () => T, onProgress: (percent: number) => void): Promise<T> => {
    const worker = factory();
    if (!worker) return Promise.resolve().then(inline);
    return new Promise<T>((resolve, reject) => {
      const finish = () => {
        worker.onmessage = null;
        worker.onerror = null;
        worker.terminate();
      };
      worker.onmessage = (event) => {
        const message = event.data;
        if (message.type === 'progress') return onProgress(message.percent);
        finish();
        if (message.type === 'done') resolve(message.outcome as T);
        else reject(new Error(message.message));
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        finish();
        reject(new Error(event.message || 'the file reader stopped (out of memory?)'));
      };
      // Bytes move to the worker instead of being copied.
      const bytes = request.input.bytes;
      worker.postMessage(request, bytes ? [bytes.buffer as ArrayBuffer] : []);
    });
  };
  return {
    open: (input, onProgress = () => undefined) => run({ kind: 'open', input }, () => loadDesign(input, onProgress), onProgress),
    import: (input, onProgress = () => undefined) => run({ kind: 'import', input }, () => importDesign(input, onProgress), onProgress),
  };
}
