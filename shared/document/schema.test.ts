import { describe, expect, it } from 'vitest';
import { BALANCERS, FAULT_TYPES, LATENCY_DISTRIBUTIONS, NODE_KINDS } from './kinds';
import { documentSchema, describe as describeValue } from './schema';
import { validateDocument } from './validate';
import { deleteAt, errorsOf, fullDocument, linesOf, raw, setAt, smallDocument, validateMutated } from './testing/builders';

describe('document schema: valid values', () => {
  it('accepts a document that sets every field of every object, unchanged', () => {
    const result = validateDocument(raw(fullDocument()));
    expect(linesOf(result)).toEqual([]);
    expect(result.ok && result.document).toEqual(fullDocument());
  });

  it('accepts the smallest document: format, version, name', () => {
    const result = validateDocument({ format: 'topology-designer', version: 1, name: '' });
    expect(result.ok).toBe(true);
    // Missing lists read as empty lists so every consumer can iterate them.
    expect(result.ok && [result.document.hosts, result.document.nodes, result.document.edges]).toEqual([[], [], []]);
  });

  it.each(NODE_KINDS)('accepts node kind %s', (kind) => {
    const node = kind === 'client' ? { id: 'x', kind, name: 'X' } : { id: 'x', kind, name: 'X', instances: [{}] };
    expect(linesOf(validateDocument({ format: 'topology-designer', version: 1, name: 'n', nodes: [node] }))).toEqual([]);
  });

  it.each(BALANCERS)('accepts balancer %s', (balancer) => {
    expect(validateMutated((d) => setAt(d, 'nodes[2].balancer', balancer)).ok).toBe(true);
  });

  it.each(LATENCY_DISTRIBUTIONS)('accepts latency distribution %s', (latency) => {
    expect(validateMutated((d) => setAt(d, 'nodes[2].latency', latency)).ok).toBe(true);
  });

  it.each([
    ['nodes[1].errorRate', 0],
    ['nodes[1].errorRate', 1],
    ['nodes[3].hitRate', 0],
    ['nodes[3].hitRate', 1],
    ['nodes[1].queueLimit', 0],
    ['nodes[1].latencyMs', 0],
    ['nodes[1].instances[0].weight', 0],
    ['edges[0].probability', 0],
    ['edges[0].weight', 0],
    ['edges[1].retries', 10],
    ['edges[1].circuitBreaker.failureRate', 1],
    ['edges[1].circuitBreaker.openMs', 0],
    ['settings.networkMs', 0],
    ['scenarios[0].faults[4].value', 0],
    ['view.positions.users.x', -1e6],
  ])('accepts the boundary %s = %s', (path, value) => {
    const result = validateMutated((d) => setAt(d, path, value), fullDocument());
    expect(linesOf(result)).toEqual([]);
  });
});

