/**
 * Faults and health checks (SPEC §2): a scenario's faults switch on and off at their `at` and
 * `until` (what each type does is its entry in faultTypes.ts); instances die and recover; health
 * checks take dead instances out of rotation after intervalMs × failures and put them back one
 * interval after they recover. The engine drives this part by its events (`start`, `end`,
 * `onHealth`) and reads its effects (latency added, error rate, loss, partitions); this part
 * reaches the engine only through its port.
 */
import { CAUSE_CRASH } from './causes';
import { EVENT_FAULT_END, EVENT_FAULT_START, EVENT_HEALTH, type Clock } from './events';
import { FAULT_HANDLERS, type CompiledFault, type FaultControls, type FaultHandler } from './faultTypes';
import { DOWN_HOST, type InstanceTable } from './instances';
import type { SimulationModel } from './model';

/** What faults and health checks need from the engine. */
export interface FaultPort {
  readonly clock: Clock;
  /** Puts an event on the agenda. */
  schedule(timeMs: number, kind: number, first: number, second: number): void;
  /** Fails a job (and answers its caller) with `cause`, begun at node `origin`. */
  failJob(job: number, cause: number, origin: number): void;
  /** Makes a job vanish without an answer (its host died). */
  dropJob(job: number): void;
  /** An instance of `node` is back up or back in rotation: queued messages may move again. */
  capacityReturned(node: number): void;
  /** Replicated designs only (replication.ts): an instance died, came back, left or rejoined rotation; partitions changed. */
  readonly replicas?: {
    died(instance: number): void;
    revived(instance: number): void;
    rotationChanged(instance: number, inRotation: boolean): void;
    partitionsChanged(): void;
  };
}

export class Faults implements FaultControls {
  /** Added to each service time, ms, per node. */
  readonly latencyAdded: Float64Array;
  /** Own error rate combined with error-rate faults, per node. */
  readonly errorRate: Float64Array;
  /** Share of calls that get no answer, per node. */
  readonly lossRate: Float64Array;
  /** Partitions in force. */
  readonly partitions: CompiledFault[] = [];
  private readonly active: Uint8Array;

  constructor(
    private readonly model: SimulationModel,
    private readonly instances: InstanceTable,
    private readonly port: FaultPort,
  ) {
    this.latencyAdded = new Float64Array(model.nodeCount);
    this.errorRate = Float64Array.from(model.nodeErrorRate);
    this.lossRate = new Float64Array(model.nodeCount);
    this.active = new Uint8Array(model.faults.length);
  }

  /** Puts every fault's start and end within the run on the agenda. */
  scheduleAll(durationMs: number): void {
    this.model.faults.forEach((fault, f) => {
      if (fault.atMs < durationMs) this.port.schedule(fault.atMs, EVENT_FAULT_START, f, 0);
      if (fault.untilMs < durationMs) this.port.schedule(fault.untilMs, EVENT_FAULT_END, f, 0);
    });
  }

  /** Fault `index` starts. */
  start(index: number): void {
    const fault = this.model.faults[index]!;
    (FAULT_HANDLERS[fault.type] as FaultHandler<typeof fault.type>).apply(this, fault, index);
  }

  /** Fault `index` ends. */
  end(index: number): void {
    const fault = this.model.faults[index]!;
    (FAULT_HANDLERS[fault.type] as FaultHandler<typeof fault.type>).clear(this, fault, index);
  }

  /** True when a partition in force separates the two hosts (clients, OUTSIDE_HOST, are in no group). */
  partitioned(from: number, to: number): boolean {
    if (from < 0 || from === to) return false;
    for (const partition of this.partitions) {
      const a = partition.groupOfHost[from]!;
      const b = partition.groupOfHost[to]!;
      if (a >= 0 && b >= 0 && a !== b) return true;
    }
    return false;
  }

  // ── FaultControls: what the table's entries do ──────────────────────────────────────────────

  hostDown(host: number, delta: number): void {
    if (host < 0) return;
    this.instances.hostDown[host]! += delta;
    const model = this.model;
    for (let k = model.hostInstanceStart[host]!; k < model.hostInstanceStart[host + 1]!; k++) this.refreshInstance(model.hostInstances[k]!);
  }

  processDown(instances: Int32Array, delta: number): void {
    for (const instance of instances) {
      this.instances.processDown[instance]! += delta;
      this.refreshInstance(instance);
    }
  }

  partition(fault: CompiledFault, on: boolean): void {
    if (on) this.partitions.push(fault);
    else this.partitions.splice(this.partitions.indexOf(fault), 1);
    this.port.replicas?.partitionsChanged();
  }

  nodeEffect(index: number, fault: CompiledFault, on: boolean): void {
    this.active[index] = on ? 1 : 0;
    if (fault.node >= 0) this.refreshNodeEffects(fault.node);
  }

  /** Latency added, error rate and loss of a node from its active faults (they combine). */
  private refreshNodeEffects(node: number): void {
    let latency = 0;
    let healthy = 1 - this.model.nodeErrorRate[node]!;
    let delivered = 1;
    this.model.faults.forEach((fault, f) => {
      if (this.active[f] !== 1 || fault.node !== node) return;
      latency += fault.latencyMs;
      healthy *= 1 - fault.errorShare;
      delivered *= 1 - fault.lossShare;
    });
    this.latencyAdded[node] = latency;
    this.errorRate[node] = 1 - healthy;
    this.lossRate[node] = 1 - delivered;
  }

  // ── instance life and health checks ─────────────────────────────────────────────────────────

  private refreshInstance(instance: number): void {
    const table = this.instances;
    const wanted = table.wantedDownKind(instance);
    if (wanted !== 0 && table.down[instance] === 0) this.killInstance(instance, wanted);
    else if (wanted === 0 && table.down[instance] === 1) {
      table.revive(instance);
      this.port.replicas?.revived(instance);
      const node = this.model.instanceNode[instance]!;
      this.scheduleHealth(instance, this.model.nodeDetectUpMs[node]!);
      this.port.capacityReturned(node);
    } else if (wanted !== 0) table.downKind[instance] = wanted;
  }

  private killInstance(instance: number, kind: number): void {
    const waiting = this.instances.die(instance, kind, this.port.clock.now);
    this.port.replicas?.died(instance);
    const node = this.model.instanceNode[instance]!;
    for (const job of waiting) {
      if (kind === DOWN_HOST) this.port.dropJob(job);
      else this.port.failJob(job, CAUSE_CRASH, node);
    }
    this.scheduleHealth(instance, this.model.nodeDetectDownMs[node]!);
  }

  private scheduleHealth(instance: number, delayMs: number): void {
    this.port.schedule(this.port.clock.now + delayMs, EVENT_HEALTH, instance, this.instances.stateSerial[instance]!);
  }

  /** The health check's verdict on a state (of serial `serial`) that has lasted its detection time. */
  onHealth(instance: number, serial: number): void {
    const table = this.instances;
    if (table.stateSerial[instance] !== serial) return;
    const inRotation = table.down[instance] === 1 ? 0 : 1;
    if (table.inRotation[instance] === inRotation) return;
    table.setInRotation(instance, inRotation);
    this.port.replicas?.rotationChanged(instance, inRotation === 1);
    if (inRotation === 1) this.port.capacityReturned(this.model.instanceNode[instance]!);
  }
}
