/**
 * Object pools for the two records a request is made of, as parallel typed arrays with a free
 * list (no allocation per request, no garbage): a *job* is the work one instance does for one
 * call (queued → in service → its own downstream calls → answer); a *call* is a caller waiting
 * on one edge, across its retries. Records are reused; `generation` tells a stale reference
 * (an event or a child holding an index) from the record's current life.
 */

export function grown<T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(old: T, capacity: number): T {
  const next = new (old.constructor as new (n: number) => T)(capacity);
  next.set(old);
  return next;
}

/**
 * A free list over parallel typed-array columns: subclasses declare their columns and grow them in
 * `growColumns`; this class hands out and takes back record indexes.
 */
export abstract class RecordPool {
  private free = new Int32Array(0);
  private freeCount = 0;
  private size = 0;
  /** Records handed out and not yet released. */
  live = 0;

  get capacity(): number {
    return this.size;
  }

  /** Resizes every column of the subclass to `capacity` records, keeping their contents. */
  protected abstract growColumns(capacity: number): void;

  allocate(): number {
    if (this.freeCount === 0) this.reserve(this.size * 2);
    this.live++;
    return this.free[--this.freeCount]!;
  }

  protected recycle(record: number): void {
    this.live--;
    this.free[this.freeCount++] = record;
  }

  /** Called by subclass constructors, after their column fields exist. */
  protected reserve(capacity: number): void {
    const old = this.size;
    this.growColumns(capacity);
    this.free = grown(this.free, capacity);
    this.size = capacity;
    // Lowest indexes on top of the stack, so small runs touch little memory.
    for (let i = capacity - 1; i >= old; i--) this.free[this.freeCount++] = i;
  }
}

/** Job flags. */
export const JOB_SAMPLED = 1;
export const JOB_HOLDS_SLOT = 2;
export const JOB_ROOT = 4;
/** The job waits on its lock edge (acquire) or its session edge (SPEC §8), not on its own calls. */
export const JOB_LOCK_CALL = 8;
export const JOB_SESSION_CALL = 16;
/** The job coordinates a transaction (transactions.ts): its calls' outcomes go there. */
export const JOB_TRANSACTION = 32;
/** A call into a replicated node that writes (replication.ts); the read it served was stale; the write conflicted. */
export const JOB_WRITE = 64;
export const JOB_STALE = 128;
export const JOB_CONFLICT = 256;

export class JobPool extends RecordPool {
  node = new Int32Array(0);
  instance = new Int32Array(0);
  parentCall = new Int32Array(0);
  parentSerial = new Int32Array(0);
  /** Calls still to come back before the job can go on (fanout `all`). */
  pending = new Int32Array(0);
  /** Next outgoing edge (sequential calls); the node's last edge + 1 when there is none. */
  cursor = new Int32Array(0);
  key = new Int32Array(0);
  flags = new Uint16Array(0);
  epoch = new Int32Array(0);
  depth = new Int32Array(0);
  /** Root jobs: when the request left the client; others: when the job reached its instance. */
  start = new Float64Array(0);
  generation = new Int32Array(0);
  /** The job's record in the PathPool (where its time goes), -1 for none. */
  path = new Int32Array(0);
  /** Replicated nodes: the write's version, and the replicas (bits) whose acks it waits for or a read asked. */
  replicaVersion = new Int32Array(0);
  replicaAcks = new Int32Array(0);

  constructor(capacity = 256) {
    super();
    this.reserve(capacity);
  }

  /**
   * A new job: at `node`'s `instance` (-1 for a client), answering attempt `parentSerial` of
   * `parentCall` (-1: nobody waits), for request `key`, `depth` calls deep.
   */
  open(node: number, instance: number, parentCall: number, parentSerial: number, key: number, depth: number, flags: number, start: number): number {
    const job = this.allocate();
    this.node[job] = node;
    this.instance[job] = instance;
    this.parentCall[job] = parentCall;
    this.parentSerial[job] = parentSerial;
    this.key[job] = key;
    this.depth[job] = depth;
    this.flags[job] = flags;
    this.start[job] = start;
    return job;
  }

