/**
 * Message backlogs of queue nodes: one FIFO of request keys per outgoing edge of a queue (each
 * edge is a consumer). Bounded, so that a consumer that cannot keep up shows as a growing backlog
 * and, past MAX_BACKLOG, as `overload` for the publishers — never as unbounded memory.
 */
import type { SimulationModel } from './model';

/** Messages one consumer edge may have waiting. */
export const MAX_BACKLOG = 100_000;

export class Backlogs {
  private readonly buffers: (Int32Array | undefined)[];
  private readonly head: Int32Array;
  readonly length: Int32Array;
  /** Deliveries in progress per edge. */
  readonly inFlight: Int32Array;
  /** 1 while a pump event is pending for the edge. */
  readonly pumpScheduled: Uint8Array;
  published = 0;
  delivered = 0;
  failed = 0;

  constructor(model: SimulationModel) {
    const edges = model.edgeCount;
    this.buffers = Array.from({ length: edges }, (_, e) => (model.nodeIsQueue[model.edgeFrom[e]!] === 1 ? new Int32Array(64) : undefined));
    this.head = new Int32Array(edges);
    this.length = new Int32Array(edges);
    this.inFlight = new Int32Array(edges);
    this.pumpScheduled = new Uint8Array(edges);
  }

  full(edge: number): boolean {
    return this.length[edge]! >= MAX_BACKLOG;
  }

  push(edge: number, key: number): void {
    let buffer = this.buffers[edge]!;
    const length = this.length[edge]!;
    if (length === buffer.length) {
      const bigger = new Int32Array(Math.min(MAX_BACKLOG, buffer.length * 2));
      const head = this.head[edge]!;
      for (let k = 0; k < length; k++) bigger[k] = buffer[(head + k) % buffer.length]!;
      this.buffers[edge] = buffer = bigger;
      this.head[edge] = 0;
    }
    buffer[(this.head[edge]! + length) % buffer.length] = key;
    this.length[edge] = length + 1;
  }

  shift(edge: number): number {
    const buffer = this.buffers[edge]!;
    const head = this.head[edge]!;
    this.head[edge] = (head + 1) % buffer.length;
    this.length[edge]!--;
    return buffer[head]!;
  }

  /** Messages waiting on every consumer edge of a queue node. */
  total(model: SimulationModel, node: number): number {
    let sum = 0;
    for (let k = model.outStart[node]!; k < model.outStart[node + 1]!; k++) sum += this.length[model.outEdges[k]!]!;
    return sum;
  }
}
