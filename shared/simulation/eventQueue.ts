/**
 * The engine's agenda, ordered by (time, sequence). The sequence number breaks ties in insertion
 * order, so the same input always processes events in the same order (determinism) whatever the
 * layout inside.
 *
 * Two structures share the agenda. Most events come `delay` after the event being processed, and
 * many delays repeat exactly: an edge's timeout, a network hop, a retry backoff. Events of one
 * such delay arrive in time order (the clock never goes back), so each gets a *lane*: a FIFO on
 * typed arrays, O(1) both ways. The rest (random service times, arrivals) go to a 4-ary min-heap
 * of (time, slot) on typed arrays. `pop` takes the least (time, sequence) of the heap's top and the lanes'
 * heads — the same total order as one heap, so a run is byte-for-byte what it was with one heap;
 * the long-lived timeouts (mostly stale when they fall due) no longer deepen every heap operation.
 *
 * An event is three numbers: its kind and two integer payloads (a record index and a serial that
 * lets a stale event recognise itself). Nothing is allocated per event; the heap's arrays double
 * when full and never shrink, the lanes are of fixed size, so a long run keeps a flat agenda.
 */

/** How many delays get a lane; a delay is given one when it repeats while a lane is free. */
const MAX_LANES = 8;
/** Recent delays without a lane, remembered so the second sighting of one can claim a lane. */
const CANDIDATES = 8;
/** Sightings of a delay (among the recent candidates) that earn it a lane. */
const SIGHTINGS = 3;
/** Delays are keyed to 2⁻²⁰ ms: far coarser than the rounding of `now + d`, far finer than a random draw repeats. */
const DELAY_SCALE = 2 ** 20;

const HEAP = -1;
const DIRTY = -2;

/**
 * Events a lane holds (a power of two). A lane never grows: when it is full, the heap takes the
 * event, so the agenda's memory stays what the load needs and a lane costs ~50 kB at most.
 */
const LANE_CAPACITY = 2048;

/** A FIFO of events in (time, sequence) order: a ring of fixed size on parallel typed arrays. */
class Lane {
  head = 0;
  count = 0;
  /** Time of the newest event (a push earlier than it would break the order: it goes to the heap). */
  lastTime = -Infinity;

  readonly times = new Float64Array(LANE_CAPACITY);
  readonly sequences = new Float64Array(LANE_CAPACITY);
  readonly kinds = new Uint8Array(LANE_CAPACITY);
  readonly firsts = new Int32Array(LANE_CAPACITY);
  readonly seconds = new Int32Array(LANE_CAPACITY);

  push(time: number, sequence: number, kind: number, first: number, second: number): void {
    const at = (this.head + this.count) & (LANE_CAPACITY - 1);
    this.times[at] = time;
    this.sequences[at] = sequence;
    this.kinds[at] = kind;
    this.firsts[at] = first;
    this.seconds[at] = second;
    this.count++;
    this.lastTime = time;
  }
}

export class EventQueue {
  /**
   * The heap: a 4-ary min-heap of (time, slot). Only these two move when it is reordered; the
   * event's sequence, kind and payload stay in its slot (a free list recycles slots). Ties in time
   * (rare for random delays) look the sequence up through the slot.
   */
  private heapTimes: Float64Array;
  private heapSlots: Int32Array;
  private sequences: Float64Array;
  private kinds: Uint8Array;
  private firsts: Int32Array;
  private seconds: Int32Array;
  /** Free slots, a stack. */
  private freeSlots: Int32Array;
  private freeCount: number;
  /** Events in the heap (the lanes count theirs). */
  private count = 0;
  private total = 0;
  private nextSequence = 0;
  /** The lanes and the delay each serves (NaN: free); lanes in use are 0 … laneCount − 1. */
  private readonly lanes: Lane[] = [];
  private laneCount = 0;
  private readonly laneDelays = new Float64Array(MAX_LANES).fill(NaN);
  private readonly candidates = new Float64Array(CANDIDATES).fill(NaN);
  private readonly sightings = new Uint8Array(CANDIDATES);
  private nextCandidate = 0;
  /** Where the earliest event is (HEAP, a lane's index, or DIRTY: to be found) and its time. */
  private bestSource = DIRTY;
  private bestTime = Infinity;
  /** Each lane's earliest event (Infinity: the lane is empty or unused), scanned by `findBest`. */
  private readonly headTimes = new Float64Array(MAX_LANES).fill(Infinity);
  private readonly headSequences = new Float64Array(MAX_LANES);