  release(job: number): void {
    this.generation[job]!++;
    this.recycle(job);
  }

  protected growColumns(capacity: number): void {
    this.node = grown(this.node, capacity);
    this.instance = grown(this.instance, capacity);
    this.parentCall = grown(this.parentCall, capacity);
    this.parentSerial = grown(this.parentSerial, capacity);
    this.pending = grown(this.pending, capacity);
    this.cursor = grown(this.cursor, capacity);
    this.key = grown(this.key, capacity);
    this.flags = grown(this.flags, capacity);
    this.epoch = grown(this.epoch, capacity);
    this.depth = grown(this.depth, capacity);
    this.start = grown(this.start, capacity);
    this.generation = grown(this.generation, capacity);
    this.path = grown(this.path, capacity);
    this.replicaVersion = grown(this.replicaVersion, capacity);
    this.replicaAcks = grown(this.replicaAcks, capacity);
  }
}

/** Call flags. */
export const CALL_SAMPLED = 1;
export const CALL_TRIAL = 2;
/** The current attempt holds a connection the balancer counted (released when the attempt ends). */
export const CALL_COUNTED = 4;
/** A call into a replicated node that writes (drawn from the edge's writeRatio when the call opens). */
export const CALL_WRITE = 8;

export class CallPool extends RecordPool {
  /** The job waiting on this call, or -1 for a queue delivering a message. */
  parentJob = new Int32Array(0);
  parentGeneration = new Int32Array(0);
  edge = new Int32Array(0);
  attempt = new Int32Array(0);
  /** Serial of the current attempt; events and answers carrying another serial are stale. */
  serial = new Int32Array(0);
  instance = new Int32Array(0);
  fromHost = new Int32Array(0);
  /** When the current attempt was sent, ms. */
  sentAt = new Float64Array(0);
  key = new Int32Array(0);
  depth = new Int32Array(0);
  flags = new Uint8Array(0);
  /** When the call was opened (its first attempt sent), ms. */
  openedAt = new Float64Array(0);

  constructor(capacity = 256) {
    super();
    this.reserve(capacity);
  }

  /**
   * A new call over `edge` from a host, for request `key`: from job `parentJob` (of generation
   * `parentGeneration`), or -1 for a queue delivering a message. No attempt sent yet.
   */
  open(parentJob: number, parentGeneration: number, edge: number, fromHost: number, key: number, depth: number, flags: number): number {
    const call = this.allocate();
    this.parentJob[call] = parentJob;
    this.parentGeneration[call] = parentGeneration;
    this.edge[call] = edge;
    this.attempt[call] = 0;
    this.instance[call] = -1;
    this.fromHost[call] = fromHost;
    this.key[call] = key;
    this.depth[call] = depth;
    this.flags[call] = flags;
    return call;
  }

  release(call: number): void {
    this.serial[call] = 0;
    this.recycle(call);
  }

  protected growColumns(capacity: number): void {
    this.parentJob = grown(this.parentJob, capacity);
    this.parentGeneration = grown(this.parentGeneration, capacity);
    this.edge = grown(this.edge, capacity);
    this.attempt = grown(this.attempt, capacity);
    this.serial = grown(this.serial, capacity);
    this.instance = grown(this.instance, capacity);
    this.fromHost = grown(this.fromHost, capacity);
    this.sentAt = grown(this.sentAt, capacity);
    this.key = grown(this.key, capacity);
    this.depth = grown(this.depth, capacity);
    this.flags = grown(this.flags, capacity);
    this.openedAt = grown(this.openedAt, capacity);
  }
}

