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

/** The names of node indices, in the order given. */
export function nodeNames(design: Design, indices: readonly number[]): string[] {
  return indices.map((i) => design.nodes[i]!.label);
}

/** The display names of host keys, in the order given. */
export function hostNames(design: Design, keys: readonly string[]): string[] {
  return keys.map((key) => design.hostName(key));
}

/** "1 server", "3 servers". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
