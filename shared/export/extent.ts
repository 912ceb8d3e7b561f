/**
 * Smallest and largest of a list without spreading it into `Math.min(...)`: a spread passes every
 * value as an argument, which overflows the stack past about 100,000 values.
 */

/** The smallest of `values`, or `empty` for none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let least = Infinity;
  let any = false;
  for (const value of values) {
    any = true;
    if (value < least) least = value;
  }
  return any ? least : empty;
}

/** The largest of `values`, or `empty` for none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let most = -Infinity;
  let any = false;
  for (const value of values) {
    any = true;
    if (value > most) most = value;
  }
  return any ? most : empty;
}
