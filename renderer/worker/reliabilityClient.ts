/**
 * The page's side of the reliability worker. At most one request is in the worker at a time and at
 * most one waits behind it: a newer request replaces the waiting one, whose promise resolves with
 * null (superseded), and so does the one in the worker when a newer one is waiting. A busy worker
 * therefore never works through a backlog of designs nobody looks at any more.
 */
import type { TopologyDocument } from '../../shared/document';
import type { ReliabilityOptions, ReliabilityRequest, ReliabilityResponse, ReliabilityResult } from './reliabilityProtocol';

export type { ReliabilityOptions, ReliabilityResult } from './reliabilityProtocol';

/** The part of a Worker the client uses: a real Worker, or a fake in tests. */
export interface ReliabilityWorkerLike {
  postMessage(message: ReliabilityRequest): void;
  onmessage: ((event: MessageEvent<ReliabilityResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export function createReliabilityWorker(): ReliabilityWorkerLike {
  return new Worker(new URL('./reliability.worker.ts', import.meta.url), { type: 'module', name: 'reliability' }) as unknown as ReliabilityWorkerLike;
}

export interface ReliabilityClient {
  /** The reports of `document`; null when a newer request superseded this one. */
  analyze(document: TopologyDocument, options: ReliabilityOptions): Promise<ReliabilityResult | null>;
  /** Whether a request is in the worker now. */
  busy(): boolean;
  dispose(): void;
}

interface Call {
  readonly request: ReliabilityRequest;
  resolve(value: ReliabilityResult | null): void;
  reject(error: Error): void;
}

/** A client of the worker `make` creates on the first request (so it costs nothing until used). */
export function createReliabilityClient(make: () => ReliabilityWorkerLike = createReliabilityWorker): ReliabilityClient {
  let worker: ReliabilityWorkerLike | undefined;
  let nextId = 1;
  let running: Call | undefined;
  let waiting: Call | undefined;

  const send = (call: Call) => {
    running = call;
    connect().postMessage(call.request);
  };
  const receive = (response: ReliabilityResponse) => {
    const call = running;
    if (!call || call.request.id !== response.id) return;
    running = undefined;
    if (waiting) {
      // An answer for a design that already changed again: the waiting request matters now.
      call.resolve(null);
      const next = waiting;
      waiting = undefined;
      send(next);
      return;
    }
    if (response.type === 'result') call.resolve(response.result);
    else call.reject(new Error(response.message));
  };
  const connect = (): ReliabilityWorkerLike => {
    if (worker) return worker;
    const created = make();
    created.onmessage = (event) => receive(event.data);
    created.onerror = (event) => {
      // The worker died (out of memory, a bug): fail what is open; the next request starts a new one.
      const message = event.message || 'the reliability worker stopped';
      const open = [running, waiting];
      running = undefined;
      waiting = undefined;
      worker = undefined;
      created.terminate();
      for (const call of open) call?.reject(new Error(message));
    };
    worker = created;
    return created;
  };

  return {
    analyze: (document, options) =>
      new Promise((resolve, reject) => {
        const call: Call = { request: { id: nextId++, document, options }, resolve, reject };
        if (!running) return send(call);
        waiting?.resolve(null);
        waiting = call;
      }),
    busy: () => running !== undefined,
    dispose: () => {
      running?.resolve(null);
      waiting?.resolve(null);
      running = undefined;
      waiting = undefined;
      worker?.terminate();
      worker = undefined;
    },
  };
}
