/**
 * The availability model of a document: its failure units, the instances each node needs up, and
 * the request structure of `served.ts`.
 */
import type { TopologyDocument } from '../document';
import { clientsOf, flowDesign, nodeTimes, offeredLoad, type FlowDesign } from './flow';
import { failureUnits, type FailureUnit } from './units';

export interface AvailabilityModel {
  readonly design: FlowDesign;
  readonly units: readonly FailureUnit[];
  /** For each node, for each instance: the units it needs up. */
  readonly instanceUnits: readonly (readonly (readonly number[])[])[];
  /** Instances each node needs up to serve (more than it has: never up). */
  readonly needed: Int32Array;
  readonly clients: readonly { index: number; id: string; rate: number }[];
}

export interface ModelOptions {
  /**
   * `needed` = ceil(offered load / per-instance capacity) instead of 1: a cluster survives a loss
   * only if the rest can carry the load. Per-instance capacity = concurrency × 1000 / holdingMs,
   * the figure `topo capacity` reports.
   */
  readonly capacityAware?: boolean;
}

export function availabilityModel(doc: TopologyDocument, options: ModelOptions = {}): AvailabilityModel {
  const design = flowDesign(doc);
  const { units, instanceUnits } = failureUnits(doc, design);
  const needed = new Int32Array(design.nodes.length).fill(1);
  if (options.capacityAware) {
    const load = offeredLoad(design);
    const { holdingMs } = nodeTimes(design);
    design.nodes.forEach((node, n) => {
      if (node.kind === 'client' || holdingMs[n] === 0) return;
      const perInstance = (node.concurrency * 1000) / holdingMs[n]!;
      // The small allowance keeps 2.0000000001 (rounding) from needing a third instance.
      needed[n] = Math.max(1, Math.ceil(load[n]! / perInstance - 1e-9));
    });
  }
  const clients = clientsOf(design).map(({ index, rate }) => ({ index, id: design.nodes[index]!.id, rate }));
  return { design, units, instanceUnits, needed, clients };
}
