/**
 * The timeouts of attempts in flight, kept off the agenda until they fall due (calls.ts).
 *
 * An edge's timeout is one fixed delay, so its attempts fall due in the order they were sent: a
 * FIFO per edge of (call, serial, due time, sequence), of which only the head has an event on the
 * agenda (EVENT_DEADLINE). Most attempts are answered long before their timeout; their entries
 * are dropped when the head moves past them, and never reach the agenda.
 *
 * The sequence is the one the agenda would have given the timeout's own event when the attempt was
 * sent (reserved then, `Agenda.reserve`), so a timeout that falls due comes in exactly the
 * (time, sequence) place it always had, every other event keeps its sequence, and a run is what it
 * was event for event — minus the stale timeouts, which are no longer processed (nor counted).
 */
import { EVENT_DEADLINE, type ReservingAgenda } from './events';

/** First size of an edge's FIFO (a power of two; it doubles when full). */
const INITIAL_CAPACITY = 64;

/** One edge's FIFO: a ring of parallel typed arrays. */
class DeadlineRing {
  head = 0;
  count = 0;
  mask = INITIAL_CAPACITY - 1;
  calls = new Int32Array(INITIAL_CAPACITY);
  serials = new Int32Array(INITIAL_CAPACITY);
  times = new Float64Array(INITIAL_CAPACITY);
  sequences = new Float64Array(INITIAL_CAPACITY);

  push(call: number, serial: number, time: number, sequence: number): void {
    if (this.count === this.mask + 1) this.grow();
    const at = (this.head + this.count) & this.mask;
    this.calls[at] = call;
    this.serials[at] = serial;
    this.times[at] = time;
    this.sequences[at] = sequence;
    this.count++;
  }

  /** Unrolls the ring into arrays twice the size. */
  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const calls = new Int32Array(capacity);
    const serials = new Int32Array(capacity);
    const times = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    for (let k = 0; k < this.count; k++) {
      const at = (this.head + k) & this.mask;
      calls[k] = this.calls[at]!;
      serials[k] = this.serials[at]!;
      times[k] = this.times[at]!;
      sequences[k] = this.sequences[at]!;
    }
    this.calls = calls;
    this.serials = serials;
    this.times = times;
    this.sequences = sequences;
    this.head = 0;
    this.mask = capacity - 1;
  }
}

export class Deadlines {
  private readonly rings: (DeadlineRing | undefined)[];
  /** The attempt whose timeout `due` found still waiting. */
  dueCall = -1;
  dueSerial = 0;

  constructor(
    edgeCount: number,
    private readonly agenda: ReservingAgenda,
  ) {
    this.rings = new Array<DeadlineRing | undefined>(edgeCount).fill(undefined);
  }

  /** Attempt `serial` of `call`, sent over `edge` now, times out at `time` unless it is over by then. */
  add(edge: number, call: number, serial: number, time: number): void {
    const sequence = this.agenda.reserve();
    let ring = this.rings[edge];
    if (ring === undefined) this.rings[edge] = ring = new DeadlineRing();
    ring.push(call, serial, time, sequence);
    if (ring.count === 1) this.agenda.pushReserved(time, sequence, EVENT_DEADLINE, edge, 0);
  }

  /**
   * The EVENT_DEADLINE of `edge` is due: its head entry leaves, and the next entry still waiting
   * (if any) gets the event. `serial` tells, for each entry, whether its attempt still waits.
   * True when the head's attempt still waited: it has timed out (`dueCall`, `dueSerial`).
   */
  due(edge: number, serial: Int32Array): boolean {
    const ring = this.rings[edge]!;
    const mask = ring.mask;
    const calls = ring.calls;
    const serials = ring.serials;
    let head = ring.head;
    const call = calls[head]!;
    const dueSerial = serials[head]!;
    head = (head + 1) & mask;
    let count = ring.count - 1;
    // Attempts already over (answered, failed, or their call released) never time out.
    while (count > 0 && serial[calls[head]!] !== serials[head]) {
      head = (head + 1) & mask;
      count--;
    }
    ring.head = head;
    ring.count = count;
    if (count > 0) this.agenda.pushReserved(ring.times[head]!, ring.sequences[head]!, EVENT_DEADLINE, edge, 0);
    if (serial[call] !== dueSerial) return false;
    this.dueCall = call;
    this.dueSerial = dueSerial;
    return true;
  }

  /** Forgets every pending timeout (the agenda was cleared: a run stopped by its budget). */
  clear(): void {
    for (const ring of this.rings) {
      if (ring === undefined) continue;
      ring.head = 0;
      ring.count = 0;
    }
  }

  /** Entries held (attempts whose timeout is pending, or over and not yet dropped). */
  get size(): number {
    let size = 0;
    for (const ring of this.rings) if (ring !== undefined) size += ring.count;
    return size;
  }

  /** Entries allocated (for the bounded-memory tests). */
  get capacity(): number {
    let capacity = 0;
    for (const ring of this.rings) if (ring !== undefined) capacity += ring.mask + 1;
    return capacity;
  }
}
