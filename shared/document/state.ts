/**
 * Cross-field rules of the state fields (SPEC §8): which kinds carry `users`, `keys`, `shards`,
 * `session` and `lock`; purpose edges (`session`, `lock`) and the nodes they belong to; and the
 * bound on the per-user and per-key state the simulator keeps. Each problem names its path.
 *
 * Errors: a field on a kind that has no such thing, and the state bound. Warnings (errors under
 * `topo validate --strict`): what ordinary editing passes through on the way to a finished design
 * — a shared session or distributed lock not wired yet, a purpose edge that does not fit, more
 * shards than instances after an instance was removed. The simulator gives each a defined meaning
 * (no store call without its edge; the last purpose edge counts; shards clamped to instances).
 *
 * Replicated data and transactions: `replication` on another kind is an error, and so are a quorum's
 * w or r above its n. Warnings: n above the instance count (an instance removed since; with shards
 * n may be below it), `writeRatio` on an edge into a node without replication, `transaction` on a node whose
 * calls are not `fanout: all` over at least two edges.
 */
import { LIMITS, formatLimit } from './limits';
import { isApplicationUnit, isDataStore } from './kinds';
import { STATE_DEFAULTS, defaultFanout, resolveReplication } from './defaults';
import type { ValidationError } from './errors';
import type { TopologyDocument } from './schema';

