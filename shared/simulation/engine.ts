/**
 * The discrete-event engine (SPEC §4): one engine for the CLI and the Web Worker; batch runs it to
 * the end, live mode advances it step by step. Virtual time in ms; nothing reads a clock.
 * README.md states the semantics where SPEC leaves room (slots, timeouts, crashes, queues…).
 *
 * This file is the request state machine's job side, and the composition of the parts, each of
 * which owns its state behind a narrow port: calls and retries (calls.ts), faults and health
 * checks (faults.ts, the fault table in faultTypes.ts), queues and messaging (queues.ts),
 * balancers (balancers.ts), breakers (breaker.ts), instances (instances.ts), metrics (metrics.ts),
 * transactions (transactions.ts: a coordinator's job hands its calls' outcomes there, `beginCalls`
 * and `childDone`), replicated data (replication.ts: the pick in calls.ts, then `serve` and
 * `onServiceDone` for versions, acknowledgements, stale reads and conflicts).
 *
 * A job is the work one instance does for one attempt (a client's job is the request itself):
 *
 *   travelling ──arrives──▶ admitted ──slot free──▶ serving ──done──▶ calling ──all back──▶ answered
 *                            │  └──no slot, room left──▶ queued ──slot free──▶ serving
 *                            ├──instance down──▶ failed: crash (process) │ dropped (host)
 *                            ├──over rateLimit──▶ failed: rate-limited
 *                            └──no slot, no room──▶ failed: overload
 *   serving ──error-rate draw──▶ failed: error
 *   serving ──cache hit, queue stored, no edges──▶ answered
 *   calling ──a call that is not optional failed──▶ failed, with that call's cause
 *   any state ──its instance dies──▶ failed: crash │ dropped (host), noticed when the job next wakes
 *
 *   answered and failed tell the caller's attempt; dropped tells nobody (the caller times out).
 *
 * A call is a caller waiting on one edge, one attempt at a time:
 *
 *   sending ──breaker open──▶ attempt failed: circuit-open (never retried)
 *      │ ──no instance in rotation──▶ attempt failed: unavailable
 *      │ picked: the balancer counts a connection on the instance
 *      ▼
 *   in flight ──answer──▶ attempt succeeded ──▶ resolved: the job (or queue) that sent it goes on
 *      │ ──failure, timeout, partition──▶ attempt failed ──retries left──▶ backoff ──▶ sending
 *      │                                        └──none left──▶ resolved (with the cause)
 *      └ async edge: succeeds as soon as the callee accepts (a slot or a queue place)
 *
 * The job side is this file; the call side is calls.ts (CallFlow), each reaching the other
 * through a port. Both share the agenda, the random stream and the record pools' conventions:
 * an event or answer carrying a stale generation (jobs) or serial (calls) is ignored.
 */
import { DOUBLE } from './doubles';
import { EventQueue } from './eventQueue';
import { Random } from './random';
import { Balancers } from './balancers';
import { Breakers } from './breaker';
import { CallFlow } from './calls';
import { CAUSE_CRASH, CAUSE_ERROR, CAUSE_LOCK_UNAVAILABLE, CAUSE_NO_QUORUM, CAUSE_NONE, CAUSE_OVERLOAD, CAUSE_PARTITION, CAUSE_RATE_LIMITED, CAUSE_SESSION_LOST, CAUSE_TIMEOUT, CAUSE_UNAVAILABLE } from './causes';
import { InstanceTable, DOWN_HOST } from './instances';
import { MetricsCollector } from './metrics';
import { DISTRIBUTION_CONSTANT, DISTRIBUTION_LOGNORMAL, OUTSIDE_HOST, SAME_HOST, TRANSACTION_2PC, TRANSACTION_NONE, type SimulationModel } from './model';
import { JOB_CONFLICT, JOB_HOLDS_SLOT, JOB_LOCK_CALL, JOB_ROOT, JOB_SAMPLED, JOB_SESSION_CALL, JOB_STALE, JOB_TRANSACTION, JOB_WRITE, JobPool, PathPool } from './pools';
import { REFUSE_NO_QUORUM, Replication } from './replication';
import { Sessions } from './sessions';
import { Locks } from './locks';
import { Transactions } from './transactions';
import { LOCK_NONE, SESSION_LOCAL, SESSION_STICKY } from './stateModel';
import { MovementLog } from './movements';
import { EVENT_ARRIVAL, EVENT_JOB_ARRIVE, EVENT_SERVICE_DONE, EVENT_TIMEOUT, EVENT_PARTITION_TIMEOUT, EVENT_RETRY, EVENT_FAULT_START, EVENT_FAULT_END, EVENT_HEALTH, EVENT_PUMP, EVENT_LOCK_RELEASE, EVENT_REPLICA_APPLY, EVENT_ELECTION, EVENT_DEADLINE } from './events';
import { Faults } from './faults';
import { Messaging } from './queues';
import { budgetStop, CHECK_EVERY, eventLimit, IN_FLIGHT_LIMIT, PENDING_EVENT_LIMIT, STALL_EVENT_LIMIT, type BudgetReason, type BudgetStop } from './budget';
import { buildReport, buildSnapshot, type ReadableState, type ReportMeta } from './report';
import { pickEdgeByWeight } from './routing';
import { liveClientMetrics } from './clients';
import type { LiveClientMetrics, Movement, SimulationReport, SimulationSnapshot, TimelineEntry } from './types';