/** [path, bad value, expected message substring] — the path is both where the value goes and where the error must point. */
const BAD_VALUES: [string, unknown, string][] = [
  ['name', 5, 'must be a string, not 5'],
  ['settings.networkMs', -1, 'must be ≥ 0'],
  ['settings.connectTimeoutMs', 0, 'must be > 0'],
  ['settings', 'fast', 'must be an object, not "fast"'],
  ['hosts', null, 'must be a list, not null'],
  ['hosts[0].id', '', 'must not be empty'],
  ['hosts[0].id', 7, 'must be a string, not 7'],
  ['hosts[0].name', null, 'must be a string, not null'],
  ['hosts[0].zone', ['a'], 'must be a string, not a list'],
  ['nodes', {}, 'must be a list, not an object'],
  ['nodes[0].kind', 'robot', 'unknown kind "robot"'],
  ['nodes[0].rate', -1, 'must be ≥ 0'],
  ['nodes[0].rate', '5', 'must be a number, not "5"'],
  ['nodes[0].fanout', 'some', 'unknown fanout "some"'],
  ['nodes[0].calls', 'both', 'unknown call mode "both"'],
  ['nodes[1].instances', [], 'must have at least one instance'],
  ['nodes[1].instances', 'h1', 'must be a list, not "h1"'],
  ['nodes[1].instances[0]', 'h1', 'must be an object, not "h1"'],
  ['nodes[1].instances[0].host', '', 'must not be empty'],
  ['nodes[1].instances[0].weight', -2, 'must be ≥ 0'],
  ['nodes[1].balancer', 'fastest', 'unknown balancer "fastest"'],
  ['nodes[1].latencyMs', -5, 'must be ≥ 0'],
  ['nodes[1].latencyMs', true, 'must be a number, not true'],
  ['nodes[1].latency', 'normal', 'unknown latency distribution "normal"'],
  ['nodes[1].concurrency', 0, 'must be ≥ 1'],
  ['nodes[1].concurrency', 1.5, 'must be a whole number'],
  ['nodes[1].queueLimit', -1, 'must be ≥ 0'],
  ['nodes[1].queueLimit', 2.5, 'must be a whole number'],
  ['nodes[1].errorRate', 1.5, 'must be ≤ 1'],
  ['nodes[1].errorRate', -0.1, 'must be ≥ 0'],
  ['nodes[1].rateLimit', 0, 'must be > 0'],
  ['nodes[1].capabilities', 'orders', 'must be a list, not "orders"'],
  ['nodes[1].capabilities[0]', '', 'must not be empty'],
  ['nodes[1].healthCheck', 1000, 'must be an object, not 1000'],
  ['nodes[1].healthCheck.intervalMs', 0, 'must be > 0'],
  ['nodes[1].healthCheck.failures', 0, 'must be ≥ 1'],
  ['nodes[1].healthCheck.failures', 2.5, 'must be a whole number'],
  ['nodes[2].layer', '', 'must not be empty'],
  ['nodes[3].hitRate', 1.01, 'must be ≤ 1'],
  ['edges', 'e1', 'must be a list, not "e1"'],
  ['edges[0].from', 3, 'must be a string, not 3'],
  ['edges[0].weight', -1, 'must be ≥ 0'],
  ['edges[0].probability', 2, 'must be ≤ 1'],
  ['edges[1].timeoutMs', 0, 'must be > 0'],
  ['edges[1].retries', 11, 'must be ≤ 10'],
  ['edges[1].retries', -1, 'must be ≥ 0'],
  ['edges[1].retries', 0.5, 'must be a whole number'],
  ['edges[1].retryBackoffMs', -1, 'must be ≥ 0'],
  ['edges[1].circuitBreaker.failureRate', 1.5, 'must be ≤ 1'],
  ['edges[1].circuitBreaker.window', 0, 'must be ≥ 1'],
  ['edges[1].circuitBreaker.openMs', -1, 'must be ≥ 0'],
  ['edges[1].optional', 'yes', 'must be true or false, not "yes"'],
  ['edges[1].async', 1, 'must be true or false, not 1'],
  ['scenarios', {}, 'must be a list, not an object'],
  ['scenarios[0].name', false, 'must be a string, not false'],
  ['scenarios[0].faults', null, 'must be a list, not null'],
  ['scenarios[0].faults[0]', 'crash', 'must be an object, not "crash"'],
  ['scenarios[0].faults[0].instance', -1, 'must be ≥ 0'],
  ['scenarios[0].faults[0].instance', 0.5, 'must be a whole number'],
  ['scenarios[0].faults[0].at', -1, 'must be ≥ 0'],
  ['scenarios[0].faults[1].until', 'later', 'must be a number, not "later"'],
  ['scenarios[0].faults[3].groups', [['h1']], 'a partition needs at least two groups'],
  ['scenarios[0].faults[3].groups[1]', [], 'a group needs at least one host'],
  ['scenarios[0].faults[4].value', -1, 'must be ≥ 0'],
  ['scenarios[0].faults[5].value', 2, 'must be ≤ 1'],
  ['scenarios[0].faults[6].value', 1.1, 'must be ≤ 1'],
  ['view', [], 'must be an object, not a list'],
  ['view.positions.users', null, 'must be an object, not null'],
  ['view.positions.users.y', 'top', 'must be a number, not "top"'],
  ['view.positions', [], 'must be an object, not a list'],
  ['view.positions', 'here', 'must be an object, not "here"'],
];

