/**
 * Faults and health checks (SPEC §2): a scenario's faults switch on and off at their `at` and
 * `until`; instances die and recover; health checks take dead instances out of rotation after
 * intervalMs × failures and put them back one interval after they recover.
 */
import type { Engine } from './engine';
import { EVENT_HEALTH } from './events';
import { CAUSE_CRASH } from './metrics';
import { DOWN_HOST } from './instances';
import { FAULT_ERROR_RATE, FAULT_HOST_DOWN, FAULT_LATENCY, FAULT_LOSS, FAULT_PARTITION, type CompiledFault, type SimulationModel } from './model';
import { pumpInto } from './queues';

/** What the active faults do to nodes right now. */
export class FaultEffects {
  /** Added to each service time, ms, per node. */
  readonly latencyAdded: Float64Array;
  /** Own error rate combined with error-rate faults, per node. */
  readonly errorRate: Float64Array;
  /** Share of calls that get no answer, per node. */
  readonly lossRate: Float64Array;
  readonly faultActive: Uint8Array;
  readonly partitions: CompiledFault[] = [];

  constructor(model: SimulationModel) {
    this.latencyAdded = new Float64Array(model.nodeCount);
    this.errorRate = Float64Array.from(model.nodeErrorRate);
    this.lossRate = new Float64Array(model.nodeCount);
    this.faultActive = new Uint8Array(model.faults.length);
  }
}

export function applyFault(engine: Engine, index: number, delta: number): void {
  const fault = engine.model.faults[index]!;
  const table = engine.instances;
  switch (fault.type) {
    case FAULT_HOST_DOWN: {
      if (fault.host < 0) return;
      table.hostDown[fault.host]! += delta;
      const model = engine.model;
      for (let k = model.hostInstanceStart[fault.host]!; k < model.hostInstanceStart[fault.host + 1]!; k++) refreshInstance(engine, model.hostInstances[k]!);
      return;
    }
    case FAULT_PARTITION:
      if (delta > 0) engine.effects.partitions.push(fault);
      else engine.effects.partitions.splice(engine.effects.partitions.indexOf(fault), 1);
      return;
    case FAULT_LATENCY:
    case FAULT_ERROR_RATE:
    case FAULT_LOSS:
      engine.effects.faultActive[index] = delta > 0 ? 1 : 0;
      if (fault.node >= 0) refreshNodeEffects(engine, fault.node);
      return;
    default:
      for (const instance of fault.instances) {
        table.processDown[instance]! += delta;
        refreshInstance(engine, instance);
      }
  }
}

/** Latency added, error rate and loss of a node from its active faults (they combine). */
function refreshNodeEffects(engine: Engine, node: number): void {
  let latency = 0;
  let healthy = 1 - engine.model.nodeErrorRate[node]!;
  let delivered = 1;
  engine.model.faults.forEach((fault, f) => {
    if (engine.effects.faultActive[f] !== 1 || fault.node !== node) return;
    if (fault.type === FAULT_LATENCY) latency += fault.value;
    else if (fault.type === FAULT_ERROR_RATE) healthy *= 1 - fault.value;
    else if (fault.type === FAULT_LOSS) delivered *= 1 - fault.value;
  });
  engine.effects.latencyAdded[node] = latency;
  engine.effects.errorRate[node] = 1 - healthy;
  engine.effects.lossRate[node] = 1 - delivered;
}

function refreshInstance(engine: Engine, instance: number): void {
  const table = engine.instances;
  const wanted = table.wantedDownKind(instance);
  if (wanted !== 0 && table.down[instance] === 0) killInstance(engine, instance, wanted);
  else if (wanted === 0 && table.down[instance] === 1) {
    table.revive(instance);
    scheduleHealth(engine, instance, engine.model.nodeDetectUpMs[engine.model.instanceNode[instance]!]!);
    pumpInto(engine, engine.model.instanceNode[instance]!);
  } else if (wanted !== 0) table.downKind[instance] = wanted;
}

function killInstance(engine: Engine, instance: number, kind: number): void {
  const waiting = engine.instances.die(instance, kind, engine.now);
  const node = engine.model.instanceNode[instance]!;
  for (const job of waiting) {
    if (kind === DOWN_HOST) engine.dropJob(job);
    else engine.failJob(job, CAUSE_CRASH, node);
  }
  scheduleHealth(engine, instance, engine.model.nodeDetectDownMs[node]!);
}

function scheduleHealth(engine: Engine, instance: number, delayMs: number): void {
  engine.queue.push(engine.now + delayMs, EVENT_HEALTH, instance, engine.instances.stateSerial[instance]!);
}

/** The health check's verdict on a state that has lasted its detection time. */
export function onHealth(engine: Engine, instance: number, serial: number): void {
  const table = engine.instances;
  if (table.stateSerial[instance] !== serial) return;
  const inRotation = table.down[instance] === 1 ? 0 : 1;
  if (table.inRotation[instance] === inRotation) return;
  table.inRotation[instance] = inRotation;
  if (inRotation === 1) pumpInto(engine, engine.model.instanceNode[instance]!);
}
