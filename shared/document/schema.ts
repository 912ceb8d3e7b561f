/**
 * The v1 `.topo` file format as zod schemas (SPEC §2).
 *
 * Objects are `looseObject`s: fields this version does not know are kept, so a file written by a
 * newer minor tool or edited by hand round-trips without losing anything. Defaults are *not*
 * written into the document: they live in `defaults.ts` and are applied when a value is read, so
 * a saved file holds only what the user chose.
 */
import { z } from 'zod';
import { LIMITS, formatLimit } from './limits';
import {
  BALANCERS,
  CALL_MODES,
  EDGE_PURPOSES,
  FANOUTS,
  FAULT_TYPES,
  LATENCY_DISTRIBUTIONS,
  LOCK_SCOPES,
  NODE_KINDS,
  PARTITION_CHOICES,
  READ_FROMS,
  REPLICATION_MODES,
  REPLICATION_SYNCS,
  SESSION_MODES,
  TRANSACTION_MODES,
} from './kinds';

export const FORMAT_NAME = 'topology-designer';
export const CURRENT_VERSION = 1;

function listOf(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** A finite number with an optional inclusive range and integrality, with messages users read. */
function num(options: { min?: number; max?: number; int?: boolean; positive?: boolean } = {}) {
  let schema = z.number({
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be a number, not ${describe(issue.input)}`,
  });
  schema = schema.refine(Number.isFinite, { error: 'must be a finite number' });
  if (options.int) schema = schema.refine(Number.isInteger, { error: 'must be a whole number' });
  if (options.positive) schema = schema.refine((v) => v > 0, { error: 'must be > 0' });
  if (options.min !== undefined) {
    const min = options.min;
    schema = schema.refine((v) => v >= min, { error: `must be ≥ ${min}` });
  }
  if (options.max !== undefined) {
    const max = options.max;
    schema = schema.refine((v) => v <= max, { error: `must be ≤ ${max}` });
  }
  return schema;
}

function text(options: { nonEmpty?: boolean } = {}) {
  const schema = z.string({
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be a string, not ${describe(issue.input)}`,
  });
  return options.nonEmpty ? schema.min(1, { error: 'must not be empty' }) : schema;
}

/** A name (design, node, host, scenario): past `LIMITS.nameLength` it fits no card and bloats exports. */
function name() {
  return text().max(LIMITS.nameLength, { error: (issue) => `is ${formatLimit((issue.input as string).length)} characters long: at most ${LIMITS.nameLength} are allowed` });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : typeof issue.input === 'string'
          ? `unknown ${what} ${describe(issue.input)} (expected one of ${listOf(values)})`
          : `must be one of ${listOf(values)}, not ${describe(issue.input)}`,
  });
}

function bool() {
  return z.boolean({ error: (issue) => `must be true or false, not ${describe(issue.input)}` });
}

/** A short description of a wrong value for messages: `"abc"`, `an object`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function object<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.looseObject(shape, {
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be an object, not ${describe(issue.input)}`,
  });
}

function list<T extends z.ZodType>(item: T) {
  return z.array(item, {
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be a list, not ${describe(issue.input)}`,
  });
}

export const idSchema = text({ nonEmpty: true });

export const instanceSchema = object({
  host: idSchema.optional(),
  weight: num({ min: 0 }).optional(),
});

/** Fields left out take their defaults (`defaults.ts`), so `{ "intervalMs": 500 }` is enough. */
export const healthCheckSchema = object({
  intervalMs: num({ positive: true }).optional(),
  failures: num({ int: true, min: 1 }).optional(),
});

/** Fields left out take their defaults (`defaults.ts`): `{}` is a breaker with SPEC's settings. */
export const circuitBreakerSchema = object({
  failureRate: num({ min: 0, max: 1 }).optional(),
  window: num({ int: true, min: 1 }).optional(),
  openMs: num({ min: 0 }).optional(),
});

/** A client's service-level objective (SPEC §7); every field is optional. */
export const sloSchema = object({
  availability: num({ min: 0, max: 1 }).optional(),
  latencyMs: num({ positive: true }).optional(),
  percentile: num({ positive: true, max: 100 }).optional(),
});

/** An application unit's lock (SPEC §8); fields left out take their defaults (`defaults.ts`). */
export const lockSchema = object({
  scope: oneOf(LOCK_SCOPES, 'lock scope').optional(),
  keys: num({ int: true, min: 1, max: LIMITS.lockKeys }).optional(),
  holdMs: num({ min: 0 }).optional(),
  leaseMs: num({ positive: true }).optional(),
});

/** Like `object`, but a field of the other replication mode (or a typo) is an error, not kept. */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `${issue.keys.map((k) => JSON.stringify(k)).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} of ${what}`;
      return issue.input === undefined ? 'is required' : `must be an object, not ${describe(issue.input)}`;
    },
  });
}

const replicationTiming = {
  lagMs: num({ min: 0, max: LIMITS.replicationMs }).optional(),
  onPartition: oneOf(PARTITION_CHOICES, 'partition choice').optional(),
};

