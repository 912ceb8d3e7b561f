/**
 * Distributed transactions: a node with `transaction: 2pc | saga` coordinates its `fanout: all`
 * calls (its participants, in edge order; purpose edges are not among them) as one business
 * transaction. README.md states the semantics; in short:
 *
 *   2pc   prepare round (every participant at once, each taking its data key's lock when the
 *         prepare leaves; a key another transaction holds refuses at once: `lock-unavailable`)
 *         ──all yes──▶ commit round ──▶ answered
 *         ──a no─────▶ rollback round to those that prepared ──▶ failed with the first no's cause
 *         ──the coordinator's instance died──▶ in doubt (keys held) until it is back, then the
 *           rollback round (presumed abort) from the revived instance
 *   saga  step 1 ─▶ step 2 ─▶ … ─▶ answered; a failure at step k compensates k−1 … 1, one after
 *         another, then fails; a coordinator that died mid-saga compensates once it is back
 *
 * Every call is a real call over the participant's edge (its job costs the participant its service
 * time). The part owns a pool of transaction records (typed arrays, a fixed number of participant
 * slots per record) and one lock table per 2PC participant node; it reaches the engine only through
 * its port. Nothing here runs for a design without transactions: no draw, no event.
 */
import { CAUSE_LOCK_UNAVAILABLE, CAUSE_NONE } from './causes';
import type { Clock } from './events';
import type { InstanceTable } from './instances';
import { round } from './metrics';
import { TRANSACTION_2PC, TRANSACTION_NONE, TRANSACTION_SAGA, type SimulationModel } from './model';
import { grown, RecordPool } from './pools';
import type { Random } from './random';
import type { TransactionReport } from './types';

/** What the transactions need from the engine. */
export interface TransactionPort {
  readonly clock: Clock;
  readonly jobs: { readonly node: Int32Array; readonly instance: Int32Array; readonly key: Int32Array; readonly epoch: Int32Array };
  /** Sends one call of `job` over `edge` carrying data key `key`; its outcome comes back through `callDone`. */
  call(job: number, edge: number, key: number): void;
  /** The coordinator's round of parallel calls is over: its slowest branch stays on the latency path. */
  roundDone(job: number): void;
  /** The transaction is over and its request answers (succeeds). */
  finish(job: number): void;
  /** The transaction is over and its request fails with `cause` begun at `origin`. */
  fail(job: number, cause: number, origin: number): void;
  /** The coordinator's instance died while the job waited: the job is lost (crash, or dropped with its host). */
  lost(job: number): void;
  /** A job on the revived `instance` of `node` that sends a recovering transaction's calls (no caller). */
  openRecovery(node: number, instance: number): number;
  closeRecovery(job: number): void;
}

// Phases of a transaction record.
const PREPARE = 1;
const COMMIT = 2;
const ROLLBACK = 3;
const FORWARD = 4;
const COMPENSATE = 5;
/** Its coordinator's instance is down: nothing moves until it is back (`instanceBack`). */
const WAITING = 6;

// A participant's state within its transaction.
const IDLE = 0;
/** 2PC: prepare sent (its key locked). */
const SENT = 1;
/** 2PC: voted yes, holding its key. Saga: its step committed. */
const PREPARED = 2;
/** 2PC: the commit or rollback is on its way to it (key still held). */
const OUTCOME = 3;

class TransactionPool extends RecordPool {
  job = new Int32Array(0);
  node = new Int32Array(0);
  instance = new Int32Array(0);
  /** The coordinator instance's epoch when the job was admitted: another epoch means it died since. */
  epoch = new Int32Array(0);
  phase = new Uint8Array(0);
  /** 2PC: calls of the round still out, plus one guard while the round is being sent. */
  pending = new Int32Array(0);
  /** Saga: the next step (forward), or the steps still to compensate (backward). */
  cursor = new Int32Array(0);
  failCause = new Int32Array(0);
  failOrigin = new Int32Array(0);
  /** 1 while the record's job is a recovery job (no caller to answer). */
  recovering = new Uint8Array(0);
  /** When the participants went in doubt (2PC), or the first step committed (saga); -1 for neither. */
  since = new Float64Array(0);
  /** Next record waiting for the same node's instances (WAITING), or -1. */
  nextWaiting = new Int32Array(0);
  /** Per participant slot (record × stride + k): its data key and its state. */
  key = new Int32Array(0);
  state = new Uint8Array(0);

