/**
 * Test-only builders for every test that needs a design: one small builder per object, each taking
 * the id and the fields that differ from the defaults, so a test shows only what it is about:
 *
 *   makeDocument({
 *     nodes: [makeClient('users', { rate: 50 }), makeService('orders', { on: ['h1', 'h2'] })],
 *     edges: [makeEdge('users', 'orders')],
 *   })
 *
 * `makeDocument` declares every host that an instance or a host fault names (`server-<id>` unless
 * `hostNames` says otherwise), so messages read like real ones. Also here: a small and a full
 * fixture, and helpers to run raw (possibly broken) JSON through the validator.
 */
import { CURRENT_VERSION, FORMAT_NAME, type Fault, type Host, type Instance, type Scenario, type Settings, type TopologyDocument, type TopologyEdge, type TopologyNode } from '../schema';
import type { NodeKind } from '../kinds';
import { validateDocument, parseDocumentText, type ParseResult } from '../validate';
import type { ValidationError } from '../errors';

/** Anything JSON: tests mutate raw documents freely, wrong types included. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = any;

/** The fields of a node a test sets, plus shorthands for its instances. */
export type NodeFields = Partial<Omit<TopologyNode, 'id' | 'kind'>> & {
  /** One instance per entry, on that host; `null` is an unplaced instance. Ignored when `instances` is given. */
  readonly on?: readonly (string | null)[];
  /** The weight of each instance of `on`, in order. */
  readonly weights?: readonly number[];
};

/** `orders` → `Orders`: the default display name of a node. */
function titleCase(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** A node of any kind, named after its id; without `on` or `instances` it has no instances. */
export function makeNode(kind: NodeKind, id: string, fields: NodeFields = {}): TopologyNode {
  const { on, weights, ...rest } = fields;
  const node: TopologyNode = { id, kind, name: titleCase(id), ...rest };
  if (on && !rest.instances) {
    node.instances = on.map((host, i): Instance => ({ ...(host === null ? {} : { host }), ...(weights ? { weight: weights[i]! } : {}) }));
  }
  return node;
}

/** A client; `rate` is its requests per second. */
export const makeClient = (id: string, fields: NodeFields = {}) => makeNode('client', id, fields);
/** A gateway. */
export const makeGateway = (id: string, fields: NodeFields = {}) => makeNode('gateway', id, fields);
/** A load balancer. */
export const makeLoadBalancer = (id: string, fields: NodeFields = {}) => makeNode('loadBalancer', id, fields);
/** A monolith. */
export const makeMonolith = (id: string, fields: NodeFields = {}) => makeNode('monolith', id, fields);
/** A service. */
export const makeService = (id: string, fields: NodeFields = {}) => makeNode('service', id, fields);
/** A database. */
export const makeDatabase = (id: string, fields: NodeFields = {}) => makeNode('database', id, fields);
/** A cache. */
export const makeCache = (id: string, fields: NodeFields = {}) => makeNode('cache', id, fields);
/** A queue. */
export const makeQueue = (id: string, fields: NodeFields = {}) => makeNode('queue', id, fields);

/** An edge `from → to` with id `from->to`; `fields` sets async, optional, timeouts… */
export function makeEdge(from: string, to: string, fields: Partial<Omit<TopologyEdge, 'id' | 'from' | 'to'>> = {}): TopologyEdge {
  return { id: `${from}->${to}`, from, to, ...fields };
}

/** A chain of calls: `makeChain('a', 'b', 'c')` is a → b → c. */
export function makeChain(...ids: string[]): TopologyEdge[] {
  return ids.slice(1).map((to, i) => makeEdge(ids[i]!, to));
}

/** A scenario named after its id. */
export function makeScenario(id: string, faults: Fault[]): Scenario {
  return { id, name: `Scenario ${id}`, faults };
}

/** The hosts a fault names (they must be declared for the document to be valid). */
function hostsOfFault(fault: Fault): string[] {
  if (fault.type === 'host-down') return [fault.target];
  if (fault.type === 'partition') return fault.groups.flat();
  return [];
}

/** What `makeDocument` builds a design from; only `nodes` is required. */
export interface DocumentParts {
  readonly nodes: readonly TopologyNode[];
  readonly edges?: readonly TopologyEdge[];
  readonly scenarios?: readonly Scenario[];
  readonly settings?: Settings;
  readonly name?: string;
  /** Display names of hosts by id (default `server-<id>`). */
  readonly hostNames?: Readonly<Record<string, string>>;
  /** Hosts to declare although nothing names them. */
  readonly extraHosts?: readonly string[];
}

/** A valid document of copies of the parts, with every host they name declared, in order of first mention. */
export function makeDocument(parts: DocumentParts): TopologyDocument {
  const hostIds = new Set<string>();
  for (const node of parts.nodes) for (const instance of node.instances ?? []) if (instance.host !== undefined) hostIds.add(instance.host);
  for (const scenario of parts.scenarios ?? []) for (const fault of scenario.faults) for (const id of hostsOfFault(fault)) hostIds.add(id);
  for (const id of parts.extraHosts ?? []) hostIds.add(id);
  const hosts: Host[] = [...hostIds].map((id) => ({ id, name: parts.hostNames?.[id] ?? `server-${id}` }));
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name: parts.name ?? 'Test design',
    ...(parts.settings ? { settings: structuredClone(parts.settings) } : {}),
    hosts,
    nodes: parts.nodes.map((node) => structuredClone(node)),
    edges: (parts.edges ?? []).map((edge) => structuredClone(edge)),
    ...(parts.scenarios ? { scenarios: parts.scenarios.map((scenario) => structuredClone(scenario)) } : {}),
  };
}

