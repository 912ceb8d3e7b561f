/**
 * Shards (SPEC §8): a database or cache with `shards: N` spreads its data keys over N shards by
 * consistent hashing (1,024 points per shard); instance i belongs to shard i mod N. A call goes to its
 * key's shard and, among that shard's replicas in rotation, by the node's balancer (round-robin
 * and weighted go round the replicas; random draws one; least-connections takes the fewest open
 * connections; consistent-hash hashes the key). No replica in rotation: the pick is -1 and the
 * call fails as `unavailable`, whatever the other shards' state.
 */
import { BALANCERS } from '../document';
import { mix32, type Random } from './random';
import type { SimulationModel } from './model';
import { buildRing, ringStart } from './ring';

/** Points per shard: with 1,024 the shares of the key space stay within a few percent of 1/N. */
const RING_POINTS = 1024;
const RANDOM = BALANCERS.indexOf('random');
const LEAST_CONNECTIONS = BALANCERS.indexOf('least-connections');
const CONSISTENT_HASH = BALANCERS.indexOf('consistent-hash');

/** The shard of a data key on a ring of `shards` shards. */
export function shardOfKey(ring: Uint32Array, owners: Int32Array, key: number): number {
  return owners[ringStart(ring, mix32(key ^ 0x27d4eb2f)) % ring.length]!;
}

export function buildShardRing(shards: number): [Uint32Array, Int32Array] {
  const { points, owners } = buildRing(shards, RING_POINTS, (s) => (s + 1) * 2246822519);
  return [points, owners];
}

export class Shards {
  private readonly rings: (Uint32Array | undefined)[];
  private readonly ringOwners: (Int32Array | undefined)[];
  /** Round-robin cursor per shard of each sharded node. */
  private readonly cursors: (Int32Array | undefined)[];

  constructor(
    private readonly model: SimulationModel,
    private readonly randomNumbers: Random,
    private readonly inRotation: Uint8Array,
    private readonly connections: Int32Array,
  ) {
    this.rings = new Array<Uint32Array | undefined>(model.nodeCount).fill(undefined);
    this.ringOwners = new Array<Int32Array | undefined>(model.nodeCount).fill(undefined);
    this.cursors = new Array<Int32Array | undefined>(model.nodeCount).fill(undefined);
    for (let n = 0; n < model.nodeCount; n++) {
      const shards = model.state.nodeShards[n]!;
      if (shards < 2) continue;
      [this.rings[n], this.ringOwners[n]] = buildShardRing(shards);
      this.cursors[n] = new Int32Array(shards);
    }
  }

  /** The shard a data key of `node` lives in. */
  shardOf(node: number, key: number): number {
    return shardOfKey(this.rings[node]!, this.ringOwners[node]!, key);
  }

  /** A replica of the key's shard in rotation (not `exclude` where another is), or -1. */
  pick(node: number, key: number, exclude: number): number {
    const model = this.model;
    const shards = model.state.nodeShards[node]!;
    const first = model.nodeFirstInstance[node]!;
    const end = first + model.nodeInstanceCount[node]!;
    const shard = this.shardOf(node, key);
    let candidates = 0;
    for (let i = first + shard; i < end; i += shards) if (this.inRotation[i] === 1 && i !== exclude) candidates++;
    if (candidates === 0) return exclude >= 0 && this.inRotation[exclude] === 1 && (exclude - first) % shards === shard ? exclude : -1;
    const balancer = model.nodeBalancer[node];
    let chosen: number;
    if (balancer === LEAST_CONNECTIONS) {
      let best = -1;
      for (let i = first + shard; i < end; i += shards) {
        if (this.inRotation[i] === 1 && i !== exclude && (best < 0 || this.connections[i]! < this.connections[best]!)) best = i;
      }
      return best;
    }
    if (balancer === RANDOM) chosen = this.randomNumbers.below(candidates);
    else if (balancer === CONSISTENT_HASH) chosen = mix32(key ^ 0x5bd1e995) % candidates;
    else {
      const cursor = this.cursors[node]!;
      chosen = cursor[shard]! % candidates;
      if (exclude < 0) cursor[shard] = (cursor[shard]! + 1) % candidates;
    }
    for (let i = first + shard; i < end; i += shards) if (this.inRotation[i] === 1 && i !== exclude && chosen-- === 0) return i;
    return -1;
  }
}
