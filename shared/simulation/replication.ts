/**
 * Replicated databases and caches (SPEC §8): the node's instances are its replicas. Every key has
 * a version on every replica (one Int32Array per node, replica-major, sized from `keys`), plus the
 * newest acknowledged version and the last version handed out. Reads compare versions; writes
 * bump them; followers and slow quorum replicas apply a write `lagMs` later, one agenda event per
 * write (records pooled). Leader elections, lost writes at failover, CP/AP partitions and
 * last-writer-wins at heal all work on those arrays. Only nodes with `replication` get any of it;
 * the engine builds this part only when the design has one (replicationModel.ts).
 *
 * The engine calls in at four points of a call into a replicated node: the pick (who may serve a
 * read or a write, or a refusal), the start of service (the write's version, its acknowledgements
 * and how long they take), the end of service (commit, stale check) and the instance and
 * partition changes that faults.ts reports. README.md "Replicated data" states the semantics.
 */
import { EVENT_ELECTION, EVENT_REPLICA_APPLY, type Agenda, type Clock } from './events';
import type { Faults } from './faults';
import type { CompiledFault } from './faultTypes';
import type { InstanceTable } from './instances';
import { networkDelayMs, SAME_HOST, type SimulationModel } from './model';
import { grown, RecordPool } from './pools';
import { READ_FOLLOWERS, READ_LEADER, REPLICATION_LEADER, REPLICATION_NONE, REPLICATION_QUORUM, SYNC_ASYNC, SYNC_FULL, type ReplicationModel } from './replicationModel';
import type { Balancers } from './balancers';
import type { ConsistencyReport, InstanceSnapshot } from './types';

/** What `pick` and `startService` answer instead of an instance or a time. */
export const REFUSE_UNAVAILABLE = -1;
export const REFUSE_NO_QUORUM = -2;

/** Kinds of per-second consistency counts (the timeline's `consistency`). */
export const NOTE_STALE = 0;
export const NOTE_CONFLICT = 1;
export const NOTE_LOST = 2;
export const NOTE_NO_QUORUM = 3;

/** What replication needs from the engine. */
export interface ReplicationPort {
  readonly clock: Clock;
  readonly agenda: Agenda;
  /** One draw of the node's service time (the engine's distribution and random stream). */
  serviceTime(node: number): number;
  /** Counts `count` of `kind` in the timeline's open second. */
  note(kind: number, count: number): void;
}

/** Per-job fields this part reads and writes (columns of the engine's JobPool). */
export interface ReplicaJobs {
  readonly replicaVersion: Int32Array;
  readonly replicaAcks: Int32Array;
}

/** Pending applies: a write reaching the replicas of `mask` `lagMs` after it was committed or sent. */
class ApplyPool extends RecordPool {
  node = new Int32Array(0);
  key = new Int32Array(0);
  version = new Int32Array(0);
  mask = new Int32Array(0);
  /** The instance that shipped it, and its epoch then (a leader that died since shipped nothing). */
  source = new Int32Array(0);
  epoch = new Int32Array(0);
  serial = new Int32Array(0);

  constructor() {
    super();
    this.reserve(64);
  }

  release(record: number): void {
    this.serial[record]!++;
    this.recycle(record);
  }

  protected growColumns(capacity: number): void {
    this.node = grown(this.node, capacity);
    this.key = grown(this.key, capacity);
    this.version = grown(this.version, capacity);
    this.mask = grown(this.mask, capacity);
    this.source = grown(this.source, capacity);
    this.epoch = grown(this.epoch, capacity);
    this.serial = grown(this.serial, capacity);
  }
}

/** A partition as one replicated node sees it: the side of each of its replicas. */
interface NodeSplit {
  readonly fault: CompiledFault;
  /** Side (the partition's group, or -1: a host in no group reaches every side) per replica. */
  readonly side: Int32Array;
  readonly sides: number;
  /** Leader-follower: a leader per side (availability), -1 while none; consistency uses only the majority's. */
  readonly sideLeader: Int32Array;
  /** Availability: writes per (key, side) during the partition, and the time of the last one. */
  readonly writes: Int32Array | undefined;
  readonly lastAt: Float64Array | undefined;
  /** Consistency: the side holding a majority of the replicas, or -1. */
  readonly majority: number;
  readonly startedAt: number;
}

