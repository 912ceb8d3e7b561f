/**
 * The engine's agenda, ordered by (time, sequence). The sequence number breaks ties in insertion
 * order, so the same input always processes events in the same order (determinism) whatever the
 * layout inside.
 *
 * Three structures share the agenda; `pop` takes the least (time, sequence) of their fronts, the
 * same total order as one heap, so a run is byte-for-byte what it was with one heap. Which
 * structure holds an event changes only what it costs.
 *
 * - The *calendar* holds the near future, where almost every event goes (service times, network
 *   hops, arrivals): a ring of BUCKETS buckets, each 1/`scale` ms wide, each a list sorted by
 *   (time, sequence). An event is linked into its bucket (it is nearly always the bucket's last,
 *   or its only one), and the earliest is the head of the first non-empty bucket from the cursor
 *   (a bitmap finds it). Both are O(1); a heap's pop walked log₄ n levels of four children. The
 *   width follows the event density (`adapt`), so that most buckets hold one event or none.
 * - Long fixed delays beyond the calendar (an edge's timeout, replication lag) arrive in time
 *   order, as the clock never goes back, so each such delay gets a *lane*: a FIFO on typed arrays.
 * - A 4-ary min-heap of (time, slot) takes the rest: the far future, events with an earlier-taken
 *   sequence (`pushReserved`), and any event the calendar would place badly (a crowded bucket),
 *   so no input can make a push cost more than a few steps and a heap insertion.
 *
 * An event is three numbers: its kind and two integer payloads (a record index and a serial that
 * lets a stale event recognise itself). Nothing is allocated per event: calendar and heap events
 * live in slots (a free list recycles them) whose arrays double when full and never shrink, the
 * calendar's ring and the lanes are of fixed size, so a long run keeps a flat agenda.
 */
import { DOUBLE } from './doubles';

/** Buckets of the calendar's ring (a power of two, a multiple of 32 for the bitmap). */
const BUCKETS = 4096;
const BUCKET_MASK = BUCKETS - 1;
/** Events of a bucket a push steps over before it gives the event to the heap instead. */
const WALK_LIMIT = 8;
/** Pops between two looks at the event density (the calendar's width). */
const ADAPT_EVERY = 4096;
/**
 * Buckets per event falling due (log₂): four, so that most pushes find their bucket empty and
 * read no other event (on the reference run ~5 % less CPU for the whole run than one per bucket).
 */
const SPARSENESS = 2;
/** Bounds of log₂ `scale` (buckets per ms): times up to 1e12 ms times 2¹² stay exact integers. */
const MIN_SCALE_EXP = -20;
const MAX_SCALE_EXP = 12;

/** How many delays get a lane; a delay is given one when it repeats while a lane is free. */
const MAX_LANES = 8;
/** Recent delays without a lane, remembered so the second sighting of one can claim a lane. */
const CANDIDATES = 8;
/** Sightings of a delay (among the recent candidates) that earn it a lane. */
const SIGHTINGS = 3;
/** Delays are keyed to 2⁻²⁰ ms: far coarser than the rounding of `now + d`, far finer than a random draw repeats. */
const DELAY_SCALE = 2 ** 20;

/** Where the earliest event is: a lane's index (≥ 0), or one of these. */
const HEAP = -1;
const DIRTY = -2;
const CALENDAR = -3;