/** Calls deeper than this fail with `error`: only a cycle of synchronous calls gets there. */
const MAX_DEPTH = 64;
/** Spread of the lognormal service time (σ of the underlying normal). */
const LOGNORMAL_SIGMA = 0.5;

export interface EngineOptions {
  readonly durationMs: number;
  readonly seed: number;
  /** Record a sample of call attempts for the animation (live mode). */
  readonly recordMovements?: boolean;
  /** About how many requests per simulated second to sample when recording movements. */
  readonly sampledRequestsPerSecond?: number;
  /** Events the run may process (default: derived from the design and the duration, budget.ts). */
  readonly eventLimit?: number;
}

/** Pool and agenda sizes, and what is still open (for the bounded-memory and no-leak tests). */
export interface EngineFootprint {
  readonly jobs: number;
  readonly calls: number;
  readonly events: number;
  readonly liveJobs: number;
  readonly liveCalls: number;
  /** Path records (latency breakdown) still open. */
  readonly livePaths: number;
  /** Connections the balancers count as open, summed over every instance. */
  readonly openConnections: number;
  /** Transaction records allocated, and still open (in flight, or waiting for their coordinator). */
  readonly transactions: number;
  readonly liveTransactions: number;
  /** Writes shipped to replicas and not yet applied. */
  readonly liveReplicaApplies: number;
}

export class Engine {
  private readonly queue = new EventQueue();
  private readonly random: Random;
  private readonly jobs = new JobPool();
  /** Where each request's time goes (the latency breakdown), one record per job on its path. */
  private readonly paths = new PathPool();
  /** The path record an answering job hands to its caller's job (taken by childDone, or freed). */
  private pendingPath = -1;
  private readonly calls: CallFlow;
  private readonly metrics: MetricsCollector;
  private readonly breakers: Breakers;
  private readonly instances: InstanceTable;
  private readonly balancers: Balancers;
  private readonly faults: Faults;
  private readonly messaging: Messaging;
  private readonly movements: MovementLog | undefined;
  /** Sessions and locks (SPEC §8), only where the design keeps them. */
  private readonly sessions: Sessions | undefined;
  private readonly locks: Locks | undefined;
  /** Transaction coordinators (2PC, sagas), only where the design has one. */
  private readonly transactions: Transactions | undefined;
  /** Replicated databases and caches, only where the design has one. */
  private readonly replication: Replication | undefined;
  readonly durationMs: number;
  /** Virtual time, ms: read by the parts, moved only here. */
  private readonly clock = { now: DOUBLE };
  private eventCount = 0;
  /** The run's event budget (budget.ts), and the count at which the budget is next looked at. */
  private readonly eventLimit: number;
  private nextCheck = CHECK_EVERY;
  /** Time at the last budget check, and events since time last moved (to tell a stuck run). */
  private checkedAt = DOUBLE;
  private stalledEvents = 0;
  private stopped: BudgetStop | null = null;
  private requestCounter = 0;
  /** Sample one request in this many for the animation. */
  private readonly sampleEvery: number;
  private readonly tokens: Float64Array;
  private readonly tokensAt: Float64Array;