export class Replication {
  private readonly rm: ReplicationModel;
  /** Per replicated node: keys, and the version arrays (undefined elsewhere). */
  private readonly keys: Int32Array;
  private readonly applied: (Int32Array | undefined)[];
  private readonly latest: (Int32Array | undefined)[];
  private readonly issued: (Int32Array | undefined)[];
  /** Leader-follower: the leader's instance (-1: none), an election running, its serial. */
  private readonly leader: Int32Array;
  private readonly electing: Uint8Array;
  private readonly electionSerial: Int32Array;
  /** Elections running on sides of a partition (the whole node's is `electing`). */
  private readonly sideElections: Int32Array;
  private readonly splits: (NodeSplit | undefined)[];
  private readonly applies = new ApplyPool();
  private readonly lastWriteAt: Float64Array;
  private readonly diedAt: Float64Array;
  /** Scratch: candidate replicas and their times for one quorum operation. */
  private readonly times = new Float64Array(32);
  private readonly order = new Int32Array(32);
  /** Scratch mask handed to the balancer: 1 where an instance may take the call. */
  private readonly allowed: Uint8Array;
  readonly reads: Float64Array;
  readonly writes: Float64Array;
  readonly staleReads: Float64Array;
  readonly lostWrites: Float64Array;
  readonly conflicts: Float64Array;
  readonly noQuorum: Float64Array;
  readonly elections: Float64Array;

  constructor(
    private readonly model: SimulationModel,
    private readonly instances: InstanceTable,
    private readonly faults: Faults,
    private readonly balancers: Balancers,
    private readonly jobs: ReplicaJobs,
    private readonly port: ReplicationPort,
  ) {
    const rm = model.replication;
    this.rm = rm;
    const count = model.nodeCount;
    this.keys = new Int32Array(count);
    this.applied = new Array(count).fill(undefined);
    this.latest = new Array(count).fill(undefined);
    this.issued = new Array(count).fill(undefined);
    this.splits = new Array(count).fill(undefined);
    this.leader = new Int32Array(count).fill(-1);
    this.electing = new Uint8Array(count);
    this.electionSerial = new Int32Array(count);
    this.sideElections = new Int32Array(count);
    this.lastWriteAt = new Float64Array(count).fill(-Infinity);
    this.diedAt = new Float64Array(model.instanceCount);
    this.allowed = new Uint8Array(model.instanceCount);
    const f64 = () => new Float64Array(count);
    this.reads = f64();
    this.writes = f64();
    this.staleReads = f64();
    this.lostWrites = f64();
    this.conflicts = f64();
    this.noQuorum = f64();
    this.elections = f64();
    for (let n = 0; n < count; n++) {
      if (rm.nodeMode[n] === REPLICATION_NONE) continue;
      const keys = Math.max(1, model.state.nodeKeys[n]!);
      this.keys[n] = keys;
      this.applied[n] = new Int32Array(keys * rm.nodeReplicas[n]!);
      this.latest[n] = new Int32Array(keys);
      this.issued[n] = new Int32Array(keys);
      if (rm.nodeMode[n] === REPLICATION_LEADER) this.leader[n] = model.nodeFirstInstance[n]!;
    }
  }

  /** Apply records in flight (for the no-leak tests). */
  get liveApplies(): number {
    return this.applies.live;
  }

  isReplicated(node: number): boolean {
    return this.rm.nodeMode[node] !== REPLICATION_NONE;
  }

  // ── the pick ─────────────────────────────────────────────────────────────────────────────────

  /**
   * The replica for an attempt at `node` from `fromHost`: the leader for a write (or a read from
   * the leader), the node's balancer among followers or all replicas the caller reaches for other
   * reads, any replica the caller reaches as a quorum's coordinator. A refusal (REFUSE_*) when the
   * caller's side has replicas but no leader it may use. Opens the balancer's connection, as a pick does.
   */
  pick(node: number, key: number, write: boolean, fromHost: number, exclude: number): number {
    const rm = this.rm;
    const first = this.model.nodeFirstInstance[node]!;
    const replicas = rm.nodeReplicas[node]!;
    if (rm.nodeMode[node] === REPLICATION_LEADER && (write || rm.nodeReadFrom[node] === READ_LEADER)) {
      const leader = this.leaderFor(node, fromHost);
      if (leader < 0) return this.refuse(node, leader);
      this.balancers.connections[leader]!++;
      return leader;
    }
    // Reads from followers (or any replica), and a quorum's coordinator: among the replicas the caller reaches.
    const followersOnly = rm.nodeMode[node] === REPLICATION_LEADER && rm.nodeReadFrom[node] === READ_FOLLOWERS;
    let candidates = 0;
    for (let j = 0; j < replicas; j++) {
      const instance = first + j;
      const ok = (!followersOnly || !this.isLeader(node, instance)) && this.reaches(fromHost, instance) && this.instances.inRotation[instance] === 1 ? 1 : 0;
      this.allowed[instance] = ok;
      candidates += ok;
    }
    if (candidates === 0 && followersOnly) {
      // No follower to read from: the leader answers.
      const leader = this.leaderFor(node, fromHost);
      if (leader >= 0) {
        this.balancers.connections[leader]!++;
        return leader;
      }
    }
    if (candidates === 0) {
      // Nothing reachable: send to any replica in rotation; the partition (or the crash) answers.
      for (let j = 0; j < replicas; j++) this.allowed[first + j] = 1;
    }
    return this.balancers.pickAmong(node, key, exclude, this.allowed);
  }

