/**
 * The call side of the engine (see the drawing in engine.ts): a caller waiting on one edge, one
 * attempt at a time — breaker, balancer, reachability, travel; then the answer, a failure or a
 * timeout; retries after their backoff; and at last the outcome handed back. This part owns the
 * call pool and the attempt serials; it reaches the job side only through its port.
 *
 * Every attempt that picked an instance ends exactly once (succeeded or failed, whichever comes
 * first; a late answer finds a newer serial and is ignored), and that is where the connection
 * the balancer counted for it is released.
 */
import type { Balancers } from './balancers';
import { ADMIT_TRIAL, REJECT, type Breakers } from './breaker';
import { CAUSE_CIRCUIT_OPEN, CAUSE_NO_QUORUM, CAUSE_NONE, CAUSE_UNAVAILABLE } from './causes';
import { EVENT_PARTITION_TIMEOUT, EVENT_RETRY, EVENT_TIMEOUT, type Clock, type ReservingAgenda } from './events';
import { Deadlines } from './deadlines';
import type { Faults } from './faults';
import type { InstanceTable } from './instances';
import type { MetricsCollector } from './metrics';
import { networkDelayMs, type SimulationModel } from './model';
import type { MovementLog } from './movements';
import { CALL_COUNTED, CALL_SAMPLED, CALL_TRIAL, CALL_WRITE, CallPool, JOB_SAMPLED, JOB_STALE, JOB_CONFLICT, JOB_WRITE } from './pools';
import { REFUSE_NO_QUORUM, type Replication } from './replication';
import type { Random } from './random';

/** What the call side needs from the job side. */
export interface CallPort {
  readonly clock: Clock;
  /** Generations of the job records: a call's job is alive while its generation is unchanged. */
  readonly jobs: { readonly generation: Int32Array };
  /**
   * Attempt `serial` of `call` is on its way to `instance` of node `target`: a job starts there
   * with `flags` (JOB_SAMPLED, JOB_WRITE), at once when `delayMs` is SAME_HOST, else after the hop.
   */
  startJob(call: number, serial: number, target: number, instance: number, key: number, depth: number, flags: number, delayMs: number): void;
  /**
   * The call of a job over `edge` is over: the job goes on or fails. `beforeMs`: on success, the
   * time from the call's start to the attempt that got through (failed attempts and backoffs);
   * on failure, the call's whole time.
   */
  callDone(job: number, cause: number, origin: number, optional: boolean, edge: number, beforeMs: number): void;
  /** A queue's delivery over `edge` is over. */
  deliveryDone(edge: number, cause: number): void;
}

export class CallFlow {
  private readonly calls = new CallPool();
  private serialCounter = 0;
  /** The edges' timeouts of attempts in flight, off the agenda until due (deadlines.ts). */
  private readonly deadlines: Deadlines;

  constructor(
    private readonly model: SimulationModel,
    private readonly random: Random,
    private readonly agenda: ReservingAgenda,
    private readonly breakers: Breakers,
    private readonly balancers: Balancers,
    private readonly instances: InstanceTable,
    private readonly faults: Faults,
    private readonly metrics: MetricsCollector,
    private readonly movements: MovementLog | undefined,
    /** Replicated nodes' picks and writes (replication.ts), when the design has any. */
    private readonly replication: Replication | undefined,
    private readonly port: CallPort,
  ) {
    this.deadlines = new Deadlines(model.edgeCount, agenda);
  }

  /** The edge of a call still open (serial `serial`), or -1. */
  edgeOf(call: number, serial: number): number {
    return call >= 0 && this.calls.serial[call] === serial ? this.calls.edge[call]! : -1;
  }

  /** Records allocated and in use (for the memory and no-leak tests). */
  get capacity(): number {
    return this.calls.capacity;
  }

  get live(): number {
    return this.calls.live;
  }

  /** Timeouts held off the agenda (entries, and entries allocated): see deadlines.ts. */
  get pendingDeadlines(): number {
    return this.deadlines.size;
  }

  get deadlineCapacity(): number {
    return this.deadlines.capacity;
  }

  /** The agenda was cleared (a run stopped by its budget): so are the timeouts held off it. */
  clearDeadlines(): void {
    this.deadlines.clear();
  }

  /**
   * The EVENT_DEADLINE of `edge` is due. True when its attempt still waits: the engine then counts
   * the event and calls `deadlineTimedOut`; false when the attempt is over (no event at all).
   */
  deadlineDue(edge: number): boolean {
    return this.deadlines.due(edge, this.calls.serial);
  }

  /** The attempt of the deadline found due has had no answer in time: `timeout`. */
  deadlineTimedOut(cause: number): void {
    this.onNoAnswer(this.deadlines.dueCall, this.deadlines.dueSerial, cause);
  }