  constructor(
    readonly stride: number,
    capacity = 64,
  ) {
    super();
    this.reserve(capacity);
  }

  protected growColumns(capacity: number): void {
    this.job = grown(this.job, capacity);
    this.node = grown(this.node, capacity);
    this.instance = grown(this.instance, capacity);
    this.epoch = grown(this.epoch, capacity);
    this.phase = grown(this.phase, capacity);
    this.pending = grown(this.pending, capacity);
    this.cursor = grown(this.cursor, capacity);
    this.failCause = grown(this.failCause, capacity);
    this.failOrigin = grown(this.failOrigin, capacity);
    this.recovering = grown(this.recovering, capacity);
    this.since = grown(this.since, capacity);
    this.nextWaiting = grown(this.nextWaiting, capacity);
    this.key = grown(this.key, capacity * this.stride);
    this.state = grown(this.state, capacity * this.stride);
  }

  open(job: number, node: number, instance: number, epoch: number, phase: number): number {
    const record = this.allocate();
    this.job[record] = job;
    this.node[record] = node;
    this.instance[record] = instance;
    this.epoch[record] = epoch;
    this.phase[record] = phase;
    this.pending[record] = 0;
    this.cursor[record] = 0;
    this.failCause[record] = CAUSE_NONE;
    this.failOrigin[record] = -1;
    this.recovering[record] = 0;
    this.since[record] = -1;
    this.nextWaiting[record] = -1;
    this.state.fill(IDLE, record * this.stride, (record + 1) * this.stride);
    return record;
  }

  release(record: number): void {
    this.phase[record] = 0;
    this.recycle(record);
  }
}

export class Transactions {
  private readonly pool: TransactionPool;
  /** The transaction record of each coordinating job (indexed by job), -1 for none. */
  private recordOfJob = new Int32Array(256).fill(-1);
  /** Position of each edge among its node's participants. */
  private readonly participantOf: Int32Array;
  /** 2PC participants: first slot of the node's key table (-1: no table) and its key count. */
  private readonly lockBase: Int32Array;
  private readonly lockKeys: Int32Array;
  private readonly held: Uint8Array;
  /** Per coordinator node: first record waiting for an instance to come back (-1: none). */
  private readonly waitingHead: Int32Array;
  // Per coordinator node: the report's counts and the snapshot's gauges.
  private readonly committed: Float64Array;
  private readonly aborted: Float64Array;
  private readonly compensated: Float64Array;
  private readonly compensations: Float64Array;
  private readonly inDoubt: Float64Array;
  private readonly maxInDoubtMs: Float64Array;
  private readonly windowSumMs: Float64Array;
  private readonly windows: Float64Array;
  private readonly participantsInDoubt: Int32Array;
  private readonly inconsistent: Int32Array;

