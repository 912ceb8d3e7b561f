/**
 * Per-instance state: up or down (and why), whether the health check keeps it in rotation, slots
 * in use, the bounded FIFO of requests waiting for a slot, and busy-time accounting for the
 * utilization metric. Times in ms.
 */
import type { SimulationModel } from './model';
import { RingBuffers } from './ringBuffers';

export const DOWN_CRASH = 1;
export const DOWN_HOST = 2;

export class InstanceTable {
  /** 1 while down (process crashed, or its host is down). */
  readonly down: Uint8Array;
  /** Why it is (or last went) down: DOWN_CRASH refuses connections, DOWN_HOST never answers. */
  readonly downKind: Uint8Array;
  /** Active faults that stop the process. */
  readonly processDown: Int32Array;
  /** Active host-down faults, per host. */
  readonly hostDown: Int32Array;
  /** Bumped each time the instance dies: work admitted in an earlier epoch is lost. */
  readonly epoch: Int32Array;
  /** Bumped on every up/down change: a pending health-check verdict for an older state is void. */
  readonly stateSerial: Int32Array;
  /** 1 while the instance is in rotation: set only by `setInRotation`, which keeps the count below. */
  readonly inRotation: Uint8Array;
  /** Instances of each node out of rotation (0: a balancer may skip looking at who is eligible). */
  readonly outOfRotation: Int32Array;
  readonly busy: Int32Array;
  private readonly busySince: Float64Array;
  /** Slot-milliseconds of work done so far. */
  private readonly busyIntegral: Float64Array;
  /** Jobs waiting for a slot, per instance (bounded by the node's queueLimit). */
  private readonly waiting: RingBuffers;
  /** Jobs waiting for a slot, per instance. */
  readonly waitLength: Int32Array;

  constructor(private readonly model: SimulationModel) {
    const n = model.instanceCount;
    this.down = new Uint8Array(n);
    this.downKind = new Uint8Array(n);
    this.processDown = new Int32Array(n);
    this.hostDown = new Int32Array(model.hostCount);
    this.epoch = new Int32Array(n);
    this.stateSerial = new Int32Array(n);
    this.inRotation = new Uint8Array(n).fill(1);
    this.outOfRotation = new Int32Array(model.nodeCount);
    this.busy = new Int32Array(n);
    this.busySince = new Float64Array(n);
    this.busyIntegral = new Float64Array(n);
    this.waiting = new RingBuffers(n, (i) => Math.max(1, Math.min(64, model.nodeQueueLimit[model.instanceNode[i]!]!)), Infinity);
    this.waitLength = this.waiting.length;
  }

  /** The health check puts the instance in rotation (1) or takes it out (0). */
  setInRotation(instance: number, inRotation: number): void {
    if (this.inRotation[instance] === inRotation) return;
    this.inRotation[instance] = inRotation;
    this.outOfRotation[this.model.instanceNode[instance]!]! += inRotation === 1 ? -1 : 1;
  }

  /** Changes the slots in use, accounting the busy time up to `now`. */
  addBusy(instance: number, delta: number, now: number): void {
    this.busyIntegral[instance]! += this.busy[instance]! * (now - this.busySince[instance]!);
    this.busySince[instance] = now;
    this.busy[instance]! += delta;
  }

  /** Slot-milliseconds used by the instance up to `now`. */
  busyTime(instance: number, now: number): number {
    return this.busyIntegral[instance]! + this.busy[instance]! * (now - this.busySince[instance]!);
  }

  enqueue(instance: number, job: number): void {
    this.waiting.push(instance, job);
  }

  dequeue(instance: number): number {
    return this.waiting.shift(instance);
  }

  /**
   * The instance dies: everything it held is lost (slots freed, epoch bumped) and
   * its waiting jobs are handed back, oldest first, for the engine to fail or drop.
   */
  die(instance: number, kind: number, now: number): number[] {
    this.down[instance] = 1;
    this.downKind[instance] = kind;
    this.epoch[instance]!++;
    this.stateSerial[instance]!++;
    this.addBusy(instance, -this.busy[instance]!, now);
    const waiting: number[] = [];
    while (this.waitLength[instance]! > 0) waiting.push(this.dequeue(instance));
    return waiting;
  }

  revive(instance: number): void {
    this.down[instance] = 0;
    this.stateSerial[instance]!++;
  }

  /** Should the instance be down given the active faults, and of which kind (0 = up)? */
  wantedDownKind(instance: number): number {
    if (this.hostDown[this.model.instanceHost[instance]!]! > 0) return DOWN_HOST;
    return this.processDown[instance]! > 0 ? DOWN_CRASH : 0;
  }

  /** Slots of a node's instances in rotation: how many messages its consumers take at once. */
  capacityInRotation(node: number): number {
    const first = this.model.nodeFirstInstance[node]!;
    let capacity = 0;
    for (let i = first; i < first + this.model.nodeInstanceCount[node]!; i++) if (this.inRotation[i] === 1) capacity += this.model.nodeConcurrency[node]!;
    return capacity;
  }

  /** An instance of the node that is up, or -1. */
  firstUp(node: number): number {
    const first = this.model.nodeFirstInstance[node]!;
    for (let i = first; i < first + this.model.nodeInstanceCount[node]!; i++) if (this.down[i] === 0) return i;
    return -1;
  }
}