  constructor(
    private readonly model: SimulationModel,
    options: EngineOptions,
  ) {
    // Fractions from the start (doubles.ts).
    this.clock.now = 0;
    this.checkedAt = -1;
    this.durationMs = options.durationMs;
    this.eventLimit = options.eventLimit ?? eventLimit(model, options.durationMs);
    this.random = new Random(options.seed);
    this.metrics = new MetricsCollector(model.nodeCount, model.instanceCount, model.clients.length, model.replication.used);
    this.breakers = new Breakers(model);
    this.instances = new InstanceTable(model);
    const state = model.state;
    this.sessions = state.used && state.nodeSession.some((mode) => mode === SESSION_LOCAL || mode === SESSION_STICKY) ? new Sessions(state, model.nodeCount) : undefined;
    this.balancers = new Balancers(model, this.random, this.instances.inRotation, this.sessions, this.instances.outOfRotation);
    this.tokens = Float64Array.from(model.nodeRateLimit, (rate) => Math.max(1, rate));
    this.tokensAt = new Float64Array(model.nodeCount);
    let totalRate = 0;
    for (const client of model.clients) totalRate += model.nodeRate[client]!;
    this.sampleEvery = Math.max(1, Math.round(totalRate / (options.sampledRequestsPerSecond ?? 40)));
    this.movements = options.recordMovements ? new MovementLog(model) : undefined;
    // The parts' ports: made once here, so no closure is created per event.
    const clock = this.clock;
    const schedule = (timeMs: number, kind: number, first: number, second: number) => this.queue.push(timeMs, kind, first, second);
    this.messaging = new Messaging(model, this.random, this.instances, this.metrics, this.movements ? this.sampleEvery : 0, {
      clock,
      schedule,
      deliver: (edge, fromHost, key, sampled) => this.calls.start(-1, 0, edge, fromHost, key, 1, sampled),
    });
    this.faults = new Faults(model, this.instances, {
      clock,
      schedule,
      failJob: (job, cause, origin) => this.failJob(job, cause, origin),
      dropJob: (job) => this.dropJob(job),
      capacityReturned: (node) => {
        this.messaging.capacityReturned(node);
        this.transactions?.instanceBack(node);
      },
      ...(model.replication.used
        ? {
            replicas: {
              died: (instance: number) => this.replication!.instanceDied(instance),
              revived: (instance: number) => this.replication!.instanceRevived(instance),
              rotationChanged: (instance: number, inRotation: boolean) => this.replication!.rotationChanged(instance, inRotation),
              partitionsChanged: () => this.replication!.partitionsChanged(),
            },
          }
        : {}),
    });
    this.replication = model.replication.used
      ? new Replication(model, this.instances, this.faults, this.balancers, this.jobs, {
          clock,
          agenda: this.queue,
          serviceTime: (node) => this.serviceTime(node),
          note: (kind, count) => this.metrics.noteConsistency(this.clock.now, kind, count),
        })
      : undefined;
    this.calls = new CallFlow(model, this.random, this.queue, this.breakers, this.balancers, this.instances, this.faults, this.metrics, this.movements, this.replication, {
      clock,
      jobs: this.jobs,
      startJob: (call, serial, target, instance, key, depth, flags, delayMs) => this.startJob(call, serial, target, instance, key, depth, flags, delayMs),
      callDone: (job, cause, origin, optional, edge, beforeMs) => this.childDone(job, cause, origin, optional, edge, beforeMs),
      deliveryDone: (edge, cause) => this.messaging.deliveryDone(edge, cause),
    });
    this.locks = state.used && state.nodeLock.some((lock) => lock !== LOCK_NONE)
      ? new Locks(model, this.random, this.instances, {
          clock,
          agenda: this.queue,
          jobs: this.jobs,
          granted: (job, holdMs) => this.serve(job, holdMs),
          overloaded: (job) => this.failJob(job, CAUSE_OVERLOAD, this.jobs.node[job]!),
          lost: (job) => this.lostJob(job),
          violated: (job) => this.violationSeen(job),
        })
      : undefined;
    this.transactions = model.nodeTransaction.some((mode) => mode !== TRANSACTION_NONE)
      ? new Transactions(model, this.random, this.instances, {
          clock,
          jobs: this.jobs,
          call: (job, edge, key) => this.transactionCall(job, edge, key),
          roundDone: (job) => this.paths.keepLast(this.jobs.path[job]!),
          finish: (job) => this.finishJob(job),
          fail: (job, cause, origin) => this.failJob(job, cause, origin),
          lost: (job) => this.lostJob(job),
          openRecovery: (node, instance) => this.openRecoveryJob(node, instance),
          closeRecovery: (job) => this.closeRecoveryJob(job),
        })
      : undefined;
    // Faults first, so that a fault at t = 0 is in place before the first request.
    this.faults.scheduleAll(this.durationMs);
    for (const client of model.clients) this.scheduleArrival(client);
  }

  /** Virtual time reached, ms. */
  get now(): number {
    return this.clock.now;
  }

  /** Events processed so far (the benchmark's unit of work). */
  get processed(): number {
    return this.eventCount;
  }

  get finished(): boolean {
    return this.stopped !== null || this.clock.now >= this.durationMs;
  }

  /** Why the run stopped before its end (its budget ran out), or null. */
  get stop(): BudgetStop | null {
    return this.stopped;
  }

  /**
   * Processes every event up to `timeMs` (capped at the run's end), at most `budget` of them.
   * Returns true when it got there (time then reads `timeMs`); false when the budget ran out first
   * (time reads the last event's).
   */
  advanceTo(timeMs: number, budget = Infinity): boolean {
    const limit = Math.min(timeMs, this.durationMs);
    const queue = this.queue;
    // The budget counts events processed (a deadline whose attempt is over is none).
    const stopAt = this.eventCount + budget;
    while (queue.size > 0) {
      const next = queue.peekTime();
      if (next > limit || next >= this.durationMs) break;
      if (this.eventCount >= stopAt) return false;
      queue.pop();
      this.dispatch();
    }
    if (limit > this.clock.now && this.stopped === null) this.clock.now = limit;
    return true;
  }

  /** Processes at most `budget` events; returns true once the run has reached its end. */
  step(budget: number): boolean {
    const queue = this.queue;
    const stopAt = this.eventCount + budget;
    while (this.eventCount < stopAt) {
      if (queue.size === 0 || queue.peekTime() >= this.durationMs) {
        if (this.stopped === null) this.clock.now = this.durationMs;
        return true;
      }
      queue.pop();
      this.dispatch();
    }
    return false;
  }

  /**
   * Past the run's end, processes every event left (no new requests start): what was in flight
   * settles — answers, timeouts, retries, faults ending. Afterwards nothing should be open; the
   * no-leak tests check that with `footprint()`. Not for reports: they cover the run itself.
   */
  settle(): void {
    const queue = this.queue;
    while (queue.size > 0) {
      queue.pop();
      this.dispatch();
    }
  }

