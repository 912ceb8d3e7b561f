/**
 * The app's typed handle on the simulation worker. Live mode: `start`, `pause`, `resume`,
 * `setSpeed`, `reset`, and frames through `onFrame` (≤ 30 Hz). Batch and sweep: promises with
 * progress callbacks, cancellable with an AbortSignal or `cancel()`.
 */
import type { TopologyDocument } from '../../shared/document';
import type { LiveFrame, SimulationReport, SweepReport, WorkerRequest, WorkerResponse } from '../../shared/simulation';

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

export interface LiveStartOptions {
  readonly document: TopologyDocument;
  readonly scenarioId?: string;
  readonly seed?: number;
  /** Simulated seconds (default 60). */
  readonly durationS?: number;
  /** Simulated seconds per wall-clock second (default 1). */
  readonly speed?: number;
}

export interface RunOptions {
  /** `done` of `total`: simulated ms for a batch, runs for a sweep. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** A batch or sweep stopped by `cancel()` or its AbortSignal. */
export class SimulationCancelledError extends Error {
  override readonly name = 'SimulationCancelledError';
  constructor() {
    super('simulation cancelled');
  }
}

interface Pending {
  resolve(value: SimulationReport | SweepReport): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

type Listener<T> = (value: T) => void;

export class SimulationClient {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly frameListeners = new Set<Listener<LiveFrame>>();
  private readonly finishedListeners = new Set<Listener<SimulationReport>>();
  private readonly errorListeners = new Set<Listener<string>>();
  private readonly worker: WorkerLike;

  /** `worker`: a worker, or a factory of one (default: the real module worker). */
  constructor(worker: WorkerLike | (() => WorkerLike) = createSimulationWorker) {
    this.worker = typeof worker === 'function' ? worker() : worker;
    this.worker.onmessage = (event) => this.receive(event.data);
    // The worker itself died (a bug, or out of memory): tell everyone waiting.
    this.worker.onerror = (event) => {
      const message = event.message || 'the simulation worker stopped';
      for (const listener of this.errorListeners) listener(message);
      for (const pending of this.pending.values()) pending.reject(new Error(message));
      this.pending.clear();
    };
  }

  /** Starts a live run (replacing any running one). */
  start(options: LiveStartOptions): void {
    this.worker.postMessage({
      type: 'start',
      document: options.document,
      ...(options.scenarioId !== undefined ? { scenarioId: options.scenarioId } : {}),
      seed: options.seed ?? 1,
      durationS: options.durationS ?? 60,
      speed: options.speed ?? 1,
    });
  }

  pause(): void {
    this.worker.postMessage({ type: 'pause' });
  }

  resume(): void {
    this.worker.postMessage({ type: 'resume' });
  }

  setSpeed(speed: number): void {
    this.worker.postMessage({ type: 'setSpeed', speed });
  }

  /** Stops and forgets the live run. */
  reset(): void {
    this.worker.postMessage({ type: 'reset' });
  }

  /** Cancels every batch and sweep in progress (their promises reject with SimulationCancelledError). */
  cancel(): void {
    for (const requestId of [...this.pending.keys()]) this.cancelRequest(requestId);
  }

  /** Same as `cancel()`. */
  cancelAll(): void {
    this.cancel();
  }

  /** Live frames; returns the unsubscribe. */
  onFrame(listener: Listener<LiveFrame>): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** The live run reached its end; returns the unsubscribe. */
  onFinished(listener: Listener<SimulationReport>): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** Live-mode errors (e.g. an unknown scenario); returns the unsubscribe. */
  onError(listener: Listener<string>): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Runs a whole simulation as fast as possible: the SPEC §4 report. */
  runBatch(request: { document: TopologyDocument; scenarioId?: string; seed?: number; durationS?: number }, options: RunOptions = {}): Promise<SimulationReport> {
    return this.request(
      (requestId) => ({
        type: 'batch',
        requestId,
        document: request.document,
        ...(request.scenarioId !== undefined ? { scenarioId: request.scenarioId } : {}),
        seed: request.seed ?? 1,
        durationS: request.durationS ?? 60,
      }),
      options,
    ) as Promise<SimulationReport>;
  }

  /** Fails each host and deployable node in turn: the sweep report, worst first. */
  runSweep(
    request: { document: TopologyDocument; seed?: number; durationS?: number; part?: { index: number; of: number } },
    options: RunOptions | ((done: number, total: number) => void) = {},
  ): Promise<SweepReport> {
    const runOptions = typeof options === 'function' ? { onProgress: options } : options;
    return this.request(
      (requestId) => ({ type: 'sweep', requestId, document: request.document, seed: request.seed ?? 1, durationS: request.durationS ?? 60, ...(request.part ? { part: request.part } : {}) }),
      runOptions,
    ) as Promise<SweepReport>;
  }

  /** Terminates the worker; pending requests reject. */
  dispose(): void {
    for (const pending of this.pending.values()) pending.reject(new SimulationCancelledError());
    this.pending.clear();
    this.worker.terminate();
  }

  private request(build: (requestId: number) => WorkerRequest, options: RunOptions): Promise<SimulationReport | SweepReport> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(new SimulationCancelledError());
      this.pending.set(requestId, { resolve, reject, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
      options.signal?.addEventListener('abort', () => this.cancelRequest(requestId), { once: true });
      this.worker.postMessage(build(requestId));
    });
  }

  private cancelRequest(requestId: number): void {
    const pending = this.pending.get(requestId);
    if (!pending) return;
    this.pending.delete(requestId);
    this.worker.postMessage({ type: 'cancel', requestId });
    pending.reject(new SimulationCancelledError());
  }

  private receive(message: WorkerResponse): void {
    switch (message.type) {
      case 'frame':
        for (const listener of this.frameListeners) listener(message.frame);
        return;
      case 'liveFinished':
        for (const listener of this.finishedListeners) listener(message.report);
        return;
      case 'progress':
        this.pending.get(message.requestId)?.onProgress?.(message.done, message.total);
        return;
      case 'batchResult':
      case 'sweepResult': {
        const pending = this.pending.get(message.requestId);
        this.pending.delete(message.requestId);
        pending?.resolve(message.report);
        return;
      }
      case 'cancelled':
        return;
      case 'error': {
        if (message.requestId === undefined) {
          for (const listener of this.errorListeners) listener(message.message);
          return;
        }
        const pending = this.pending.get(message.requestId);
        this.pending.delete(message.requestId);
        pending?.reject(new Error(message.message));
      }
    }
  }
}