/**
 * A database's or cache's replication (SPEC §8): its instances are the replicas. Strict: a field of
 * the other mode is an error, not kept. Fields left out take their defaults (`defaults.ts`); w, r ≤ n and n against the instances are checked in `state.ts`.
 */
export const replicationSchema = z.discriminatedUnion(
  'mode',
  [
    strictObject({
      mode: z.literal('leader-follower'),
      sync: oneOf(REPLICATION_SYNCS, 'replication sync').optional(),
      readFrom: oneOf(READ_FROMS, 'readFrom').optional(),
      electionMs: num({ min: 0, max: LIMITS.replicationMs }).optional(),
      ...replicationTiming,
    }, 'leader-follower replication'),
    strictObject({
      mode: z.literal('quorum'),
      n: num({ int: true, min: 1, max: LIMITS.replicas }).optional(),
      w: num({ int: true, min: 1, max: LIMITS.replicas }).optional(),
      r: num({ int: true, min: 1, max: LIMITS.replicas }).optional(),
      ...replicationTiming,
    }, 'quorum replication'),
  ],
  {
    error: (issue) => {
      const input = issue.input as { mode?: unknown } | undefined;
      if (input === undefined) return 'is required';
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return `must be an object, not ${describe(input)}`;
      const allowed = `(expected one of ${listOf(REPLICATION_MODES)})`;
      if (input.mode === undefined) return `is required ${allowed}`;
      return typeof input.mode === 'string' ? `unknown replication mode ${describe(input.mode)} ${allowed}` : `must be one of ${listOf(REPLICATION_MODES)}, not ${describe(input.mode)}`;
    },
  },
);

export const nodeSchema = object({
  id: idSchema,
  kind: oneOf(NODE_KINDS, 'kind'),
  name: name(),
  rate: num({ min: 0, max: LIMITS.ratePerSecond }).optional(),
  instances: list(instanceSchema).min(1, { error: 'must have at least one instance' }).optional(),
  balancer: oneOf(BALANCERS, 'balancer').optional(),
  latencyMs: num({ min: 0 }).optional(),
  latency: oneOf(LATENCY_DISTRIBUTIONS, 'latency distribution').optional(),
  concurrency: num({ int: true, min: 1 }).optional(),
  queueLimit: num({ int: true, min: 0 }).optional(),
  errorRate: num({ min: 0, max: 1 }).optional(),
  rateLimit: num({ positive: true }).optional(),
  fanout: oneOf(FANOUTS, 'fanout').optional(),
  calls: oneOf(CALL_MODES, 'call mode').optional(),
  hitRate: num({ min: 0, max: 1 }).optional(),
  capabilities: list(text({ nonEmpty: true })).optional(),
  layer: text({ nonEmpty: true }).optional(),
  /** Application units built from one codebase run in several roles (web, worker) share this name. */
  codebase: text({ nonEmpty: true }).optional(),
  healthCheck: healthCheckSchema.optional(),
  // Reliability (SPEC §7): a process crash per instance; without mtbfHours processes do not fail on their own.
  mtbfHours: num({ positive: true }).optional(),
  mttrHours: num({ min: 0 }).optional(),
  slo: sloSchema.optional(),
  // State (SPEC §8): users of a client; keys and shards of a data store; sessions and locks of a unit.
  users: num({ int: true, min: 1, max: LIMITS.users }).optional(),
  keys: num({ int: true, min: 1, max: LIMITS.keys }).optional(),
  shards: num({ int: true, min: 1 }).optional(),
  session: oneOf(SESSION_MODES, 'session mode').optional(),
  lock: lockSchema.optional(),
  // Replicated data and transactions (SPEC §8): the findings read them; the simulator runs transactions.
  replication: replicationSchema.optional(),
  transaction: oneOf(TRANSACTION_MODES, 'transaction mode').optional(),
});

export const edgeSchema = object({
  id: idSchema,
  from: idSchema,
  to: idSchema,
  weight: num({ min: 0 }).optional(),
  probability: num({ min: 0, max: 1 }).optional(),
  timeoutMs: num({ positive: true }).optional(),
  retries: num({ int: true, min: 0, max: 10 }).optional(),
  retryBackoffMs: num({ min: 0 }).optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  optional: bool().optional(),
  async: bool().optional(),
  /** A call made for the caller's session store or lock service rather than its own work (SPEC §8). */
  purpose: oneOf(EDGE_PURPOSES, 'edge purpose').optional(),
  /** The share of the calls that are writes, into a replicated database or cache (SPEC §8). */
  writeRatio: num({ min: 0, max: 1 }).optional(),
});

export const hostSchema = object({
  id: idSchema,
  name: name(),
  zone: text().optional(),
  /** The region the host (and its zone) lies in; drawn as a box around its zones and servers. */
  region: text().optional(),
  mtbfHours: num({ positive: true }).optional(),
  mttrHours: num({ min: 0 }).optional(),
});