  /** The SPEC §4 report of the run so far; reading changes nothing. */
  report(meta: ReportMeta): SimulationReport {
    return buildReport(this.readableState(), meta);
  }

  /** Node state now, for the canvas. */
  snapshot(): SimulationSnapshot {
    return buildSnapshot(this.readableState());
  }

  private readableState(): ReadableState {
    const { model, metrics, instances, breakers } = this;
    return { model, now: this.clock.now, metrics, instances, backlogs: this.messaging.backlogs, breakers, stop: this.stopped, exclusionViolations: this.locks?.violations, partitions: this.faults.partitions, transactions: this.transactions, replication: this.replication };
  }

  /** The metrics collected so far, read only. */
  get collected(): Readonly<Pick<MetricsCollector, 'ok' | 'failed' | 'offered' | 'latencySummary' | 'failureCounts'>> {
    return this.metrics;
  }

  /** Each client's requests, availability and SLO so far; reading changes nothing. */
  clientMetrics(): Record<string, LiveClientMetrics> {
    return liveClientMetrics(this.model, this.metrics);
  }

  /** Timeline entries of seconds `from` ≤ t < `to` (the open second as it stands). */
  timeline(from: number, to: number): TimelineEntry[] {
    return this.metrics.timeline(from, to);
  }

  /** Sampled call attempts since the last drain (empty unless recording movements). */
  drainMovements(): Movement[] {
    return this.movements?.drain() ?? [];
  }

  footprint(): EngineFootprint {
    let openConnections = 0;
    for (const count of this.balancers.connections) openConnections += count;
    return {
      jobs: this.jobs.capacity,
      calls: this.calls.capacity,
      events: this.queue.capacity + this.calls.deadlineCapacity,
      liveJobs: this.jobs.live,
      liveCalls: this.calls.live,
      livePaths: this.paths.live,
      openConnections,
      transactions: this.transactions?.capacity ?? 0,
      liveTransactions: this.transactions?.live ?? 0,
      liveReplicaApplies: this.replication?.liveApplies ?? 0,
    };
  }

  private dispatch(): void {
    const queue = this.queue;
    // A deadline whose attempt is over (most are) is no event: the clock does not move, nothing counts.
    if (queue.kind === EVENT_DEADLINE && !this.calls.deadlineDue(queue.first)) return;
    this.clock.now = queue.time;
    // One compare per event; the budget itself is looked at every CHECK_EVERY events.
    if (++this.eventCount >= this.nextCheck && this.overBudget()) return;
    const first = queue.first;
    const second = queue.second;
    switch (queue.kind) {
      case EVENT_ARRIVAL: return this.onArrival(first);
      case EVENT_JOB_ARRIVE: if (this.jobs.generation[first] === second) this.onJobArrive(first); return;
      case EVENT_SERVICE_DONE: if (this.jobs.generation[first] === second) this.onServiceDone(first); return;
      case EVENT_DEADLINE: return this.calls.deadlineTimedOut(CAUSE_TIMEOUT);
      case EVENT_TIMEOUT: return this.calls.onNoAnswer(first, second, CAUSE_TIMEOUT);
      case EVENT_PARTITION_TIMEOUT: return this.calls.onNoAnswer(first, second, CAUSE_PARTITION);
      case EVENT_RETRY: return this.calls.onRetry(first, second);
      case EVENT_FAULT_START: return this.faults.start(first);
      case EVENT_FAULT_END: return this.faults.end(first);
      case EVENT_HEALTH: return this.faults.onHealth(first, second);
      case EVENT_PUMP: return this.messaging.pump(first);
      case EVENT_LOCK_RELEASE: return this.locks?.onRelease(first, second);
      case EVENT_REPLICA_APPLY: return this.replication?.onApply(first, second);
      case EVENT_ELECTION: return this.replication?.onElection(first, second);
    }
  }

  /** True (and the run stopped: the agenda emptied) when the run has used up its budget. */
  private overBudget(): boolean {
    this.nextCheck += CHECK_EVERY;
    const now = this.clock.now;
    if (now === this.checkedAt) this.stalledEvents += CHECK_EVERY;
    else {
      this.checkedAt = now;
      this.stalledEvents = 0;
    }
    if (this.eventCount > this.eventLimit) return this.stopRun('events', this.eventLimit);
    if (this.jobs.live > IN_FLIGHT_LIMIT || this.queue.size + this.calls.pendingDeadlines > PENDING_EVENT_LIMIT) return this.stopRun('in-flight', IN_FLIGHT_LIMIT);
    if (this.stalledEvents >= STALL_EVENT_LIMIT) return this.stopRun('time-stalled', STALL_EVENT_LIMIT);
    return false;
  }

  private stopRun(reason: BudgetReason, limit: number): true {
    this.stopped = budgetStop(this.model, reason, this.clock.now, this.durationMs, limit);
    this.queue.clear();
    this.calls.clearDeadlines();
    return true;
  }

  // ── requests ────────────────────────────────────────────────────────────────────────────────

  private scheduleArrival(client: number): void {
    const rate = this.model.nodeRate[client]!;
    if (rate <= 0) return;
    const next = this.clock.now + this.random.exponential(1000 / rate);
    if (next < this.durationMs) this.queue.push(next, EVENT_ARRIVAL, client, 0);
  }