export function checkState(doc: TopologyDocument): { errors: ValidationError[]; warnings: ValidationError[] } {
  const errors: ValidationError[] = [];
  const warnings: ValidationError[] = [];
  const byId = new Map(doc.nodes.map((node, i) => [node.id, { node, i }]));
  const purposeEdges = new Map<string, { session: number[]; lock: number[] }>();
  let users = 0;
  let sessionNodes = 0;
  let lockEntries = 0;
  let replicaEntries = 0;

  doc.nodes.forEach((node, i) => {
    const at = `nodes[${i}]`;
    const unit = isApplicationUnit(node.kind);
    if (node.kind === 'client') users += node.users ?? STATE_DEFAULTS.users;
    else if (node.users !== undefined) errors.push({ path: `${at}.users`, message: 'only clients have users (the people behind their requests)' });
    if (node.keys !== undefined && !isDataStore(node.kind)) errors.push({ path: `${at}.keys`, message: 'only databases and caches have data keys (a lock has its own lock.keys)' });
    if (node.shards !== undefined) {
      const instances = node.instances?.length ?? 1;
      if (!isDataStore(node.kind)) errors.push({ path: `${at}.shards`, message: 'only databases and caches are sharded' });
      else if (node.shards > instances) warnings.push({ path: `${at}.shards`, message: `is ${node.shards} but the node has ${instances} instance${instances === 1 ? '' : 's'}: every shard needs at least one` });
    }
    if (node.session !== undefined && node.session !== 'none' && !unit) errors.push({ path: `${at}.session`, message: 'only monoliths and services keep sessions' });
    if (node.lock !== undefined && !unit) errors.push({ path: `${at}.lock`, message: 'only monoliths and services take locks' });
    if (node.replication !== undefined) {
      if (!isDataStore(node.kind)) errors.push({ path: `${at}.replication`, message: 'only databases and caches are replicated' });
      else {
        checkReplication(node, at, errors, warnings);
        // The simulator keeps a version per key on every replica, plus the newest per key.
        replicaEntries += (node.keys ?? STATE_DEFAULTS.keys) * ((node.instances?.length ?? 1) + 2);
      }
    }
    if (unit && (node.session === 'local' || node.session === 'sticky')) sessionNodes++;
    if (unit && node.lock && (node.lock.scope ?? STATE_DEFAULTS.lock.scope) === 'local') {
      lockEntries += (node.lock.keys ?? STATE_DEFAULTS.lock.keys) * (node.instances?.length ?? 1);
    }
  });

  const outgoing = new Map<string, number>();
  doc.edges.forEach((edge, i) => {
    outgoing.set(edge.from, (outgoing.get(edge.from) ?? 0) + 1);
    if (edge.writeRatio !== undefined) {
      const to = byId.get(edge.to)?.node;
      if (to && !resolveReplication(to)) warnings.push({ path: `edges[${i}].writeRatio`, message: `only means something on a call into a replicated database or cache; ${JSON.stringify(edge.to)} has no replication` });
    }
    if (edge.purpose === undefined) return;
    const at = `edges[${i}]`;
    const from = byId.get(edge.from)?.node;
    const to = byId.get(edge.to)?.node;
    if (!from || !to) return; // checkReferences names the unknown end
    const wanted = edge.purpose === 'session' ? 'session: "shared"' : 'lock scope "distributed"';
    const has = edge.purpose === 'session' ? isApplicationUnit(from.kind) && from.session === 'shared' : isApplicationUnit(from.kind) && from.lock?.scope === 'distributed';
    if (!has) warnings.push({ path: `${at}.purpose`, message: `a "${edge.purpose}" edge must start at a monolith or service with ${wanted}; ${JSON.stringify(edge.from)} has none` });
    if (!isDataStore(to.kind)) warnings.push({ path: `${at}.to`, message: `a "${edge.purpose}" edge must end at a cache or a database, not a ${to.kind}` });
    if (edge.async) warnings.push({ path: `${at}.async`, message: `a "${edge.purpose}" edge is synchronous: the request waits for its ${edge.purpose === 'session' ? 'session' : 'lock'}` });
    let lists = purposeEdges.get(edge.from);
    if (!lists) purposeEdges.set(edge.from, (lists = { session: [], lock: [] }));
    lists[edge.purpose].push(i);
  });

  doc.nodes.forEach((node, i) => {
    if (node.transaction === undefined) return;
    const calls = outgoing.get(node.id) ?? 0;
    // The fanout the node runs with: a service without one calls all its edges.
    const fanout = node.fanout ?? defaultFanout(node.kind);
    if (fanout !== 'all' || calls < 2) {
      warnings.push({ path: `nodes[${i}].transaction`, message: `is "${node.transaction}" but a transaction needs "fanout": "all" and at least two outgoing calls (its participants); this node has ${fanout === 'all' ? '' : `fanout "${fanout}" and `}${calls} call${calls === 1 ? '' : 's'}` });
    }
  });

  doc.nodes.forEach((node, i) => {
    if (!isApplicationUnit(node.kind)) return;
    const lists = purposeEdges.get(node.id);
    const wantSession = node.session === 'shared';
    const wantLock = node.lock?.scope === 'distributed';
    const sessions = lists?.session.length ?? 0;
    const locks = lists?.lock.length ?? 0;
    if (wantSession && sessions !== 1) {
      warnings.push({ path: `nodes[${i}].session`, message: sessions === 0 ? 'is "shared" but no edge with "purpose": "session" leads to a session store (a cache or a database)' : `is "shared" with ${sessions} session edges: exactly one is allowed` });
    }
    if (wantLock && locks !== 1) {
      warnings.push({ path: `nodes[${i}].lock.scope`, message: locks === 0 ? 'is "distributed" but no edge with "purpose": "lock" leads to a lock service (a cache or a database)' : `is "distributed" with ${locks} lock edges: exactly one is allowed` });
    }
  });

  if (users * sessionNodes > LIMITS.stateEntries) {
    errors.push({ path: 'nodes', message: `keep ${formatLimit(users * sessionNodes)} sessions (${formatLimit(users)} users × ${sessionNodes} nodes with local or sticky sessions): at most ${formatLimit(LIMITS.stateEntries)} are allowed` });
  }
  if (lockEntries > LIMITS.stateEntries) {
    errors.push({ path: 'nodes', message: `keep ${formatLimit(lockEntries)} local lock entries (lock keys × instances): at most ${formatLimit(LIMITS.stateEntries)} are allowed` });
  }
  if (replicaEntries > LIMITS.stateEntries) {
    errors.push({ path: 'nodes', message: `keep ${formatLimit(replicaEntries)} replicated key versions (keys × (replicas + 2) of replicated nodes): at most ${formatLimit(LIMITS.stateEntries)} are allowed` });
  }
  return { errors, warnings };
}

/** A quorum's w and r against its n (errors), and n against the node's instances (a warning). */
function checkReplication(node: TopologyDocument['nodes'][number], at: string, errors: ValidationError[], warnings: ValidationError[]): void {
  const replication = resolveReplication(node);
  if (!replication || replication.mode !== 'quorum') return;
  const { n, w, r, replicas } = replication;
  if (w > n) errors.push({ path: `${at}.replication.w`, message: `is ${w} but n is ${n}: a write cannot wait for more acks than there are replicas` });
  if (r > n) errors.push({ path: `${at}.replication.r`, message: `is ${r} but n is ${n}: a read cannot ask more replicas than there are` });
  if (n > replicas) {
    warnings.push({ path: `${at}.replication.n`, message: `is ${n} but the node has ${replicas} instance${replicas === 1 ? '' : 's'}: each instance is one replica, so n can be at most ${replicas}` });
  }
}
