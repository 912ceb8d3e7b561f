/**
 * The discrete-event engine (SPEC §4): one engine for the CLI and the Web Worker; batch runs it to
 * the end, live mode advances it step by step. Virtual time in ms; nothing reads a clock.
 * README.md states the semantics where SPEC leaves room (slots, timeouts, crashes, queues…).
 *
 * This file is the request state machine — jobs and calls from arrival to answer — and stays
 * whole on purpose: its steps hand records to each other and read best in one place. Queues
 * (queues.ts) and faults and health checks (faults.ts) live apart.
 */
import { EventQueue } from './eventQueue';
import { Random } from './random';
import { Balancers } from './balancers';
import { ADMIT_TRIAL, Breakers, REJECT } from './breaker';
import { InstanceTable, DOWN_HOST } from './instances';
import { Backlogs } from './messaging';
import {
  CAUSE_CIRCUIT_OPEN, CAUSE_CRASH, CAUSE_ERROR, CAUSE_OVERLOAD, CAUSE_PARTITION, CAUSE_RATE_LIMITED, CAUSE_TIMEOUT, MetricsCollector,
} from './metrics';
import { DISTRIBUTION_CONSTANT, DISTRIBUTION_LOGNORMAL, OUTSIDE_HOST, type SimulationModel } from './model';
import { CALL_SAMPLED, CALL_TRIAL, CallPool, JOB_HOLDS_SLOT, JOB_ROOT, JOB_SAMPLED, JobPool, PHASE_CALLING, PHASE_QUEUED, PHASE_SERVING } from './pools';
import { MovementLog } from './movements';
import { EVENT_ARRIVAL, EVENT_JOB_ARRIVE, EVENT_SERVICE_DONE, EVENT_TIMEOUT, EVENT_PARTITION_TIMEOUT, EVENT_RETRY, EVENT_FAULT_START, EVENT_FAULT_END, EVENT_HEALTH, EVENT_PUMP } from './events';
import { FaultEffects, applyFault, onHealth } from './faults';
import { deliveryDone, publish, pump } from './queues';

/** Calls deeper than this fail with `error`: only a cycle of synchronous calls gets there. */
const MAX_DEPTH = 64;
/** Request keys (for consistent hashing) are drawn uniformly from this many keys per client. */
export const KEYS_PER_CLIENT = 10_000;
/** Spread of the lognormal service time (σ of the underlying normal). */
const LOGNORMAL_SIGMA = 0.5;

export interface EngineOptions {
  readonly durationMs: number;
  readonly seed: number;
  /** Record a sample of call attempts for the animation (live mode). */
  readonly recordMovements?: boolean;
  /** About how many requests per simulated second to sample when recording movements. */
  readonly sampledRequestsPerSecond?: number;
}

export class Engine {
  readonly queue = new EventQueue();
  readonly random: Random;
  readonly jobs = new JobPool();
  readonly calls = new CallPool();
  readonly metrics: MetricsCollector;
  readonly breakers: Breakers;
  readonly instances: InstanceTable;
  readonly backlogs: Backlogs;
  readonly movements: MovementLog | undefined;
  private readonly balancers: Balancers;
  readonly durationMs: number;
  now = 0;
  /** Events processed so far (the benchmark's unit of work). */
  processed = 0;
  private serialCounter = 0;
  private requestCounter = 0;
  /** Sample one request (or message) in this many for the animation. */
  readonly sampleEvery: number;
  readonly effects: FaultEffects;
  private readonly tokens: Float64Array;
  private readonly tokensAt: Float64Array;

