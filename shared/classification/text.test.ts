import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kept, listNames, mapped } from './text';

describe('list helpers', () => {
  it('mapped and kept give what map and filter give, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (list) => {
        expect(mapped(list, (x) => x * 2 + 1)).toEqual(list.map((x) => x * 2 + 1));
        expect(kept(list, (x) => x % 3 === 0)).toEqual(list.filter((x) => x % 3 === 0));
      }),
    );
  });

  it('listNames spells out up to its limit, then counts the rest', () => {
    expect(listNames([])).toBe('nothing');
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listNames(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
  });
});
