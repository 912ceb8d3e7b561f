/**
 * The state part of the model (SPEC §8), compiled once from the document: users per client (each
 * client's users numbered from its base, so one request key names one user of the whole design),
 * data keys and shards of databases and caches, session modes and lock settings of application
 * units, and the purpose edge each of them calls. A design without these fields compiles to
 * `used: false` and the engine skips every state hook.
 */
import { BALANCERS, STATE_DEFAULTS, isApplicationUnit, isDataStore, resolveLock, resolveReplication, resolveSession, type TopologyDocument } from '../document';

export const SESSION_NONE = 0;
export const SESSION_LOCAL = 1;
export const SESSION_STICKY = 2;
export const SESSION_SHARED = 3;

export const LOCK_NONE = 0;
export const LOCK_LOCAL = 1;
export const LOCK_DISTRIBUTED = 2;

const CONSISTENT_HASH = BALANCERS.indexOf('consistent-hash');

export interface StateModel {
  /** True when any node has a session mode, a lock or shards (the engine then builds its tables). */
  readonly used: boolean;
  /** Users of all clients; request keys are 0 … totalUsers − 1. */
  readonly totalUsers: number;
  /** First user of each client (its users are userBase … userBase + users − 1); 0 elsewhere. */
  readonly nodeUserBase: Int32Array;
  readonly nodeUsers: Int32Array;
  /** Data keys of databases and caches (0 elsewhere). */
  readonly nodeKeys: Int32Array;
  /** 1 where a call into the node draws a data key: a data store hashed by key, sharded or replicated. */
  readonly nodeDrawsKey: Uint8Array;
  readonly nodeShards: Int32Array;
  readonly nodeSession: Uint8Array;
  /** The session edge of a `shared` node, else -1. */
  readonly nodeSessionEdge: Int32Array;
  readonly nodeLock: Uint8Array;
  readonly nodeLockKeys: Int32Array;
  readonly nodeLockHoldMs: Float64Array;
  readonly nodeLockLeaseMs: Float64Array;
  /** The lock edge of a `distributed` lock, else -1. */
  readonly nodeLockEdge: Int32Array;
}

export function compileState(doc: TopologyDocument, nodeIndex: ReadonlyMap<string, number>, instanceCount: Int32Array, balancer: Uint8Array): StateModel {
  const count = doc.nodes.length;
  const state = {
    nodeUserBase: new Int32Array(count),
    nodeUsers: new Int32Array(count),
    nodeKeys: new Int32Array(count),
    nodeDrawsKey: new Uint8Array(count),
    nodeShards: new Int32Array(count).fill(1),
    nodeSession: new Uint8Array(count),
    nodeSessionEdge: new Int32Array(count).fill(-1),
    nodeLock: new Uint8Array(count),
    nodeLockKeys: new Int32Array(count),
    nodeLockHoldMs: new Float64Array(count),
    nodeLockLeaseMs: new Float64Array(count),
    nodeLockEdge: new Int32Array(count).fill(-1),
  };
  let totalUsers = 0;
  let used = false;
  doc.nodes.forEach((node, n) => {
    if (node.kind === 'client') {
      state.nodeUserBase[n] = totalUsers;
      state.nodeUsers[n] = node.users ?? STATE_DEFAULTS.users;
      totalUsers += state.nodeUsers[n]!;
    }
    if (isDataStore(node.kind)) {
      state.nodeKeys[n] = node.keys ?? STATE_DEFAULTS.keys;
      // More shards than instances cannot be placed (validation refuses it): clamp for safety.
      state.nodeShards[n] = Math.max(1, Math.min(node.shards ?? 1, instanceCount[n]!));
      state.nodeDrawsKey[n] = state.nodeShards[n]! > 1 || balancer[n] === CONSISTENT_HASH || resolveReplication(node) !== undefined ? 1 : 0;
      if (state.nodeShards[n]! > 1) used = true;
    }
    if (!isApplicationUnit(node.kind)) return;
    const session = resolveSession(node);
    state.nodeSession[n] = session === 'local' ? SESSION_LOCAL : session === 'sticky' ? SESSION_STICKY : session === 'shared' ? SESSION_SHARED : SESSION_NONE;
    const lock = resolveLock(node);
    if (lock) {
      state.nodeLock[n] = lock.scope === 'distributed' ? LOCK_DISTRIBUTED : LOCK_LOCAL;
      state.nodeLockKeys[n] = lock.keys;
      state.nodeLockHoldMs[n] = lock.holdMs;
      state.nodeLockLeaseMs[n] = lock.leaseMs;
    }
    if (state.nodeSession[n] !== SESSION_NONE || state.nodeLock[n] !== LOCK_NONE) used = true;
  });
  doc.edges.forEach((edge, e) => {
    const from = nodeIndex.get(edge.from);
    if (from === undefined || edge.purpose === undefined) return;
    if (edge.purpose === 'session' && state.nodeSession[from] === SESSION_SHARED) state.nodeSessionEdge[from] = e;
    if (edge.purpose === 'lock' && state.nodeLock[from] === LOCK_DISTRIBUTED) state.nodeLockEdge[from] = e;
  });
  return { used, totalUsers: Math.max(1, totalUsers), ...state };
}