  /** Payload of the event last returned by `pop()`. */
  kind = 0;
  first = 0;
  second = 0;
  time = 0;

  constructor(capacity = 1024) {
    this.heapTimes = new Float64Array(capacity);
    this.heapSlots = new Int32Array(capacity);
    this.sequences = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  get size(): number {
    return this.total;
  }

  /** Slots allocated, heap and lanes (for the bounded-memory tests). */
  get capacity(): number {
    let slots = this.heapTimes.length;
    for (const lane of this.lanes) slots += lane.times.length;
    return slots;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    if (this.bestSource === DIRTY) this.findBest();
    return this.bestTime;
  }

  /** Finds where the earliest event is (the heap or a lane) and caches it until the next pop. */
  private findBest(): void {
    let source = HEAP;
    let bestTime = Infinity;
    let bestSequence = Infinity;
    if (this.count > 0) {
      bestTime = this.heapTimes[0]!;
      bestSequence = this.sequences[this.heapSlots[0]!]!;
    }
    const headTimes = this.headTimes;
    const headSequences = this.headSequences;
    for (let l = 0; l < this.laneCount; l++) {
      const time = headTimes[l]!;
      if (time < bestTime || (time === bestTime && headSequences[l]! < bestSequence)) {
        source = l;
        bestTime = time;
        bestSequence = headSequences[l]!;
      }
    }
    this.bestSource = source;
    this.bestTime = bestTime;
  }

  /** Forgets every pending event (a run stopped by its budget); the arrays keep their size. */
  clear(): void {
    const capacity = this.heapTimes.length;
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
    this.count = 0;
    this.total = 0;
    this.bestSource = DIRTY;
    for (const lane of this.lanes) {
      lane.count = 0;
      lane.head = 0;
      lane.lastTime = -Infinity;
    }
    this.headTimes.fill(Infinity);
  }

  push(time: number, kind: number, first: number, second: number): void {
    const sequence = this.nextSequence++;
    this.total++;
    // A later sequence never wins a tie: the new event is the earliest only if strictly earlier.
    const earliest = this.bestSource !== DIRTY && time < this.bestTime;
    // The delay after the event being processed (`time` of the last pop is the engine's clock),
    // rounded so that `now + d - now` lands on one key for one d whatever the rounding of the sum.
    const delay = Math.round((time - this.time) * DELAY_SCALE) / DELAY_SCALE;
    const delays = this.laneDelays;
    for (let l = 0; l < this.laneCount; l++) {
      if (delays[l] !== delay) continue;
      const lane = this.lanes[l]!;
      if (time < lane.lastTime || lane.count === LANE_CAPACITY) break; // out of order, or full: the heap takes it
      if (lane.count === 0) {
        this.headTimes[l] = time;
        this.headSequences[l] = sequence;
      }
      lane.push(time, sequence, kind, first, second);
      if (earliest) {
        this.bestSource = l;
        this.bestTime = time;
      }
      return;
    }
    if (delay > 0 && !this.hasLane(delay)) this.considerLane(delay);
    this.heapPush(time, sequence, kind, first, second);
    if (earliest) {
      this.bestSource = HEAP;
      this.bestTime = time;
    }
  }

  /** The sequence the next event would get, taken now for an event pushed later (`pushReserved`). */
  reserve(): number {
    return this.nextSequence++;
  }

  /**
   * An event with a sequence taken earlier by `reserve` (so it may be older than events pushed
   * since): into the heap, where the order is by (time, sequence) whatever the push order.
   */
  pushReserved(time: number, sequence: number, kind: number, first: number, second: number): void {
    this.total++;
    // It may tie the earliest event in time with an older sequence: look again at the next pop.
    if (this.bestSource !== DIRTY && time <= this.bestTime) this.bestSource = DIRTY;
    this.heapPush(time, sequence, kind, first, second);
  }

  private hasLane(delay: number): boolean {
    for (let l = 0; l < this.laneCount; l++) if (this.laneDelays[l] === delay) return true;
    return false;
  }

  /**
   * A delay without a lane: on its third sighting among the recent ones it gets a free lane (an
   * empty one is free). Random delays (service times) almost never repeat at this resolution.
   */
  private considerLane(delay: number): void {
    const candidates = this.candidates;
    for (let c = 0; c < CANDIDATES; c++) {
      if (candidates[c] !== delay) continue;
      if (++this.sightings[c]! < SIGHTINGS) return;
      candidates[c] = NaN;
      for (let l = 0; l < MAX_LANES; l++) {
        if (l === this.lanes.length) {
          this.lanes.push(new Lane());
          this.laneCount = this.lanes.length;
        }
        const lane = this.lanes[l]!;
        if (Number.isNaN(this.laneDelays[l]) || lane.count === 0) {
          this.laneDelays[l] = delay;
          lane.lastTime = -Infinity;
          return;
        }
      }
      return;
    }
    candidates[this.nextCandidate] = delay;
    this.sightings[this.nextCandidate] = 1;
    this.nextCandidate = (this.nextCandidate + 1) % CANDIDATES;
  }

  /** Removes the earliest event into `time`, `kind`, `first`, `second`. Returns false when empty. */
  pop(): boolean {
    if (this.total === 0) return false;
    this.total--;
    if (this.bestSource === DIRTY) this.findBest();
    const source = this.bestSource;
    this.bestSource = DIRTY;
    if (source === HEAP) {
      this.heapPop();
      return true;
    }
    const lane = this.lanes[source]!;
    const head = lane.head;
    this.time = lane.times[head]!;
    this.kind = lane.kinds[head]!;
    this.first = lane.firsts[head]!;
    this.second = lane.seconds[head]!;
    const next = (head + 1) & (LANE_CAPACITY - 1);
    lane.head = next;
    if (--lane.count === 0) this.headTimes[source] = Infinity;
    else {
      this.headTimes[source] = lane.times[next]!;
      this.headSequences[source] = lane.sequences[next]!;
    }
    return true;
  }

  /** True when (time a, sequence of slot a) comes before (time b, slot b). */
  private before(timeA: number, slotA: number, timeB: number, slotB: number): boolean {
    return timeA < timeB || (timeA === timeB && this.sequences[slotA]! < this.sequences[slotB]!);
  }

  private heapPush(time: number, sequence: number, kind: number, first: number, second: number): void {
    if (this.count === this.heapTimes.length) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.sequences[slot] = sequence;
    this.kinds[slot] = kind;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    const times = this.heapTimes;
    const slots = this.heapSlots;
    let index = this.count++;
    // Sift up with a hole: move parents down until the new event's place is found.
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && this.sequences[slots[parent]!]! < sequence)) break;
      times[index] = parentTime;
      slots[index] = slots[parent]!;
      index = parent;
    }
    times[index] = time;
    slots[index] = slot;
  }

  private heapPop(): void {
    const times = this.heapTimes;
    const slots = this.heapSlots;
    const top = slots[0]!;
    this.time = times[0]!;
    this.kind = this.kinds[top]!;
    this.first = this.firsts[top]!;
    this.second = this.seconds[top]!;
    this.freeSlots[this.freeCount++] = top;
    const last = --this.count;
    if (last === 0) return;
    const time = times[last]!;
    const slot = slots[last]!;
    let index = 0;
    // Sift down with a hole, among up to four children.
    for (;;) {
      const firstChild = 4 * index + 1;
      if (firstChild >= last) break;
      let child = firstChild;
      let childTime = times[child]!;
      const end = firstChild + 4 < last ? firstChild + 4 : last;
      for (let c = firstChild + 1; c < end; c++) {
        const t = times[c]!;
        if (t < childTime || (t === childTime && this.sequences[slots[c]!]! < this.sequences[slots[child]!]!)) {
          child = c;
          childTime = t;
        }
      }
      if (this.before(time, slot, childTime, slots[child]!)) break;
      times[index] = childTime;
      slots[index] = slots[child]!;
      index = child;
    }
    times[index] = time;
    slots[index] = slot;
  }

  private grow(): void {
    const old = this.heapTimes.length;
    const capacity = old * 2;
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.heapTimes = grow(this.heapTimes, (n) => new Float64Array(n));
    this.heapSlots = grow(this.heapSlots, (n) => new Int32Array(n));
    this.sequences = grow(this.sequences, (n) => new Float64Array(n));
    this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
    this.firsts = grow(this.firsts, (n) => new Int32Array(n));
    this.seconds = grow(this.seconds, (n) => new Int32Array(n));
    // The heap is full, so every old slot is taken: the new ones are free.
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity - old; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity - old;
  }
}