  private refuse(node: number, code: number): number {
    if (code === REFUSE_NO_QUORUM) this.countNoQuorum(node);
    return code;
  }

  countNoQuorum(node: number): void {
    this.noQuorum[node]!++;
    this.port.note(NOTE_NO_QUORUM, 1);
  }

  /** The leader a caller on `fromHost` writes to, or a refusal. */
  private leaderFor(node: number, fromHost: number): number {
    const split = this.splits[node];
    const leader = this.leader[node]!;
    if (split === undefined) return leader < 0 || this.electing[node] === 1 ? REFUSE_UNAVAILABLE : leader;
    const callerSide = fromHost < 0 ? -1 : split.fault.groupOfHost[fromHost]!;
    const reached = leader >= 0 && this.reaches(fromHost, leader);
    if (this.rm.nodeAvailability[node] === 1) {
      // Availability: the leader where the caller reaches it, else its own side's, once elected.
      if (reached) return this.electing[node] === 1 ? REFUSE_UNAVAILABLE : leader;
      const own = callerSide >= 0 ? split.sideLeader[callerSide]! : -1;
      return own >= 0 ? own : REFUSE_UNAVAILABLE;
    }
    // Consistency: only a leader on the majority's side commits anything.
    if (reached) {
      if (this.fenced(node, split, leader)) return REFUSE_NO_QUORUM;
      return this.electing[node] === 1 ? REFUSE_UNAVAILABLE : leader;
    }
    if (callerSide >= 0 && callerSide === split.majority) return REFUSE_UNAVAILABLE;
    return REFUSE_NO_QUORUM;
  }

  /** Consistency under a split: a leader on a side without the majority (and not in every side's reach) cannot commit. */
  private fenced(node: number, split: NodeSplit, leader: number): boolean {
    const side = split.side[leader - this.model.nodeFirstInstance[node]!]!;
    return side >= 0 && side !== split.majority;
  }

  private isLeader(node: number, instance: number): boolean {
    if (this.leader[node] === instance) return true;
    const split = this.splits[node];
    if (split === undefined) return false;
    for (let s = 0; s < split.sideLeader.length; s++) if (split.sideLeader[s] === instance) return true;
    return false;
  }

  /** True unless a partition in force separates the two (clients, host < 0, reach everyone). */
  private reaches(fromHost: number, instance: number): boolean {
    return this.faults.partitions.length === 0 || !this.faults.partitioned(fromHost, this.model.instanceHost[instance]!);
  }

  private replicasReach(a: number, b: number): boolean {
    return this.faults.partitions.length === 0 || !this.faults.partitioned(this.model.instanceHost[a]!, this.model.instanceHost[b]!);
  }

  // ── service ──────────────────────────────────────────────────────────────────────────────────

  /**
   * The job starts its service at `instance`: its service time (with the acknowledgements it
   * waits for), or a refusal. A write gets its version here; a quorum's slow replicas get theirs
   * `lagMs` after this moment.
   */
  startService(job: number, node: number, instance: number, key: number, write: boolean): number {
    const rm = this.rm;
    const k = key % this.keys[node]!;
    if (rm.nodeMode[node] === REPLICATION_LEADER) {
      if (!write) return this.port.serviceTime(node);
      // The leader changed while the write travelled: the old one refuses, as a demoted primary does.
      if (!this.isLeader(node, instance)) return REFUSE_UNAVAILABLE;
      const split = this.splits[node];
      if (split !== undefined && rm.nodeAvailability[node] === 0 && this.fenced(node, split, instance)) {
        this.countNoQuorum(node);
        return REFUSE_NO_QUORUM;
      }
      this.jobs.replicaVersion[job] = ++this.issued[node]![k]!;
      return this.leaderWriteTime(job, node, instance);
    }
    return this.quorumTime(job, node, instance, k, write);
  }

  /** A leader's write: its own service, and the followers it waits for (semi-sync: the first; sync: all it reaches). */
  private leaderWriteTime(job: number, node: number, leader: number): number {
    const own = this.port.serviceTime(node);
    const sync = this.rm.nodeSync[node]!;
    this.jobs.replicaAcks[job] = 0;
    if (sync === SYNC_ASYNC) return own;
    const first = this.model.nodeFirstInstance[node]!;
    let slowest = own;
    let fastest = Infinity;
    let acks = 0;
    let firstAck = -1;
    for (let j = 0; j < this.rm.nodeReplicas[node]!; j++) {
      const instance = first + j;
      if (instance === leader || this.instances.down[instance] === 1 || !this.replicasReach(leader, instance)) continue;
      const time = this.hop(leader, instance) + this.port.serviceTime(node);
      acks |= 1 << j;
      if (time > slowest) slowest = time;
      if (time < fastest) {
        fastest = time;
        firstAck = j;
      }
    }
    if (sync === SYNC_FULL) {
      this.jobs.replicaAcks[job] = acks;
      return slowest;
    }
    if (firstAck < 0) return own;
    this.jobs.replicaAcks[job] = 1 << firstAck;
    return Math.max(own, fastest);
  }

