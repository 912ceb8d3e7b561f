/**
 * Message backlogs of queue nodes: one FIFO of request keys per outgoing edge of a queue (each
 * edge is a consumer). Bounded, so that a consumer that cannot keep up shows as a growing backlog
 * and, past MAX_BACKLOG, as `overload` for the publishers — never as unbounded memory.
 */
import type { SimulationModel } from './model';
import { RingBuffers } from './ringBuffers';

/** Messages one consumer edge may have waiting. */
export const MAX_BACKLOG = 100_000;

export class Backlogs {
  private readonly messages: RingBuffers;
  /** Messages waiting, per edge. */
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
    // Only edges out of a queue node are consumers with a backlog.
    this.messages = new RingBuffers(edges, (e) => (model.nodeIsQueue[model.edgeFrom[e]!] === 1 ? 64 : 0), MAX_BACKLOG);
    this.length = this.messages.length;
    this.inFlight = new Int32Array(edges);
    this.pumpScheduled = new Uint8Array(edges);
  }

  full(edge: number): boolean {
    return this.length[edge]! >= MAX_BACKLOG;
  }

  /** Stores a message (its request key) on the edge. */
  push(edge: number, key: number): void {
    this.messages.push(edge, key);
  }

  /** Takes the oldest message's key off the edge. */
  shift(edge: number): number {
    return this.messages.shift(edge);
  }

  /** Messages waiting on every consumer edge of a queue node. */
  total(model: SimulationModel, node: number): number {
    let sum = 0;
    for (let k = model.outStart[node]!; k < model.outStart[node + 1]!; k++) sum += this.length[model.outEdges[k]!]!;
    return sum;
  }

  /** Messages waiting on every edge. */
  backlog(): number {
    let sum = 0;
    for (let e = 0; e < this.length.length; e++) sum += this.length[e]!;
    return sum;
  }
}