const faultTiming = {
  at: num({ min: 0 }).optional(),
  until: num({ min: 0 }).optional(),
};

export const faultSchema = z.discriminatedUnion(
  'type',
  [
    object({ type: z.literal('instance-down'), target: idSchema, instance: num({ int: true, min: 0 }), ...faultTiming }),
    object({ type: z.literal('node-down'), target: idSchema, ...faultTiming }),
    object({ type: z.literal('host-down'), target: idSchema, ...faultTiming }),
    object({ type: z.literal('zone-down'), target: text(), ...faultTiming }),
    object({ type: z.literal('region-down'), target: text(), ...faultTiming }),
    object({
      type: z.literal('partition'),
      groups: list(list(idSchema).min(1, { error: 'a group needs at least one host' })).min(2, {
        error: 'a partition needs at least two groups',
      }),
      ...faultTiming,
    }),
    object({ type: z.literal('latency'), target: idSchema, value: num({ min: 0 }), ...faultTiming }),
    object({ type: z.literal('error-rate'), target: idSchema, value: num({ min: 0, max: 1 }), ...faultTiming }),
    object({ type: z.literal('loss'), target: idSchema, value: num({ min: 0, max: 1 }), ...faultTiming }),
  ],
  {
    error: (issue) => {
      const input = issue.input as { type?: unknown } | undefined;
      if (input === undefined) return 'is required';
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return `must be an object, not ${describe(input)}`;
      }
      const allowed = `(expected one of ${listOf(FAULT_TYPES)})`;
      if (input.type === undefined) return `is required ${allowed}`;
      return typeof input.type === 'string' ? `unknown fault type ${describe(input.type)} ${allowed}` : `must be one of ${listOf(FAULT_TYPES)}, not ${describe(input.type)}`;
    },
  },
);

export const scenarioSchema = object({
  id: idSchema,
  name: name(),
  faults: list(faultSchema),
});

/** A saved position: beyond ±`LIMITS.position` px it is a typo or an attack, and exports would explode. */
export const positionSchema = object({
  x: num({ min: -LIMITS.position, max: LIMITS.position }),
  y: num({ min: -LIMITS.position, max: LIMITS.position }),
});

export const settingsSchema = object({
  networkMs: num({ min: 0 }).optional(),
  connectTimeoutMs: num({ positive: true }).optional(),
  crossZoneMs: num({ min: 0 }).optional(),
  crossRegionMs: num({ min: 0 }).optional(),
  zoneMtbfHours: num({ positive: true }).optional(),
  zoneMttrHours: num({ min: 0 }).optional(),
  regionMtbfHours: num({ positive: true }).optional(),
  regionMttrHours: num({ min: 0 }).optional(),
});

function positionRecord() {
  return z.record(z.string(), positionSchema, {
    error: (issue) => `must be an object, not ${describe(issue.input)}`,
  });
}

/**
 * Saved positions of the deployment view: the top-left corner of each server box (by host id) and
 * of each free card (clients, unplaced nodes; by node id). Instance cards inside a server are
 * arranged by the layout, so they have no position of their own.
 */
export const deploymentViewSchema = object({
  servers: positionRecord().optional(),
  cards: positionRecord().optional(),
});

export const viewSchema = object({
  /** Logical view: the top-left corner of each node's card, by node id. */
  positions: positionRecord().optional(),
  deployment: deploymentViewSchema.optional(),
});

export const documentSchema = object({
  format: z.literal(FORMAT_NAME, {
    error: (issue) =>
      issue.input === undefined
        ? `is missing: this is not a Topology Designer file (expected "format": "${FORMAT_NAME}")`
        : `must be "${FORMAT_NAME}", not ${describe(issue.input)}: this is not a Topology Designer file`,
  }),
  version: z.literal(CURRENT_VERSION, { error: () => `must be ${CURRENT_VERSION}` }),
  name: name(),
  settings: settingsSchema.optional(),
  hosts: list(hostSchema).default([]),
  nodes: list(nodeSchema).default([]),
  edges: list(edgeSchema).default([]),
  scenarios: list(scenarioSchema).optional(),
  view: viewSchema.optional(),
});

export type Slo = z.infer<typeof sloSchema>;
export type Instance = z.infer<typeof instanceSchema>;
export type Lock = z.infer<typeof lockSchema>;
export type Replication = z.infer<typeof replicationSchema>;
export type HealthCheck = z.infer<typeof healthCheckSchema>;
export type CircuitBreaker = z.infer<typeof circuitBreakerSchema>;
export type TopologyNode = z.infer<typeof nodeSchema>;
export type TopologyEdge = z.infer<typeof edgeSchema>;
export type Host = z.infer<typeof hostSchema>;
export type Fault = z.infer<typeof faultSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type Position = z.infer<typeof positionSchema>;
export type DeploymentView = z.infer<typeof deploymentViewSchema>;
export type View = z.infer<typeof viewSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type TopologyDocument = z.infer<typeof documentSchema>;
