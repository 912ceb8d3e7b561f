/**
 * Reading the engine's state out: the SPEC §4 report at the end of a run, and snapshots of node
 * state for live mode. All numbers rounded so that the JSON is stable and readable.
 */
import { isDeployable, type NodeKind } from '../document';
import { BREAKER_CLOSED, BREAKER_OPEN, type Breakers } from './breaker';
import type { InstanceTable } from './instances';
import type { BudgetStop } from './budget';
import type { Backlogs } from './messaging';
import { clientReports } from './clients';
import { round, type MetricsCollector } from './metrics';
import type { SimulationModel } from './model';
import type { CompiledFault } from './faultTypes';
import type { Transactions } from './transactions';
import type { Replication } from './replication';
import type { NodeReport, NodeSnapshot, NodeStatus, SimulationReport, SimulationSnapshot } from './types';

export interface ReportMeta {
  readonly durationS: number;
  readonly seed: number;
  readonly scenario: { readonly id: string; readonly name: string } | null;
}

/** The parts of a running engine that reports and snapshots read (and never change). */
export interface ReadableState {
  readonly model: SimulationModel;
  /** Virtual time now, ms. */
  readonly now: number;
  readonly metrics: MetricsCollector;
  readonly instances: InstanceTable;
  readonly backlogs: Backlogs;
  readonly breakers: Breakers;
  /** Set when the run's budget stopped it before its end. */
  readonly stop?: BudgetStop | null;
  /** Exclusion violations per node, when the design has locks (SPEC §8). */
  readonly exclusionViolations?: Float64Array | undefined;
  /** Partitions in force (the snapshot names each side's hosts). */
  readonly partitions?: readonly CompiledFault[];
  /** Transaction coordinators, when the design has one. */
  readonly transactions?: Pick<Transactions, 'report' | 'snapshot'> | undefined;
  /** Replicated nodes, when the design has one. */
  readonly replication?: Pick<Replication, 'report' | 'nodeSnapshot' | 'instanceSnapshot'> | undefined;
}

/** `availabilityReason` of a report in which no request finished. */
export const NO_REQUEST_FINISHED = 'no request finished';

/** The report of the run so far (complete once the engine has finished); reading changes nothing. */
export function buildReport(state: ReadableState, meta: ReportMeta): SimulationReport {
  const { model, metrics } = state;
  const elapsedMs = Math.max(state.now, 1e-9);
  const seconds = elapsedMs / 1000;
  const total = metrics.ok + metrics.failed;
  // Null-prototype tables: a node id `__proto__` must stay a key, not replace the prototype.
  const nodes = Object.create(null) as Record<string, NodeReport>;
  const failuresByNode = Object.create(null) as Record<string, number>;
  model.nodeIds.forEach((id, n) => {
    if (metrics.failuresByNode[n]! > 0) failuresByNode[id] = metrics.failuresByNode[n]!;
    if (!isDeployable(model.nodeKinds[n] as NodeKind)) return;
    let busyMs = 0;
    const first = model.nodeFirstInstance[n]!;
    const count = model.nodeInstanceCount[n]!;
    for (let i = first; i < first + count; i++) busyMs += state.instances.busyTime(i, state.now);
    nodes[id] = {
      served: metrics.nodeServed[n]!,
      failed: metrics.nodeFailed[n]!,
      utilization: round(Math.min(1, busyMs / (count * model.nodeConcurrency[n]! * elapsedMs)), 4),
      maxQueue: metrics.nodeMaxQueue[n]!,
      ...(count > 1 ? { instances: Array.from(metrics.instanceServed.subarray(first, first + count)) } : {}),
      ...(model.state.nodeLock[n] !== 0 ? { exclusionViolations: state.exclusionViolations?.[n] ?? 0 } : {}),
      ...transactionFields(state, n),
      ...consistencyFields(state, n),
    };
  });
  const hasQueue = model.nodeIsQueue.some((q) => q === 1);
  const backlogs = state.backlogs;
  const backlog = backlogs.backlog();
  return {
    duration: meta.durationS,
    seed: meta.seed,
    scenario: meta.scenario,
    ...(state.stop ? { partial: { reason: state.stop.reason, atSeconds: state.stop.atSeconds, message: state.stop.message } } : {}),
    requests: { total, ok: metrics.ok, failed: metrics.failed, inFlight: metrics.offered - total },
    // Nothing finished says nothing about availability: null and why, never a reassuring 100 %.
    availability: total === 0 ? null : round(metrics.ok / total, 4),
    ...(total === 0 ? { availabilityReason: NO_REQUEST_FINISHED } : {}),
    throughput: { offered: round(metrics.offered / seconds, 2), served: round(metrics.ok / seconds, 2) },
    latencyMs: metrics.latencySummary(),
    failures: metrics.failureCounts(),
    failuresByNode,
    retries: metrics.retries,
    ...(hasQueue ? { messages: { published: backlogs.published, delivered: backlogs.delivered, failed: backlogs.failed, backlog } } : {}),
    nodes,
    clients: clientReports(model, metrics),
    // Seconds begun so far; the last one may still be open.
    timeline: metrics.timeline(0, Math.ceil(state.now / 1000 - 1e-9)),
  };
}

