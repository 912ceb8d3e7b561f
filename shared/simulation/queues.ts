/**
 * Queue nodes at work (see README): a message stored by a queue lands in a backlog per consumer
 * edge; consumers take messages while they have free slots in rotation, each delivery a call
 * from the queue with the edge's retries. Pumping runs from an event, never recursively, so a
 * consumer that fails at once cannot loop at one instant. The engine reaches this part through
 * `publish`, `pump`, `deliveryDone` and `capacityReturned`; this part reaches the engine only
 * through its port.
 */
import { CAUSE_NONE } from './causes';
import { EVENT_PUMP, type Clock } from './events';
import type { InstanceTable } from './instances';
import { Backlogs } from './messaging';
import type { MetricsCollector } from './metrics';
import type { SimulationModel } from './model';
import type { Random } from './random';
import { pickEdgeByWeight } from './routing';

/** What queues need from the engine. */
export interface MessagingPort {
  readonly clock: Clock;
  /** Puts an event on the agenda. */
  schedule(timeMs: number, kind: number, first: number, second: number): void;
  /** Starts delivering one message (a call from the queue's instance on its host) over `edge`. */
  deliver(edge: number, fromHost: number, key: number, sampled: boolean): void;
}

export class Messaging {
  readonly backlogs: Backlogs;

  constructor(
    private readonly model: SimulationModel,
    private readonly random: Random,
    private readonly instances: InstanceTable,
    private readonly metrics: MetricsCollector,
    /** Sample one message in this many for the animation; 0 records none. */
    private readonly sampleEvery: number,
    private readonly port: MessagingPort,
  ) {
    this.backlogs = new Backlogs(model);
  }

  /** Stores the message `key` of a job at queue node `node` on its consumer edges; false when full. */
  publish(node: number, key: number): boolean {
    const model = this.model;
    const start = model.outStart[node]!;
    const end = model.outStart[node + 1]!;
    const backlogs = this.backlogs;
    let chosen = -1;
    if (model.nodeFanoutAll[node] === 0 && end > start) {
      chosen = pickEdgeByWeight(model, node, this.random);
      if (backlogs.full(chosen)) return false;
    } else {
      for (let k = start; k < end; k++) if (backlogs.full(model.outEdges[k]!)) return false;
    }
    backlogs.published++;
    for (let k = start; k < end; k++) {
      const edge = model.outEdges[k]!;
      if (chosen >= 0 ? edge !== chosen : model.edgeProbability[edge]! < 1 && this.random.next() >= model.edgeProbability[edge]!) continue;
      backlogs.push(edge, key);
      this.metrics.noteQueueLength(node, backlogs.length[edge]!);
      this.schedulePump(edge);
    }
    return true;
  }

  private schedulePump(edge: number): void {
    if (this.backlogs.pumpScheduled[edge] === 1) return;
    this.backlogs.pumpScheduled[edge] = 1;
    this.port.schedule(this.port.clock.now, EVENT_PUMP, edge, 0);
  }

  /** Hands waiting messages of a consumer edge to the consumer while it has free slots in rotation. */
  pump(edge: number): void {
    const model = this.model;
    const backlogs = this.backlogs;
    backlogs.pumpScheduled[edge] = 0;
    const source = this.instances.firstUp(model.edgeFrom[edge]!);
    if (source < 0) return;
    const capacity = this.instances.capacityInRotation(model.edgeTo[edge]!);
    const fromHost = model.instanceHost[source]!;
    while (backlogs.inFlight[edge]! < capacity && backlogs.length[edge]! > 0) {
      backlogs.inFlight[edge]!++;
      const sampled = this.sampleEvery > 0 && backlogs.published % this.sampleEvery === 0;
      this.port.deliver(edge, fromHost, backlogs.shift(edge), sampled);
    }
  }

  /** A delivery over `edge` is over, with `cause` (CAUSE_NONE: delivered). */
  deliveryDone(edge: number, cause: number): void {
    const backlogs = this.backlogs;
    backlogs.inFlight[edge]!--;
    if (cause === CAUSE_NONE) backlogs.delivered++;
    else backlogs.failed++;
    if (backlogs.length[edge]! > 0) this.schedulePump(edge);
  }

  /** `node` has capacity again (an instance back up or in rotation): wake the edges it sends or takes from. */
  capacityReturned(node: number): void {
    const model = this.model;
    for (let edge = 0; edge < model.edgeCount; edge++) {
      if ((model.edgeTo[edge] === node || model.edgeFrom[edge] === node) && model.nodeIsQueue[model.edgeFrom[edge]!] === 1 && this.backlogs.length[edge]! > 0) {
        this.schedulePump(edge);
      }
    }
  }
}
