/**
 * The simulation Web Worker (a module worker): wires `createWorkerHandler` to the worker scope.
 * The UI never blocks on the engine; see client.ts for the typed side the app uses.
 */
import type { WorkerRequest, WorkerResponse } from '../../shared/simulation';
import { createWorkerHandler } from './handler';

/** The worker's global scope, typed narrowly (the DOM lib types `self` as a Window). */
const scope = self as unknown as {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

const handle = createWorkerHandler({
  post: (message) => scope.postMessage(message),
  now: () => performance.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

scope.addEventListener('message', (event) => handle(event.data));