/** A coordinator node's `transactions` entry (none for other nodes). */
function transactionFields(state: ReadableState, node: number): Pick<NodeReport, 'transactions'> {
  const transactions = state.transactions?.report(node, state.now);
  return transactions ? { transactions } : {};
}

/** A replicated node's `consistency` entry (none for other nodes). */
function consistencyFields(state: ReadableState, node: number): Pick<NodeReport, 'consistency'> {
  const consistency = state.replication?.report(node);
  return consistency ? { consistency } : {};
}

/** Share of waiting room in use from which a node reads as overloaded. */
const OVERLOADED_QUEUE_SHARE = 0.5;
/** Share of slots in use from which a node reads as busy. */
const BUSY_UTILIZATION = 0.75;

/** Node state now, for the canvas: utilization, queue, status, instances; open breakers; hosts down. */
export function buildSnapshot(state: ReadableState): SimulationSnapshot {
  const { model, instances: table } = state;
  const nodes: NodeSnapshot[] = [];
  for (let n = 0; n < model.nodeCount; n++) {
    if (model.nodeIsClient[n] === 1) continue;
    const first = model.nodeFirstInstance[n]!;
    const count = model.nodeInstanceCount[n]!;
    const concurrency = model.nodeConcurrency[n]!;
    let up = 0;
    let busy = 0;
    let queued = 0;
    const instances = [];
    for (let i = first; i < first + count; i++) {
      const host = model.instanceHost[i]!;
      const isUp = table.down[i] === 0;
      if (isUp) up++;
      busy += table.busy[i]!;
      queued += table.waitLength[i]!;
      instances.push({
        host: host === model.hostCount - 1 ? null : model.hostIds[host]!,
        up: isUp,
        inRotation: table.inRotation[i] === 1,
        busy: table.busy[i]!,
        queued: table.waitLength[i]!,
        ...state.replication?.instanceSnapshot(i),
      });
    }
    const utilization = up === 0 ? 0 : Math.min(1, busy / (up * concurrency));
    const room = up * model.nodeQueueLimit[n]!;
    const backlog = model.nodeIsQueue[n] === 1 ? state.backlogs.total(model, n) : 0;
    let status: NodeStatus = 'healthy';
    if (up === 0) status = 'down';
    else if ((room > 0 && queued >= room * OVERLOADED_QUEUE_SHARE) || (room === 0 && busy >= up * concurrency)) status = 'overloaded';
    else if (utilization >= BUSY_UTILIZATION || queued > 0) status = 'busy';
    const transactions = state.transactions?.snapshot(n);
    const replication = state.replication?.nodeSnapshot(n);
    nodes.push({ id: model.nodeIds[n]!, status, utilization: round(utilization, 3), queueLength: queued + backlog, instances, ...(replication ? { replication } : {}), ...(transactions ? { transactions } : {}) });
  }
  const openBreakers: SimulationSnapshot['openBreakers'][number][] = [];
  for (let e = 0; e < model.edgeCount; e++) {
    const breaker = state.breakers.stateAt(e, state.now);
    if (breaker !== BREAKER_CLOSED) openBreakers.push({ edge: model.edgeIds[e]!, state: breaker === BREAKER_OPEN ? 'open' : 'half-open' });
  }
  const downHosts: string[] = [];
  for (let h = 0; h < model.hostCount - 1; h++) if (table.hostDown[h]! > 0) downHosts.push(model.hostIds[h]!);
  const partitions = state.partitions?.length ? state.partitions.map((fault) => ({ groups: partitionGroups(model, fault) })) : undefined;
  return { timeMs: round(state.now, 3), nodes, openBreakers, downHosts, ...(partitions ? { partitions } : {}) };
}

/** The host ids on each side of a partition, in group order (hosts in no group left out). */
function partitionGroups(model: SimulationModel, fault: CompiledFault): string[][] {
  const groups: string[][] = [];
  for (let h = 0; h < model.hostCount - 1; h++) {
    const group = fault.groupOfHost[h]!;
    if (group < 0) continue;
    while (groups.length <= group) groups.push([]);
    groups[group]!.push(model.hostIds[h]!);
  }
  return groups;
}
