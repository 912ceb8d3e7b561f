/**
 * Test-only fast-check arbitraries for the fuzz tests: valid documents (templates, hand-written
 * fixtures, and designs built through the pure edits) and random mutations of their JSON.
 */
import fc from 'fast-check';
import { NODE_KINDS } from '../kinds';
import { addNode, connect } from '../edit';
import { addHost } from '../hosts';
import { TEMPLATES, emptyDocument } from '../templates';
import type { Fault, TopologyDocument } from '../schema';
import { fullDocument, smallDocument, type Raw } from './builders';

/** A valid design built the way the app builds one: add hosts, add nodes, connect them. */
export const builtDocument: fc.Arbitrary<TopologyDocument> = fc
  .record({
    hostCount: fc.integer({ min: 0, max: 4 }),
    nodes: fc.array(
      fc.record({
        kind: fc.constantFrom(...NODE_KINDS),
        hosts: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
        x: fc.integer({ min: -2000, max: 2000 }),
        y: fc.integer({ min: -2000, max: 2000 }),
      }),
      { maxLength: 8 },
    ),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
    faults: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.integer({ min: 0, max: 30 })), { maxLength: 4 }),
  })
  .map(({ hostCount, nodes, edges, faults }) => {
    let doc = emptyDocument('Generated');
    const hostIds: string[] = [];
    for (let i = 0; i < hostCount; i += 1) {
      const added = addHost(doc);
      doc = added.document;
      hostIds.push(added.id);
    }
    for (const node of nodes) {
      // An index past the last host is an unplaced instance.
      const instances = node.hosts.length > 0 ? node.hosts.map((h) => (h < hostIds.length ? { host: hostIds[h]! } : {})) : undefined;
      doc = addNode(doc, node.kind, { position: { x: node.x, y: node.y }, instances }).document;
    }
    for (const [a, b] of edges) {
      if (doc.nodes.length === 0) break;
      const result = connect(doc, doc.nodes[a % doc.nodes.length]!.id, doc.nodes[b % doc.nodes.length]!.id);
      if (result.ok) doc = result.document;
    }
    const deployed = doc.nodes.filter((n) => n.kind !== 'client');
    const scenarioFaults: Fault[] = [];
    for (const [type, target, at] of faults) {
      if (type === 0 && hostIds.length > 0) scenarioFaults.push({ type: 'host-down', target: hostIds[target % hostIds.length]!, at });
      else if (type === 1 && hostIds.length > 1) scenarioFaults.push({ type: 'partition', groups: [[hostIds[0]!], hostIds.slice(1)], at });
      else if (deployed.length > 0) {
        const node = deployed[target % deployed.length]!;
        if (type === 2) scenarioFaults.push({ type: 'node-down', target: node.id, at, until: at + 5 });
        else if (type === 3) scenarioFaults.push({ type: 'instance-down', target: node.id, instance: target % (node.instances?.length ?? 1) });
        else scenarioFaults.push({ type: 'latency', target: node.id, value: at * 10 });
      }
    }
    if (scenarioFaults.length > 0) doc = { ...doc, scenarios: [{ id: 's1', name: 'Generated faults', faults: scenarioFaults }] };
    return doc;
  });

/** A valid starting point: a template, a fixture, or a built design. */
export const validDocument: fc.Arbitrary<TopologyDocument> = fc.oneof(
  fc.constantFrom(...TEMPLATES.map((t) => t.document), smallDocument(), fullDocument()),
  builtDocument,
);

