/**
 * Load balancing: which instance of a node gets the next call (SPEC §2 `balancer`). Only
 * instances in rotation — not yet found dead by the health check — are candidates; a retry
 * passes the instance that just failed as `exclude`, and gets another one where there is one.
 */
import { BALANCERS, type Balancer } from '../document';
import { mix32, type Random } from './random';
import type { SimulationModel } from './model';
import type { Sessions } from './sessions';
import { Shards } from './shards';
import { buildRing, ringFind, type Ring } from './ring';
import { SESSION_STICKY } from './stateModel';

/** Points per instance on a consistent-hash ring: enough for an even spread of keys. */
const RING_POINTS = 64;

/**
 * The model's code of each balancer (its index in BALANCERS). Adding a balancer to the schema
 * without an entry here does not compile; `choose` then needs its case (the balancer test runs
 * every balancer of the schema).
 */
const CODE = {
  'round-robin': BALANCERS.indexOf('round-robin'),
  random: BALANCERS.indexOf('random'),
  'least-connections': BALANCERS.indexOf('least-connections'),
  weighted: BALANCERS.indexOf('weighted'),
  'consistent-hash': BALANCERS.indexOf('consistent-hash'),
} satisfies Record<Balancer, number>;
const ROUND_ROBIN = CODE['round-robin'];
const RANDOM = CODE.random;
const LEAST_CONNECTIONS = CODE['least-connections'];
const WEIGHTED = CODE.weighted;
const CONSISTENT_HASH = CODE['consistent-hash'];

export class Balancers {
  private readonly cursor: Int32Array;
  /** Smooth weighted round-robin state (nginx's algorithm), per instance. */
  private readonly currentWeight: Float64Array;
  private readonly rings: (Ring | undefined)[];
  /**
   * Attempts each instance has been given and not yet answered (or failed, or timed out), counted
   * from the moment of the pick — as a real balancer counts its open connections — so a burst
   * cannot pile onto the instance whose requests are still on the wire.
   */
  readonly connections: Int32Array;
  /** Sharded data stores (SPEC §8), when the design has any. */
  private readonly shards: Shards | undefined;
  /** While `pickAmong` runs: 1 where an instance may be picked (replicated nodes' roles and sides). */
  private allowed: Uint8Array | null = null;

  constructor(
    private readonly model: SimulationModel,
    private readonly randomNumbers: Random,
    /** 1 while an instance is in rotation. */
    private readonly inRotation: Uint8Array,
    /** Sessions, when the design keeps any: a sticky node pins each user to its session's instance. */
    private readonly sessions?: Sessions,
    /** Instances of each node out of rotation (InstanceTable's), when kept: 0 lets a pick skip the count of eligible ones. */
    private readonly outOfRotation?: Int32Array,
  ) {
    this.cursor = new Int32Array(model.nodeCount);
    this.currentWeight = new Float64Array(model.instanceCount);
    this.rings = new Array(model.nodeCount).fill(undefined);
    this.connections = new Int32Array(model.instanceCount);
    this.shards = model.state.used && model.state.nodeShards.some((n) => n > 1) ? new Shards(model, randomNumbers, inRotation, this.connections) : undefined;
  }

  /**
   * The instance for the next attempt to `node`, or -1 when none is in rotation. The pick opens a
   * connection on it: the caller closes it with `release` when the attempt ends.
   */
  pick(node: number, key: number, exclude: number): number {
    const instance = this.choose(node, key, exclude);
    if (instance >= 0) this.connections[instance]!++;
    return instance;
  }

  /**
   * Like `pick`, among the instances `allowed` marks (the replicas that may serve a read, or that
   * the caller reaches): the node's balancer chooses among them.
   */
  pickAmong(node: number, key: number, exclude: number, allowed: Uint8Array): number {
    this.allowed = allowed;
    const instance = this.choose(node, key, exclude);
    this.allowed = null;
    if (instance >= 0) this.connections[instance]!++;
    return instance;
  }