  /**
   * A quorum operation at coordinator `instance`: every replica it reaches does the work (one
   * service draw each, in replica order, whatever w and r are); the w (r) fastest are waited for.
   * Too few reachable: `no-quorum`, unless the node chose availability (then all it reaches).
   */
  private quorumTime(job: number, node: number, coordinator: number, k: number, write: boolean): number {
    const rm = this.rm;
    const first = this.model.nodeFirstInstance[node]!;
    const replicas = rm.nodeReplicas[node]!;
    let reachable = 0;
    for (let j = 0; j < replicas; j++) {
      const instance = first + j;
      if (this.instances.down[instance] === 1 || !this.replicasReach(coordinator, instance)) continue;
      this.times[reachable] = (instance === coordinator ? 0 : this.hop(coordinator, instance)) + this.port.serviceTime(node);
      this.order[reachable] = j;
      reachable++;
    }
    let need = write ? rm.nodeW[node]! : rm.nodeR[node]!;
    if (reachable < need) {
      if (rm.nodeAvailability[node] === 0 || reachable === 0) {
        this.countNoQuorum(node);
        return REFUSE_NO_QUORUM;
      }
      need = reachable;
    }
    // The `need` fastest: a partial selection sort over at most 30 entries (stable in replica order).
    let mask = 0;
    let time = 0;
    for (let a = 0; a < need; a++) {
      let best = a;
      for (let b = a + 1; b < reachable; b++) if (this.times[b]! < this.times[best]!) best = b;
      const t = this.times[best]!;
      const j = this.order[best]!;
      this.times[best] = this.times[a]!;
      this.order[best] = this.order[a]!;
      this.times[a] = t;
      this.order[a] = j;
      mask |= 1 << j;
      time = t;
    }
    this.jobs.replicaAcks[job] = mask;
    if (write) {
      const version = ++this.issued[node]![k]!;
      this.jobs.replicaVersion[job] = version;
      // The replicas not waited for apply it lagMs after it was sent.
      let others = 0;
      for (let a = need; a < reachable; a++) others |= 1 << this.order[a]!;
      if (others !== 0) this.ship(node, k, version, others, coordinator, 0);
    }
    return time;
  }

  private hop(from: number, to: number): number {
    const delay = networkDelayMs(this.model, this.model.instanceHost[from]!, this.model.instanceHost[to]!);
    return delay === SAME_HOST ? 0 : delay;
  }

  /**
   * The write's service is over at `instance`, successfully: it commits there and on the replicas
   * whose acks it waited for; the leader ships it to the other followers. True when it conflicts
   * (a write to the same key was accepted on another side of a partition).
   */
  committed(job: number, node: number, instance: number, key: number): boolean {
    const rm = this.rm;
    const k = key % this.keys[node]!;
    const version = this.jobs.replicaVersion[job]!;
    const first = this.model.nodeFirstInstance[node]!;
    const keys = this.keys[node]!;
    const applied = this.applied[node]!;
    const acks = this.jobs.replicaAcks[job]!;
    const replicas = rm.nodeReplicas[node]!;
    for (let j = 0; j < replicas; j++) {
      if ((acks & (1 << j)) === 0 && first + j !== instance) continue;
      if (this.instances.down[first + j] === 1) continue;
      const at = j * keys + k;
      if (applied[at]! < version) applied[at] = version;
    }
    const latest = this.latest[node]!;
    if (latest[k]! < version) latest[k] = version;
    this.writes[node]!++;
    this.lastWriteAt[node] = this.port.clock.now;
    if (rm.nodeMode[node] === REPLICATION_LEADER) {
      let others = 0;
      for (let j = 0; j < replicas; j++) if (first + j !== instance && (acks & (1 << j)) === 0) others |= 1 << j;
      if (others !== 0) this.ship(node, k, version, others, instance, this.instances.epoch[instance]!);
    }
    return this.countConflict(node, instance, k);
  }

