/**
 * What a replicated node and a transaction coordinator show on the canvas, from the document when
 * nothing runs and from the live snapshot while a run is live: each instance's role ("L" for the
 * leader, "F" for a follower, a quorum's n/w/r), a follower's lag against the node's configured
 * lag, an election in progress, 2PC participants in doubt and open saga windows.
 */
import { resolveReplication, type TopologyNode } from '../../shared/document';
import type { InstanceSnapshot, NodeSnapshot } from '../../shared/simulation/types';

export type ReplicaRole = NonNullable<InstanceSnapshot['role']>;

/** A partition in force: the host ids on each side of the cut. */
export type PartitionSides = readonly (readonly string[])[];

/** A node's live entry beyond its status: set only for replicated nodes and transaction coordinators. */
export interface LiveExtras {
  /** Replicated nodes: each instance's role now and how far behind the newest write it is (ms). */
  readonly roles?: readonly ReplicaRole[];
  readonly lagMs?: readonly number[];
  /** Replicated nodes: the leader's instance (null for a quorum or while none is elected); an election running. */
  readonly leader?: number | null;
  readonly electing?: boolean;
  /** Transaction coordinators: participants in doubt now (2PC), sagas inside their inconsistency window now. */
  readonly inDoubt?: number;
  readonly inconsistent?: number;
}

/** The live fields a snapshot gives a replicated node or a coordinator; none for any other node. */
export function liveExtras(snapshot: NodeSnapshot): LiveExtras {
  const out: { -readonly [K in keyof LiveExtras]: LiveExtras[K] } = {};
  if (snapshot.replication) {
    out.leader = snapshot.replication.leader;
    out.electing = snapshot.replication.electing;
    out.roles = snapshot.instances.map((i) => i.role ?? 'replica');
    out.lagMs = snapshot.instances.map((i) => Math.round(i.lagMs ?? 0));
  }
  if (snapshot.transactions) {
    out.inDoubt = snapshot.transactions.inDoubt;
    out.inconsistent = snapshot.transactions.inconsistent;
  }
  return out;
}

/** A lag change smaller than this share (or 2 ms) is not worth a re-render of the card. */
const LAG_TOLERANCE = 0.05;

function sameLag(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= Math.max(2, LAG_TOLERANCE * Math.max(x, b[i]!)));
}

/** Whether two entries show the same roles, lag, election and transactions. */
export function sameExtras(a: LiveExtras, b: LiveExtras): boolean {
  return (
    a.leader === b.leader &&
    a.electing === b.electing &&
    a.inDoubt === b.inDoubt &&
    a.inconsistent === b.inconsistent &&
    (a.roles === b.roles || (a.roles !== undefined && b.roles !== undefined && a.roles.length === b.roles.length && a.roles.every((r, i) => r === b.roles![i]))) &&
    sameLag(a.lagMs, b.lagMs)
  );
}

/** Partitions in force as their sides' host ids; the same sides compare equal. */
export function samePartitions(a: readonly PartitionSides[], b: readonly PartitionSides[]): boolean {
  return a.length === b.length && a.every((sides, i) => sides.length === b[i]!.length && sides.every((hosts, j) => hosts.length === b[i]![j]!.length && hosts.every((h, k) => h === b[i]![j]![k])));
}

/**
 * The instance's role as the document declares it: a leader-follower node's instance 0 leads and
 * the others follow; a quorum's instances are all replicas. Null for a node without replication.
 */
export function declaredRole(node: TopologyNode, instance: number): ReplicaRole | null {
  const replication = resolveReplication(node);
  if (!replication) return null;
  if (replication.mode === 'quorum') return 'replica';
  return instance === 0 ? 'leader' : 'follower';
}

export interface RoleBadge {
  /** Short text on the card: "L", "F", "n/w/r 3/2/2", "L + 2F". */
  readonly text: string;
  readonly title: string;
  readonly role: ReplicaRole | 'group';
}

/** The replication badge of an instance card (`instance` set) or of a card for the whole node. */
export function roleBadge(node: TopologyNode, instance: number | null, liveRole?: ReplicaRole): RoleBadge | null {
  const replication = resolveReplication(node);
  if (!replication) return null;
  if (replication.mode === 'quorum') {
    const { n, w, r } = replication;
    return { text: `n/w/r ${n}/${w}/${r}`, title: `quorum replica: n = ${n} replicas, a write waits for w = ${w}, a read asks r = ${r} (r + w ${r + w > n ? '>' : '≤'} n)`, role: instance === null ? 'group' : 'replica' };
  }
  if (instance === null) {
    const followers = Math.max(0, replication.replicas - 1);
    return { text: followers > 0 ? `L + ${followers}F` : 'L', title: `leader-follower (${replication.sync}): one leader takes the writes, ${followers} follower${followers === 1 ? '' : 's'} copy them`, role: 'group' };
  }
  const role = liveRole ?? declaredRole(node, instance)!;
  if (role === 'leader') return { text: '♛ L', title: `leader: takes every write (${replication.sync} replication)`, role };
  if (role === 'follower') return { text: 'F', title: `follower: applies the leader's writes about ${replication.lagMs} ms later`, role };
  return { text: 'R', title: 'replica', role };
}

/**
 * A follower's lag on its gauge, 0..1: lag / (lag + configured lag), so the configured lag sits at
 * the middle and a lag that grows without bound (a partition) approaches the full gauge.
 */
export function lagShare(lagMs: number, configuredLagMs: number): number {
  if (lagMs <= 0) return 0;
  return lagMs / (lagMs + Math.max(configuredLagMs, 1));
}

/** The configured lag of a replicated node (its default when unset), or null. */
export function configuredLag(node: TopologyNode): number | null {
  return resolveReplication(node)?.lagMs ?? null;
}

/** The coordinator's live line: "3 in doubt" (2PC), "2 open windows" (saga), or null when neither. */
export function transactionText(node: TopologyNode, live: Pick<LiveExtras, 'inDoubt' | 'inconsistent'> | undefined): string | null {
  if (!node.transaction || !live) return null;
  if (node.transaction === '2pc') return (live.inDoubt ?? 0) > 0 ? `${live.inDoubt} in doubt` : null;
  const open = live.inconsistent ?? 0;
  return open > 0 ? `${open} open window${open === 1 ? '' : 's'}` : null;
}