/** A small valid design: a client, a gateway, a service on two hosts, a database, a queue. */
export function smallDocument(): TopologyDocument {
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name: 'Small shop',
    hosts: [
      { id: 'h1', name: 'server-1' },
      { id: 'h2', name: 'server-2' },
    ],
    nodes: [
      { id: 'users', kind: 'client', name: 'Users', rate: 50 },
      { id: 'gw', kind: 'gateway', name: 'Gateway', instances: [{ host: 'h1' }] },
      { id: 'orders', kind: 'service', name: 'Orders', capabilities: ['orders'], instances: [{ host: 'h1' }, { host: 'h2' }] },
      { id: 'db', kind: 'database', name: 'Orders DB', instances: [{ host: 'h2' }] },
      { id: 'jobs', kind: 'queue', name: 'Jobs', instances: [{ host: 'h2' }] },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'gw' },
      { id: 'e2', from: 'gw', to: 'orders' },
      { id: 'e3', from: 'orders', to: 'db' },
      { id: 'e4', from: 'orders', to: 'jobs' },
    ],
    scenarios: [{ id: 's1', name: 'Lose server-2', faults: [{ type: 'host-down', target: 'h2', at: 5, until: 10 }] }],
    view: { positions: { users: { x: 0, y: 0 }, gw: { x: 200, y: 0 } } },
  };
}

/** A design in which every field of every object of SPEC §2 is set to a valid, non-default value. */
export function fullDocument(): TopologyDocument {
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name: 'Everything',
    settings: { networkMs: 2, connectTimeoutMs: 1500 },
    hosts: [
      { id: 'h1', name: 'server-1', zone: 'rack-a' },
      { id: 'h2', name: 'server-2', zone: 'rack-b' },
      { id: 'h3', name: 'server-3' },
    ],
    nodes: [
      { id: 'users', kind: 'client', name: 'Users', rate: 200, fanout: 'all', calls: 'parallel' },
      {
        id: 'orders',
        kind: 'service',
        name: 'Orders',
        capabilities: ['orders', 'invoices'],
        instances: [{ host: 'h1', weight: 2 }, { host: 'h2', weight: 1 }, {}],
        balancer: 'weighted',
        latencyMs: 25,
        latency: 'lognormal',
        concurrency: 4,
        queueLimit: 0,
        errorRate: 0.01,
        rateLimit: 500,
        fanout: 'one',
        calls: 'sequential',
        healthCheck: { intervalMs: 500, failures: 2 },
      },
      { id: 'web', kind: 'monolith', name: 'Web', layer: 'web', instances: [{ host: 'h3' }], latency: 'constant' },
      { id: 'cache', kind: 'cache', name: 'Cache', hitRate: 0.9, instances: [{ host: 'h1' }] },
      { id: 'db', kind: 'database', name: 'DB', instances: [{ host: 'h3' }], balancer: 'consistent-hash' },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'orders', weight: 3, probability: 0.5 },
      {
        id: 'e2',
        from: 'orders',
        to: 'db',
        timeoutMs: 250,
        retries: 2,
        retryBackoffMs: 50,
        circuitBreaker: { failureRate: 0.5, window: 20, openMs: 5000 },
        optional: true,
        async: false,
      },
      { id: 'e3', from: 'orders', to: 'cache' },
      { id: 'e4', from: 'users', to: 'web' },
    ],
    scenarios: [
      {
        id: 's1',
        name: 'Everything fails',
        faults: [
          { type: 'instance-down', target: 'orders', instance: 2, at: 1, until: 2 },
          { type: 'node-down', target: 'db', at: 3 },
          { type: 'host-down', target: 'h1' },
          { type: 'partition', groups: [['h1', 'h2'], ['h3']], at: 0, until: 60 },
          { type: 'latency', target: 'orders', value: 100 },
          { type: 'error-rate', target: 'db', value: 0.5 },
          { type: 'loss', target: 'cache', value: 1 },
        ],
      },
    ],
    view: { positions: { users: { x: 0, y: 0 }, orders: { x: 280, y: -40.5 }, db: { x: 560, y: 0 } } },
  };
}

/** A deep copy as plain JSON, ready to be broken by a test. */
export function raw(doc: TopologyDocument = smallDocument()): Raw {
  return JSON.parse(JSON.stringify(doc));
}

/** Validates `doc` after `mutate` changed a raw copy of it. */
export function validateMutated(mutate: (doc: Raw) => void, doc: TopologyDocument = smallDocument()): ParseResult {
  const copy = raw(doc);
  mutate(copy);
  return validateDocument(copy);
}

/** The errors of a result that must be invalid (fails loudly when it is valid). */
export function errorsOf(result: ParseResult): ValidationError[] {
  if (result.ok) throw new Error(`expected errors, got a valid document (${result.warnings.length} warnings)`);
  return result.errors;
}

/** `path: message` lines of a result, errors or warnings, for readable assertions. */
export function linesOf(result: ParseResult): string[] {
  const list = result.ok ? result.warnings : result.errors;
  return list.map((e) => `${e.path}: ${e.message}`);
}

/** `nodes[1].instances[0].host` → `['nodes', 1, 'instances', 0, 'host']`. */
export function pathParts(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** Sets the value at `path` in a raw document (creating nothing: the parent must exist). */
export function setAt(doc: Raw, path: string, value: unknown): void {
  const parts = pathParts(path);
  const last = parts.pop()!;
  let target = doc;
  for (const part of parts) target = target[part];
  target[last] = value;
}

/** Deletes the field at `path` in a raw document. */
export function deleteAt(doc: Raw, path: string): void {
  const parts = pathParts(path);
  const last = parts.pop()!;
  let target = doc;
  for (const part of parts) target = target[part];
  delete target[last];
}

export { parseDocumentText };