  /** A read's service is over at `instance`: true when it returned an older version than the newest write of its key. */
  readDone(job: number, node: number, instance: number, key: number): boolean {
    const k = key % this.keys[node]!;
    const keys = this.keys[node]!;
    const applied = this.applied[node]!;
    const first = this.model.nodeFirstInstance[node]!;
    let newest: number;
    if (this.rm.nodeMode[node] === REPLICATION_QUORUM) {
      // A quorum read takes the newest version of the r replicas it asked.
      const acks = this.jobs.replicaAcks[job]!;
      newest = 0;
      for (let j = 0; j < this.rm.nodeReplicas[node]!; j++) if ((acks & (1 << j)) !== 0 && applied[j * keys + k]! > newest) newest = applied[j * keys + k]!;
    } else {
      const j = instance - first;
      newest = j < this.rm.nodeReplicas[node]! ? applied[j * keys + k]! : this.latest[node]![k]!;
    }
    this.reads[node]!++;
    if (newest >= this.latest[node]![k]!) return false;
    this.staleReads[node]!++;
    this.port.note(NOTE_STALE, 1);
    return true;
  }

  // ── shipping ─────────────────────────────────────────────────────────────────────────────────

  private ship(node: number, k: number, version: number, mask: number, source: number, epoch: number): void {
    const lag = this.rm.nodeLagMs[node]!;
    if (lag <= 0) return this.applyTo(node, k, version, mask, source);
    const pool = this.applies;
    const record = pool.allocate();
    pool.node[record] = node;
    pool.key[record] = k;
    pool.version[record] = version;
    pool.mask[record] = mask;
    pool.source[record] = source;
    pool.epoch[record] = epoch;
    this.port.agenda.push(this.port.clock.now + lag, EVENT_REPLICA_APPLY, record, pool.serial[record]!);
  }

  /** EVENT_REPLICA_APPLY: the shipped write reaches its replicas (those up, and reached from its source). */
  onApply(record: number, serial: number): void {
    const pool = this.applies;
    if (pool.serial[record] !== serial) return;
    const node = pool.node[record]!;
    const source = pool.source[record]!;
    // A leader that died after the commit never shipped it: the write lives only on the leader.
    const shipped = this.rm.nodeMode[node] !== REPLICATION_LEADER || this.instances.epoch[source] === pool.epoch[record];
    if (shipped) this.applyTo(node, pool.key[record]!, pool.version[record]!, pool.mask[record]!, source);
    pool.release(record);
  }

  private applyTo(node: number, k: number, version: number, mask: number, source: number): void {
    const first = this.model.nodeFirstInstance[node]!;
    const keys = this.keys[node]!;
    const applied = this.applied[node]!;
    for (let j = 0; j < this.rm.nodeReplicas[node]!; j++) {
      if ((mask & (1 << j)) === 0) continue;
      const instance = first + j;
      if (this.instances.down[instance] === 1 || !this.replicasReach(source, instance)) continue;
      const at = j * keys + k;
      if (applied[at]! < version) applied[at] = version;
    }
  }

  // ── instance life ────────────────────────────────────────────────────────────────────────────

  instanceDied(instance: number): void {
    this.diedAt[instance] = this.port.clock.now;
  }

  /**
   * A replica is back up: it catches up. A follower (or a demoted leader) takes the leader's data
   * as it is, discarding what the leader never had; a returning leader ships what it kept to its
   * followers; a quorum replica takes the newest version of each key from the replicas it reaches.
   */
  instanceRevived(instance: number): void {
    const node = this.model.instanceNode[instance]!;
    if (!this.isReplicated(node)) return;
    const j = instance - this.model.nodeFirstInstance[node]!;
    if (j >= this.rm.nodeReplicas[node]!) return;
    if (this.rm.nodeMode[node] === REPLICATION_QUORUM) return this.repair(node, instance);
    const leader = this.leader[node]!;
    if (leader === instance) return this.syncFollowersFrom(node, instance);
    if (leader >= 0 && this.instances.down[leader] === 0 && this.replicasReach(leader, instance)) this.copyReplica(node, leader, instance);
  }

  /** The health check moved `instance` out of (or back into) rotation: a leader out of rotation is replaced. */
  rotationChanged(instance: number, inRotation: boolean): void {
    const node = this.model.instanceNode[instance]!;
    if (this.rm.nodeMode[node] !== REPLICATION_LEADER) return;
    if (!inRotation && this.leader[node] === instance && this.electing[node] === 0) return this.startElection(node, -1, this.rm.nodeElectionMs[node]!);
    // Nobody could be elected before: the first replica back in rotation stands.
    if (inRotation && this.leader[node]! < 0 && this.electing[node] === 0) this.startElection(node, -1, this.rm.nodeElectionMs[node]!);
  }

  /**
   * An election of the whole node (side -1: its leader is out of rotation) or of one side of a
   * partition. The event carries the node's election serial and the side (serial × 64 + side + 1).
   */
  private startElection(node: number, side: number, delayMs: number): void {
    if (side < 0) {
      this.electing[node] = 1;
      this.electionSerial[node]!++;
    } else this.sideElections[node]!++;
    this.port.agenda.push(this.port.clock.now + delayMs, EVENT_ELECTION, node, this.electionSerial[node]! * 64 + side + 1);
  }

