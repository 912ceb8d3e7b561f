import { describe, expect, it } from 'vitest';
import { locateJsonPaths } from './locate';

describe('locateJsonPaths', () => {
  const text = ['{', '  "name": "x",', '  "nodes": [', '    { "id": "a" },', '    {', '      "id": "b",', '      "instances": [ { "host": "h1" } ]', '    }', '  ],', '  "view": { "positions": { "a b": { "x": 1 } } }', '}'].join('\n');

  it('finds objects in arrays, nested fields and quoted keys, by line and column', () => {
    const found = locateJsonPaths(text, new Set(['nodes[0]', 'nodes[1]', 'nodes[1].instances[0].host', 'view.positions["a b"]', 'name', 'nodes[7]']));
    expect(Object.fromEntries(found)).toEqual({
      name: { line: 2, column: 11 },
      'nodes[0]': { line: 4, column: 5 },
      'nodes[1]': { line: 5, column: 5 },
      'nodes[1].instances[0].host': { line: 7, column: 32 },
      'view.positions["a b"]': { line: 10, column: 35 },
    });
  });

  it('is not fooled by brackets, commas and escaped quotes inside strings, and scans deep nesting without recursion', () => {
    const tricky = '{"a": "x,]}\\"[", "b": [1, "[", {"c": true}]}';
    expect(Object.fromEntries(locateJsonPaths(tricky, new Set(['b[2].c', 'b[1]'])))).toEqual({ 'b[1]': { line: 1, column: 27 }, 'b[2].c': { line: 1, column: 38 } });
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(locateJsonPaths(deep, new Set(['[0]'])).get('[0]')).toEqual({ line: 1, column: 2 });
  });
});