describe('document schema: wrong values', () => {
  it.each(BAD_VALUES)('%s = %j is refused at that path', (path, value, message) => {
    const errors = errorsOf(validateMutated((d) => setAt(d, path, value), fullDocument()));
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it.each([
    ['name'],
    ['nodes[1].id'],
    ['nodes[1].kind'],
    ['nodes[1].name'],
    ['edges[0].id'],
    ['edges[0].from'],
    ['edges[0].to'],
    ['hosts[0].id'],
    ['hosts[0].name'],
    ['scenarios[0].id'],
    ['scenarios[0].faults'],
    ['scenarios[0].faults[0].target'],
    ['scenarios[0].faults[0].instance'],
    ['scenarios[0].faults[3].groups'],
    ['scenarios[0].faults[4].value'],
    ['view.positions.users.x'],
  ])('a missing required %s says "is required"', (path) => {
    const errors = errorsOf(validateMutated((d) => deleteAt(d, path), fullDocument()));
    expect(errors).toContainEqual({ path, message: 'is required' });
  });

  it.each([['edges[1].circuitBreaker.window'], ['nodes[1].healthCheck.intervalMs']])('%s may be left out: it takes its default', (path) => {
    const result = validateMutated((d) => deleteAt(d, path), fullDocument());
    expect(result.ok).toBe(true);
  });

  it('lists the allowed values when a kind, balancer or fault type is unknown', () => {
    const kind = errorsOf(validateMutated((d) => setAt(d, 'nodes[0].kind', 'robot')));
    expect(kind[0]!.message).toBe(`unknown kind "robot" (expected one of ${NODE_KINDS.map((k) => `"${k}"`).join(', ')})`);
    const balancer = errorsOf(validateMutated((d) => setAt(d, 'nodes[2].balancer', 'sticky')));
    for (const b of BALANCERS) expect(balancer[0]!.message).toContain(`"${b}"`);
    const fault = errorsOf(validateMutated((d) => setAt(d, 'scenarios[0].faults[0].type', 'meteor')));
    expect(fault[0]!.path).toBe('scenarios[0].faults[0].type');
    expect(fault[0]!.message).toMatch(/^unknown fault type "meteor" \(expected one of/);
    for (const t of FAULT_TYPES) expect(fault[0]!.message).toContain(`"${t}"`);
  });

  it('keeps messages short when the wrong value is huge', () => {
    const huge = { a: 'x'.repeat(500) };
    const lines = linesOf(
      validateMutated((d) => {
        d.nodes[0].kind = huge;
        d.nodes[2].balancer = 'y'.repeat(500);
        d.scenarios[0].faults[0].type = huge;
      }),
    );
    expect(lines).toEqual([
      `nodes[0].kind: must be one of ${NODE_KINDS.map((k) => `"${k}"`).join(', ')}, not an object`,
      `nodes[2].balancer: unknown balancer "${'y'.repeat(40)}…" (expected one of ${BALANCERS.map((k) => `"${k}"`).join(', ')})`,
      `scenarios[0].faults[0].type: must be one of ${FAULT_TYPES.map((k) => `"${k}"`).join(', ')}, not an object`,
    ]);
  });

  it('says a fault type is required (not "unknown type null") when it is missing', () => {
    const errors = errorsOf(validateMutated((d) => deleteAt(d, 'scenarios[0].faults[0].type')));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('scenarios[0].faults[0].type');
    expect(errors[0]!.message).toMatch(/^is required \(expected one of "instance-down"/);
  });

  it('checks each fault type for its own fields', () => {
    const errors = errorsOf(
      validateMutated((d) => {
        d.scenarios[0].faults = [{ type: 'latency', target: 'orders' }, { type: 'instance-down', target: 'orders' }, { type: 'partition' }];
      }),
    );
    expect(errors).toEqual([
      { path: 'scenarios[0].faults[0].value', message: 'is required' },
      { path: 'scenarios[0].faults[1].instance', message: 'is required' },
      { path: 'scenarios[0].faults[2].groups', message: 'is required' },
    ]);
  });

  it('never uses zod\'s own wording in a message', () => {
    for (const [path, value] of BAD_VALUES) {
      for (const error of errorsOf(validateMutated((d) => setAt(d, path, value), fullDocument()))) {
        expect(error.message, `${error.path}`).not.toMatch(/Invalid input|expected record|received/);
      }
    }
  });

  it('reports every wrong field at once, not only the first', () => {
    const errors = errorsOf(
      validateMutated((d) => {
        d.nodes[0].rate = -1;
        d.nodes[2].concurrency = 0;
        d.edges[1].retries = 99;
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['nodes[0].rate', 'nodes[2].concurrency', 'edges[1].retries']);
  });

  it('parses with the raw schema too, keeping unknown fields', () => {
    const parsed = documentSchema.parse({ ...raw(smallDocument()), extra: { a: 1 } });
    expect(parsed).toMatchObject({ extra: { a: 1 } });
  });
});

describe('describe (the wrong value as messages show it)', () => {
  it.each([
    [null, 'null'],
    [[1], 'a list'],
    [{}, 'an object'],
    ['abc', '"abc"'],
    [true, 'true'],
    [3.5, '3.5'],
  ])('%j reads as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('shortens long strings to 40 characters', () => {
    expect(describeValue('x'.repeat(100))).toBe(JSON.stringify('x'.repeat(40) + '…'));
  });
});
