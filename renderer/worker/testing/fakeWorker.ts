/**
 * A simulation worker for tests: its messages are served in process (structured-cloned both ways,
 * as a real Worker would), and wall-clock time and timers move only when the test says so.
 */
import type { SimulationService, WorkerRequest, WorkerResponse } from '../../../shared/simulation';
import type { WorkerLike } from '../client';
import { serveSimulation } from '../handler';
import { createLocalSimulationService, type ServiceHost } from '../localService';

export interface FakeWorker {
  readonly worker: WorkerLike;
  /** Every message the worker posted, in order. */
  readonly posted: WorkerResponse[];
  /** Every message the worker received, in order. */
  readonly received: WorkerRequest[];
  /** The fake wall clock, ms. */
  now(): number;
  /** Moves the wall clock forward by `ms`, running timers as they fall due. */
  advance(ms: number): void;
  pendingTimers(): number;
  /** Resolves once the answers already on their way (promise callbacks) have been posted. */
  flush(): Promise<void>;
  /** Makes the worker fail as a crashed Worker does (its `onerror`). */
  crash(message: string): void;
}

/** `makeService` builds what the worker serves (default: the real local service on the fake clock). */
export function fakeWorker(makeService: (host: ServiceHost) => SimulationService = createLocalSimulationService): FakeWorker {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  const posted: WorkerResponse[] = [];
  const received: WorkerRequest[] = [];
  const host: ServiceHost = {
    now: () => now,
    setTimer: (callback, delayMs) => {
      const id = nextId++;
      timers.push({ at: now + delayMs, callback, id });
      return id;
    },
    clearTimer: (id) => (timers = timers.filter((t) => t.id !== id)),
  };
  const worker: WorkerLike = {
    postMessage: (message) => {
      received.push(message);
      handle(structuredClone(message));
    },
    onmessage: null,
    onerror: null,
    terminate: () => (timers = []),
  };
  const handle = serveSimulation(makeService(host), (message) => {
    posted.push(message);
    worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<WorkerResponse>);
  });
  return {
    worker,
    posted,
    received,
    now: () => now,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = Math.max(now, next.at);
        next.callback();
      }
      now = end;
    },
    pendingTimers: () => timers.length,
    flush: () => new Promise((resolve) => setTimeout(resolve, 0)),
    crash: (message) => worker.onerror?.({ message } as ErrorEvent),
  };
}