/** Values that break things: wrong types, NaN-ish strings, huge numbers, ids that exist nowhere. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '', ' ', 'h9', 'ghost', 'users', 'h1', '__proto__', 'constructor', 'toString'),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -0, 0, 0.5, -1, 1, 2, 11, 1e-320),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, [[]], [['h1'], ['h1']]),
);

const FIELDS = [
  'id', 'kind', 'name', 'rate', 'instances', 'balancer', 'latencyMs', 'latency', 'concurrency', 'queueLimit', 'errorRate',
  'rateLimit', 'fanout', 'calls', 'hitRate', 'capabilities', 'layer', 'healthCheck', 'host', 'weight', 'zone', 'from', 'to',
  'probability', 'timeoutMs', 'retries', 'retryBackoffMs', 'circuitBreaker', 'optional', 'async', 'type', 'target',
  'instance', 'groups', 'value', 'at', 'until', 'faults', 'positions', 'x', 'y', 'format', 'version', 'settings', 'hosts',
  'nodes', 'edges', 'scenarios', 'view', 'networkMs', 'connectTimeoutMs', 'junk', '',
] as const;

const PLACES = ['document', 'settings', 'host', 'node', 'instance', 'healthCheck', 'edge', 'breaker', 'scenario', 'fault', 'view', 'positions', 'position'] as const;
type Place = (typeof PLACES)[number];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(list: unknown, index: number): unknown {
  return Array.isArray(list) && list.length > 0 ? list[index % list.length] : undefined;
}

/** The object at a place of a raw document, if earlier mutations left one there. */
function objectAt(doc: Raw, place: Place, index: number): Record<string, unknown> | unknown[] | undefined {
  const node = at(doc.nodes, index) as Raw;
  const edge = at(doc.edges, index) as Raw;
  const scenario = at(doc.scenarios, index) as Raw;
  const found: unknown = {
    document: doc,
    settings: doc.settings,
    host: at(doc.hosts, index),
    node,
    instance: isObject(node) ? at(node.instances, index) : undefined,
    healthCheck: isObject(node) ? node.healthCheck : undefined,
    edge,
    breaker: isObject(edge) ? edge.circuitBreaker : undefined,
    scenario,
    fault: isObject(scenario) ? at(scenario.faults, index) : undefined,
    view: doc.view,
    positions: isObject(doc.view) ? doc.view.positions : undefined,
    position: isObject(doc.view) && isObject(doc.view.positions) ? Object.values(doc.view.positions)[index % 7] : undefined,
  }[place];
  return isObject(found) || Array.isArray(found) ? found : undefined;
}

const LISTS = ['hosts', 'nodes', 'edges', 'scenarios'] as const;

/** One random change to a raw document. Applying it never throws, whatever earlier changes did. */
export type Mutation = (doc: Raw) => void;

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Set a field (known or junk) of some object to a hostile value.
  fc.record({ place: fc.constantFrom(...PLACES), index: fc.nat(), field: fc.constantFrom(...FIELDS), value: hostileValue }).map(
    ({ place, index, field, value }) => (doc: Raw) => {
      const target = objectAt(doc, place, index);
      if (target && !Array.isArray(target)) target[field] = value;
    },
  ),
  // Delete a field, required ones included.
  fc.record({ place: fc.constantFrom(...PLACES), index: fc.nat(), field: fc.constantFrom(...FIELDS) }).map(
    ({ place, index, field }) => (doc: Raw) => {
      const target = objectAt(doc, place, index);
      if (target && !Array.isArray(target)) delete target[field];
    },
  ),
  // Copy one element's id onto another: duplicate ids.
  fc.record({ list: fc.constantFrom(...LISTS), from: fc.nat(), to: fc.nat() }).map(({ list, from, to }) => (doc: Raw) => {
    const a = at(doc[list], from);
    const b = at(doc[list], to);
    if (isObject(a) && isObject(b)) b.id = a.id;
  }),
  // Point a reference at something else: an id of another kind, or nothing at all.
  fc.record({ index: fc.nat(), which: fc.constantFrom('from', 'to', 'host', 'target'), value: fc.constantFrom('ghost', 'h1', 'h9', 'users', 'e1', 's1', 'gateway') }).map(
    ({ index, which, value }) => (doc: Raw) => {
      const place: Place = which === 'host' ? 'instance' : which === 'target' ? 'fault' : 'edge';
      const target = objectAt(doc, place, index);
      if (target && !Array.isArray(target)) target[which] = value;
    },
  ),
  // Replace or append a whole element with a hostile value, or copy an element (same id twice).
  fc.record({ list: fc.constantFrom(...LISTS), index: fc.nat(), value: hostileValue, mode: fc.constantFrom('replace', 'push', 'copy') }).map(
    ({ list, index, value, mode }) => (doc: Raw) => {
      const items = doc[list];
      if (!Array.isArray(items)) return;
      if (mode === 'push') items.push(value);
      else if (mode === 'copy' && items.length > 0) items.push(structuredClone(items[index % items.length]));
      else if (items.length > 0) items[index % items.length] = value;
    },
  ),
);

/** Random damage to a file's text: cut it short, delete a stretch, or insert JSON-ish characters. */
export const textDamage: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((where) => (text: string) => text.slice(0, Math.floor(where * text.length))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 })).map(([where, length]) => (text: string) => {
    const start = Math.floor(where * text.length);
    return text.slice(0, start) + text.slice(start + length);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: fc.constantFrom(...'{}[],:"\\ \n\t0123456789.-+eEtruefalsn\'/\u0001\uFEFF'), minLength: 1, maxLength: 6 })).map(
    ([where, insert]) => (text: string) => {
      const start = Math.floor(where * text.length);
      return text.slice(0, start) + insert + text.slice(start);
    },
  ),
);