  /**
   * EVENT_ELECTION: the most up-to-date replica in rotation (on the election's side) becomes the
   * leader, after taking from the other candidates what they have and it lacks. Writes the old
   * leader acknowledged and no candidate has are lost.
   */
  onElection(node: number, second: number): void {
    if (Math.floor(second / 64) !== this.electionSerial[node]) return;
    const side = (second % 64) - 1;
    if (side < 0) {
      if (this.electing[node] === 0) return;
      this.electing[node] = 0;
    } else {
      if (this.sideElections[node] === 0) return;
      this.sideElections[node]!--;
    }
    const split = this.splits[node];
    const first = this.model.nodeFirstInstance[node]!;
    const replicas = this.rm.nodeReplicas[node]!;
    const keys = this.keys[node]!;
    const applied = this.applied[node]!;
    const old = this.leader[node]!;
    let best = -1;
    let bestSum = -1;
    for (let j = 0; j < replicas; j++) {
      const instance = first + j;
      if (!this.candidate(node, instance, side, split)) continue;
      let sum = 0;
      for (let k = 0; k < keys; k++) sum += applied[j * keys + k]!;
      if (sum > bestSum) {
        best = j;
        bestSum = sum;
      }
    }
    if (best < 0) {
      // Nobody to elect: the node has no leader until a replica is back in rotation.
      if (side < 0) this.leader[node] = -1;
      return;
    }
    const chosen = first + best;
    const base = best * keys;
    for (let j = 0; j < replicas; j++) if (j !== best && this.candidate(node, first + j, side, split)) this.takeNewer(node, j, best);
    const availableSplit = split !== undefined && side >= 0 && this.rm.nodeAvailability[node] === 1;
    if (!availableSplit && old >= 0 && old !== chosen) {
      const oldBase = (old - first) * keys;
      let lost = 0;
      const latest = this.latest[node]!;
      for (let k = 0; k < keys; k++) {
        const missing = applied[oldBase + k]! - applied[base + k]!;
        if (missing > 0) lost += missing;
        // What the new leader has is now the newest of each key.
        latest[k] = applied[base + k]!;
      }
      // The other candidates follow the new leader.
      for (let j = 0; j < replicas; j++) if (j !== best && this.candidate(node, first + j, side, split)) applied.copyWithin(j * keys, base, base + keys);
      if (lost > 0) {
        this.lostWrites[node]! += lost;
        this.port.note(NOTE_LOST, lost);
      }
    }
    this.elections[node]!++;
    if (availableSplit) split.sideLeader[side] = chosen;
    else this.leader[node] = chosen;
  }

  private candidate(node: number, instance: number, side: number, split: NodeSplit | undefined): boolean {
    if (this.instances.down[instance] === 1 || this.instances.inRotation[instance] === 0) return false;
    if (side < 0 || split === undefined) return true;
    return split.side[instance - this.model.nodeFirstInstance[node]!] === side;
  }

  private copyReplica(node: number, from: number, to: number): void {
    const first = this.model.nodeFirstInstance[node]!;
    const keys = this.keys[node]!;
    this.applied[node]!.copyWithin((to - first) * keys, (from - first) * keys, (from - first + 1) * keys);
  }

  /** Replica `to` (its index among the node's replicas) takes every version newer than its own that replica `from` holds. */
  private takeNewer(node: number, from: number, to: number): void {
    const keys = this.keys[node]!;
    const applied = this.applied[node]!;
    const source = from * keys;
    const target = to * keys;
    for (let k = 0; k < keys; k++) if (applied[source + k]! > applied[target + k]!) applied[target + k] = applied[source + k]!;
  }

  /** A returning leader ships what it kept to the followers up and reached. */
  private syncFollowersFrom(node: number, leader: number): void {
    const first = this.model.nodeFirstInstance[node]!;
    for (let j = 0; j < this.rm.nodeReplicas[node]!; j++) {
      const instance = first + j;
      if (instance === leader || this.instances.down[instance] === 1 || !this.replicasReach(leader, instance)) continue;
      this.takeNewer(node, leader - first, j);
    }
  }

  /** Anti-entropy: `instance` takes the newest version of each key among the replicas it reaches. */
  private repair(node: number, instance: number): void {
    const first = this.model.nodeFirstInstance[node]!;
    for (let j = 0; j < this.rm.nodeReplicas[node]!; j++) {
      const other = first + j;
      if (other === instance || this.instances.down[other] === 1 || !this.replicasReach(instance, other)) continue;
      this.takeNewer(node, j, instance - first);
    }
  }