  /**
   * Starts a call over `edge` from `fromHost` for request `key` and sends its first attempt: for
   * job `parentJob` of `parentGeneration`, or (-1) a queue delivering a message.
   */
  start(parentJob: number, parentGeneration: number, edge: number, fromHost: number, key: number, depth: number, sampled: boolean): void {
    let flags = sampled ? CALL_SAMPLED : 0;
    // Into a replicated node, the edge's writeRatio decides read or write (no draw elsewhere).
    const replication = this.replication;
    if (replication !== undefined && replication.isReplicated(this.model.edgeTo[edge]!) && this.random.next() < this.model.replication.edgeWriteRatio[edge]!) flags |= CALL_WRITE;
    const call = this.calls.open(parentJob, parentGeneration, edge, fromHost, key, depth, flags);
    this.calls.openedAt[call] = this.port.clock.now;
    this.send(call);
  }

  private nextSerial(): number {
    this.serialCounter = (this.serialCounter + 1) | 0;
    if (this.serialCounter === 0) this.serialCounter = 1;
    return this.serialCounter;
  }

  /** Sends the call's current attempt: breaker, balancer, reachability, then travel. */
  private send(call: number): void {
    const model = this.model;
    const calls = this.calls;
    const now = this.port.clock.now;
    const edge = calls.edge[call]!;
    const target = model.edgeTo[edge]!;
    const serial = this.nextSerial();
    calls.serial[call] = serial;
    calls.sentAt[call] = now;
    calls.flags[call]! &= ~CALL_TRIAL;
    const admitted = this.breakers.admit(edge, now);
    if (admitted === REJECT) return this.attemptFailed(call, CAUSE_CIRCUIT_OPEN, target);
    if (admitted === ADMIT_TRIAL) calls.flags[call]! |= CALL_TRIAL;
    const from = calls.fromHost[call]!;
    const exclude = calls.attempt[call]! > 0 ? calls.instance[call]! : -1;
    const replication = this.replication;
    const instance = replication !== undefined && replication.isReplicated(target)
      ? replication.pick(target, calls.key[call]!, (calls.flags[call]! & CALL_WRITE) !== 0, from, exclude)
      : this.balancers.pick(target, calls.key[call]!, exclude);
    if (instance < 0) return this.attemptFailed(call, instance === REFUSE_NO_QUORUM ? CAUSE_NO_QUORUM : CAUSE_UNAVAILABLE, target);
    calls.instance[call] = instance;
    calls.flags[call]! |= CALL_COUNTED;
    const host = model.instanceHost[instance]!;
    const timeoutMs = model.edgeTimeoutMs[edge]!;
    const noAnswerAt = now + (timeoutMs > 0 ? timeoutMs : model.connectTimeoutMs);
    const faults = this.faults;
    if (faults.partitions.length > 0 && faults.partitioned(from, host)) return this.agenda.push(noAnswerAt, EVENT_PARTITION_TIMEOUT, call, serial);
    if (this.instances.hostDown[host]! > 0) return this.agenda.push(noAnswerAt, EVENT_TIMEOUT, call, serial);
    const loss = faults.lossRate[target]!;
    if (loss > 0 && this.random.next() < loss) return this.agenda.push(noAnswerAt, EVENT_TIMEOUT, call, serial);
    // The timeout the attempt may never need (most are answered first) waits off the agenda.
    if (timeoutMs > 0) this.deadlines.add(edge, call, serial, noAnswerAt);
    // Clients stand outside every host (a negative host): their calls always cross the network.
    const jobFlags = ((calls.flags[call]! & CALL_SAMPLED) !== 0 ? JOB_SAMPLED : 0) | ((calls.flags[call]! & CALL_WRITE) !== 0 ? JOB_WRITE : 0);
    this.port.startJob(call, serial, target, instance, calls.key[call]!, calls.depth[call]!, jobFlags, networkDelayMs(model, from, host));
  }

  /** No answer in time for attempt `serial` (EVENT_TIMEOUT, EVENT_PARTITION_TIMEOUT): `cause`. */
  onNoAnswer(call: number, serial: number, cause: number): void {
    if (this.calls.serial[call] !== serial) return;
    this.attemptFailed(call, cause, this.model.edgeTo[this.calls.edge[call]!]!);
  }

  /** The backoff of attempt `serial` is over: send the next attempt, if anyone still waits. */
  onRetry(call: number, serial: number): void {
    if (this.calls.serial[call] !== serial) return;
    if (!this.callerWaits(call)) return this.calls.release(call);
    this.send(call);
  }

  /**
   * The job of attempt `serial` answered: CAUSE_NONE, or the failure it carried from `origin`.
   * `jobFlags`: the answering job's JOB_STALE / JOB_CONFLICT, for the animation.
   */
  answered(call: number, serial: number, cause: number, origin: number, jobFlags = 0): void {
    if (this.calls.serial[call] !== serial) return;
    if (cause === CAUSE_NONE) this.attemptSucceeded(call, jobFlags);
    else this.attemptFailed(call, cause, origin);
  }

