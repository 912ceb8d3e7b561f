/**
 * Locks (SPEC §8): a request on a node with a `lock` takes one of its `keys` lock keys once it
 * has its slot (after the acquire call over the lock edge, for `distributed`), waits first in,
 * first out while another request holds that key, and holds it for `holdMs` before its own
 * service. `local` locks are a table per instance: two instances hold one key at once, and each
 * such overlap counts as an exclusion violation. `distributed` locks are one table per node; a
 * holder whose instance crashes keeps its key until `leaseMs` after it took it.
 *
 * State per lock key in typed arrays sized from the document (instances × keys for local locks,
 * keys for distributed ones); the waiting lists are linked through arrays indexed by job.
 */
import { EVENT_LOCK_RELEASE, type Agenda, type Clock } from './events';
import type { InstanceTable } from './instances';
import type { SimulationModel } from './model';
import type { Random } from './random';
import { LOCK_DISTRIBUTED, LOCK_LOCAL } from './stateModel';

/** What the lock table needs from the engine. */
export interface LockPort {
  readonly clock: Clock;
  readonly agenda: Agenda;
  readonly jobs: { readonly node: Int32Array; readonly instance: Int32Array; readonly generation: Int32Array; readonly epoch: Int32Array };
  /** The job holds its key: its service goes on, `holdMs` longer. */
  granted(job: number, holdMs: number): void;
  /** The job cannot wait for its key (the waiting list is full): `overload`. */
  overloaded(job: number): void;
  /** The job's instance died while the job waited: it is lost. */
  lost(job: number): void;
  /** The job took a key another instance held: an exclusion violation (for the animation). */
  violated(job: number): void;
}

export class Locks {
  /** First slot of each node (distributed) or of each instance (local); -1 without a lock. */
  private readonly nodeBase: Int32Array;
  private readonly instanceBase: Int32Array;
  /** Per local-lock node: holders of each key over all its instances (for violations). */
  private readonly nodeHolders: (Int32Array | undefined)[];
  private readonly held: Uint8Array;
  private readonly holderInstance: Int32Array;
  private readonly holderEpoch: Int32Array;
  private readonly acquiredAt: Float64Array;
  private readonly serial: Int32Array;
  private readonly waitHead: Int32Array;
  private readonly waitTail: Int32Array;
  private readonly waitCount: Int32Array;
  /** Slot and key of the job's lock while it waits or holds; next waiter; waiter's generation. */
  private jobSlot = new Int32Array(256);
  private jobKey = new Int32Array(256);
  private nextWaiter = new Int32Array(256);
  private waiterGeneration = new Int32Array(256);
  /** Exclusion violations per node (local locks held at once by two instances). */
  readonly violations: Float64Array;

  constructor(
    private readonly model: SimulationModel,
    private readonly random: Random,
    private readonly instances: InstanceTable,
    private readonly port: LockPort,
  ) {
    const state = model.state;
    this.nodeBase = new Int32Array(model.nodeCount).fill(-1);
    this.instanceBase = new Int32Array(model.instanceCount).fill(-1);
    this.nodeHolders = new Array<Int32Array | undefined>(model.nodeCount).fill(undefined);
    this.violations = new Float64Array(model.nodeCount);
    let slots = 0;
    for (let n = 0; n < model.nodeCount; n++) {
      const keys = state.nodeLockKeys[n]!;
      if (state.nodeLock[n] === LOCK_DISTRIBUTED) {
        this.nodeBase[n] = slots;
        slots += keys;
      } else if (state.nodeLock[n] === LOCK_LOCAL) {
        this.nodeHolders[n] = new Int32Array(keys);
        const first = model.nodeFirstInstance[n]!;
        for (let i = first; i < first + model.nodeInstanceCount[n]!; i++) {
          this.instanceBase[i] = slots;
          slots += keys;
        }
      }
    }
    this.held = new Uint8Array(slots);
    this.holderInstance = new Int32Array(slots);
    this.holderEpoch = new Int32Array(slots);
    this.acquiredAt = new Float64Array(slots);
    this.serial = new Int32Array(slots);
    this.waitHead = new Int32Array(slots).fill(-1);
    this.waitTail = new Int32Array(slots).fill(-1);
    this.waitCount = new Int32Array(slots);
  }