  constructor(
    private readonly model: SimulationModel,
    private readonly random: Random,
    private readonly instances: InstanceTable,
    private readonly port: TransactionPort,
  ) {
    const nodes = model.nodeCount;
    let stride = 1;
    this.participantOf = new Int32Array(model.edgeCount).fill(-1);
    this.lockBase = new Int32Array(nodes).fill(-1);
    this.lockKeys = new Int32Array(nodes);
    let slots = 0;
    for (let n = 0; n < nodes; n++) {
      if (model.nodeTransaction[n] === TRANSACTION_NONE) continue;
      const start = model.outStart[n]!;
      stride = Math.max(stride, model.outStart[n + 1]! - start);
      for (let k = start; k < model.outStart[n + 1]!; k++) {
        const edge = model.outEdges[k]!;
        this.participantOf[edge] = k - start;
        const target = model.edgeTo[edge]!;
        if (model.nodeTransaction[n] !== TRANSACTION_2PC || this.lockBase[target]! >= 0) continue;
        this.lockBase[target] = slots;
        this.lockKeys[target] = this.keySpace(target);
        slots += this.lockKeys[target]!;
      }
    }
    this.held = new Uint8Array(slots);
    this.pool = new TransactionPool(stride);
    this.waitingHead = new Int32Array(nodes).fill(-1);
    this.committed = new Float64Array(nodes);
    this.aborted = new Float64Array(nodes);
    this.compensated = new Float64Array(nodes);
    this.compensations = new Float64Array(nodes);
    this.inDoubt = new Float64Array(nodes);
    this.maxInDoubtMs = new Float64Array(nodes);
    this.windowSumMs = new Float64Array(nodes);
    this.windows = new Float64Array(nodes);
    this.participantsInDoubt = new Int32Array(nodes);
    this.inconsistent = new Int32Array(nodes);
  }

  /** Records allocated and in use (for the memory and no-leak tests). */
  get capacity(): number {
    return this.pool.capacity;
  }

  get live(): number {
    return this.pool.live;
  }

  /** The job (its own service done) starts its node's transaction instead of its plain calls. */
  begin(job: number): void {
    const jobs = this.port.jobs;
    const node = jobs.node[job]!;
    const instance = jobs.instance[job]!;
    const twoPhase = this.model.nodeTransaction[node] === TRANSACTION_2PC;
    const record = this.pool.open(job, node, instance, jobs.epoch[job]!, twoPhase ? PREPARE : FORWARD);
    this.bind(record, job);
    const start = this.model.outStart[node]!;
    const count = this.model.outStart[node + 1]! - start;
    const base = record * this.pool.stride;
    for (let k = 0; k < count; k++) this.pool.key[base + k] = this.drawKey(this.model.edgeTo[this.model.outEdges[start + k]!]!, jobs.key[job]!);
    if (twoPhase) this.sendPrepares(record);
    else this.sendStep(record);
  }

  /** A call of coordinating job `job` over `edge` is over (after its retries): CAUSE_NONE or its failure. */
  callDone(job: number, edge: number, cause: number, origin: number): void {
    const record = this.recordOfJob[job]!;
    const k = this.participantOf[edge]!;
    switch (this.pool.phase[record]) {
      case PREPARE: return this.voted(record, k, cause, origin);
      case COMMIT:
      case ROLLBACK: return this.outcomeDelivered(record, k);
      case FORWARD: return this.stepDone(record, k, cause, origin);
      case COMPENSATE: return this.compensationDone(record);
    }
  }

  /** An instance of `node` is up again: transactions waiting for their coordinator there go on. */
  instanceBack(node: number): void {
    const pool = this.pool;
    let previous = -1;
    let record = this.waitingHead[node]!;
    while (record >= 0) {
      const next = pool.nextWaiting[record]!;
      if (this.instances.down[pool.instance[record]!] === 0) {
        if (previous < 0) this.waitingHead[node] = next;
        else pool.nextWaiting[previous] = next;
        this.recover(record);
      } else previous = record;
      record = next;
    }
  }

  /** The report of a coordinator node, or undefined for a node that is none; reading changes nothing. */
  report(node: number, now: number): TransactionReport | undefined {
    const mode = this.model.nodeTransaction[node];
    if (mode === TRANSACTION_NONE) return undefined;
    // Transactions still in doubt count with the time they have been so far.
    let maxInDoubtMs = this.maxInDoubtMs[node]!;
    const pool = this.pool;
    if (mode === TRANSACTION_2PC) {
      for (let r = 0; r < pool.capacity; r++) {
        if (pool.phase[r] !== 0 && pool.node[r] === node && pool.since[r]! >= 0) maxInDoubtMs = Math.max(maxInDoubtMs, now - pool.since[r]!);
      }
    }
    return {
      mode: mode === TRANSACTION_2PC ? '2pc' : 'saga',
      committed: this.committed[node]!,
      aborted: this.aborted[node]!,
      compensated: this.compensated[node]!,
      compensations: this.compensations[node]!,
      inDoubt: this.inDoubt[node]!,
      maxInDoubtMs: round(maxInDoubtMs, 2),
      meanInconsistencyMs: this.windows[node]! > 0 ? round(this.windowSumMs[node]! / this.windows[node]!, 2) : 0,
    };
  }

