import { describe, expect, it } from 'vitest';
import { serializeDocument, canonicalDocument } from './format';
import { parseDocumentText } from './validate';
import type { TopologyDocument } from './schema';
import { fullDocument, raw, smallDocument } from './testing/builders';

function parse(text: string): TopologyDocument {
  const result = parseDocumentText(text);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.document;
}

/** Every object's keys in reverse order, recursively: the worst input order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

describe('serializeDocument', () => {
  it.each([['small', smallDocument()], ['full', fullDocument()]])('round-trips the %s document: parse(serialize(d)) equals d', (_name, doc) => {
    expect(parse(serializeDocument(doc))).toEqual(doc);
  });

  it('is idempotent: serialize(parse(serialize(d))) is the same text', () => {
    const once = serializeDocument(fullDocument());
    expect(serializeDocument(parse(once))).toBe(once);
  });

  it('writes the same text whatever the key order of the input', () => {
    const shuffled = reversed(raw(fullDocument())) as TopologyDocument;
    expect(Object.keys(shuffled)[0]).toBe('view');
    expect(serializeDocument(shuffled)).toBe(serializeDocument(fullDocument()));
  });

  it('puts known keys in the order of SPEC §2', () => {
    const text = serializeDocument(reversed(raw(fullDocument())) as TopologyDocument);
    const canonical = JSON.parse(text);
    expect(Object.keys(canonical)).toEqual(['format', 'version', 'name', 'settings', 'hosts', 'nodes', 'edges', 'scenarios', 'view']);
    expect(Object.keys(canonical.settings)).toEqual(['networkMs', 'connectTimeoutMs']);
    expect(Object.keys(canonical.hosts[0])).toEqual(['id', 'name', 'zone']);
    expect(Object.keys(canonical.nodes[1])).toEqual([
      'id', 'kind', 'name', 'capabilities', 'instances', 'balancer', 'latencyMs', 'latency', 'concurrency', 'queueLimit',
      'errorRate', 'rateLimit', 'fanout', 'calls', 'healthCheck',
    ]);
    expect(Object.keys(canonical.nodes[1].instances[0])).toEqual(['host', 'weight']);
    expect(Object.keys(canonical.nodes[1].healthCheck)).toEqual(['intervalMs', 'failures']);
    expect(Object.keys(canonical.edges[1])).toEqual([
      'id', 'from', 'to', 'timeoutMs', 'retries', 'retryBackoffMs', 'circuitBreaker', 'optional', 'async',
    ]);
    expect(Object.keys(canonical.edges[1].circuitBreaker)).toEqual(['failureRate', 'window', 'openMs']);
    expect(Object.keys(canonical.scenarios[0])).toEqual(['id', 'name', 'faults']);
    expect(Object.keys(canonical.scenarios[0].faults[0])).toEqual(['type', 'target', 'instance', 'at', 'until']);
    expect(Object.keys(canonical.view.positions.orders)).toEqual(['x', 'y']);
  });

  it('indents with two spaces and ends with exactly one newline', () => {
    const text = serializeDocument(smallDocument());
    expect(text.startsWith('{\n  "format": "topology-designer",\n  "version": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    for (const line of text.split('\n')) expect(line).toMatch(/^( {2})*\S|^$/);
    expect(text).not.toContain('\t');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
  });

  it('writes positions in node order, so moving one node changes one place', () => {
    const doc = smallDocument();
    doc.view = { positions: { jobs: { x: 5, y: 5 }, users: { x: 0, y: 0 }, orders: { x: 1, y: 1 } } };
    expect(Object.keys(JSON.parse(serializeDocument(doc)).view.positions)).toEqual(['users', 'orders', 'jobs']);
  });

  it('writes no undefined fields and no defaults the user did not choose', () => {
    const doc = smallDocument();
    doc.nodes[2] = { ...doc.nodes[2]!, latencyMs: undefined };
    const text = serializeDocument(doc);
    expect(text).not.toContain('latencyMs');
    expect(text).not.toContain('concurrency');
  });
});

describe('unknown fields are kept', () => {
  const EXTRA = { note: 'kept', nested: { b: [1, { z: true, a: null }], a: 'x' } };

  it.each([
    ['the document', (d: ReturnType<typeof raw>) => d],
    ['settings', (d: ReturnType<typeof raw>) => d.settings],
    ['a host', (d: ReturnType<typeof raw>) => d.hosts[0]],
    ['a node', (d: ReturnType<typeof raw>) => d.nodes[1]],
    ['an instance', (d: ReturnType<typeof raw>) => d.nodes[1].instances[0]],
    ['a health check', (d: ReturnType<typeof raw>) => d.nodes[1].healthCheck],
    ['an edge', (d: ReturnType<typeof raw>) => d.edges[1]],
    ['a circuit breaker', (d: ReturnType<typeof raw>) => d.edges[1].circuitBreaker],
    ['a scenario', (d: ReturnType<typeof raw>) => d.scenarios[0]],
    ['a fault', (d: ReturnType<typeof raw>) => d.scenarios[0].faults[3]],
    ['the view', (d: ReturnType<typeof raw>) => d.view],
    ['a position', (d: ReturnType<typeof raw>) => d.view.positions.orders],
  ])('on %s, through parse → serialize → parse', (_where, pick) => {
    const input = raw(fullDocument());
    Object.assign(pick(input), { zExtra: EXTRA, aExtra: 1 });
    const first = serializeDocument(parse(JSON.stringify(input)));
    const again = parse(first);
    expect(pick(again)).toMatchObject({ zExtra: EXTRA, aExtra: 1 });
    expect(serializeDocument(again)).toBe(first);
    // Unknown keys follow the known ones, alphabetically, so they too have one stable place.
    const keys = Object.keys(pick(JSON.parse(first)));
    expect(keys.slice(-2)).toEqual(['aExtra', 'zExtra']);
  });

  it('sorts the keys inside unknown objects so their text is stable too', () => {
    const input = raw(smallDocument());
    input.extra = { z: 1, a: { y: 2, b: 3 } };
    const text = serializeDocument(parse(JSON.stringify(input)));
    expect(text.indexOf('"a": {')).toBeLessThan(text.indexOf('"z": 1'));
    expect(text.indexOf('"b": 3')).toBeLessThan(text.indexOf('"y": 2'));
  });
});

describe('canonicalDocument', () => {
  it('keeps lists in their order (order is meaning: instance indexes, node order)', () => {
    const canonical = canonicalDocument(fullDocument()) as TopologyDocument;
    expect(canonical.nodes.map((n) => n.id)).toEqual(fullDocument().nodes.map((n) => n.id));
    expect(canonical.scenarios![0]!.faults[3]).toEqual({ type: 'partition', groups: [['h1', 'h2'], ['h3']], at: 0, until: 60 });
  });
});