  private onArrival(client: number): void {
    // The request's user, numbered across the design's clients (SPEC §8).
    const state = this.model.state;
    const key = state.nodeUserBase[client]! + this.random.below(state.nodeUsers[client]!);
    const sampled = this.movements !== undefined && this.requestCounter++ % this.sampleEvery === 0;
    const job = this.jobs.open(client, -1, -1, 0, key, 0, JOB_ROOT | (sampled ? JOB_SAMPLED : 0), this.clock.now);
    this.jobs.path[job] = this.paths.open(client, 0);
    this.metrics.offered++;
    this.scheduleArrival(client);
    this.beginCalls(job);
  }

  /** The job's own work is done: make its calls by the node's fanout, or answer. */
  private beginCalls(job: number): void {
    const model = this.model;
    const jobs = this.jobs;
    const node = jobs.node[job]!;
    const start = model.outStart[node]!;
    const end = model.outStart[node + 1]!;
    if (start === end) return this.finishJob(job);
    if (this.transactions !== undefined && model.nodeTransaction[node] !== TRANSACTION_NONE) {
      this.jobs.flags[job]! |= JOB_TRANSACTION;
      return this.transactions.begin(job);
    }
    if (model.nodeFanoutAll[node] === 0) {
      const edge = pickEdgeByWeight(model, node, this.random);
      // The cursor at the end means "nothing after it".
      jobs.cursor[job] = end;
      jobs.pending[job] = 1;
      return this.startChildCall(job, edge);
    }
    if (model.nodeParallel[node] === 0) {
      jobs.cursor[job] = start;
      return this.nextSequential(job);
    }
    // Parallel: a guard count of one keeps the job open while calls that fail at once come back.
    const generation = jobs.generation[job]!;
    jobs.pending[job] = 1;
    for (let k = start; k < end; k++) {
      const edge = model.outEdges[k]!;
      const probability = model.edgeProbability[edge]!;
      if (probability < 1 && this.random.next() >= probability) continue;
      jobs.pending[job]!++;
      this.startChildCall(job, edge);
      if (jobs.generation[job] !== generation) return;
    }
    if (--jobs.pending[job]! === 0) this.finishJob(job);
  }

  private nextSequential(job: number): void {
    const model = this.model;
    const jobs = this.jobs;
    const end = model.outStart[jobs.node[job]! + 1]!;
    while (jobs.cursor[job]! < end) {
      const edge = model.outEdges[jobs.cursor[job]!++]!;
      const probability = model.edgeProbability[edge]!;
      if (probability < 1 && this.random.next() >= probability) continue;
      jobs.pending[job] = 1;
      return this.startChildCall(job, edge);
    }
    this.finishJob(job);
  }

  private startChildCall(job: number, edge: number): void {
    if (this.tooDeep(job, edge)) return;
    // A call into a database or cache that routes by key carries a data key of its own (SPEC §8).
    const target = this.model.edgeTo[edge]!;
    const state = this.model.state;
    const key = state.nodeDrawsKey[target] === 1 ? this.random.below(state.nodeKeys[target]!) : this.jobs.key[job]!;
    this.sendCall(job, edge, key);
  }

  /** A transaction's call over `edge`, with the data key the transaction drew for that participant. */
  private transactionCall(job: number, edge: number, key: number): void {
    if (this.tooDeep(job, edge)) return;
    this.sendCall(job, edge, key);
  }

  /** Only a cycle of synchronous calls gets MAX_DEPTH deep: the call fails with `error` at once (true). */
  private tooDeep(job: number, edge: number): boolean {
    if (this.jobs.depth[job]! < MAX_DEPTH) return false;
    this.childDone(job, CAUSE_ERROR, this.model.edgeTo[edge]!, this.model.edgeOptional[edge] === 1, edge, 0);
    return true;
  }

  private sendCall(job: number, edge: number, key: number): void {
    const jobs = this.jobs;
    const instance = jobs.instance[job]!;
    const fromHost = instance < 0 ? OUTSIDE_HOST : this.model.instanceHost[instance]!;
    this.calls.start(job, jobs.generation[job]!, edge, fromHost, key, jobs.depth[job]! + 1, (jobs.flags[job]! & JOB_SAMPLED) !== 0);
  }

  /** A job on a revived coordinator instance that sends a recovering transaction's outcome; nobody waits for it. */
  private openRecoveryJob(node: number, instance: number): number {
    const job = this.jobs.open(node, instance, -1, 0, 0, 1, JOB_TRANSACTION, this.clock.now);
    this.jobs.epoch[job] = this.instances.epoch[instance]!;
    this.jobs.path[job] = this.paths.open(node, 0);
    return job;
  }

  private closeRecoveryJob(job: number): void {
    this.paths.release(this.jobs.path[job]!);
    this.jobs.release(job);
  }

