/** Small helpers that turn ids into the plain sentences of findings and evidence. */
import type { Design } from './design';

/** How many names a message spells out before it says "and N more". */
export const MAX_NAMED = 4;

/** "A", "A and B", "A, B and C", "A, B, C, D and 3 more". */
export function listNames(names: readonly string[], limit = MAX_NAMED): string {
  if (names.length === 0) return 'nothing';
  if (names.length === 1) return names[0]!;
  if (names.length > limit) return `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * `listNames` of the nodes at these indices, reading only the names it spells out (a list of 900
 * nodes costs five labels, not 900).
 */
export function listNodeNames(design: Design, indices: readonly number[], limit = MAX_NAMED): string {
  const shown = indices.length > limit ? limit : indices.length;
  const names = new Array<string>(shown);
  for (let i = 0; i < shown; i++) names[i] = design.nodes[indices[i]!]!.label;
  if (indices.length <= limit) return listNames(names, limit);
  return `${names.join(', ')} and ${indices.length - limit} more`;
}

/**
 * `list.map(f)`, filled by index into an array of the list's length: holey, as `idsOf`'s lists, in
 * every tier. (`map` gives a packed array until V8 optimises its caller and a holey one after, so the
 * helpers fed by it — `listNames`, `idsOf` — met a new kind of array halfway through a session and
 * were thrown back to the interpreter.)
 */
export function mapped<T, U>(list: readonly T[], f: (item: T) => U): U[] {
  const out = new Array<U>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = f(list[i]!);
  return out;
}

/**
 * `list.filter(keep)`, pushed into a new array: packed in whichever tier runs it. (An optimised
 * caller's inlined `filter` also handed its consumers a list of another kind, as `map` does.)
 */
export function kept<T>(list: readonly T[], keep: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) if (keep(list[i]!)) out.push(list[i]!);
  return out;
}

/** The names of node indices, in the order given. */
export function nodeNames(design: Design, indices: readonly number[]): string[] {
  return mapped(indices, (i) => design.nodes[i]!.label);
}

/** The display names of host keys, in the order given. */
export function hostNames(design: Design, keys: readonly string[]): string[] {
  return mapped(keys, (key) => design.hostName(key));
}

/** "1 server", "3 servers". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
