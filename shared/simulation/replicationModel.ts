/**
 * The replication part of the model (SPEC §8), compiled once from the document: which databases
 * and caches are replicated, how (leader-follower or quorum), with what lag, election time and
 * partition behaviour, and each edge's share of writes. A design without `replication` compiles to
 * `used: false` and the engine builds no replication part, draws nothing and schedules nothing.
 */
import { REPLICATION_DEFAULTS, resolveReplication, type TopologyDocument } from '../document';

export const REPLICATION_NONE = 0;
export const REPLICATION_LEADER = 1;
export const REPLICATION_QUORUM = 2;

export const SYNC_ASYNC = 0;
export const SYNC_SEMI = 1;
export const SYNC_FULL = 2;

export const READ_LEADER = 0;
export const READ_FOLLOWERS = 1;
export const READ_ANY = 2;

/**
 * Replicas the simulator tracks per replicated node: a write's acknowledgements are a bit set in
 * one 32-bit integer. Replicas past this many serve calls but hold no versions of their own.
 */
export const MAX_TRACKED_REPLICAS = 30;

export interface ReplicationModel {
  readonly used: boolean;
  /** REPLICATION_NONE, _LEADER or _QUORUM per node. */
  readonly nodeMode: Uint8Array;
  readonly nodeSync: Uint8Array;
  readonly nodeReadFrom: Uint8Array;
  /** 1 when `onPartition` is `availability` (both sides accept), 0 for `consistency`. */
  readonly nodeAvailability: Uint8Array;
  readonly nodeLagMs: Float64Array;
  readonly nodeElectionMs: Float64Array;
  /** Replicas tracked (leader-follower: the instances; quorum: n), and a quorum's w and r. */
  readonly nodeReplicas: Int32Array;
  readonly nodeW: Int32Array;
  readonly nodeR: Int32Array;
  /** Share of an edge's calls that are writes (edges into replicated nodes; 0 elsewhere). */
  readonly edgeWriteRatio: Float64Array;
}

export function compileReplication(
  doc: TopologyDocument,
  nodeIndex: ReadonlyMap<string, number>,
  nodeInstanceCount: Int32Array,
  nodeShards: Int32Array,
): ReplicationModel {
  const count = doc.nodes.length;
  const m = {
    nodeMode: new Uint8Array(count),
    nodeSync: new Uint8Array(count),
    nodeReadFrom: new Uint8Array(count),
    nodeAvailability: new Uint8Array(count),
    nodeLagMs: new Float64Array(count),
    nodeElectionMs: new Float64Array(count),
    nodeReplicas: new Int32Array(count),
    nodeW: new Int32Array(count),
    nodeR: new Int32Array(count),
    edgeWriteRatio: new Float64Array(doc.edges.length),
  };
  let used = false;
  doc.nodes.forEach((node, n) => {
    const replication = resolveReplication(node);
    // Sharded stores spread keys over instances instead (shards.ts); one instance has nobody to copy to.
    if (!replication || nodeShards[n]! > 1 || nodeInstanceCount[n]! < 2) return;
    used = true;
    const replicas = Math.min(nodeInstanceCount[n]!, MAX_TRACKED_REPLICAS);
    m.nodeLagMs[n] = replication.lagMs;
    m.nodeAvailability[n] = replication.onPartition === 'availability' ? 1 : 0;
    if (replication.mode === 'leader-follower') {
      m.nodeMode[n] = REPLICATION_LEADER;
      m.nodeSync[n] = replication.sync === 'sync' ? SYNC_FULL : replication.sync === 'semi-sync' ? SYNC_SEMI : SYNC_ASYNC;
      m.nodeReadFrom[n] = replication.readFrom === 'followers' ? READ_FOLLOWERS : replication.readFrom === 'any' ? READ_ANY : READ_LEADER;
      m.nodeElectionMs[n] = replication.electionMs;
      m.nodeReplicas[n] = replicas;
      return;
    }
    m.nodeMode[n] = REPLICATION_QUORUM;
    const tracked = Math.max(1, Math.min(replication.n, replicas));
    m.nodeReplicas[n] = tracked;
    m.nodeW[n] = Math.max(1, Math.min(replication.w, tracked));
    m.nodeR[n] = Math.max(1, Math.min(replication.r, tracked));
  });
  if (used) {
    doc.edges.forEach((edge, e) => {
      const to = nodeIndex.get(edge.to);
      if (to !== undefined && m.nodeMode[to] !== REPLICATION_NONE) m.edgeWriteRatio[e] = edge.writeRatio ?? REPLICATION_DEFAULTS.writeRatio;
    });
  }
  return { used, ...m };
}