  /** An attempt is on its way to `instance`: its job starts there after `delayMs` (SAME_HOST: at once). */
  private startJob(call: number, serial: number, target: number, instance: number, key: number, depth: number, flags: number, delayMs: number): void {
    const job = this.jobs.open(target, instance, call, serial, key, depth, flags, this.clock.now);
    this.jobs.path[job] = this.paths.open(target, 0);
    if (delayMs === SAME_HOST) return this.onJobArrive(job);
    this.queue.push(this.clock.now + delayMs, EVENT_JOB_ARRIVE, job, this.jobs.generation[job]!);
  }

  /** The request reaches its instance: is it up, within its rate limit, is there room? */
  private onJobArrive(job: number): void {
    const model = this.model;
    const jobs = this.jobs;
    const table = this.instances;
    const instance = jobs.instance[job]!;
    const node = jobs.node[job]!;
    // Until here `start` is when the attempt left: the hop in.
    const path = jobs.path[job]!;
    this.paths.networkMs[path] = this.clock.now - jobs.start[job]!;
    if (table.down[instance] === 1) {
      if (table.downKind[instance] === DOWN_HOST) return this.dropJob(job);
      return this.failJob(job, CAUSE_CRASH, node);
    }
    if (model.nodeRateLimit[node]! > 0 && !this.takeToken(node)) return this.failJob(job, CAUSE_RATE_LIMITED, node);
    if (this.sessions !== undefined && this.sessions.lost(node, jobs.key[job]!, instance)) return this.failJob(job, CAUSE_SESSION_LOST, node);
    jobs.epoch[job] = table.epoch[instance]!;
    jobs.start[job] = this.clock.now;
    if (table.busy[instance]! < model.nodeConcurrency[node]!) {
      this.startService(job);
    } else if (table.waitLength[instance]! < model.nodeQueueLimit[node]!) {
      table.enqueue(instance, job);
      this.metrics.noteQueueLength(node, table.waitLength[instance]!);
    } else {
      return this.failJob(job, CAUSE_OVERLOAD, node);
    }
    // Accepted: an async caller stops waiting here and the job carries on alone (a queue's
    // caller waits for the enqueue, its service).
    const call = jobs.parentCall[job]!;
    if (model.nodeAsyncIn[node] === 1 && model.nodeIsQueue[node] === 0 && this.calls.waitsForAcceptance(call, jobs.parentSerial[job]!)) {
      jobs.parentCall[job] = -1;
      // The caller's path has the hop only; the job's own record stays with the job.
      this.pendingPath = this.paths.open(node, this.paths.networkMs[path]!);
      const handed = this.pendingPath;
      this.calls.accepted(call);
      if (this.pendingPath === handed) this.releasePendingPath();
    }
  }

  private takeToken(node: number): boolean {
    const rate = this.model.nodeRateLimit[node]!;
    const tokens = Math.min(Math.max(1, rate), this.tokens[node]! + ((this.clock.now - this.tokensAt[node]!) * rate) / 1000);
    this.tokensAt[node] = this.clock.now;
    if (tokens < 1) {
      this.tokens[node] = tokens;
      return false;
    }
    this.tokens[node] = tokens - 1;
    return true;
  }

  private startService(job: number): void {
    const jobs = this.jobs;
    const node = jobs.node[job]!;
    this.instances.addBusy(jobs.instance[job]!, 1, this.clock.now);
    jobs.flags[job]! |= JOB_HOLDS_SLOT;
    const path = jobs.path[job]!;
    this.paths.queueMs[path] = this.clock.now - jobs.start[job]!;
    // The start of service, until onServiceDone turns it into the service time.
    this.paths.serviceMs[path] = this.clock.now;
    if (this.locks !== undefined && this.model.state.nodeLock[node] !== LOCK_NONE) {
      // A distributed lock is asked for over the lock edge first; a local one at once.
      const lockEdge = this.model.state.nodeLockEdge[node]!;
      if (lockEdge >= 0) return this.stateCall(job, lockEdge, JOB_LOCK_CALL);
      return this.locks.acquire(job);
    }
    this.serve(job, 0);
  }

  /** A sampled request took a key another instance held: it bursts at its card (live mode). */
  private violationSeen(job: number): void {
    const jobs = this.jobs;
    if (this.movements === undefined || (jobs.flags[job]! & JOB_SAMPLED) === 0) return;
    const edge = this.calls.edgeOf(jobs.parentCall[job]!, jobs.parentSerial[job]!);
    if (edge >= 0) this.movements.recordViolation(edge, jobs.start[job]!, this.clock.now);
  }

  /** The job has its slot (and its lock): its service takes `extraMs` more than the node's. */
  private serve(job: number, extraMs: number): void {
    const jobs = this.jobs;
    const node = jobs.node[job]!;
    let ownMs: number;
    if (this.replication !== undefined && this.replication.isReplicated(node)) {
      // A replicated node's service includes the acknowledgements its write (or quorum read) waits for.
      ownMs = this.replication.startService(job, node, jobs.instance[job]!, jobs.key[job]!, (jobs.flags[job]! & JOB_WRITE) !== 0);
      if (ownMs < 0) return this.failJob(job, ownMs === REFUSE_NO_QUORUM ? CAUSE_NO_QUORUM : CAUSE_UNAVAILABLE, node);
    } else ownMs = this.serviceTime(node);
    const serviceMs = extraMs + ownMs + this.faults.latencyAdded[node]!;
    this.queue.push(this.clock.now + serviceMs, EVENT_SERVICE_DONE, job, jobs.generation[job]!);
  }

