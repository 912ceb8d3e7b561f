import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, validateDocument, MAX_NESTING } from './validate';
import { serializeDocument } from './format';
import { UNKNOWN_HOST } from './errors';
import { declareMissingHosts, missingHosts } from './hosts';
import { errorsOf, fullDocument, linesOf, raw, smallDocument, validateMutated } from './testing/builders';

const SPEC_EXAMPLE = readFileSync(new URL('../../tests/fixtures/spec-example.topo', import.meta.url), 'utf8');
const UNDECLARED_HOSTS = readFileSync(new URL('../../tests/fixtures/undeclared-hosts.topo', import.meta.url), 'utf8');
const VALID = serializeDocument(smallDocument());

describe('reading text: JSON syntax', () => {
  it.each([
    ['{"format": }', 'line 1, column 12', 'unexpected "}": expected a value'],
    ['{\n  "name": "x",\n}', 'line 3, column 1', 'a property is missing (a comma too many?)'],
    ['[1, 2,]', 'line 1, column 7', 'a value is missing (a comma too many?)'],
    ['{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3', 'expected "," or "}"'],
    ["{'a': 1}", 'line 1, column 2', 'single quote'],
    ['{"a" 1}', 'line 1, column 6', 'expected ":" after the property name'],
    ['{"a": 1', 'line 1, column 8', 'unexpected end of file: expected "," or "}"'],
    ['{"a": "b', 'line 1, column 7', 'unterminated string'],
    ['{"a": "line\nbreak"}', 'line 1, column 12', 'control character inside a string'],
    ['{"a": "\\x"}', 'line 1, column 8', 'invalid escape \\x'],
    ['{"a": "\\\n"}', 'line 1, column 8', 'invalid escape: a backslash before "\\n"'],
    ['{"a": "\\u12"}', 'line 1, column 8', 'invalid \\u escape'],
    ['{"a": 01}', 'line 1, column 7', 'invalid number'],
    ['{"a": -}', 'line 1, column 7', 'invalid number'],
    ['{"a": tru}', 'line 1, column 7', 'expected a value'],
    ['{"a": 1} x', 'line 1, column 10', 'after the end of the document'],
    ['{"a": [1, 2}', 'line 1, column 12', 'expected "," or "]"'],
    ['\r\n{\r\n  "a": ?\r\n}', 'line 3, column 8', 'expected a value'],
  ])('%j → %s: %s', (text, path, message) => {
    const errors = errorsOf(parseDocumentText(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toMatch(/^invalid JSON: /);
    expect(errors[0]!.message).toContain(message);
  });

  it('never quotes the whole file back in the message', () => {
    const text = VALID.replace('"name": "Small shop"', '"name": }');
    const [error] = errorsOf(parseDocumentText(text));
    expect(error!.message).not.toContain('Small shop');
    expect(error!.path).toBe('line 4, column 11');
  });

  it('finds errors deep inside a long, deeply nested file without overflowing', () => {
    const text = '{"a":' + '['.repeat(50_000) + ']'.repeat(49_999) + '}';
    const [error] = errorsOf(parseDocumentText(text));
    expect(error!.message).toContain('expected "," or "]"');
  });

  it.each([[''], ['   \n\t'], ['\uFEFF'], ['\uFEFF  \n']])('an empty file (%j) says so', (text) => {
    expect(errorsOf(parseDocumentText(text))).toEqual([{ path: '(file)', message: 'is empty: expected a JSON document' }]);
  });

  it('accepts a file that starts with a byte-order mark', () => {
    const result = parseDocumentText('\uFEFF' + VALID);
    expect(result.ok && result.document).toEqual(smallDocument());
  });

  it('locates errors after a byte-order mark without counting the mark', () => {
    const [error] = errorsOf(parseDocumentText('\uFEFF{\n"a": 1,\n}'));
    expect(error!.path).toBe('line 3, column 1');
    const [first] = errorsOf(parseDocumentText('\uFEFF{"a": }'));
    expect(first!.path).toBe('line 1, column 7');
  });

  it.each([['null'], ['[]'], ['42'], ['"topology"'], ['true']])('a JSON value that is not an object (%s) is refused', (text) => {
    expect(errorsOf(parseDocumentText(text))).toEqual([
      { path: '(document)', message: 'must be a JSON object: this is not a Topology Designer file' },
    ]);
  });
});

describe('format and version', () => {
  it('a missing format says this is not a Topology Designer file', () => {
    const errors = errorsOf(validateMutated((d) => delete d.format));
    expect(errors).toEqual([{ path: 'format', message: expect.stringMatching(/^is missing: this is not a Topology Designer file/) }]);
  });

  it('a wrong format names the value found', () => {
    const errors = errorsOf(validateMutated((d) => (d.format = 'drawio')));
    expect(errors).toEqual([{ path: 'format', message: 'must be "topology-designer", not "drawio": this is not a Topology Designer file' }]);
  });

  it('some other JSON file gets the format error alone, not a list of everything it lacks', () => {
    expect(linesOf(parseDocumentText('{"name": "my-package", "version": "1.0.0", "nodes": 3}'))).toEqual([
      'format: is missing: this is not a Topology Designer file (expected "format": "topology-designer")',
    ]);
  });

  it('a newer version is refused with a clear "update" message', () => {
    const errors = errorsOf(validateMutated((d) => (d.version = 7)));
    expect(errors).toEqual([
      { path: 'version', message: 'this file is version 7, newer than this app understands (1): update Topology Designer to open it' },
    ]);
  });

  it.each([
    [1.5, 'must be a whole number ≥ 1, not 1.5'],
    ['1', 'must be a whole number ≥ 1, not "1"'],
    [0, 'must be a whole number ≥ 1, not 0'],
    [null, 'must be a whole number ≥ 1, not null'],
    [undefined, 'is required: expected a whole number (1 for files this app writes)'],
  ])('version %j: %s', (version, message) => {
    expect(errorsOf(validateMutated((d) => (d.version = version)))).toEqual([{ path: 'version', message }]);
  });

  it('a version written as 1e400 (Infinity once parsed) is named, not shown as null', () => {
    const [error] = errorsOf(parseDocumentText(VALID.replace('"version": 1', '"version": 1e400')));
    expect(error).toEqual({ path: 'version', message: 'must be a finite number (too large for a number)' });
  });
});

describe('cross-references', () => {
  it.each([
    ['nodes', 'node', (d: ReturnType<typeof raw>) => (d.nodes[3].id = 'gw'), 'nodes[3].id', 'duplicate node id "gw" (also nodes[1])'],
    ['hosts', 'host', (d: ReturnType<typeof raw>) => (d.hosts[1].id = 'h1'), 'hosts[1].id', 'duplicate host id "h1" (also hosts[0])'],
    ['edges', 'edge', (d: ReturnType<typeof raw>) => (d.edges[2].id = 'e1'), 'edges[2].id', 'duplicate edge id "e1" (also edges[0])'],
    [
      'scenarios',
      'scenario',
      (d: ReturnType<typeof raw>) => d.scenarios.push({ id: 's1', name: 'again', faults: [] }),
      'scenarios[1].id',
      'duplicate scenario id "s1" (also scenarios[0])',
    ],
  ])('duplicate %s ids', (_list, _what, mutate, path, message) => {
    expect(errorsOf(validateMutated(mutate))).toContainEqual({ path, message });
  });

  it('dangling edge ends name the missing node', () => {
    const errors = errorsOf(validateMutated((d) => d.edges.push({ id: 'e9', from: 'ghost', to: 'phantom' })));
    expect(errors).toEqual([
      { path: 'edges[4].from', message: 'unknown node "ghost"' },
      { path: 'edges[4].to', message: 'unknown node "phantom"' },
    ]);
  });

  it('an edge from a node to itself is refused', () => {
    expect(linesOf(validateMutated((d) => d.edges.push({ id: 'e9', from: 'orders', to: 'orders' })))).toEqual([
      'edges[4].to: an edge cannot connect a node to itself',
    ]);
  });

  it('an edge into a client is refused', () => {
    expect(linesOf(validateMutated((d) => d.edges.push({ id: 'e9', from: 'gw', to: 'users' })))).toEqual([
      'edges[4].to: "users" is a client: clients send requests and cannot be called',
    ]);
  });

  it('a second edge between the same two nodes, same direction, is refused; the reverse is not', () => {
    expect(linesOf(validateMutated((d) => d.edges.push({ id: 'e9', from: 'gw', to: 'orders' })))).toEqual([
      'edges[4]: duplicates edges[1] (gw → orders)',
    ]);
    expect(validateMutated((d) => d.edges.push({ id: 'e9', from: 'orders', to: 'gw' })).ok).toBe(true);
  });

  it('a client with instances is refused', () => {
    expect(linesOf(validateMutated((d) => (d.nodes[0].instances = [{}])))).toEqual([
      'nodes[0].instances: a client stands outside every host and has no instances',
    ]);
  });

  it('positions of unknown nodes are refused', () => {
    expect(linesOf(validateMutated((d) => (d.view.positions.ghost = { x: 1, y: 2 })))).toEqual(['view.positions.ghost: unknown node "ghost"']);
  });

  it('nesting far deeper than any design needs is refused with its path, before it can overflow a writer', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_NESTING + 5; i += 1) deep = [deep];
    const errors = errorsOf(validateMutated((d) => (d.nodes[2].notes = deep)));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toMatch(/^nodes\[2\]\.notes(\[0\])+$/);
    expect(errors[0]!.message).toBe(`nested more than ${MAX_NESTING} levels deep`);
  });

  it('lists every problem, not only the first', () => {
    const result = validateMutated((d) => {
      d.nodes[1].id = 'users';
      d.edges[2].to = 'nowhere';
      d.scenarios[0].faults[0].target = 'h9';
      d.view.positions.ghost = { x: 0, y: 0 };
    });
    expect(linesOf(result)).toEqual([
      'nodes[1].id: duplicate node id "users" (also nodes[0])',
      'edges[0].to: unknown node "gw"',
      'edges[1].from: unknown node "gw"',
      'edges[2].to: unknown node "nowhere"',
      'scenarios[0].faults[0].target: unknown host "h9"',
      'view.positions.gw: unknown node "gw"',
      'view.positions.ghost: unknown node "ghost"',
    ]);
  });
});