  /** The job (holding its slot) asks for one of its node's lock keys, drawn uniformly. */
  acquire(job: number): void {
    const jobs = this.port.jobs;
    const node = jobs.node[job]!;
    const instance = jobs.instance[job]!;
    const key = this.random.below(this.model.state.nodeLockKeys[node]!);
    const slot = (this.model.state.nodeLock[node] === LOCK_DISTRIBUTED ? this.nodeBase[node]! : this.instanceBase[instance]!) + key;
    if (job >= this.jobSlot.length) this.grow(job);
    this.jobSlot[job] = slot;
    this.jobKey[job] = key;
    if (this.held[slot] === 0) return this.grant(job, slot);
    if (this.waitCount[slot]! >= this.model.nodeQueueLimit[node]!) return this.port.overloaded(job);
    this.nextWaiter[job] = -1;
    this.waiterGeneration[job] = jobs.generation[job]!;
    if (this.waitTail[slot]! < 0) this.waitHead[slot] = job;
    else this.nextWaiter[this.waitTail[slot]!] = job;
    this.waitTail[slot] = job;
    this.waitCount[slot]!++;
  }

  /** EVENT_LOCK_RELEASE: the holder's `holdMs` is over (or, for a crashed holder, its lease). */
  onRelease(slot: number, serial: number): void {
    if (this.serial[slot] !== serial || this.held[slot] === 0) return;
    const model = this.model;
    const instance = this.holderInstance[slot]!;
    const node = model.instanceNode[instance]!;
    const now = this.port.clock.now;
    if (model.state.nodeLock[node] === LOCK_DISTRIBUTED && this.instances.epoch[instance] !== this.holderEpoch[slot]) {
      // The holder crashed while it held the key: nobody unlocks it before its lease runs out.
      const leaseEnd = this.acquiredAt[slot]! + model.state.nodeLockLeaseMs[node]!;
      if (now < leaseEnd) return this.port.agenda.push(leaseEnd, EVENT_LOCK_RELEASE, slot, serial);
    }
    this.held[slot] = 0;
    const holders = this.nodeHolders[node];
    if (holders !== undefined) holders[slot - this.instanceBase[instance]!]!--;
    this.next(slot);
  }

  /** Gives the key to the oldest waiter still alive on a live instance. */
  private next(slot: number): void {
    const jobs = this.port.jobs;
    while (this.waitCount[slot]! > 0) {
      const job = this.waitHead[slot]!;
      this.waitHead[slot] = this.nextWaiter[job]!;
      if (this.waitHead[slot]! < 0) this.waitTail[slot] = -1;
      this.waitCount[slot]!--;
      if (jobs.generation[job] !== this.waiterGeneration[job]) continue;
      if (jobs.epoch[job] !== this.instances.epoch[jobs.instance[job]!]) {
        this.port.lost(job);
        continue;
      }
      return this.grant(job, slot);
    }
  }

  private grant(job: number, slot: number): void {
    const jobs = this.port.jobs;
    const node = jobs.node[job]!;
    const instance = jobs.instance[job]!;
    const now = this.port.clock.now;
    const holders = this.nodeHolders[node];
    if (holders !== undefined) {
      // Local: another instance's table says nothing to this one, so both hold the key.
      const key = this.jobKey[job]!;
      if (holders[key]! > 0) {
        this.violations[node]!++;
        this.port.violated(job);
      }
      holders[key]!++;
    }
    this.held[slot] = 1;
    this.holderInstance[slot] = instance;
    this.holderEpoch[slot] = this.instances.epoch[instance]!;
    this.acquiredAt[slot] = now;
    const serial = (this.serial[slot]! + 1) | 0;
    this.serial[slot] = serial;
    const holdMs = this.model.state.nodeLockHoldMs[node]!;
    this.port.agenda.push(now + holdMs, EVENT_LOCK_RELEASE, slot, serial);
    this.port.granted(job, holdMs);
  }

  private grow(job: number): void {
    let size = this.jobSlot.length;
    while (size <= job) size *= 2;
    const grown = (old: Int32Array) => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.jobSlot = grown(this.jobSlot);
    this.jobKey = grown(this.jobKey);
    this.nextWaiter = grown(this.nextWaiter);
    this.waiterGeneration = grown(this.waiterGeneration);
  }
}