  /** A coordinator node now: its participants in doubt, its sagas inside their inconsistency window. */
  snapshot(node: number): { readonly inDoubt: number; readonly inconsistent: number } | undefined {
    if (this.model.nodeTransaction[node] === TRANSACTION_NONE) return undefined;
    return { inDoubt: this.participantsInDoubt[node]!, inconsistent: this.inconsistent[node]! };
  }

  // ── two-phase commit ────────────────────────────────────────────────────────────────────────

  /** The prepare round: every participant at once, each locking its key as the prepare leaves. */
  private sendPrepares(record: number): void {
    const pool = this.pool;
    const node = pool.node[record]!;
    const start = this.model.outStart[node]!;
    const count = this.model.outStart[node + 1]! - start;
    const base = record * pool.stride;
    pool.pending[record] = 1;
    for (let k = 0; k < count; k++) {
      const edge = this.model.outEdges[start + k]!;
      const target = this.model.edgeTo[edge]!;
      const slot = this.lockBase[target]! + pool.key[base + k]!;
      if (this.held[slot] === 1) {
        // Another transaction holds the key (in flight, or in doubt): the participant votes no at once.
        this.noteFailure(record, CAUSE_LOCK_UNAVAILABLE, target);
        continue;
      }
      this.held[slot] = 1;
      pool.state[base + k] = SENT;
      pool.pending[record]!++;
      this.port.call(pool.job[record]!, edge, pool.key[base + k]!);
    }
    this.roundStep(record);
  }

  private voted(record: number, k: number, cause: number, origin: number): void {
    const pool = this.pool;
    const slot = record * pool.stride + k;
    if (cause === CAUSE_NONE) pool.state[slot] = PREPARED;
    else {
      // A participant that could not prepare holds nothing.
      pool.state[slot] = IDLE;
      this.unlock(record, k);
      this.noteFailure(record, cause, origin);
    }
    this.roundStep(record);
  }

  /** The commit or the rollback reached participant k (or its call gave up): its key is free. */
  private outcomeDelivered(record: number, k: number): void {
    const pool = this.pool;
    pool.state[record * pool.stride + k] = IDLE;
    this.unlock(record, k);
    if (pool.since[record]! >= 0) this.participantsInDoubt[pool.node[record]!]!--;
    this.roundStep(record);
  }

  private roundStep(record: number): void {
    if (--this.pool.pending[record]! > 0) return;
    if (this.pool.phase[record] === PREPARE) return this.decide(record);
    this.roundOver(record);
  }

  /** Every vote is in: commit, roll back, or — the coordinator died since — leave them in doubt. */
  private decide(record: number): void {
    const pool = this.pool;
    const node = pool.node[record]!;
    const prepared = this.countPrepared(record);
    if (!this.coordinatorAlive(record)) {
      if (prepared === 0) {
        this.aborted[node]!++;
        return this.end(record, false);
      }
      pool.since[record] = this.port.clock.now;
      this.inDoubt[node]!++;
      this.participantsInDoubt[node]! += prepared;
      return this.wait(record);
    }
    if (pool.failCause[record] !== CAUSE_NONE) {
      this.aborted[node]!++;
      if (prepared === 0) return this.end(record, true);
      pool.phase[record] = ROLLBACK;
      return this.sendOutcomes(record);
    }
    this.committed[node]!++;
    this.port.roundDone(pool.job[record]!);
    pool.phase[record] = COMMIT;
    this.sendOutcomes(record);
  }