  /** The attempt given to `instance` is over (answered, failed or timed out). */
  release(instance: number): void {
    this.connections[instance]!--;
  }

  private choose(node: number, key: number, exclude: number): number {
    if (this.sessions !== undefined && this.model.state.nodeSession[node] === SESSION_STICKY) {
      // Sticky: the user's session instance while it is in rotation; else the balancer re-pins.
      const owner = this.sessions.owner(node, key);
      if (owner >= 0 && this.eligible(owner, exclude)) return owner;
    }
    if (this.shards !== undefined && this.model.state.nodeShards[node]! > 1) return this.shards.pick(node, key, exclude);
    const first = this.model.nodeFirstInstance[node]!;
    const count = this.model.nodeInstanceCount[node]!;
    if (count === 1) return this.inRotation[first] === 1 ? first : -1;
    // With every instance in rotation and none excluded, all are eligible; else count them.
    if (exclude >= 0 || this.allowed !== null || this.outOfRotation === undefined || this.outOfRotation[node] !== 0) {
      let candidates = 0;
      for (let i = first; i < first + count; i++) if (this.eligible(i, exclude)) candidates++;
      if (candidates === 0) return exclude >= 0 && this.eligible(exclude, -1) ? exclude : -1;
    }
    // A switch of direct calls, not a table of functions: each call site stays monomorphic.
    const code = this.model.nodeBalancer[node]!;
    if (code === ROUND_ROBIN) return this.roundRobin(node, first, count, exclude);
    if (code === LEAST_CONNECTIONS) return this.leastConnections(node, first, count, exclude);
    if (code === RANDOM) return this.random(first, count, exclude);
    if (code === WEIGHTED) return this.weighted(node, first, count, exclude);
    if (code === CONSISTENT_HASH) return this.consistentHash(node, key, exclude);
    throw new Error(`no pick for balancer ${BALANCERS[code] ?? code}`);
  }

  private eligible(instance: number, exclude: number): boolean {
    return this.inRotation[instance] === 1 && instance !== exclude && (this.allowed === null || this.allowed[instance] === 1);
  }

  /** @internal An eligible instance drawn uniformly. */
  random(first: number, count: number, exclude: number): number {
    let candidates = 0;
    for (let i = first; i < first + count; i++) if (this.eligible(i, exclude)) candidates++;
    let n = this.randomNumbers.below(candidates);
    for (let i = first; i < first + count; i++) if (this.eligible(i, exclude) && n-- === 0) return i;
    return -1;
  }

  /** @internal A retry takes the next instance after the one that failed, leaving the rotation as it was. */
  roundRobin(node: number, first: number, count: number, exclude: number): number {
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

  /** @internal Fewest open connections; ties go round the instances so equal load spreads evenly. */
  leastConnections(node: number, first: number, count: number, exclude: number): number {
    const start = this.cursor[node]!;
    let best = -1;
    let bestLoad = Infinity;
    for (let k = 0; k < count; k++) {
      const instance = first + ((start + k) % count);
      if (this.eligible(instance, exclude) && this.connections[instance]! < bestLoad) {
        best = instance;
        bestLoad = this.connections[instance]!;
      }
    }
    if (best >= 0) this.cursor[node] = (best - first + 1) % count;
    return best;
  }

  /** @internal Smooth weighted round-robin over the instances' weights. */
  weighted(node: number, first: number, count: number, exclude: number): number {
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

  /** @internal The first eligible instance clockwise from the key's point on the ring. */
  consistentHash(node: number, key: number, exclude: number): number {
    const ring = (this.rings[node] ??= buildRing(
      this.model.nodeInstanceCount[node]!,
      RING_POINTS,
      (local) => local * 2654435761,
      this.model.nodeFirstInstance[node]!,
    ));
    const { points, owners } = ring;
    const start = ringFind(ring, mix32(key ^ 0x5bd1e995));
    for (let k = 0; k < points.length; k++) {
      const instance = owners[(start + k) % points.length]!;
      if (this.eligible(instance, exclude)) return instance;
    }
    return -1;
  }
}
