/**
 * Many growable FIFOs of integers, one per index (an instance's waiting jobs, a consumer edge's
 * messages), each a ring buffer that doubles when full up to its own bound. Nothing is allocated
 * per push; a queue that never gets a buffer (bound 0) costs nothing.
 */
export class RingBuffers {
  private readonly buffers: (Int32Array | undefined)[];
  private readonly head: Int32Array;
  /** Values waiting, per index. */
  readonly length: Int32Array;

  /**
   * @param count number of FIFOs
   * @param initialCapacity first buffer size of FIFO `i` (0: the FIFO is never used)
   * @param maxCapacity the size a FIFO's buffer may grow to (its callers bound its length)
   */
  constructor(
    count: number,
    initialCapacity: (index: number) => number,
    private readonly maxCapacity: number,
  ) {
    this.buffers = Array.from({ length: count }, (_, i) => {
      const capacity = initialCapacity(i);
      return capacity > 0 ? new Int32Array(capacity) : undefined;
    });
    this.head = new Int32Array(count);
    this.length = new Int32Array(count);
  }

  push(index: number, value: number): void {
    let buffer = this.buffers[index]!;
    const length = this.length[index]!;
    if (length === buffer.length) {
      // Unroll the ring into a buffer twice the size.
      const bigger = new Int32Array(Math.max(length + 1, Math.min(this.maxCapacity, buffer.length * 2)));
      const head = this.head[index]!;
      for (let k = 0; k < length; k++) bigger[k] = buffer[(head + k) % buffer.length]!;
      this.buffers[index] = buffer = bigger;
      this.head[index] = 0;
    }
    buffer[(this.head[index]! + length) % buffer.length] = value;
    this.length[index] = length + 1;
  }

  /** Removes and returns the oldest value of FIFO `index` (which must not be empty). */
  shift(index: number): number {
    const buffer = this.buffers[index]!;
    const head = this.head[index]!;
    this.head[index] = (head + 1) % buffer.length;
    this.length[index]!--;
    return buffer[head]!;
  }
}
