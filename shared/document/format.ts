/**
 * Stable serialization: fixed key order, 2-space indentation, a newline at the end, so that a
 * `.topo` file diffs well in git. Known keys come first in the order of SPEC §2; fields this
 * version does not know follow in alphabetical order, so they survive a round-trip unchanged.
 */
import type { TopologyDocument } from './schema';

type Order = readonly string[];

const DOCUMENT_KEYS: Order = ['format', 'version', 'name', 'settings', 'hosts', 'nodes', 'edges', 'scenarios', 'view'];
const SETTINGS_KEYS: Order = ['networkMs', 'connectTimeoutMs'];
const HOST_KEYS: Order = ['id', 'name', 'zone', 'region'];
const NODE_KEYS: Order = [
  'id', 'kind', 'name', 'rate', 'capabilities', 'layer', 'instances', 'balancer', 'latencyMs', 'latency',
  'concurrency', 'queueLimit', 'errorRate', 'rateLimit', 'fanout', 'calls', 'hitRate', 'healthCheck',
  'users', 'slo', 'codebase', 'mtbfHours', 'mttrHours', 'keys', 'shards', 'session', 'lock', 'replication', 'transaction',
];
const INSTANCE_KEYS: Order = ['host', 'weight'];
const HEALTH_KEYS: Order = ['intervalMs', 'failures'];
const EDGE_KEYS: Order = [
  'id', 'from', 'to', 'weight', 'probability', 'timeoutMs', 'retries', 'retryBackoffMs', 'circuitBreaker', 'optional', 'async', 'purpose', 'writeRatio',
];
const BREAKER_KEYS: Order = ['failureRate', 'window', 'openMs'];
const SCENARIO_KEYS: Order = ['id', 'name', 'faults'];
const FAULT_KEYS: Order = ['type', 'target', 'instance', 'groups', 'value', 'at', 'until'];
const VIEW_KEYS: Order = ['positions', 'deployment'];
const DEPLOYMENT_KEYS: Order = ['servers', 'cards'];
const POSITION_KEYS: Order = ['x', 'y'];

type Json = unknown;

function ordered(value: Json, order: Order, children: Record<string, (v: Json) => Json> = {}): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const source = value as Record<string, Json>;
  const out: Record<string, Json> = {};
  const known = new Set(order);
  for (const key of order) {
    if (source[key] === undefined) continue;
    const child = children[key];
    out[key] = child ? child(source[key]) : sortDeep(source[key]);
  }
  for (const key of Object.keys(source).filter((k) => !known.has(k)).sort()) {
    if (source[key] !== undefined) out[key] = sortDeep(source[key]);
  }
  return out;
}

/** Unknown objects: keys sorted, recursively, so their text is stable too. */
function sortDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (typeof value !== 'object' || value === null) return value;
  return ordered(value, []);
}

function each(fn: (v: Json) => Json) {
  return (list: Json) => (Array.isArray(list) ? list.map(fn) : list);
}

function positions(doc: TopologyDocument, ids: readonly string[] = doc.nodes.map((n) => n.id)) {
  return (value: Json): Json => {
    if (typeof value !== 'object' || value === null) return value;
    const source = value as Record<string, Json>;
    // Keyed by ids, which may be `__proto__` or `constructor`: own entries only, into a table
    // without a prototype (a plain object would turn `out.__proto__ = …` into its prototype).
    const has = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);
    const out = Object.create(null) as Record<string, Json>;
    // Positions follow node (or host) order, so moving one box changes only its own entry.
    for (const id of ids) {
      if (has(source, id) && source[id] !== undefined) out[id] = ordered(source[id], POSITION_KEYS);
    }
    for (const key of Object.keys(source).sort()) {
      if (!has(out, key)) out[key] = ordered(source[key], POSITION_KEYS);
    }
    return out;
  };
}

/** The canonical object form (key order applied) of a document. */
export function canonicalDocument(doc: TopologyDocument): Json {
  return ordered(doc, DOCUMENT_KEYS, {
    settings: (v) => ordered(v, SETTINGS_KEYS),
    hosts: each((v) => ordered(v, HOST_KEYS)),
    nodes: each((v) =>
      ordered(v, NODE_KEYS, {
        instances: each((i) => ordered(i, INSTANCE_KEYS)),
        healthCheck: (h) => ordered(h, HEALTH_KEYS),
      }),
    ),
    edges: each((v) => ordered(v, EDGE_KEYS, { circuitBreaker: (b) => ordered(b, BREAKER_KEYS) })),
    scenarios: each((v) => ordered(v, SCENARIO_KEYS, { faults: each((f) => ordered(f, FAULT_KEYS)) })),
    view: (v) =>
      ordered(v, VIEW_KEYS, {
        positions: positions(doc),
        deployment: (d) => ordered(d, DEPLOYMENT_KEYS, { servers: positions(doc, doc.hosts.map((h) => h.id)), cards: positions(doc) }),
      }),
  });
}

/** The text of a `.topo` file. */
export function serializeDocument(doc: TopologyDocument): string {
  return JSON.stringify(canonicalDocument(doc), null, 2) + '\n';
}