  /** One call over a purpose edge (the lock service, the session store), outside the fanout. */
  private stateCall(job: number, edge: number, flag: number): void {
    this.jobs.flags[job]! |= flag;
    this.jobs.pending[job] = 1;
    this.startChildCall(job, edge);
  }

  /** The call over a purpose edge is back: take the lock, or go on to the node's calls. */
  private stateCallDone(job: number, cause: number, origin: number): void {
    const jobs = this.jobs;
    if ((jobs.flags[job]! & JOB_LOCK_CALL) !== 0) {
      jobs.flags[job]! &= ~JOB_LOCK_CALL;
      if (cause !== CAUSE_NONE) return this.failJob(job, CAUSE_LOCK_UNAVAILABLE, origin);
      return this.locks!.acquire(job);
    }
    jobs.flags[job]! &= ~JOB_SESSION_CALL;
    if (cause !== CAUSE_NONE) return this.failJob(job, cause, origin);
    this.beginCalls(job);
  }

  private serviceTime(node: number): number {
    const mean = this.model.nodeLatencyMs[node]!;
    const distribution = this.model.nodeDistribution[node];
    if (distribution === DISTRIBUTION_CONSTANT || mean === 0) return mean;
    if (distribution === DISTRIBUTION_LOGNORMAL) {
      return mean * Math.exp(LOGNORMAL_SIGMA * this.random.normal() - (LOGNORMAL_SIGMA * LOGNORMAL_SIGMA) / 2);
    }
    return this.random.exponential(mean);
  }

  private onServiceDone(job: number): void {
    const model = this.model;
    const jobs = this.jobs;
    const instance = jobs.instance[job]!;
    if (jobs.epoch[job] !== this.instances.epoch[instance]) return this.lostJob(job);
    const node = jobs.node[job]!;
    const path = jobs.path[job]!;
    this.paths.serviceMs[path] = this.clock.now - this.paths.serviceMs[path]!;
    if (model.nodeHoldsSlotWhileCalling[node] === 0) this.releaseSlot(job);
    const errorRate = this.faults.errorRate[node]!;
    if (errorRate > 0 && this.random.next() < errorRate) return this.failJob(job, CAUSE_ERROR, node);
    if (this.replication !== undefined && this.replication.isReplicated(node)) this.replicaServed(job, node, instance);
    if (model.nodeIsQueue[node] === 1) return this.messaging.publish(node, jobs.key[job]!) ? this.finishJob(job) : this.failJob(job, CAUSE_OVERLOAD, node);
    if (model.nodeIsCache[node] === 1 && this.random.next() < model.nodeHitRate[node]!) return this.finishJob(job);
    const sessionEdge = model.state.nodeSessionEdge[node]!;
    if (sessionEdge >= 0) return this.stateCall(job, sessionEdge, JOB_SESSION_CALL);
    this.beginCalls(job);
  }

  /** A replicated node's job did its work: the write commits (perhaps in conflict), the read is stale or not. */
  private replicaServed(job: number, node: number, instance: number): void {
    const jobs = this.jobs;
    const replication = this.replication!;
    if ((jobs.flags[job]! & JOB_WRITE) !== 0) {
      if (replication.committed(job, node, instance, jobs.key[job]!)) jobs.flags[job]! |= JOB_CONFLICT;
    } else if (replication.readDone(job, node, instance, jobs.key[job]!)) jobs.flags[job]! |= JOB_STALE;
  }

  /** Frees the job's slot (if it holds one) and gives it to the instance's next waiting job. */
  private releaseSlot(job: number): void {
    const jobs = this.jobs;
    if ((jobs.flags[job]! & JOB_HOLDS_SLOT) === 0) return;
    jobs.flags[job]! &= ~JOB_HOLDS_SLOT;
    const instance = jobs.instance[job]!;
    const table = this.instances;
    if (jobs.epoch[job] !== table.epoch[instance]) return;
    table.addBusy(instance, -1, this.clock.now);
    if (table.waitLength[instance]! > 0 && table.down[instance] === 0) this.startService(table.dequeue(instance));
  }

  private finishJob(job: number): void {
    const jobs = this.jobs;
    this.releaseSlot(job);
    if ((jobs.flags[job]! & JOB_ROOT) !== 0) {
      const client = this.model.nodeClient[jobs.node[job]!]!;
      this.metrics.requestFinished(this.clock.now, this.clock.now - jobs.start[job]!, CAUSE_NONE, -1, client);
      this.paths.release(jobs.path[job]!, this.metrics.breakdown, this.metrics.breakdownOffset(client));
      return jobs.release(job);
    }
    this.metrics.nodeServed[jobs.node[job]!]!++;
    this.metrics.instanceServed[jobs.instance[job]!]!++;
    this.answer(job, CAUSE_NONE, -1);
  }