  /** The commit or rollback round, to the participants that prepared, all at once. */
  private sendOutcomes(record: number): void {
    const pool = this.pool;
    const node = pool.node[record]!;
    const start = this.model.outStart[node]!;
    const count = this.model.outStart[node + 1]! - start;
    const base = record * pool.stride;
    pool.pending[record] = 1;
    for (let k = 0; k < count; k++) {
      if (pool.state[base + k] !== PREPARED) continue;
      pool.state[base + k] = OUTCOME;
      pool.pending[record]!++;
      this.port.call(pool.job[record]!, this.model.outEdges[start + k]!, pool.key[base + k]!);
    }
    this.roundStep(record);
  }

  /** The commit or rollback round is over: the doubt (if any) ends, and the request answers. */
  private roundOver(record: number): void {
    const pool = this.pool;
    const node = pool.node[record]!;
    if (pool.since[record]! >= 0) {
      this.maxInDoubtMs[node] = Math.max(this.maxInDoubtMs[node]!, this.port.clock.now - pool.since[record]!);
      pool.since[record] = -1;
    }
    this.end(record, pool.phase[record] === ROLLBACK);
  }

  private countPrepared(record: number): number {
    const pool = this.pool;
    const base = record * pool.stride;
    let prepared = 0;
    for (let k = 0; k < pool.stride; k++) if (pool.state[base + k] === PREPARED) prepared++;
    return prepared;
  }

  private unlock(record: number, k: number): void {
    const pool = this.pool;
    const edge = this.model.outEdges[this.model.outStart[pool.node[record]!]! + k]!;
    this.held[this.lockBase[this.model.edgeTo[edge]!]! + pool.key[record * pool.stride + k]!] = 0;
  }

  // ── sagas ───────────────────────────────────────────────────────────────────────────────────

  private sendStep(record: number): void {
    const pool = this.pool;
    const k = pool.cursor[record]!;
    this.port.call(pool.job[record]!, this.model.outEdges[this.model.outStart[pool.node[record]!]! + k]!, pool.key[record * pool.stride + k]!);
  }

  private stepDone(record: number, k: number, cause: number, origin: number): void {
    const pool = this.pool;
    const node = pool.node[record]!;
    if (cause !== CAUSE_NONE) {
      this.noteFailure(record, cause, origin);
      if (k === 0) {
        // Nothing committed yet: nothing to undo.
        this.aborted[node]!++;
        return this.end(record, true);
      }
      this.compensated[node]!++;
      pool.phase[record] = COMPENSATE;
      return this.coordinatorAlive(record) ? this.nextCompensation(record) : this.wait(record);
    }
    if (k === 0) {
      pool.since[record] = this.port.clock.now;
      this.inconsistent[node]!++;
    }
    pool.cursor[record] = k + 1;
    if (k + 1 === this.model.outStart[node + 1]! - this.model.outStart[node]!) {
      this.committed[node]!++;
      this.closeWindow(record);
      return this.end(record, false);
    }
    if (this.coordinatorAlive(record)) return this.sendStep(record);
    // The coordinator died mid-saga: once it is back it undoes the steps committed so far.
    this.compensated[node]!++;
    pool.phase[record] = COMPENSATE;
    this.wait(record);
  }

  private compensationDone(record: number): void {
    if (this.coordinatorAlive(record)) this.nextCompensation(record);
    else this.wait(record);
  }

  /** Undoes the last step not yet compensated, or (all undone) closes the window and fails. */
  private nextCompensation(record: number): void {
    const pool = this.pool;
    const node = pool.node[record]!;
    if (pool.cursor[record] === 0) {
      this.closeWindow(record);
      return this.end(record, true);
    }
    const k = --pool.cursor[record]!;
    this.compensations[node]!++;
    this.port.call(pool.job[record]!, this.model.outEdges[this.model.outStart[node]! + k]!, pool.key[record * pool.stride + k]!);
  }