  // ── partitions ───────────────────────────────────────────────────────────────────────────────

  /** The partitions in force changed: each replicated node splits (the first partition that divides its replicas) or heals. */
  partitionsChanged(): void {
    const now = this.port.clock.now;
    for (let node = 0; node < this.model.nodeCount; node++) {
      if (!this.isReplicated(node)) continue;
      const before = this.splits[node];
      const fault = this.faults.partitions.find((p) => this.divides(node, p));
      if (before !== undefined && before.fault === fault) continue;
      if (before !== undefined) this.heal(node, before);
      if (fault !== undefined) this.split(node, fault, now);
    }
  }

  private divides(node: number, fault: CompiledFault): boolean {
    const first = this.model.nodeFirstInstance[node]!;
    let seen = -1;
    for (let j = 0; j < this.rm.nodeReplicas[node]!; j++) {
      const group = fault.groupOfHost[this.model.instanceHost[first + j]!]!;
      if (group < 0) continue;
      if (seen >= 0 && group !== seen) return true;
      seen = group;
    }
    return false;
  }

  private split(node: number, fault: CompiledFault, now: number): void {
    const rm = this.rm;
    const first = this.model.nodeFirstInstance[node]!;
    const replicas = rm.nodeReplicas[node]!;
    let sides = 0;
    const side = new Int32Array(replicas);
    for (let j = 0; j < replicas; j++) {
      side[j] = fault.groupOfHost[this.model.instanceHost[first + j]!]!;
      sides = Math.max(sides, side[j]! + 1);
    }
    // The majority: the side whose replicas (with those in no group, which reach every side) are more than half.
    let majority = -1;
    for (let s = 0; s < sides; s++) {
      let count = 0;
      for (let j = 0; j < replicas; j++) if (side[j] === s || side[j] === -1) count++;
      if (count * 2 > replicas) majority = s;
    }
    const available = rm.nodeAvailability[node] === 1;
    const keys = this.keys[node]!;
    const split: NodeSplit = {
      fault,
      side,
      sides,
      sideLeader: new Int32Array(sides).fill(-1),
      writes: available ? new Int32Array(keys * sides) : undefined,
      lastAt: available ? new Float64Array(keys * sides) : undefined,
      majority,
      startedAt: now,
    };
    this.splits[node] = split;
    if (rm.nodeMode[node] !== REPLICATION_LEADER) return;
    const leader = this.leader[node]!;
    const leaderSide = leader >= 0 ? side[leader - first]! : -1;
    // A leader in no group reaches every side: nobody needs another.
    if (leader >= 0 && leaderSide < 0) return;
    if (leaderSide >= 0) split.sideLeader[leaderSide] = leader;
    // The sides without the leader notice it missing like a health check would, then elect: every
    // such side under availability, only the majority under consistency.
    const delayMs = this.model.nodeDetectDownMs[node]! + rm.nodeElectionMs[node]!;
    for (let s = 0; s < sides; s++) {
      if (s === leaderSide || (!available && s !== majority)) continue;
      this.startElection(node, s, delayMs);
    }
  }

  /**
   * The partition is over. Consistency: the minority's replicas (a fenced old leader among them)
   * take the leader's data. Availability: last-writer-wins per key — the newest version (versions
   * grow with time on every side) is kept everywhere, and the other sides' writes to that key
   * during the partition are lost.
   */
  private heal(node: number, split: NodeSplit): void {
    this.splits[node] = undefined;
    const rm = this.rm;
    const first = this.model.nodeFirstInstance[node]!;
    const replicas = rm.nodeReplicas[node]!;
    const keys = this.keys[node]!;
    const applied = this.applied[node]!;
    if (this.sideElections[node]! > 0) {
      // Elections on one side have nothing left to decide (a whole-node one starts again).
      this.sideElections[node] = 0;
      this.electionSerial[node]!++;
      if (this.electing[node] === 1) {
        this.electing[node] = 0;
        this.startElection(node, -1, rm.nodeElectionMs[node]!);
      }
    }
    if (split.writes !== undefined && split.lastAt !== undefined) {
      let lost = 0;
      const sides = split.sides;
      for (let k = 0; k < keys; k++) {
        let winner = -1;
        let sidesWritten = 0;
        for (let s = 0; s < sides; s++) {
          if (split.writes[k * sides + s] === 0) continue;
          sidesWritten++;
          if (winner < 0 || split.lastAt[k * sides + s]! > split.lastAt[k * sides + winner]!) winner = s;
        }
        if (sidesWritten < 2) continue;
        for (let s = 0; s < sides; s++) if (s !== winner) lost += split.writes[k * sides + s]!;
      }
      if (lost > 0) {
        this.lostWrites[node]! += lost;
        this.port.note(NOTE_LOST, lost);
      }
      // Every replica up takes the newest version of each key.
      const latest = this.latest[node]!;
      for (let j = 0; j < replicas; j++) {
        if (this.instances.down[first + j] === 1) continue;
        for (let k = 0; k < keys; k++) if (applied[j * keys + k]! < latest[k]!) applied[j * keys + k] = latest[k]!;
      }
      if (rm.nodeMode[node] === REPLICATION_LEADER && (this.leader[node]! < 0 || this.instances.down[this.leader[node]!] === 1)) {
        const standing = split.sideLeader.find((instance) => instance >= 0 && this.instances.down[instance] === 0);
        if (standing !== undefined) this.leader[node] = standing;
      }
      return;
    }
    if (rm.nodeMode[node] === REPLICATION_LEADER) {
      const leader = this.leader[node]!;
      if (leader >= 0 && this.instances.down[leader] === 0) {
        for (let j = 0; j < replicas; j++) if (first + j !== leader && this.instances.down[first + j] === 0) this.copyReplica(node, leader, first + j);
      }
      return;
    }
    for (let j = 0; j < replicas; j++) if (this.instances.down[first + j] === 0) this.repair(node, first + j);
  }