  constructor(
    readonly model: SimulationModel,
    options: EngineOptions,
  ) {
    this.durationMs = options.durationMs;
    this.random = new Random(options.seed);
    this.metrics = new MetricsCollector(model.nodeCount, model.instanceCount);
    this.breakers = new Breakers(model);
    this.instances = new InstanceTable(model);
    this.backlogs = new Backlogs(model);
    this.balancers = new Balancers(model, this.random, this.instances.inRotation, this.instances.held);
    this.effects = new FaultEffects(model);
    this.tokens = Float64Array.from(model.nodeRateLimit, (rate) => Math.max(1, rate));
    this.tokensAt = new Float64Array(model.nodeCount);
    let totalRate = 0;
    for (const client of model.clients) totalRate += model.nodeRate[client]!;
    this.sampleEvery = Math.max(1, Math.round(totalRate / (options.sampledRequestsPerSecond ?? 40)));
    this.movements = options.recordMovements ? new MovementLog(model) : undefined;
    // Faults first, so that a fault at t = 0 is in place before the first request.
    model.faults.forEach((fault, f) => {
      if (fault.atMs < this.durationMs) this.queue.push(fault.atMs, EVENT_FAULT_START, f, 0);
      if (fault.untilMs < this.durationMs) this.queue.push(fault.untilMs, EVENT_FAULT_END, f, 0);
    });
    for (const client of model.clients) this.scheduleArrival(client);
  }

  get finished(): boolean {
    return this.now >= this.durationMs;
  }

  /**
   * Processes every event up to `timeMs` (capped at the run's end), at most `budget` of them.
   * Returns true when it got there (time then reads `timeMs`); false when the budget ran out first
   * (time reads the last event's).
   */
  advanceTo(timeMs: number, budget = Infinity): boolean {
    const limit = Math.min(timeMs, this.durationMs);
    const queue = this.queue;
    let left = budget;
    while (queue.size > 0) {
      const next = queue.peekTime();
      if (next > limit || next >= this.durationMs) break;
      if (left-- <= 0) return false;
      queue.pop();
      this.dispatch();
    }
    if (limit > this.now) this.now = limit;
    return true;
  }

  /** Processes at most `budget` events; returns true once the run has reached its end. */
  step(budget: number): boolean {
    const queue = this.queue;
    for (let k = 0; k < budget; k++) {
      if (queue.size === 0 || queue.peekTime() >= this.durationMs) {
        this.now = this.durationMs;
        return true;
      }
      queue.pop();
      this.dispatch();
    }
    return false;
  }

  private dispatch(): void {
    const queue = this.queue;
    this.now = queue.time;
    this.processed++;
    const first = queue.first;
    const second = queue.second;
    switch (queue.kind) {
      case EVENT_ARRIVAL: return this.onArrival(first);
      case EVENT_JOB_ARRIVE: if (this.jobs.generation[first] === second) this.onJobArrive(first); return;
      case EVENT_SERVICE_DONE: if (this.jobs.generation[first] === second) this.onServiceDone(first); return;
      case EVENT_TIMEOUT: if (this.calls.serial[first] === second) this.attemptFailed(first, CAUSE_TIMEOUT, this.model.edgeTo[this.calls.edge[first]!]!); return;
      case EVENT_PARTITION_TIMEOUT: if (this.calls.serial[first] === second) this.attemptFailed(first, CAUSE_PARTITION, this.model.edgeTo[this.calls.edge[first]!]!); return;
      case EVENT_RETRY: if (this.calls.serial[first] === second) this.onRetry(first); return;
      case EVENT_FAULT_START: return applyFault(this, first, 1);
      case EVENT_FAULT_END: return applyFault(this, first, -1);
      case EVENT_HEALTH: return onHealth(this, first, second);
      case EVENT_PUMP: return pump(this, first);
    }
  }

  // ── requests ────────────────────────────────────────────────────────────────────────────────

  private scheduleArrival(client: number): void {
    const rate = this.model.nodeRate[client]!;
    if (rate <= 0) return;
    const next = this.now + this.random.exponential(1000 / rate);
    if (next < this.durationMs) this.queue.push(next, EVENT_ARRIVAL, client, 0);
  }