  private closeWindow(record: number): void {
    const pool = this.pool;
    const node = pool.node[record]!;
    if (pool.since[record]! < 0) return;
    this.windowSumMs[node]! += this.port.clock.now - pool.since[record]!;
    this.windows[node]!++;
    this.inconsistent[node]!--;
    pool.since[record] = -1;
  }

  // ── the coordinator's life ──────────────────────────────────────────────────────────────────

  private coordinatorAlive(record: number): boolean {
    return this.instances.epoch[this.pool.instance[record]!] === this.pool.epoch[record];
  }

  /** The coordinator's instance died: its job is lost; the record waits for the instance to come back. */
  private wait(record: number): void {
    const pool = this.pool;
    const node = pool.node[record]!;
    const job = pool.job[record]!;
    this.unbind(record);
    pool.phase[record] = pool.phase[record] === COMPENSATE ? COMPENSATE : WAITING;
    pool.nextWaiting[record] = this.waitingHead[node]!;
    this.waitingHead[node] = record;
    this.closeJob(record, job);
    // It may have died and come back while the calls were out.
    if (this.instances.down[pool.instance[record]!] === 0) this.instanceBack(node);
  }

  /** The revived coordinator sends the outcome: a rollback (presumed abort), or the saga's compensations. */
  private recover(record: number): void {
    const pool = this.pool;
    const instance = pool.instance[record]!;
    const job = this.port.openRecovery(pool.node[record]!, instance);
    pool.epoch[record] = this.instances.epoch[instance]!;
    pool.recovering[record] = 1;
    this.bind(record, job);
    if (this.model.nodeTransaction[pool.node[record]!] === TRANSACTION_SAGA) return this.nextCompensation(record);
    this.aborted[pool.node[record]!]!++;
    pool.phase[record] = ROLLBACK;
    this.sendOutcomes(record);
  }

  /** The transaction is over: its request answers (`failed`: with the noted cause) and the record is free. */
  private end(record: number, failed: boolean): void {
    const job = this.pool.job[record]!;
    if (job >= 0) this.unbind(record);
    const alive = this.coordinatorAlive(record);
    const recovering = this.pool.recovering[record] === 1;
    const cause = this.pool.failCause[record]!;
    const origin = this.pool.failOrigin[record]!;
    this.pool.release(record);
    if (job < 0) return;
    if (recovering) return this.port.closeRecovery(job);
    if (!alive) return this.port.lost(job);
    if (failed) this.port.fail(job, cause, origin);
    else this.port.finish(job);
  }

  /** Hands the job of a record that goes on waiting back to the engine: lost, or a recovery job closed. */
  private closeJob(record: number, job: number): void {
    if (this.pool.recovering[record] === 0) return this.port.lost(job);
    this.pool.recovering[record] = 0;
    this.port.closeRecovery(job);
  }

  private noteFailure(record: number, cause: number, origin: number): void {
    if (this.pool.failCause[record] !== CAUSE_NONE) return;
    this.pool.failCause[record] = cause;
    this.pool.failOrigin[record] = origin;
  }

  private bind(record: number, job: number): void {
    if (job >= this.recordOfJob.length) {
      let size = this.recordOfJob.length;
      while (size <= job) size *= 2;
      const next = new Int32Array(size).fill(-1);
      next.set(this.recordOfJob);
      this.recordOfJob = next;
    }
    this.recordOfJob[job] = record;
    this.pool.job[record] = job;
  }

  private unbind(record: number): void {
    this.recordOfJob[this.pool.job[record]!] = -1;
    this.pool.job[record] = -1;
  }

  /**
   * The data key of a participant's call: drawn from a database's or cache's `keys` (the call's
   * routing key too, so every round reaches the same shard); for other participants the request's
   * own key (its user).
   */
  private drawKey(target: number, requestKey: number): number {
    const keys = this.model.state.nodeKeys[target]!;
    if (keys > 0) return this.random.below(keys);
    return requestKey;
  }

  private keySpace(target: number): number {
    const keys = this.model.state.nodeKeys[target]!;
    return keys > 0 ? keys : this.model.state.totalUsers;
  }
}
