/** Tables keyed by ids, safe for every id. */

/**
 * A table keyed by ids (positions by node or host id) without a prototype, so that an id such as
 * `__proto__` or `constructor` is an entry like any other: assigning it sets the entry (a plain
 * object would change its prototype instead) and reading a missing one gives undefined.
 */
export function idTable<T>(...sources: (Readonly<Record<string, T>> | undefined)[]): Record<string, T> {
  const table = Object.create(null) as Record<string, T>;
  for (const source of sources) {
    if (!source) continue;
    for (const key of Object.keys(source)) table[key] = Object.getOwnPropertyDescriptor(source, key)!.value as T;
  }
  return table;
}
