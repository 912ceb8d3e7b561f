/**
 * `topo capacity` (SPEC §7), the analytic part: per node its visit ratio, slot-holding time,
 * capacity, utilization at the document's rates and the largest client rate it sustains; the
 * bottleneck is the node that sustains the least. Light-load times (flow.ts): queueing is not
 * included, so figures near saturation are optimistic, as any open-network bound is.
 */
import type { TopologyDocument } from '../document';
import { clientsOf, flowDesign, nodeTimes, visitsFrom } from './flow';

export interface NodeCapacity {
  /** Expected calls into the node per client request (over the document's mix of clients). */
  readonly visits: number;
  /** Mean time one call holds a slot: own service time plus the calls it waits on with the slot held. */
  readonly holdingMs: number;
  /** instances × concurrency. */
  readonly slots: number;
  /** Calls per second the node completes when saturated (slots ÷ holding time, capped by `rateLimit`); null when unbounded. */
  readonly capacityPerSecond: number | null;
  /** Share of slot time busy at the document's rates (offered calls × holding ÷ slots); above 1 means overloaded. */
  readonly utilization: number;
  /** Client requests per second (same mix) at which the node saturates; null when it never does. */
  readonly maxRate: number | null;
}

export interface CapacityReport {
  readonly bottleneck: string | null;
  /** How many times every client's rate can grow before the bottleneck saturates. */
  readonly maxMultiple: number | null;
  /** The total client rate at that point, requests per second. */
  readonly maxRate: number | null;
  readonly nodes: Readonly<Record<string, NodeCapacity>>;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export function analyzeCapacity(doc: TopologyDocument): CapacityReport {
  const design = flowDesign(doc);
  const clients = clientsOf(design);
  const totalRate = clients.reduce((sum, client) => sum + client.rate, 0);
  // The mix of requests: by rate; with every rate 0, each client counts the same.
  const visits = new Float64Array(design.nodes.length);
  for (const client of clients) {
    const weight = totalRate > 0 ? client.rate / totalRate : 1 / clients.length;
    if (weight === 0) continue;
    const fromClient = visitsFrom(design, client.index);
    for (let n = 0; n < visits.length; n++) visits[n]! += weight * fromClient[n]!;
  }
  const { holdingMs } = nodeTimes(design);

  const nodes: Record<string, NodeCapacity> = {};
  let bottleneck: string | null = null;
  let bottleneckRate = Infinity;
  design.nodes.forEach((node, n) => {
    if (node.kind === 'client') return;
    const slots = node.instances.length * node.concurrency;
    const holding = holdingMs[n]!;
    const bySlots = holding > 0 ? (slots * 1000) / holding : Infinity;
    const capacity = Math.min(bySlots, node.rateLimit ?? Infinity);
    const offered = totalRate * visits[n]!;
    const utilization = holding > 0 ? (offered * holding) / 1000 / slots : 0;
    const maxRate = visits[n]! > 0 && Number.isFinite(capacity) ? capacity / visits[n]! : Infinity;
    if (maxRate < bottleneckRate) {
      bottleneckRate = maxRate;
      bottleneck = node.id;
    }
    nodes[node.id] = {
      visits: round(visits[n]!, 4),
      holdingMs: round(holding, 3),
      slots,
      capacityPerSecond: Number.isFinite(capacity) ? round(capacity, 1) : null,
      utilization: round(utilization, 4),
      maxRate: Number.isFinite(maxRate) ? round(maxRate, 1) : null,
    };
  });
  const finite = Number.isFinite(bottleneckRate);
  return {
    bottleneck: finite ? bottleneck : null,
    maxMultiple: finite && totalRate > 0 ? round(bottleneckRate / totalRate, 3) : null,
    maxRate: finite ? round(bottleneckRate, 1) : null,
    nodes,
  };
}
