/**
 * Load balancing: which instance of a node gets the next call (SPEC §2 `balancer`). Only
 * instances in rotation — not yet found dead by the health check — are candidates; a retry
 * passes the instance that just failed as `exclude`, and gets another one where there is one.
 */
import { mix32, type Random } from './random';
import type { SimulationModel } from './model';

const ROUND_ROBIN = 0;
const RANDOM = 1;
const LEAST_CONNECTIONS = 2;
const WEIGHTED = 3;
const CONSISTENT_HASH = 4;

/** Points per instance on a consistent-hash ring: enough for an even spread of keys. */
const RING_POINTS = 64;

export class Balancers {
  private readonly cursor: Int32Array;
  /** Smooth weighted round-robin state (nginx's algorithm), per instance. */
  private readonly currentWeight: Float64Array;
  private readonly rings: (Uint32Array | undefined)[];
  private readonly ringOwners: (Int32Array | undefined)[];

  constructor(
    private readonly model: SimulationModel,
    private readonly random: Random,
    /** 1 while an instance is in rotation. */
    private readonly inRotation: Uint8Array,
    /** Requests an instance holds (in service or queued), for least-connections. */
    private readonly active: Int32Array,
  ) {
    this.cursor = new Int32Array(model.nodeCount);
    this.currentWeight = new Float64Array(model.instanceCount);
    this.rings = new Array(model.nodeCount).fill(undefined);
    this.ringOwners = new Array(model.nodeCount).fill(undefined);
  }

  /** The instance for the next call to `node`, or -1 when none is in rotation. */
  pick(node: number, key: number, exclude: number): number {
    const first = this.model.nodeFirstInstance[node]!;
    const count = this.model.nodeInstanceCount[node]!;
    if (count === 1) return this.inRotation[first] === 1 ? first : -1;
    let candidates = 0;
    for (let i = first; i < first + count; i++) if (this.inRotation[i] === 1 && i !== exclude) candidates++;
    if (candidates === 0) return exclude >= 0 && this.inRotation[exclude] === 1 ? exclude : -1;
    switch (this.model.nodeBalancer[node]) {
      case RANDOM:
        return this.nth(first, count, exclude, this.random.below(candidates));
      case LEAST_CONNECTIONS:
        return this.leastConnections(node, first, count, exclude);
      case WEIGHTED:
        return this.weighted(node, first, count, exclude);
      case CONSISTENT_HASH:
        return this.consistentHash(node, key, exclude);
      case ROUND_ROBIN:
      default:
        return this.roundRobin(node, first, count, exclude);
    }
  }

  private eligible(instance: number, exclude: number): boolean {
    return this.inRotation[instance] === 1 && instance !== exclude;
  }

  private nth(first: number, count: number, exclude: number, n: number): number {
    for (let i = first; i < first + count; i++) if (this.eligible(i, exclude) && n-- === 0) return i;
    return -1;
  }

  /** A retry takes the next instance after the one that failed, leaving the rotation as it was. */
  private roundRobin(node: number, first: number, count: number, exclude: number): number {
    const retry = exclude >= 0;
    const start = retry ? exclude - first + 1 : this.cursor[node]!;
    for (let k = 0; k < count; k++) {
      const local = (start + k) % count;
      if (this.eligible(first + local, exclude)) {
        if (!retry) this.cursor[node] = (local + 1) % count;
        return first + local;
      }
    }
    return -1;
  }

  /** Fewest requests held; ties go round the instances so equal load spreads evenly. */
  private leastConnections(node: number, first: number, count: number, exclude: number): number {
    const start = this.cursor[node]!;
    let best = -1;
    let bestLoad = Infinity;
    for (let k = 0; k < count; k++) {
      const instance = first + ((start + k) % count);
      if (this.eligible(instance, exclude) && this.active[instance]! < bestLoad) {
        best = instance;
        bestLoad = this.active[instance]!;
      }
    }
    if (best >= 0) this.cursor[node] = (best - first + 1) % count;
    return best;
  }

  private weighted(node: number, first: number, count: number, exclude: number): number {
    let total = 0;
    let best = -1;
    for (let i = first; i < first + count; i++) {
      if (!this.eligible(i, exclude)) continue;
      const weight = this.model.instanceWeight[i]!;
      total += weight;
      this.currentWeight[i]! += weight;
      if (weight > 0 && (best < 0 || this.currentWeight[i]! > this.currentWeight[best]!)) best = i;
    }
    if (best < 0) return this.roundRobin(node, first, count, exclude);
    this.currentWeight[best]! -= total;
    return best;
  }

  /** The first eligible instance clockwise from the key's point on the ring. */
  private consistentHash(node: number, key: number, exclude: number): number {
    let ring = this.rings[node];
    let owners = this.ringOwners[node];
    if (!ring || !owners) [ring, owners] = this.buildRing(node);
    const point = mix32(key ^ 0x5bd1e995);
    let low = 0;
    let high = ring.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ring[middle]! < point) low = middle + 1;
      else high = middle;
    }
    for (let k = 0; k < ring.length; k++) {
      const instance = owners[(low + k) % ring.length]!;
      if (this.eligible(instance, exclude)) return instance;
    }
    return -1;
  }

  private buildRing(node: number): [Uint32Array, Int32Array] {
    const first = this.model.nodeFirstInstance[node]!;
    const count = this.model.nodeInstanceCount[node]!;
    const points: [number, number][] = [];
    for (let local = 0; local < count; local++) {
      for (let v = 0; v < RING_POINTS; v++) points.push([mix32(mix32(local * 2654435761) ^ v), first + local]);
    }
    points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const ring = Uint32Array.from(points, (p) => p[0]);
    const owners = Int32Array.from(points, (p) => p[1]);
    this.rings[node] = ring;
    this.ringOwners[node] = owners;
    return [ring, owners];
  }
}
