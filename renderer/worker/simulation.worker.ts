/**
 * The simulation Web Worker (a module worker): serves the local SimulationService to the page.
 * The UI never blocks on the engine; see client.ts for the side the app uses.
 */
// First: zod must be configured before any schema is built (see the module).
import './zodJitless';
import type { WorkerRequest, WorkerResponse } from '../../shared/simulation';
import { serveSimulation } from './handler';
import { createLocalSimulationService } from './localService';

/** The worker's global scope, typed narrowly (the DOM lib types `self` as a Window). */
const scope = self as unknown as {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

const service = createLocalSimulationService({
  now: () => performance.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});
const handle = serveSimulation(service, (message) => scope.postMessage(message));

scope.addEventListener('message', (event) => handle(event.data));
