/**
 * The typed client of the simulation worker: live runs (start, pause, resume, speed, reset) with a
 * frame stream, and batch and sweep requests as promises with progress and cancellation.
 */
import type { TopologyDocument } from '../../shared/document';
import type { LiveFrame, SimulationReport, SweepReport, WorkerRequest, WorkerResponse } from '../../shared/simulation';

type Listener<T> = (value: T) => void;

interface Pending {
  resolve(value: SimulationReport | SweepReport): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

export interface RunRequest {
  readonly document: TopologyDocument;
  readonly scenarioId?: string;
  readonly seed: number;
  readonly durationS: number;
}

/** Anything with postMessage/onmessage/terminate: a Worker, or a fake in tests. */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

function createWorker(): WorkerLike {
  return new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module', name: 'simulation' }) as unknown as WorkerLike;
}

export class SimulationClient {
  private readonly worker: WorkerLike;
  private readonly frames = new Set<Listener<LiveFrame>>();
  private readonly finished = new Set<Listener<SimulationReport>>();
  private readonly errors = new Set<Listener<string>>();
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;

  constructor(factory: () => WorkerLike = createWorker) {
    this.worker = factory();
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      const message = event.message || 'the simulation worker stopped';
      for (const listener of this.errors) listener(message);
      for (const [id, pending] of this.pending) {
        pending.reject(new Error(message));
        this.pending.delete(id);
      }
    };
  }

  private receive(message: WorkerResponse): void {
    switch (message.type) {
      case 'frame':
        for (const listener of this.frames) listener(message.frame);
        return;
      case 'liveFinished':
        for (const listener of this.finished) listener(message.report);
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
      case 'cancelled': {
        const pending = this.pending.get(message.requestId);
        this.pending.delete(message.requestId);
        pending?.reject(new Error('cancelled'));
        return;
      }
      case 'error':
        if (message.requestId !== undefined) {
          const pending = this.pending.get(message.requestId);
          this.pending.delete(message.requestId);
          pending?.reject(new Error(message.message));
        } else {
          for (const listener of this.errors) listener(message.message);
        }
        return;
    }
  }

  start(request: RunRequest & { speed: number }): void {
    this.worker.postMessage({ type: 'start', ...request });
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

  reset(): void {
    this.worker.postMessage({ type: 'reset' });
  }

  runBatch(request: RunRequest): Promise<SimulationReport> {
    const requestId = this.nextRequestId++;
    return new Promise<SimulationReport>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as Pending['resolve'], reject });
      this.worker.postMessage({ type: 'batch', requestId, ...request });
    });
  }

  runSweep(request: Omit<RunRequest, 'scenarioId'>, onProgress?: (done: number, total: number) => void): Promise<SweepReport> {
    const requestId = this.nextRequestId++;
    return new Promise<SweepReport>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as Pending['resolve'], reject, ...(onProgress ? { onProgress } : {}) });
      this.worker.postMessage({ type: 'sweep', requestId, ...request });
    });
  }

  /** Cancels every batch and sweep in flight (they reject with "cancelled"). */
  cancelAll(): void {
    for (const requestId of this.pending.keys()) this.worker.postMessage({ type: 'cancel', requestId });
  }

  onFrame(listener: Listener<LiveFrame>): () => void {
    this.frames.add(listener);
    return () => this.frames.delete(listener);
  }

  onFinished(listener: Listener<SimulationReport>): () => void {
    this.finished.add(listener);
    return () => this.finished.delete(listener);
  }

  onError(listener: Listener<string>): () => void {
    this.errors.add(listener);
    return () => this.errors.delete(listener);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
