/**
 * The app's SimulationService, served by the simulation worker: each method posts a `call` and
 * its promise settles with the worker's answer; a RunControl's progress and abort travel as
 * messages; events arrive as `event` messages. Derived from the service's type like handler.ts:
 * the method table below is checked exact by `satisfies`, and nothing switches on a method name.
 */
import {
  SimulationCancelledError,
  type EventPayload, type ResponseOf, type RequestOf, type RunControl, type SimulationEvent, type SimulationMethod, type SimulationService,
  type Unsubscribe, type WorkerRequest, type WorkerResponse,
} from '../../shared/simulation';

export { SimulationCancelledError };

/** The part of a Worker the client uses: a real Worker, or a fake in tests. */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The real module worker (Vite bundles it from this URL). */
export function createSimulationWorker(): WorkerLike {
  return new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module', name: 'simulation' }) as unknown as WorkerLike;
}

/** The service, plus what only the owner of the worker may do. */
export interface SimulationClient extends SimulationService {
  /** Cancels every call in flight: each rejects with SimulationCancelledError. */
  cancelAll(): void;
  /** Terminates the worker; calls in flight reject with SimulationCancelledError. */
  dispose(): void;
}

/** A call waiting for its answer, apart from its resolve (kept by method, see `resolvers`). */
interface OpenCall {
  reject(error: Error): void;
  readonly onProgress: RunControl['onProgress'];
  /** Drops the call's resolver. */
  forget(): void;
}

/** The resolvers of calls in flight, by method, so each gets its method's answer type. */
type Resolvers = { [K in SimulationMethod]?: Map<number, (value: ResponseOf<K>) => void> };
type Listeners = { [K in SimulationEvent]?: Set<(payload: EventPayload<K>) => void> };

/**
 * A client of the worker made by `worker` (default: the real module worker), which is created on
 * the first call, so a client costs nothing until used.
 */
export function createSimulationClient(worker: WorkerLike | (() => WorkerLike) = createSimulationWorker): SimulationClient {
  let connected: WorkerLike | undefined;
  let nextId = 1;
  const open = new Map<number, OpenCall>();
  const resolvers: Resolvers = {};
  const listeners: Listeners = {};

  const emit = <K extends SimulationEvent>(event: K, payload: EventPayload<K>) => {
    for (const listener of [...(listeners[event] ?? [])]) listener(payload);
  };
  const subscribe = <K extends SimulationEvent>(event: K, listener: (payload: EventPayload<K>) => void): Unsubscribe => {
    const set: Set<(payload: EventPayload<K>) => void> = (listeners[event] ??= new Set());
    set.add(listener);
    return () => void set.delete(listener);
  };
  /** Takes call `id` out of the open calls; its OpenCall, if it was still open. */
  const close = (id: number): OpenCall | undefined => {
    const call = open.get(id);
    open.delete(id);
    call?.forget();
    return call;
  };
  const settle = <K extends SimulationMethod>(method: K, id: number, value: ResponseOf<K>) => {
    const resolve = resolvers[method]?.get(id);
    if (close(id)) resolve?.(value);
  };
  const rejectAll = (error: () => Error) => {
    for (const id of [...open.keys()]) close(id)?.reject(error());
  };

  const receive = (message: WorkerResponse) => {
    if (message.type === 'event') emit(message.event, message.payload);
    else if (message.type === 'result') settle(message.method, message.id, message.value);
    else if (message.type === 'progress') open.get(message.id)?.onProgress?.(message.done, message.total);
    else if (message.type === 'error') close(message.id)?.reject(new Error(message.message));
    else close(message.id)?.reject(new SimulationCancelledError());
  };
  const connect = (): WorkerLike => {
    if (connected) return connected;
    const target = typeof worker === 'function' ? worker() : worker;
    target.onmessage = (event) => receive(event.data);
    // The worker itself died (a bug, or out of memory): tell everyone waiting.
    target.onerror = (event) => {
      const message = event.message || 'the simulation worker stopped';
      emit('onDidFail', message);
      rejectAll(() => new Error(message));
    };
    connected = target;
    return target;
  };

  const cancel = (id: number) => {
    const call = close(id);
    if (!call) return;
    connected?.postMessage({ type: 'cancel', id });
    call.reject(new SimulationCancelledError());
  };
  const call = <K extends SimulationMethod>(method: K, request: RequestOf<K>, control: RunControl = {}): Promise<ResponseOf<K>> =>
    new Promise((resolve, reject) => {
      if (control.signal?.aborted) return reject(new SimulationCancelledError());
      const target = connect();
      const id = nextId++;
      const table: Map<number, (value: ResponseOf<K>) => void> = (resolvers[method] ??= new Map());
      table.set(id, resolve);
      open.set(id, { reject, onProgress: control.onProgress, forget: () => table.delete(id) });
      control.signal?.addEventListener('abort', () => cancel(id), { once: true });
      target.postMessage({ type: 'call', id, method, request });
    });

  return {
    start: (request) => call('start', request),
    pause: () => call('pause', undefined),
    resume: () => call('resume', undefined),
    setSpeed: (speed) => call('setSpeed', speed),
    reset: () => call('reset', undefined),
    runBatch: (request, control) => call('runBatch', request, control),
    runSweep: (request, control) => call('runSweep', request, control),
    onDidFrame: (listener) => subscribe('onDidFrame', listener),
    onDidFinish: (listener) => subscribe('onDidFinish', listener),
    onDidFail: (listener) => subscribe('onDidFail', listener),
    cancelAll: () => {
      for (const id of [...open.keys()]) cancel(id);
    },
    dispose: () => {
      rejectAll(() => new SimulationCancelledError());
      connected?.terminate();
      connected = undefined;
    },
  } satisfies SimulationClient;
}
