import { describe, expect, it } from 'vitest';
import { parseDocumentText, validateDocument } from './validate';
import { serializeDocument } from './format';
import { LIMITS } from './limits';

const base = (extra: Record<string, unknown> = {}) => ({ format: 'topology-designer', version: 1, name: 'd', nodes: [], edges: [], ...extra });
const node = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'service', name: id, ...extra });
const errorsOf = (raw: unknown) => {
  const result = validateDocument(raw);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('reader limits', () => {
  it('refuses more nodes than the limit in one line, with the count', () => {
    const nodes = Array.from({ length: LIMITS.nodes + 1 }, (_, i) => node(`n${i}`));
    expect(errorsOf(base({ nodes }))).toEqual(['nodes: has 20,001 entries: at most 20,000 are allowed']);
  });
  it('refuses too many instances of one node and in all', () => {
    const instances = Array.from({ length: LIMITS.replicas + 1 }, () => ({}));
    expect(errorsOf(base({ nodes: [node('a', { instances })] }))).toContain('nodes[0].instances: has 10,001 instances: at most 10,000 are allowed');
    const many = Array.from({ length: 11 }, (_, i) => node(`n${i}`, { instances: Array.from({ length: 10_000 }, () => ({})) }));
    expect(errorsOf(base({ nodes: many }))).toEqual(['nodes: have 110,000 instances in all: at most 100,000 are allowed']);
  });
  it('refuses positions beyond ±1e7 with their path', () => {
    for (const x of [1e9, -1e20, 1e308]) {
      expect(errorsOf(base({ nodes: [node('a')], view: { positions: { a: { x, y: 0 } } } }))).toEqual(['view.positions.a.x: must be ≥ -10000000'.replace('≥ -10000000', x > 0 ? '≤ 10000000' : '≥ -10000000')]);
    }
    expect(errorsOf(base({ nodes: [node('a')], view: { positions: { a: { x: 1e7, y: -1e7 } } } }))).toEqual([]);
  });
  it('refuses names past 200 characters and rates past 1e6/s', () => {
    expect(errorsOf(base({ nodes: [node('a', { name: 'x'.repeat(100_000) })] }))).toEqual(['nodes[0].name: is 100,000 characters long: at most 200 are allowed']);
    expect(errorsOf(base({ nodes: [node('a', { kind: 'client', rate: 2e6 })] }))).toEqual(['nodes[0].rate: must be ≤ 1000000']);
  });
  it('refuses a file past 64 Mi characters before parsing it', () => {
    const result = parseDocumentText(' '.repeat(LIMITS.fileCharacters + 1));
    expect(result.ok === false && result.errors[0]!.message).toBe('has 67,108,865 characters: at most 67,108,864 (64 MiB) are allowed');
  });
});

describe('numbers and field names that do not round-trip', () => {
  it('refuses 1e309 anywhere, also in unknown fields, instead of saving it as null', () => {
    const result = parseDocumentText('{"format":"topology-designer","version":1,"name":"d","extra":{"big":[1e309]}}');
    expect(result.ok === false && result.errors).toEqual([{ path: 'extra.big[0]', message: 'must be a finite number (too large for a number)' }]);
  });
  it('checks a position of the id __proto__ and refuses __proto__ as any other field name, with its path', () => {
    expect(errorsOf(JSON.parse('{"format":"topology-designer","version":1,"name":"d","view":{"positions":{"__proto__":{"x":"bad"}}}}'))).toEqual([
      'view.positions.__proto__.x: must be a number from -10000000 to 10000000',
    ]);
    expect(errorsOf(JSON.parse('{"format":"topology-designer","version":1,"name":"d","view":{"deployment":{"cards":{"__proto__":7}}}}'))).toEqual([
      'view.deployment.cards.__proto__: must be an object with x and y',
    ]);
    expect(errorsOf(JSON.parse('{"format":"topology-designer","version":1,"name":"d","nodes":[{"id":"a","kind":"service","name":"a","__proto__":1}]}'))).toEqual([
      'nodes[0].__proto__: "__proto__" is not allowed as a field name or id',
    ]);
    expect(errorsOf(JSON.parse('{"format":"topology-designer","version":1,"name":"d","__proto__":{"a":1}}'))).toEqual(['__proto__: "__proto__" is not allowed as a field name or id']);
  });
  it('keeps ids named like Object.prototype members through a round trip', () => {
    const raw = base({ nodes: [node('constructor'), node('toString')], edges: [{ id: 'e', from: 'constructor', to: 'toString' }], view: { positions: { constructor: { x: 1, y: 2 } } } });
    const result = validateDocument(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const again = parseDocumentText(serializeDocument(result.document));
    expect(again.ok && again.document).toEqual(result.document);
  });
});

describe('ids named __proto__', () => {
  it('accepts a node id "__proto__" (importers take service names as ids); only field names are refused', () => {
    expect(errorsOf(base({ nodes: [node('__proto__')] }))).toEqual([]);
  });
});
