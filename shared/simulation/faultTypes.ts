/**
 * The fault table (SPEC §2 scenario faults): for each fault type, how it compiles from the
 * document to indexes, and what switching it on and off does. Exhaustive by type: a fault type
 * added to the schema without an entry here does not compile, and none falls back to another's
 * behaviour.
 */
import type { Fault, FaultType } from '../document';

/** One fault with its targets resolved to indexes and its window in ms. */
export interface CompiledFault {
  readonly type: FaultType;
  readonly atMs: number;
  readonly untilMs: number;
  /** Instances whose process it stops (instance-down, node-down), else empty. */
  readonly instances: Int32Array;
  /** Host index it takes down (host-down), else -1. */
  readonly host: number;
  /** Host indexes it takes down (zone-down, region-down: every host in the zone or region), else empty. */
  readonly hosts: Int32Array;
  /** Node index whose service it degrades (latency, error-rate, loss), else -1. */
  readonly node: number;
  /** Added to the node's service time, ms. */
  readonly latencyMs: number;
  /** Share of the node's requests that fail with `error`. */
  readonly errorShare: number;
  /** Share of calls to the node that get no answer. */
  readonly lossShare: number;
  /** Partition: group number of each host index, -1 for hosts in no group (else all -1). */
  readonly groupOfHost: Int32Array;
}

/** Lookups a fault needs to compile: names to indexes (unknown names give -1). */
export interface FaultTargets {
  readonly hostCount: number;
  nodeIndex(id: string): number;
  hostIndex(id: string): number;
  /** Indexes of the declared hosts whose `zone` (or `region`) is `name` (empty when none is). */
  hostsIn(domain: 'zone' | 'region', name: string): Int32Array;
  /** Instance indexes of a node; `only` picks one of them by its position (empty when out of range). */
  instancesOf(node: number, only?: number): Int32Array;
}

/** What a fault may do to the running system (implemented by faults.ts). */
export interface FaultControls {
  /** Counts a host-down fault on (+1) or off (−1) for a host (-1: an unknown host, ignored). */
  hostDown(host: number, delta: number): void;
  /** Counts a process-stopping fault on (+1) or off (−1) for instances. */
  processDown(instances: Int32Array, delta: number): void;
  /** Switches a partition on or off. */
  partition(fault: CompiledFault, on: boolean): void;
  /** Switches the fault's effect on its node's service (latency, errors, loss) on or off (node -1: ignored). */
  nodeEffect(index: number, fault: CompiledFault, on: boolean): void;
}

export interface FaultHandler<T extends FaultType> {
  /** The fault's targets and values as indexes and numbers (window and defaults filled in by the caller). */
  compile(fault: Extract<Fault, { type: T }>, targets: FaultTargets): Partial<CompiledFault>;
  /** The fault starts (its `at`). */
  apply(controls: FaultControls, fault: CompiledFault, index: number): void;
  /** The fault ends (its `until`). */
  clear(controls: FaultControls, fault: CompiledFault, index: number): void;
}

/** Latency, error-rate and loss combine on their node (see faults.ts): on and off is all they do. */
const nodeEffect = {
  apply: (controls: FaultControls, fault: CompiledFault, index: number) => controls.nodeEffect(index, fault, true),
  clear: (controls: FaultControls, fault: CompiledFault, index: number) => controls.nodeEffect(index, fault, false),
};
/** A zone or region outage is every host in it down, exactly as `host-down` (SPEC §7). */
const hostsDown = {
  apply: (controls: FaultControls, fault: CompiledFault) => fault.hosts.forEach((host) => controls.hostDown(host, 1)),
  clear: (controls: FaultControls, fault: CompiledFault) => fault.hosts.forEach((host) => controls.hostDown(host, -1)),
};
const processDown = {
  apply: (controls: FaultControls, fault: CompiledFault) => controls.processDown(fault.instances, 1),
  clear: (controls: FaultControls, fault: CompiledFault) => controls.processDown(fault.instances, -1),
};

export const FAULT_HANDLERS: { readonly [T in FaultType]: FaultHandler<T> } = {
  'instance-down': {
    compile: (fault, targets) => ({ instances: targets.instancesOf(targets.nodeIndex(fault.target), fault.instance) }),
    ...processDown,
  },
  'node-down': {
    compile: (fault, targets) => ({ instances: targets.instancesOf(targets.nodeIndex(fault.target)) }),
    ...processDown,
  },
  'host-down': {
    compile: (fault, targets) => ({ host: targets.hostIndex(fault.target) }),
    apply: (controls, fault) => controls.hostDown(fault.host, 1),
    clear: (controls, fault) => controls.hostDown(fault.host, -1),
  },
  'zone-down': {
    compile: (fault, targets) => ({ hosts: targets.hostsIn('zone', fault.target) }),
    ...hostsDown,
  },
  'region-down': {
    compile: (fault, targets) => ({ hosts: targets.hostsIn('region', fault.target) }),
    ...hostsDown,
  },
  partition: {
    compile: (fault, targets) => {
      const groupOfHost = new Int32Array(targets.hostCount).fill(-1);
      // An unknown host id stands for the implicit host of unplaced instances (the last one).
      fault.groups.forEach((group, g) => group.forEach((host) => (groupOfHost[targets.hostIndex(host) < 0 ? targets.hostCount - 1 : targets.hostIndex(host)] = g)));
      return { groupOfHost };
    },
    apply: (controls, fault) => controls.partition(fault, true),
    clear: (controls, fault) => controls.partition(fault, false),
  },
  latency: {
    compile: (fault, targets) => ({ node: targets.nodeIndex(fault.target), latencyMs: fault.value }),
    ...nodeEffect,
  },
  'error-rate': {
    compile: (fault, targets) => ({ node: targets.nodeIndex(fault.target), errorShare: fault.value }),
    ...nodeEffect,
  },
  loss: {
    compile: (fault, targets) => ({ node: targets.nodeIndex(fault.target), lossShare: fault.value }),
    ...nodeEffect,
  },
};

/** Compiles one document fault through its table entry. */
export function compileFault(fault: Fault, targets: FaultTargets): CompiledFault {
  const handler = FAULT_HANDLERS[fault.type] as FaultHandler<FaultType>;
  return {
    type: fault.type,
    atMs: (fault.at ?? 0) * 1000,
    untilMs: fault.until === undefined ? Infinity : fault.until * 1000,
    instances: new Int32Array(0),
    host: -1,
    hosts: new Int32Array(0),
    node: -1,
    latencyMs: 0,
    errorShare: 0,
    lossShare: 0,
    groupOfHost: new Int32Array(targets.hostCount).fill(-1),
    ...handler.compile(fault as never, targets),
  };
}