describe('unknown hosts: errors the app can repair', () => {
  it('accepts the file format\'s own example, whose hosts are all declared', () => {
    const result = parseDocumentText(SPEC_EXAMPLE);
    expect(linesOf(result)).toEqual([]);
    expect(result.ok && result.document.hosts.map((h) => h.name)).toEqual(['server-1', 'server-2', 'server-3', 'server-4']);
  });

  it('refuses instances on undeclared hosts, one error per instance, each marked repairable', () => {
    const result = parseDocumentText(UNDECLARED_HOSTS);
    expect(linesOf(result)).toEqual([
      'nodes[2].instances[0].host: unknown host "h2"',
      'nodes[2].instances[1].host: unknown host "h3"',
      'nodes[3].instances[0].host: unknown host "h4"',
      // The scenario's host-down names h2 too: declaring h2 repairs it as well.
      'scenarios[0].faults[0].target: unknown host "h2"',
    ]);
    expect(errorsOf(result).every((e) => e.code === UNKNOWN_HOST)).toBe(true);
    // The app opens the document as written; declaring the hosts makes it valid.
    const repairable = !result.ok ? result.repairable : undefined;
    expect(repairable?.document.hosts.map((h) => h.id)).toEqual(['h1']);
    expect(missingHosts(repairable!.document)).toEqual(['h2', 'h3', 'h4']);
    expect(linesOf(validateDocument(declareMissingHosts(repairable!.document)))).toEqual([]);
  });

  it('a host named by several instances is missing once', () => {
    const result = validateMutated((d) => {
      d.nodes[2].instances = [{ host: 'h7' }];
      d.nodes[3].instances = [{ host: 'h7' }];
    });
    expect(errorsOf(result)).toHaveLength(2);
    expect(!result.ok && missingHosts(result.repairable!.document)).toEqual(['h7']);
  });

  it('a file with other errors besides is not repairable', () => {
    const result = validateMutated((d) => {
      d.nodes[3].instances = [{ host: 'h7' }];
      d.edges[0].to = 'ghost';
    });
    expect(errorsOf(result)).toHaveLength(2);
    expect(!result.ok && result.repairable).toBeUndefined();
  });

  it('a host-down fault on a host that exists nowhere is an error, and not repairable', () => {
    const result = validateMutated((d) => (d.scenarios[0].faults[0].target = 'h9'));
    expect(linesOf(result)).toEqual(['scenarios[0].faults[0].target: unknown host "h9"']);
    expect(errorsOf(result)[0]!.code).toBeUndefined();
    expect(!result.ok && result.repairable).toBeUndefined();
  });

  it('a partition with an unknown host or a host in two groups is an error', () => {
    const result = validateMutated((d) => (d.scenarios[0].faults = [{ type: 'partition', groups: [['h1', 'h9'], ['h2', 'h1']] }]));
    expect(linesOf(result)).toEqual([
      'scenarios[0].faults[0].groups[0][1]: unknown host "h9"',
      'scenarios[0].faults[0].groups[1][1]: host "h1" is in two groups',
    ]);
  });
});

