/**
 * The engine's agenda: a binary min-heap on parallel typed arrays, ordered by (time, sequence).
 * The sequence number breaks ties in insertion order, so the same input always processes events
 * in the same order (determinism) whatever the heap's internal layout.
 *
 * An event is three numbers: its kind and two integer payloads (a record index and a serial that
 * lets a stale event recognise itself). Nothing is allocated per event; the arrays double when
 * full and never shrink, so a long run keeps a flat heap.
 */
export class EventQueue {
  private times: Float64Array;
  private sequences: Float64Array;
  private kinds: Uint8Array;
  private firsts: Int32Array;
  private seconds: Int32Array;
  private count = 0;
  private nextSequence = 0;

  /** Payload of the event last returned by `pop()`. */
  kind = 0;
  first = 0;
  second = 0;
  time = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.sequences = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Slots allocated (for the bounded-memory tests). */
  get capacity(): number {
    return this.times.length;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[0]!;
  }

  /** Forgets every pending event (a run stopped by its budget); the arrays keep their size. */
  clear(): void {
    this.count = 0;
  }

  push(time: number, kind: number, first: number, second: number): void {
    if (this.count === this.times.length) this.grow();
    const sequence = this.nextSequence++;
    const times = this.times;
    const sequences = this.sequences;
    let index = this.count++;
    // Sift up with a hole: move parents down until the new event's place is found.
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && sequences[parent]! < sequence)) break;
      this.move(parent, index);
      index = parent;
    }
    times[index] = time;
    sequences[index] = sequence;
    this.kinds[index] = kind;
    this.firsts[index] = first;
    this.seconds[index] = second;
  }

  /** Removes the earliest event into `time`, `kind`, `first`, `second`. Returns false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const times = this.times;
    const sequences = this.sequences;
    this.time = times[0]!;
    this.kind = this.kinds[0]!;
    this.first = this.firsts[0]!;
    this.second = this.seconds[0]!;
    const last = --this.count;
    if (last === 0) return true;
    const time = times[last]!;
    const sequence = sequences[last]!;
    const kind = this.kinds[last]!;
    const first = this.firsts[last]!;
    const second = this.seconds[last]!;
    let index = 0;
    const half = last >> 1;
    // Sift down with a hole.
    while (index < half) {
      let child = 2 * index + 1;
      const right = child + 1;
      if (right < last) {
        const rightTime = times[right]!;
        const childTime = times[child]!;
        if (rightTime < childTime || (rightTime === childTime && sequences[right]! < sequences[child]!)) child = right;
      }
      const childTime = times[child]!;
      if (time < childTime || (time === childTime && sequence < sequences[child]!)) break;
      this.move(child, index);
      index = child;
    }
    times[index] = time;
    sequences[index] = sequence;
    this.kinds[index] = kind;
    this.firsts[index] = first;
    this.seconds[index] = second;
    return true;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.sequences[to] = this.sequences[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.firsts[to] = this.firsts[from]!;
    this.seconds[to] = this.seconds[from]!;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.times = grow(this.times, (n) => new Float64Array(n));
    this.sequences = grow(this.sequences, (n) => new Float64Array(n));
    this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
    this.firsts = grow(this.firsts, (n) => new Int32Array(n));
    this.seconds = grow(this.seconds, (n) => new Int32Array(n));
  }
}
