/**
 * Queue nodes at work (see README): a message stored by a queue lands in a backlog per consumer
 * edge; consumers take messages while they have free slots in rotation, each delivery a call
 * from the queue with the edge's retries. Pumping runs from an event, never recursively, so a
 * consumer that fails at once cannot loop at one instant.
 */
import type { Engine } from './engine';
import { EVENT_PUMP } from './events';
import { CALL_SAMPLED } from './pools';

/** Stores the message of a job at a queue node on its consumer edges; false when full. */
export function publish(engine: Engine, job: number): boolean {
  const model = engine.model;
  const node = engine.jobs.node[job]!;
  const start = model.outStart[node]!;
  const end = model.outStart[node + 1]!;
  const backlogs = engine.backlogs;
  let chosen = -1;
  if (model.nodeFanoutAll[node] === 0 && end > start) {
    let pick = engine.random.next() * model.nodeOutWeight[node]!;
    chosen = model.outEdges[end - 1]!;
    for (let k = start; k < end; k++) {
      pick -= model.edgeWeight[model.outEdges[k]!]!;
      if (pick < 0) {
        chosen = model.outEdges[k]!;
        break;
      }
    }
    if (backlogs.full(chosen)) return false;
  } else {
    for (let k = start; k < end; k++) if (backlogs.full(model.outEdges[k]!)) return false;
  }
  backlogs.published++;
  const key = engine.jobs.key[job]!;
  for (let k = start; k < end; k++) {
    const edge = model.outEdges[k]!;
    if (chosen >= 0 ? edge !== chosen : model.edgeProbability[edge]! < 1 && engine.random.next() >= model.edgeProbability[edge]!) continue;
    backlogs.push(edge, key);
    if (backlogs.length[edge]! > engine.metrics.nodeMaxQueue[node]!) engine.metrics.nodeMaxQueue[node] = backlogs.length[edge]!;
    schedulePump(engine, edge);
  }
  return true;
}

function schedulePump(engine: Engine, edge: number): void {
  if (engine.backlogs.pumpScheduled[edge] === 1) return;
  engine.backlogs.pumpScheduled[edge] = 1;
  engine.queue.push(engine.now, EVENT_PUMP, edge, 0);
}

/** Hands waiting messages to the consumer while it has free slots in rotation. */
export function pump(engine: Engine, edge: number): void {
  const model = engine.model;
  const backlogs = engine.backlogs;
  backlogs.pumpScheduled[edge] = 0;
  const source = engine.instances.firstUp(model.edgeFrom[edge]!);
  if (source < 0) return;
  const capacity = engine.instances.capacityInRotation(model.edgeTo[edge]!);
  const calls = engine.calls;
  while (backlogs.inFlight[edge]! < capacity && backlogs.length[edge]! > 0) {
    backlogs.inFlight[edge]!++;
    const call = calls.allocate();
    calls.parentJob[call] = -1;
    calls.edge[call] = edge;
    calls.attempt[call] = 0;
    calls.instance[call] = -1;
    calls.fromHost[call] = model.instanceHost[source]!;
    calls.key[call] = backlogs.shift(edge);
    calls.depth[call] = 1;
    calls.flags[call] = engine.movements !== undefined && backlogs.published % engine.sampleEvery === 0 ? CALL_SAMPLED : 0;
    engine.sendAttempt(call);
  }
}

export function deliveryDone(engine: Engine, edge: number, cause: number): void {
  engine.backlogs.inFlight[edge]!--;
  if (cause === 0) engine.backlogs.delivered++;
  else engine.backlogs.failed++;
  if (engine.backlogs.length[edge]! > 0) schedulePump(engine, edge);
}

export function pumpInto(engine: Engine, node: number): void {
  const model = engine.model;
  for (let edge = 0; edge < model.edgeCount; edge++) {
    if ((model.edgeTo[edge] === node || model.edgeFrom[edge] === node) && model.nodeIsQueue[model.edgeFrom[edge]!] === 1 && engine.backlogs.length[edge]! > 0) {
      schedulePump(engine, edge);
    }
  }
}