  /** Does attempt `serial` still wait, over an async edge — that is, only for the callee to take it in? */
  waitsForAcceptance(call: number, serial: number): boolean {
    return this.calls.serial[call] === serial && this.model.edgeAsync[this.calls.edge[call]!] === 1;
  }

  /** The callee took the async attempt in (a slot or a queue place): the caller stops waiting. */
  accepted(call: number): void {
    this.attemptSucceeded(call);
  }

  /**
   * The job of attempt `serial` vanished (its host died): the caller waits for its timeout, or
   * connectTimeoutMs from the send when the edge has none of its own.
   */
  vanished(call: number, serial: number): void {
    const calls = this.calls;
    if (calls.serial[call] !== serial || this.model.edgeTimeoutMs[calls.edge[call]!]! > 0) return;
    this.agenda.push(Math.max(this.port.clock.now, calls.sentAt[call]! + this.model.connectTimeoutMs), EVENT_TIMEOUT, call, serial);
  }

  /** The current attempt is over: the connection the balancer counted for it closes. */
  private endAttempt(call: number): void {
    const calls = this.calls;
    if ((calls.flags[call]! & CALL_COUNTED) === 0) return;
    calls.flags[call]! &= ~CALL_COUNTED;
    this.balancers.release(calls.instance[call]!);
  }

  private attemptFailed(call: number, cause: number, origin: number): void {
    const model = this.model;
    const calls = this.calls;
    const now = this.port.clock.now;
    const edge = calls.edge[call]!;
    // The instance the attempt reached (for the animation), or -1 when it was refused before a pick.
    const reached = (calls.flags[call]! & CALL_COUNTED) !== 0 ? calls.instance[call]! : -1;
    this.endAttempt(call);
    if (cause !== CAUSE_CIRCUIT_OPEN) this.breakers.record(edge, true, (calls.flags[call]! & CALL_TRIAL) !== 0, now);
    this.metrics.nodeFailed[model.edgeTo[edge]!]!++;
    const retry = cause !== CAUSE_CIRCUIT_OPEN && calls.attempt[call]! < model.edgeRetries[edge]! && this.callerWaits(call);
    if ((calls.flags[call]! & CALL_SAMPLED) !== 0) this.movements?.record(edge, calls.sentAt[call]!, now, retry ? 'retried' : 'failed', cause, this.localInstance(edge, reached));
    if (retry) {
      calls.attempt[call]!++;
      this.metrics.retries++;
      const serial = this.nextSerial();
      calls.serial[call] = serial;
      this.agenda.push(now + model.edgeBackoffMs[edge]!, EVENT_RETRY, call, serial);
      return;
    }
    this.resolve(call, cause, origin);
  }

  private attemptSucceeded(call: number, jobFlags = 0): void {
    const calls = this.calls;
    const now = this.port.clock.now;
    const edge = calls.edge[call]!;
    this.endAttempt(call);
    this.breakers.record(edge, false, (calls.flags[call]! & CALL_TRIAL) !== 0, now);
    if ((calls.flags[call]! & CALL_SAMPLED) !== 0) this.movements?.record(edge, calls.sentAt[call]!, now, 'ok', CAUSE_NONE, this.localInstance(edge, calls.instance[call]!), (jobFlags & JOB_STALE) !== 0, (jobFlags & JOB_CONFLICT) !== 0);
    this.resolve(call, CAUSE_NONE, -1);
  }

  /** `instance`'s index among its node's instances, for a callee with several (the glyph's card); else -1. */
  private localInstance(edge: number, instance: number): number {
    const target = this.model.edgeTo[edge]!;
    return instance >= 0 && this.model.nodeInstanceCount[target]! > 1 ? instance - this.model.nodeFirstInstance[target]! : -1;
  }

  /** A queue's delivery always has someone waiting; a job's call only while the job lives. */
  private callerWaits(call: number): boolean {
    const parent = this.calls.parentJob[call]!;
    return parent < 0 || this.port.jobs.generation[parent] === this.calls.parentGeneration[call];
  }

  /** The call is over (after its retries): tell the waiting job, or the queue that sent it. */
  private resolve(call: number, cause: number, origin: number): void {
    const calls = this.calls;
    const parent = calls.parentJob[call]!;
    const generation = calls.parentGeneration[call]!;
    const edge = calls.edge[call]!;
    const beforeMs = (cause === CAUSE_NONE ? calls.sentAt[call]! : this.port.clock.now) - calls.openedAt[call]!;
    calls.release(call);
    if (parent < 0) return this.port.deliveryDone(edge, cause);
    if (this.port.jobs.generation[parent] !== generation) return;
    this.port.callDone(parent, cause, origin, this.model.edgeOptional[edge] === 1, edge, beforeMs);
  }
}