/**
 * Where a request's time goes (the latency breakdown): one record per job on the request's
 * critical path so far — the node, its network hop in (with failed attempts and backoffs before
 * the attempt that got through), its wait for a slot and its service — and the records of the
 * calls it waited on, as a first-child / next-sibling tree. A parallel fan-out keeps only the
 * branch that came back last (the slowest); sequential calls keep every one. The tree is folded
 * into per-(client, node) sums when the request succeeds and released otherwise.
 */
export class PathPool extends RecordPool {
  node = new Int32Array(0);
  networkMs = new Float64Array(0);
  queueMs = new Float64Array(0);
  /** While in service: the time service began; afterwards the service time. */
  serviceMs = new Float64Array(0);
  firstChild = new Int32Array(0);
  lastChild = new Int32Array(0);
  nextSibling = new Int32Array(0);
  /** The last child attached as sequential (kept whatever comes after it), or -1. */
  keptChild = new Int32Array(0);
  /** Stack for walking trees without recursion. */
  private stack = new Int32Array(64);

  constructor(capacity = 256) {
    super();
    this.reserve(capacity);
  }

  open(node: number, networkMs: number): number {
    const path = this.allocate();
    this.node[path] = node;
    this.networkMs[path] = networkMs;
    this.queueMs[path] = 0;
    this.serviceMs[path] = 0;
    this.firstChild[path] = -1;
    this.lastChild[path] = -1;
    this.nextSibling[path] = -1;
    this.keptChild[path] = -1;
    return path;
  }

  /**
   * Appends `child` to `parent`'s calls (sequential: kept), or (`only`, a branch of a parallel
   * fan-out) makes it the one branch kept after the sequential calls before it — a session call,
   * say, made before the fan-out stays on the path.
   */
  attach(parent: number, child: number, only: boolean): void {
    if (only) {
      const kept = this.keptChild[parent]!;
      const branch = kept >= 0 ? this.nextSibling[kept]! : this.firstChild[parent]!;
      if (branch >= 0) {
        this.release(branch);
        if (kept >= 0) {
          this.nextSibling[kept] = -1;
          this.lastChild[parent] = kept;
        } else this.firstChild[parent] = -1;
      }
    }
    if (this.firstChild[parent]! < 0) this.firstChild[parent] = child;
    else this.nextSibling[this.lastChild[parent]!] = child;
    this.lastChild[parent] = child;
    if (!only) this.keptChild[parent] = child;
  }

  /** Keeps the branch attached last (a round of parallel calls is over; the next round comes after it). */
  keepLast(parent: number): void {
    this.keptChild[parent] = this.lastChild[parent]!;
  }

  /**
   * Adds every record of the tree under `root` into `sums` at (node × 3 + part) from `offset`
   * (part 0 queue, 1 service, 2 network), if `sums` is given, and releases the tree.
   */
  release(root: number, sums?: Float64Array, offset = 0): void {
    let top = 0;
    this.stack[top++] = root;
    while (top > 0) {
      const path = this.stack[--top]!;
      if (sums) {
        const at = offset + this.node[path]! * 3;
        sums[at]! += this.queueMs[path]!;
        sums[at + 1]! += this.serviceMs[path]!;
        sums[at + 2]! += this.networkMs[path]!;
      }
      for (let child = this.firstChild[path]!; child >= 0; child = this.nextSibling[child]!) {
        if (top === this.stack.length) this.stack = grown(this.stack, top * 2);
        this.stack[top++] = child;
      }
      this.recycle(path);
    }
  }

  protected growColumns(capacity: number): void {
    this.node = grown(this.node, capacity);
    this.networkMs = grown(this.networkMs, capacity);
    this.queueMs = grown(this.queueMs, capacity);
    this.serviceMs = grown(this.serviceMs, capacity);
    this.firstChild = grown(this.firstChild, capacity);
    this.lastChild = grown(this.lastChild, capacity);
    this.nextSibling = grown(this.nextSibling, capacity);
    this.keptChild = grown(this.keptChild, capacity);
  }
}
