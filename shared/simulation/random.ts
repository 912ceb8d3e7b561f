/**
 * A small, fast, seeded pseudo-random generator (sfc32, seeded through splitmix32) and the
 * distributions the engine draws from. Deterministic everywhere: shared/ never calls Math.random.
 */

/** Scrambles a 32-bit integer (splitmix32 finalizer); also a good integer hash. */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Marsaglia and Tsang's ziggurat for the standard exponential ("The Ziggurat Method for Generating
 * Random Variables", J. Stat. Softw. 5(8), 2000): 256 layers of equal area under e^-x. A draw takes
 * one 32-bit integer; its low 8 bits pick the layer and the whole integer scales to a point in it,
 * which lies under the curve 98.9 % of the time; the rest (the wedge at the layer's edge, or the tail
 * past R) are settled exactly, the tail by memorylessness (R + a fresh draw). No logarithm in the
 * common case, which is what the engine draws most (every inter-arrival and most service times).
 */
const ZIGGURAT_R = 7.697117470131487;
const ZIGGURAT_AREA = 3.949659822581572e-3;
/** Integer thresholds (scaled to 2^32) under which a layer's point is inside the curve at once. */
const EXP_K = new Float64Array(256);
/** Width of each layer, per unit of the 32-bit integer. */
const EXP_W = new Float64Array(256);
/** e^-x at each layer's edge. */
const EXP_F = new Float64Array(256);
{
  const m = 4294967296;
  let d = ZIGGURAT_R;
  let t = d;
  const q = ZIGGURAT_AREA / Math.exp(-d);
  EXP_K[0] = (d / q) * m;
  EXP_K[1] = 0;
  EXP_W[0] = q / m;
  EXP_W[255] = d / m;
  EXP_F[0] = 1;
  EXP_F[255] = Math.exp(-d);
  for (let i = 254; i >= 1; i--) {
    d = -Math.log(ZIGGURAT_AREA / d + Math.exp(-d));
    EXP_K[i + 1] = (d / t) * m;
    t = d;
    EXP_F[i] = Math.exp(-d);
    EXP_W[i] = d / m;
  }
}

/** sfc32: 128 bits of state, passes PractRand far beyond what a simulation draws. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Second value of the last Box–Muller pair, or NaN. */
  private spareNormal = Number.NaN;

  constructor(seed: number) {
    const s = Math.floor(seed) | 0;
    this.a = mix32(s);
    this.b = mix32(s ^ 0x68e31da4);
    this.c = mix32(s + 0x1b56c4e9);
    this.d = 1;
    // Warm up so that nearby seeds give unrelated streams.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** An exponential draw with the given mean (inter-arrival times of a Poisson process). */
  exponential(mean: number): number {
    const j = this.nextUint32();
    const layer = j & 255;
    if (j < EXP_K[layer]!) return mean * j * EXP_W[layer]!;
    return mean * this.exponentialEdge(j, layer);
  }

  /** The ziggurat's rare case (about 1.1 % of draws): the wedge beyond a layer's box, or the tail. */
  private exponentialEdge(j: number, layer: number): number {
    for (;;) {
      if (layer === 0) return ZIGGURAT_R - Math.log(1 - this.next());
      const x = j * EXP_W[layer]!;
      if (EXP_F[layer]! + this.next() * (EXP_F[layer - 1]! - EXP_F[layer]!) < Math.exp(-x)) return x;
      j = this.nextUint32();
      layer = j & 255;
      if (j < EXP_K[layer]!) return j * EXP_W[layer]!;
    }
  }

  /** A standard normal draw (Box–Muller, the spare value kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = Number.NaN;
      return spare;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}