  private onArrival(client: number): void {
    const jobs = this.jobs;
    const job = jobs.allocate();
    jobs.node[job] = client;
    jobs.instance[job] = -1;
    jobs.parentCall[job] = -1;
    jobs.phase[job] = 0;
    jobs.failCause[job] = 0;
    jobs.failNode[job] = -1;
    jobs.depth[job] = 0;
    jobs.start[job] = this.now;
    jobs.key[job] = this.clientKeyBase(client) + this.random.below(KEYS_PER_CLIENT);
    jobs.flags[job] = JOB_ROOT | (this.movements !== undefined && this.requestCounter++ % this.sampleEvery === 0 ? JOB_SAMPLED : 0);
    this.metrics.offered++;
    this.scheduleArrival(client);
    this.beginCalls(job);
  }

  private clientKeyBase(client: number): number {
    return client * KEYS_PER_CLIENT;
  }

  /** The job's own work is done: make its calls by the node's fanout, or answer. */
  private beginCalls(job: number): void {
    const model = this.model;
    const jobs = this.jobs;
    const node = jobs.node[job]!;
    const start = model.outStart[node]!;
    const end = model.outStart[node + 1]!;
    if (start === end) return this.finishJob(job);
    jobs.phase[job] = PHASE_CALLING;
    if (model.nodeFanoutAll[node] === 0) {
      // One edge by weight; the cursor at the end means "nothing after it".
      let pick = this.random.next() * model.nodeOutWeight[node]!;
      let edge = model.outEdges[end - 1]!;
      for (let k = start; k < end; k++) {
        pick -= model.edgeWeight[model.outEdges[k]!]!;
        if (pick < 0) {
          edge = model.outEdges[k]!;
          break;
        }
      }
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
    const jobs = this.jobs;
    if (jobs.depth[job]! >= MAX_DEPTH) return this.childDone(job, CAUSE_ERROR, this.model.edgeTo[edge]!, this.model.edgeOptional[edge] === 1);
    const calls = this.calls;
    const call = calls.allocate();
    calls.parentJob[call] = job;
    calls.parentGeneration[call] = jobs.generation[job]!;
    calls.edge[call] = edge;
    calls.attempt[call] = 0;
    calls.instance[call] = -1;
    const instance = jobs.instance[job]!;
    calls.fromHost[call] = instance < 0 ? OUTSIDE_HOST : this.model.instanceHost[instance]!;
    calls.key[call] = jobs.key[job]!;
    calls.depth[call] = jobs.depth[job]! + 1;
    calls.flags[call] = (jobs.flags[job]! & JOB_SAMPLED) !== 0 ? CALL_SAMPLED : 0;
    this.sendAttempt(call);
  }

  private nextSerial(): number {
    this.serialCounter = (this.serialCounter + 1) | 0;
    if (this.serialCounter === 0) this.serialCounter = 1;
    return this.serialCounter;
  }

  /** Sends the call's current attempt: breaker, balancer, reachability, then travel. */
  sendAttempt(call: number): void {
    const model = this.model;
    const calls = this.calls;
    const edge = calls.edge[call]!;
    const target = model.edgeTo[edge]!;
    const serial = this.nextSerial();
    calls.serial[call] = serial;
    calls.sentAt[call] = this.now;
    calls.flags[call]! &= ~CALL_TRIAL;
    const admitted = this.breakers.admit(edge, this.now);
    if (admitted === REJECT) return this.attemptFailed(call, CAUSE_CIRCUIT_OPEN, target);
    if (admitted === ADMIT_TRIAL) calls.flags[call]! |= CALL_TRIAL;
    const instance = this.balancers.pick(target, calls.key[call]!, calls.attempt[call]! > 0 ? calls.instance[call]! : -1);
    if (instance < 0) return this.attemptFailed(call, CAUSE_CRASH, target);
    calls.instance[call] = instance;
    const host = model.instanceHost[instance]!;
    const from = calls.fromHost[call]!;
    const timeoutMs = model.edgeTimeoutMs[edge]!;
    const noAnswerAt = this.now + (timeoutMs > 0 ? timeoutMs : model.connectTimeoutMs);
    if (this.effects.partitions.length > 0 && this.partitioned(from, host)) return this.queue.push(noAnswerAt, EVENT_PARTITION_TIMEOUT, call, serial);
    if (this.instances.hostDown[host]! > 0) return this.queue.push(noAnswerAt, EVENT_TIMEOUT, call, serial);
    const loss = this.effects.lossRate[target]!;
    if (loss > 0 && this.random.next() < loss) return this.queue.push(noAnswerAt, EVENT_TIMEOUT, call, serial);
    if (timeoutMs > 0) this.queue.push(noAnswerAt, EVENT_TIMEOUT, call, serial);
    const jobs = this.jobs;
    const job = jobs.allocate();
    jobs.node[job] = target;
    jobs.instance[job] = instance;
    jobs.parentCall[job] = call;
    jobs.parentSerial[job] = serial;
    jobs.phase[job] = 0;
    jobs.failCause[job] = 0;
    jobs.failNode[job] = -1;
    jobs.key[job] = calls.key[call]!;
    jobs.depth[job] = calls.depth[call]!;
    jobs.flags[job] = (calls.flags[call]! & CALL_SAMPLED) !== 0 ? JOB_SAMPLED : 0;
    if (from === host && from !== OUTSIDE_HOST) return this.onJobArrive(job);
    this.queue.push(this.now + model.networkMs, EVENT_JOB_ARRIVE, job, jobs.generation[job]!);
  }

  private partitioned(from: number, to: number): boolean {
    if (from === OUTSIDE_HOST || from === to) return false;
    for (const partition of this.effects.partitions) {
      const a = partition.groupOfHost[from]!;
      const b = partition.groupOfHost[to]!;
      if (a >= 0 && b >= 0 && a !== b) return true;
    }
    return false;
  }

  /** The request reaches its instance: is it up, within its rate limit, is there room? */
  private onJobArrive(job: number): void {
    const model = this.model;
    const jobs = this.jobs;
    const table = this.instances;
    const instance = jobs.instance[job]!;
    const node = jobs.node[job]!;
    if (table.down[instance] === 1) {
      if (table.downKind[instance] === DOWN_HOST) return this.dropJob(job);
      return this.failJob(job, CAUSE_CRASH, node);
    }
    if (model.nodeRateLimit[node]! > 0 && !this.takeToken(node)) return this.failJob(job, CAUSE_RATE_LIMITED, node);
    jobs.epoch[job] = table.epoch[instance]!;
    jobs.start[job] = this.now;
    if (table.busy[instance]! < model.nodeConcurrency[node]!) {
      table.held[instance]!++;
      this.startService(job);
    } else if (table.waitLength[instance]! < model.nodeQueueLimit[node]!) {
      table.held[instance]!++;
      jobs.phase[job] = PHASE_QUEUED;
      table.enqueue(instance, job);
      if (table.waitLength[instance]! > this.metrics.nodeMaxQueue[node]!) this.metrics.nodeMaxQueue[node] = table.waitLength[instance]!;
    } else {
      return this.failJob(job, CAUSE_OVERLOAD, node);
    }
    // Accepted: an async caller stops waiting here and the job carries on alone.
    const call = jobs.parentCall[job]!;
    if (this.calls.serial[call] === jobs.parentSerial[job] && model.edgeAsync[this.calls.edge[call]!] === 1 && model.nodeIsQueue[node] === 0) {
      jobs.parentCall[job] = -1;
      this.attemptSucceeded(call);
    }
  }

  private takeToken(node: number): boolean {
    const rate = this.model.nodeRateLimit[node]!;
    const tokens = Math.min(Math.max(1, rate), this.tokens[node]! + ((this.now - this.tokensAt[node]!) * rate) / 1000);
    this.tokensAt[node] = this.now;
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
    this.instances.addBusy(jobs.instance[job]!, 1, this.now);
    jobs.flags[job]! |= JOB_HOLDS_SLOT;
    jobs.phase[job] = PHASE_SERVING;
    const serviceMs = this.serviceTime(node) + this.effects.latencyAdded[node]!;
    this.queue.push(this.now + serviceMs, EVENT_SERVICE_DONE, job, jobs.generation[job]!);
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
    if (model.nodeHoldsSlotWhileCalling[node] === 0) this.releaseSlot(job);
    const errorRate = this.effects.errorRate[node]!;
    if (errorRate > 0 && this.random.next() < errorRate) return this.failJob(job, CAUSE_ERROR, node);
    if (model.nodeIsQueue[node] === 1) return publish(this, job) ? this.finishJob(job) : this.failJob(job, CAUSE_OVERLOAD, node);
    if (model.nodeIsCache[node] === 1 && this.random.next() < model.nodeHitRate[node]!) return this.finishJob(job);
    this.beginCalls(job);
  }

  /** Frees the job's slot and gives it to the instance's next waiting job. */
  private releaseSlot(job: number): void {
    const jobs = this.jobs;
    if ((jobs.flags[job]! & JOB_HOLDS_SLOT) === 0) return;
    jobs.flags[job]! &= ~JOB_HOLDS_SLOT;
    const instance = jobs.instance[job]!;
    const table = this.instances;
    if (jobs.epoch[job] !== table.epoch[instance]) return;
    table.addBusy(instance, -1, this.now);
    if (table.waitLength[instance]! > 0 && table.down[instance] === 0) this.startService(table.dequeue(instance));
  }

  /** The job leaves its instance (slot and place freed) before it answers. */
  private leaveInstance(job: number): void {
    const jobs = this.jobs;
    const instance = jobs.instance[job]!;
    if (instance < 0) return;
    this.releaseSlot(job);
    if (jobs.phase[job] !== 0 && jobs.epoch[job] === this.instances.epoch[instance]) this.instances.held[instance]!--;
    jobs.phase[job] = 0;
  }

  private finishJob(job: number): void {
    const jobs = this.jobs;
    this.leaveInstance(job);
    if ((jobs.flags[job]! & JOB_ROOT) !== 0) {
      this.metrics.requestFinished(this.now, this.now - jobs.start[job]!, 0, -1);
      return jobs.release(job);
    }
    this.metrics.nodeServed[jobs.node[job]!]!++;
    this.metrics.instanceServed[jobs.instance[job]!]!++;
    this.answer(job, 0, -1);
  }

  /** Fails the job (and answers its caller); also used by faults.ts. */
  failJob(job: number, cause: number, origin: number): void {
    const jobs = this.jobs;
    this.leaveInstance(job);
    if ((jobs.flags[job]! & JOB_ROOT) !== 0) {
      this.metrics.requestFinished(this.now, this.now - jobs.start[job]!, cause, origin);
      return jobs.release(job);
    }
    this.answer(job, cause, origin);
  }

  private answer(job: number, cause: number, origin: number): void {
    const jobs = this.jobs;
    const call = jobs.parentCall[job]!;
    const serial = jobs.parentSerial[job]!;
    const node = jobs.node[job]!;
    jobs.release(job);
    if (call < 0) {
      // Async work nobody waits for: its failure still counts against the node.
      if (cause !== 0) this.metrics.nodeFailed[node]!++;
      return;
    }
    if (this.calls.serial[call] !== serial) return;
    if (cause === 0) this.attemptSucceeded(call);
    else this.attemptFailed(call, cause, origin);
  }

  /** The job vanishes without an answer (its host died): the caller waits for its timeout. */
  dropJob(job: number): void {
    const jobs = this.jobs;
    this.leaveInstance(job);
    const call = jobs.parentCall[job]!;
    const serial = jobs.parentSerial[job]!;
    const node = jobs.node[job]!;
    jobs.release(job);
    if (call < 0) {
      this.metrics.nodeFailed[node]!++;
      return;
    }
    const calls = this.calls;
    if (calls.serial[call] !== serial || this.model.edgeTimeoutMs[calls.edge[call]!]! > 0) return;
    this.queue.push(Math.max(this.now, calls.sentAt[call]! + this.model.connectTimeoutMs), EVENT_TIMEOUT, call, serial);
  }

  /** The job's instance died while the job was there (noticed when the job next wakes up). */
  private lostJob(job: number): void {
    const instance = this.jobs.instance[job]!;
    if (this.instances.downKind[instance] === DOWN_HOST) this.dropJob(job);
    else this.failJob(job, CAUSE_CRASH, this.jobs.node[job]!);
  }

  private attemptFailed(call: number, cause: number, origin: number): void {
    const model = this.model;
    const calls = this.calls;
    const edge = calls.edge[call]!;
    if (cause !== CAUSE_CIRCUIT_OPEN) this.breakers.record(edge, true, (calls.flags[call]! & CALL_TRIAL) !== 0, this.now);
    this.metrics.nodeFailed[model.edgeTo[edge]!]!++;
    const retry = cause !== CAUSE_CIRCUIT_OPEN && calls.attempt[call]! < model.edgeRetries[edge]! && this.parentAlive(call);
    if ((calls.flags[call]! & CALL_SAMPLED) !== 0) this.movements?.record(call, this, retry ? 'retried' : 'failed', cause);
    if (retry) {
      calls.attempt[call]!++;
      this.metrics.retries++;
      const serial = this.nextSerial();
      calls.serial[call] = serial;
      this.queue.push(this.now + model.edgeBackoffMs[edge]!, EVENT_RETRY, call, serial);
      return;
    }
    this.resolveCall(call, cause, origin);
  }

  private attemptSucceeded(call: number): void {
    const calls = this.calls;
    this.breakers.record(calls.edge[call]!, false, (calls.flags[call]! & CALL_TRIAL) !== 0, this.now);
    if ((calls.flags[call]! & CALL_SAMPLED) !== 0) this.movements?.record(call, this, 'ok', 0);
    this.resolveCall(call, 0, -1);
  }

  private parentAlive(call: number): boolean {
    const parent = this.calls.parentJob[call]!;
    return parent < 0 || this.jobs.generation[parent] === this.calls.parentGeneration[call];
  }

  private onRetry(call: number): void {
    if (!this.parentAlive(call)) return this.calls.release(call);
    this.sendAttempt(call);
  }

  /** The call is over (after its retries): tell the waiting job, or the queue that sent it. */
  private resolveCall(call: number, cause: number, origin: number): void {
    const calls = this.calls;
    const parent = calls.parentJob[call]!;
    const generation = calls.parentGeneration[call]!;
    const edge = calls.edge[call]!;
    calls.release(call);
    if (parent < 0) return deliveryDone(this, edge, cause);
    if (this.jobs.generation[parent] !== generation) return;
    this.childDone(parent, cause, origin, this.model.edgeOptional[edge] === 1);
  }

  private childDone(job: number, cause: number, origin: number, optional: boolean): void {
    const jobs = this.jobs;
    const instance = jobs.instance[job]!;
    if (instance >= 0 && jobs.epoch[job] !== this.instances.epoch[instance]) return this.lostJob(job);
    if (cause !== 0 && !optional) return this.failJob(job, cause, origin);
    if (--jobs.pending[job]! > 0) return;
    if (this.model.nodeParallel[jobs.node[job]!] === 1 && this.model.nodeFanoutAll[jobs.node[job]!] === 1) this.finishJob(job);
    else this.nextSequential(job);
  }
}