/** End of a bucket's list. */
const NONE = -1;

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
   * The slots: an event of the calendar or the heap. Slot s is (time, sequence) at 2s, 2s + 1 of
   * `stamps`, and (kind, first, second, next event of its bucket) at 4s … 4s + 3 of `fields`: two
   * cache lines an event, not six. A free list (a stack) recycles them, the last freed first.
   */
  private stamps: Float64Array;
  private fields: Int32Array;
  private freeSlots: Int32Array;
  private freeCount: number;

  /**
   * The calendar. Bucket b (absolute: ⌊time × scale⌋) is ring entry b & BUCKET_MASK; every event
   * in it is in buckets cursor … cursor + BUCKETS − 1, so no two buckets share an entry. The
   * cursor is the bucket of the last event popped (never moved back), and `scale` a power of two,
   * so ⌊time × scale⌋ is exact and in time order.
   */
  private scale = DOUBLE;
  private scaleExp = 0;
  private cursor = 0;
  /** Each bucket's first and last slot, at 2b and 2b + 1 (first NONE: empty). */
  private readonly buckets = new Int32Array(2 * BUCKETS).fill(NONE);
  /** One bit per bucket: non-empty. */
  private readonly occupied = new Int32Array(BUCKETS >> 5);
  private calendarCount = 0;
  /** Pops since the density was last looked at, and the time then. */
  private popsSinceAdapt = 0;
  private adaptedAt = DOUBLE;

  /**
   * The heap: a 4-ary min-heap of (time, slot). Only these two move when it is reordered; the
   * event's sequence, kind and payload stay in its slot. Ties in time look the sequence up through
   * the slot.
   */
  private heapTimes: Float64Array;
  private heapSlots: Int32Array;
  /** Events in the heap (the calendar and the lanes count theirs). */
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
  /** Each lane's earliest event (Infinity: the lane is empty or unused), scanned by `findBest`. */
  private readonly headTimes = new Float64Array(MAX_LANES).fill(Infinity);
  private readonly headSequences = new Float64Array(MAX_LANES);

  /**
   * Where the earliest event is (CALENDAR, HEAP, a lane's index, or DIRTY: to be found), its
   * time, and for the calendar its bucket (absolute: the ring entry is bestBucket & BUCKET_MASK).
   */
  private bestSource = DIRTY;
  private bestTime = Infinity;
  private bestBucket = 0;

  /** Payload of the event last returned by `pop()`. */
  kind = 0;
  first = 0;
  second = 0;
  time = DOUBLE;

  constructor(capacity = 1024) {
    // Fractions from the start (doubles.ts): the clock, and the calendar's width once it adapts.
    this.time = 0;
    this.adaptedAt = 0;
    this.scale = 1;
    this.stamps = new Float64Array(2 * capacity);
    this.fields = new Int32Array(4 * capacity);
    this.heapTimes = new Float64Array(capacity);
    this.heapSlots = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  get size(): number {
    return this.total;
  }

  /** Event slots allocated, calendar and heap, and lanes (for the bounded-memory tests). */
  get capacity(): number {
    let slots = this.freeSlots.length;
    for (const lane of this.lanes) slots += lane.times.length;
    return slots;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    if (this.bestSource === DIRTY) this.findBest();
    return this.bestTime;
  }

  /** Finds where the earliest event is (calendar, heap or a lane) and caches it until the next pop. */
  private findBest(): void {
    let source = HEAP;
    let bestTime = Infinity;
    let bestSequence = Infinity;
    if (this.calendarCount > 0) {
      const bucket = this.firstBucket();
      const at = 2 * this.buckets[2 * bucket]!;
      source = CALENDAR;
      bestTime = this.stamps[at]!;
      bestSequence = this.stamps[at + 1]!;
      this.bestBucket = this.cursor + ((bucket - this.cursor) & BUCKET_MASK);
    }
    if (this.count > 0) {
      const time = this.heapTimes[0]!;
      if (time < bestTime || (time === bestTime && this.stamps[2 * this.heapSlots[0]! + 1]! < bestSequence)) {
        source = HEAP;
        bestTime = time;
        bestSequence = this.stamps[2 * this.heapSlots[0]! + 1]!;
      }
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

  /** Ring entry of the first non-empty bucket from the cursor on (the calendar is not empty). */
  private firstBucket(): number {
    const occupied = this.occupied;
    const start = this.cursor & BUCKET_MASK;
    let word = start >> 5;
    // Buckets before the cursor's in its word are a whole ring ahead: looked at last, with the word again.
    let bits = occupied[word]! & (-1 << (start & 31));
    while (bits === 0) {
      word = (word + 1) & ((BUCKETS >> 5) - 1);
      bits = occupied[word]!;
    }
    return (word << 5) | (31 - Math.clz32(bits & -bits));
  }

  /** Forgets every pending event (a run stopped by its budget); the arrays keep their size. */
  clear(): void {
    const capacity = this.freeSlots.length;
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
    this.buckets.fill(NONE);
    this.occupied.fill(0);
    this.calendarCount = 0;
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
    const bucket = Math.floor(time * this.scale);
    const ahead = bucket - this.cursor;
    if (ahead >= 0 && ahead < BUCKETS) {
      const slot = this.takeSlot(time, sequence, kind, first, second);
      if (this.calendarInsert(slot, bucket & BUCKET_MASK)) {
        if (earliest) {
          this.bestSource = CALENDAR;
          this.bestTime = time;
          this.bestBucket = bucket;
        }
        return;
      }
      this.heapInsert(slot);
    } else if (!this.laneInsert(time, sequence, kind, first, second, earliest)) {
      this.heapInsert(this.takeSlot(time, sequence, kind, first, second));
    } else return;
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
    this.heapInsert(this.takeSlot(time, sequence, kind, first, second));
  }

  /** Removes the earliest event into `time`, `kind`, `first`, `second`. Returns false when empty. */
  pop(): boolean {
    if (this.total === 0) return false;
    this.total--;
    if (this.bestSource === DIRTY) this.findBest();
    const source = this.bestSource;
    this.bestSource = DIRTY;
    if (source === CALENDAR) {
      // All pending events are at or after this one: the calendar's window may start at its bucket.
      this.calendarPop(this.bestBucket & BUCKET_MASK);
      this.cursor = this.bestBucket;
    } else {
      if (source === HEAP) this.heapPop();
      else this.lanePop(source);
      const bucket = Math.floor(this.time * this.scale);
      if (bucket > this.cursor) this.cursor = bucket;
    }
    if (++this.popsSinceAdapt === ADAPT_EVERY) this.adapt();
    return true;
  }

  private takeSlot(time: number, sequence: number, kind: number, first: number, second: number): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.stamps[2 * slot] = time;
    this.stamps[2 * slot + 1] = sequence;
    const fields = this.fields;
    fields[4 * slot] = kind;
    fields[4 * slot + 1] = first;
    fields[4 * slot + 2] = second;
    return slot;
  }

  /** Sets the payload fields from a slot that leaves the agenda, and frees it. */
  private release(slot: number): void {
    const fields = this.fields;
    this.time = this.stamps[2 * slot]!;
    this.kind = fields[4 * slot]!;
    this.first = fields[4 * slot + 1]!;
    this.second = fields[4 * slot + 2]!;
    this.freeSlots[this.freeCount++] = slot;
  }

  // ── calendar ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Links a slot into its bucket in (time, sequence) order. A new event is nearly always the
   * bucket's last (its sequence is the newest); false when it would go more than WALK_LIMIT
   * events deep, for the heap to take.
   */
  private calendarInsert(slot: number, bucket: number): boolean {
    const stamps = this.stamps;
    const fields = this.fields;
    const buckets = this.buckets;
    const time = stamps[2 * slot]!;
    const sequence = stamps[2 * slot + 1]!;
    const head = buckets[2 * bucket]!;
    this.calendarCount++;
    if (head === NONE) {
      buckets[2 * bucket] = slot;
      buckets[2 * bucket + 1] = slot;
      fields[4 * slot + 3] = NONE;
      this.occupied[bucket >> 5]! |= 1 << (bucket & 31);
      return true;
    }
    const tail = buckets[2 * bucket + 1]!;
    const tailTime = stamps[2 * tail]!;
    if (tailTime < time || (tailTime === time && stamps[2 * tail + 1]! < sequence)) {
      fields[4 * tail + 3] = slot;
      fields[4 * slot + 3] = NONE;
      buckets[2 * bucket + 1] = slot;
      return true;
    }
    const headTime = stamps[2 * head]!;
    if (time < headTime || (time === headTime && sequence < stamps[2 * head + 1]!)) {
      fields[4 * slot + 3] = head;
      buckets[2 * bucket] = slot;
      return true;
    }
    // Between head and tail: some event after the head comes after it, so the walk ends in the list.
    let previous = head;
    for (let steps = 0; steps < WALK_LIMIT; steps++) {
      const next = fields[4 * previous + 3]!;
      const nextTime = stamps[2 * next]!;
      if (time < nextTime || (time === nextTime && sequence < stamps[2 * next + 1]!)) {
        fields[4 * previous + 3] = slot;
        fields[4 * slot + 3] = next;
        return true;
      }
      previous = next;
    }
    this.calendarCount--;
    return false;
  }

  private calendarPop(bucket: number): void {
    const slot = this.buckets[2 * bucket]!;
    const next = this.fields[4 * slot + 3]!;
    this.buckets[2 * bucket] = next;
    if (next === NONE) this.occupied[bucket >> 5]! &= ~(1 << (bucket & 31));
    this.calendarCount--;
    this.release(slot);
  }

  /**
   * Every ADAPT_EVERY pops: buckets as wide as the time those pops took over 2^SPARSENESS times
   * their number (to a power of two), so that about one event in four buckets falls due — wider,
   * and pushes walk lists; narrower, and the ring covers too little of the future (the heap takes
   * more). A change of less than ×2.8 keeps the width, and a calendar larger than the pops since
   * is not rebuilt, so rebuilding costs O(1) a pop. The width changes where events are kept, never
   * their order.
   */
  private adapt(): void {
    const elapsed = this.time - this.adaptedAt;
    this.adaptedAt = this.time;
    this.popsSinceAdapt = 0;
    // Buckets per ms wanted; all at one time (elapsed 0) is the densest there is.
    const wanted = elapsed > 0 ? Math.log2(ADAPT_EVERY / elapsed) + SPARSENESS : MAX_SCALE_EXP;
    if (Math.abs(wanted - this.scaleExp) <= 1.5 || this.calendarCount > ADAPT_EVERY) return;
    const exp = Math.min(MAX_SCALE_EXP, Math.max(MIN_SCALE_EXP, Math.round(wanted)));
    if (exp !== this.scaleExp) this.rescale(exp);
  }

  /**
   * New bucket width 2^−exp ms: the calendar's events, taken bucket by bucket from the cursor on,
   * are already in (time, sequence) order, so each is re-linked as the last of its new bucket, or
   * goes to the heap when the narrower ring no longer reaches it.
   */
  private rescale(exp: number): void {
    const buckets = this.buckets;
    const fields = this.fields;
    // One chain of every calendar event in order.
    let first = NONE;
    let last = NONE;
    const start = this.cursor & BUCKET_MASK;
    for (let k = 0; k < BUCKETS; k++) {
      const bucket = (start + k) & BUCKET_MASK;
      const head = buckets[2 * bucket]!;
      if (head === NONE) continue;
      if (last === NONE) first = head;
      else fields[4 * last + 3] = head;
      last = buckets[2 * bucket + 1]!;
      buckets[2 * bucket] = NONE;
    }
    if (last !== NONE) fields[4 * last + 3] = NONE;
    this.occupied.fill(0);
    this.calendarCount = 0;
    this.scaleExp = exp;
    this.scale = 2 ** exp;
    this.cursor = Math.floor(this.time * this.scale);
    for (let slot = first; slot !== NONE; ) {
      const next = fields[4 * slot + 3]!;
      const ahead = Math.floor(this.stamps[2 * slot]! * this.scale) - this.cursor;
      if (ahead >= 0 && ahead < BUCKETS) {
        const bucket = (this.cursor + ahead) & BUCKET_MASK;
        fields[4 * slot + 3] = NONE;
        if (buckets[2 * bucket] === NONE) {
          buckets[2 * bucket] = slot;
          this.occupied[bucket >> 5]! |= 1 << (bucket & 31);
        } else fields[4 * buckets[2 * bucket + 1]! + 3] = slot;
        buckets[2 * bucket + 1] = slot;
        this.calendarCount++;
      } else this.heapInsert(slot);
      slot = next;
    }
    this.bestSource = DIRTY;
  }

  // ── lanes ─────────────────────────────────────────────────────────────────────────────────────

  /** Puts an event beyond the calendar on its delay's lane, if it has one that can take it. */
  private laneInsert(time: number, sequence: number, kind: number, first: number, second: number, earliest: boolean): boolean {
    // The delay after the event being processed (`time` of the last pop is the engine's clock),
    // rounded so that `now + d - now` lands on one key for one d whatever the rounding of the sum.
    const delay = Math.round((time - this.time) * DELAY_SCALE) / DELAY_SCALE;
    const delays = this.laneDelays;
    for (let l = 0; l < this.laneCount; l++) {
      if (delays[l] !== delay) continue;
      const lane = this.lanes[l]!;
      if (time < lane.lastTime || lane.count === LANE_CAPACITY) return false; // out of order, or full: the heap takes it
      if (lane.count === 0) {
        this.headTimes[l] = time;
        this.headSequences[l] = sequence;
      }
      lane.push(time, sequence, kind, first, second);
      if (earliest) {
        this.bestSource = l;
        this.bestTime = time;
      }
      return true;
    }
    if (delay > 0) this.considerLane(delay);
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

  private lanePop(source: number): void {
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
  }

  // ── heap ──────────────────────────────────────────────────────────────────────────────────────

  /** True when (time a, sequence of slot a) comes before (time b, slot b). */
  private before(timeA: number, slotA: number, timeB: number, slotB: number): boolean {
    return timeA < timeB || (timeA === timeB && this.stamps[2 * slotA + 1]! < this.stamps[2 * slotB + 1]!);
  }

  private heapInsert(slot: number): void {
    const time = this.stamps[2 * slot]!;
    const sequence = this.stamps[2 * slot + 1]!;
    const stamps = this.stamps;
    const times = this.heapTimes;
    const slots = this.heapSlots;
    let index = this.count++;
    // Sift up with a hole: move parents down until the new event's place is found.
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && stamps[2 * slots[parent]! + 1]! < sequence)) break;
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
    this.release(slots[0]!);
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
        if (t < childTime || (t === childTime && this.before(t, slots[c]!, childTime, slots[child]!))) {
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

  /** Every slot is taken: twice as many, the new ones free (the heap can hold them all). */
  private grow(): void {
    const old = this.freeSlots.length;
    const capacity = old * 2;
    const grow = <T extends Float64Array | Int32Array>(array: T, make: (n: number) => T): T => {
      const next = make(array.length * 2);
      next.set(array);
      return next;
    };
    this.stamps = grow(this.stamps, (n) => new Float64Array(n));
    this.fields = grow(this.fields, (n) => new Int32Array(n));
    this.heapTimes = grow(this.heapTimes, (n) => new Float64Array(n));
    this.heapSlots = grow(this.heapSlots, (n) => new Int32Array(n));
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity - old; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity - old;
  }
}