describe('fault targets and timing', () => {
  const withFault = (fault: object) => validateMutated((d) => (d.scenarios[0].faults = [fault]));

  it.each([['node-down'], ['latency'], ['error-rate'], ['loss'], ['instance-down']])('%s on an unknown node', (type) => {
    const fault = { type, target: 'ghost', value: 0.5, instance: 0 };
    expect(linesOf(withFault(fault))).toEqual(['scenarios[0].faults[0].target: unknown node "ghost"']);
  });

  it('a node fault on a client is refused', () => {
    expect(linesOf(withFault({ type: 'node-down', target: 'users' }))).toEqual([
      'scenarios[0].faults[0].target: "users" is a client: faults apply to deployed nodes',
    ]);
  });

  it('an instance index past the last instance is refused, with the valid range', () => {
    expect(linesOf(withFault({ type: 'instance-down', target: 'orders', instance: 2 }))).toEqual([
      'scenarios[0].faults[0].instance: "orders" has 2 instances (0–1)',
    ]);
    expect(withFault({ type: 'instance-down', target: 'orders', instance: 1 }).ok).toBe(true);
  });

  it('a node without instances has its one default instance', () => {
    const result = validateMutated((d) => {
      delete d.nodes[3].instances;
      d.scenarios[0].faults = [{ type: 'instance-down', target: 'db', instance: 1 }];
    });
    expect(linesOf(result)).toEqual(['scenarios[0].faults[0].instance: "db" has 1 instance (0–0)']);
  });

  it.each([
    [{ at: 10, until: 10 }, 'must be after at (10 s)'],
    [{ at: 10, until: 5 }, 'must be after at (10 s)'],
    [{ until: 0 }, 'must be after at (0 s)'],
  ])('until ≤ at is refused (%j)', (timing, message) => {
    expect(linesOf(withFault({ type: 'node-down', target: 'db', ...timing }))).toEqual([`scenarios[0].faults[0].until: ${message}`]);
  });

  it('until after at, or no until at all, is fine', () => {
    expect(withFault({ type: 'node-down', target: 'db', until: 0.5 }).ok).toBe(true);
    expect(withFault({ type: 'node-down', target: 'db', at: 30 }).ok).toBe(true);
  });
});

describe('valid documents', () => {
  it('the full document has no warnings and comes back equal', () => {
    const result = validateDocument(raw(fullDocument()));
    expect(result).toEqual({ ok: true, document: fullDocument(), warnings: [] });
  });

  it('does not change the value it was given', () => {
    const input = raw(smallDocument());
    input.nodes[2].instances = [{ host: 'h8' }];
    const before = JSON.stringify(input);
    validateDocument(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});