  /** Availability under a split: a write to a key another side has written during the partition conflicts. */
  private countConflict(node: number, instance: number, k: number): boolean {
    const split = this.splits[node];
    if (split === undefined || split.writes === undefined || split.lastAt === undefined) return false;
    const side = split.side[instance - this.model.nodeFirstInstance[node]!]!;
    if (side < 0) return false;
    const sides = split.sides;
    split.writes[k * sides + side]!++;
    split.lastAt[k * sides + side] = this.port.clock.now;
    for (let s = 0; s < sides; s++) {
      if (s === side || split.writes[k * sides + s] === 0) continue;
      this.conflicts[node]!++;
      this.port.note(NOTE_CONFLICT, 1);
      return true;
    }
    return false;
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────────

  report(node: number): ConsistencyReport | undefined {
    if (!this.isReplicated(node)) return undefined;
    return {
      reads: this.reads[node]!,
      writes: this.writes[node]!,
      staleReads: this.staleReads[node]!,
      lostWrites: this.lostWrites[node]!,
      conflicts: this.conflicts[node]!,
      noQuorum: this.noQuorum[node]!,
      ...(this.rm.nodeMode[node] === REPLICATION_LEADER ? { elections: this.elections[node]! } : {}),
    };
  }

  /** The node's leader (index among its instances) and whether an election runs, for the snapshot. */
  nodeSnapshot(node: number): { leader: number | null; electing: boolean } | undefined {
    if (!this.isReplicated(node)) return undefined;
    if (this.rm.nodeMode[node] !== REPLICATION_LEADER) return { leader: null, electing: false };
    const leader = this.leader[node]!;
    return { leader: leader < 0 ? null : leader - this.model.nodeFirstInstance[node]!, electing: this.electing[node] === 1 || this.sideElections[node]! > 0 };
  }

  /**
   * A replica's role and how far behind the newest write it is: a leader 0; a follower that is up
   * and reached, the lag while writes flow (0 when none came within it); one that is down or cut
   * off, the time since.
   */
  instanceSnapshot(instance: number): Pick<InstanceSnapshot, 'role' | 'lagMs'> | undefined {
    const node = this.model.instanceNode[instance]!;
    if (!this.isReplicated(node) || instance - this.model.nodeFirstInstance[node]! >= this.rm.nodeReplicas[node]!) return undefined;
    const now = this.port.clock.now;
    const leaderMode = this.rm.nodeMode[node] === REPLICATION_LEADER;
    const role = leaderMode ? (this.isLeader(node, instance) ? 'leader' : 'follower') : 'replica';
    if (role === 'leader') return { role, lagMs: 0 };
    if (this.instances.down[instance] === 1) return { role, lagMs: Math.round(now - this.diedAt[instance]!) };
    const split = this.splits[node];
    const leader = this.leader[node]!;
    if (split !== undefined && leaderMode && leader >= 0 && !this.replicasReach(leader, instance)) return { role, lagMs: Math.round(now - split.startedAt) };
    const lag = this.rm.nodeLagMs[node]!;
    const sync = leaderMode ? this.rm.nodeSync[node]! : SYNC_ASYNC;
    return { role, lagMs: sync !== SYNC_FULL && now - this.lastWriteAt[node]! < lag ? lag : 0 };
  }

  /** @internal Exposed for tests: the version of key `k` on replica `j` of `node`, and the newest. */
  versionOf(node: number, j: number, k: number): number {
    return this.applied[node]![j * this.keys[node]! + k]!;
  }

  newest(node: number, k: number): number {
    return this.latest[node]![k]!;
  }
}