  /** Fails the job (and answers its caller). */
  private failJob(job: number, cause: number, origin: number): void {
    const jobs = this.jobs;
    this.releaseSlot(job);
    if ((jobs.flags[job]! & JOB_ROOT) !== 0) {
      this.metrics.requestFinished(this.clock.now, this.clock.now - jobs.start[job]!, cause, origin, this.model.nodeClient[jobs.node[job]!]!);
      this.paths.release(jobs.path[job]!);
      return jobs.release(job);
    }
    this.answer(job, cause, origin);
  }

  private answer(job: number, cause: number, origin: number): void {
    const jobs = this.jobs;
    const call = jobs.parentCall[job]!;
    const serial = jobs.parentSerial[job]!;
    const node = jobs.node[job]!;
    const path = jobs.path[job]!;
    const marks = jobs.flags[job]! & (JOB_STALE | JOB_CONFLICT);
    jobs.release(job);
    if (call < 0) {
      this.paths.release(path);
      // Async work nobody waits for: its failure still counts against the node.
      if (cause !== CAUSE_NONE) this.metrics.nodeFailed[node]!++;
      return;
    }
    // The caller's job takes the record in childDone if the answer is current and a success.
    this.pendingPath = path;
    this.calls.answered(call, serial, cause, origin, marks);
    if (this.pendingPath === path) this.releasePendingPath();
  }

  private releasePendingPath(): void {
    this.paths.release(this.pendingPath);
    this.pendingPath = -1;
  }

  /** The job vanishes without an answer (its host died): the caller waits for its timeout. */
  private dropJob(job: number): void {
    const jobs = this.jobs;
    this.releaseSlot(job);
    const call = jobs.parentCall[job]!;
    const serial = jobs.parentSerial[job]!;
    const node = jobs.node[job]!;
    this.paths.release(jobs.path[job]!);
    jobs.release(job);
    if (call < 0) {
      this.metrics.nodeFailed[node]!++;
      return;
    }
    this.calls.vanished(call, serial);
  }

  /** The job's instance died while the job was there (noticed when the job next wakes up). */
  private lostJob(job: number): void {
    const instance = this.jobs.instance[job]!;
    if (this.instances.downKind[instance] === DOWN_HOST) this.dropJob(job);
    else this.failJob(job, CAUSE_CRASH, this.jobs.node[job]!);
  }

  /**
   * A call of the job over `edge` is over (after its retries): go on, or fail. `beforeMs` (see
   * CallPort) goes to the callee's network time: failed attempts count as time lost getting there.
   */
  private childDone(job: number, cause: number, origin: number, optional: boolean, edge: number, beforeMs: number): void {
    const jobs = this.jobs;
    const instance = jobs.instance[job]!;
    // The answering job's record (a success), or none.
    let child = this.pendingPath;
    this.pendingPath = -1;
    if (child >= 0 && (cause !== CAUSE_NONE || (instance >= 0 && jobs.epoch[job] !== this.instances.epoch[instance]))) {
      this.paths.release(child);
      child = -1;
    }
    // A transaction's coordinator hears of every call, its instance dead or not (transactions.ts).
    if ((jobs.flags[job]! & JOB_TRANSACTION) !== 0) return this.transactionCallDone(job, cause, origin, edge, beforeMs, child);
    if (instance >= 0 && jobs.epoch[job] !== this.instances.epoch[instance]) return this.lostJob(job);
    if ((jobs.flags[job]! & (JOB_LOCK_CALL | JOB_SESSION_CALL)) !== 0) {
      // A lock is taken with the slot held and the service clock running: its call is the node's own
      // service time. A session call follows the service like any sequential call: its path is kept.
      if ((jobs.flags[job]! & JOB_LOCK_CALL) !== 0 || cause !== CAUSE_NONE) {
        if (child >= 0) this.paths.release(child);
      } else this.attachCall(job, child, edge, beforeMs, false);
      return this.stateCallDone(job, cause, origin);
    }
    if (cause !== CAUSE_NONE && !optional) return this.failJob(job, cause, origin);
    const node = jobs.node[job]!;
    const parallel = this.model.nodeParallel[node] === 1 && this.model.nodeFanoutAll[node] === 1;
    // A parallel fan-out keeps the branch that came back last: the slowest, on the critical path.
    this.attachCall(job, child, edge, beforeMs, parallel);
    if (--jobs.pending[job]! > 0) return;
    if (parallel) this.finishJob(job);
    else this.nextSequential(job);
  }

  /** Puts the answered call's record (or a new one with its network time) on the job's path. */
  private attachCall(job: number, child: number, edge: number, beforeMs: number, only: boolean): void {
    if (child < 0) child = this.paths.open(this.model.edgeTo[edge]!, beforeMs);
    else this.paths.networkMs[child]! += beforeMs;
    this.paths.attach(this.jobs.path[job]!, child, only);
  }

  /**
   * A call of a transaction's coordinator is over: a success goes on its path (a 2PC round keeps its
   * slowest branch, a saga every step), then the transaction takes the outcome.
   */
  private transactionCallDone(job: number, cause: number, origin: number, edge: number, beforeMs: number, child: number): void {
    if (cause === CAUSE_NONE) this.attachCall(job, child, edge, beforeMs, this.model.nodeTransaction[this.jobs.node[job]!] === TRANSACTION_2PC);
    this.transactions!.callDone(job, edge, cause, origin);
  }
}
