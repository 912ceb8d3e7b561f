/**
 * Findings about replicated data and transactions (SPEC §8): asynchronous failover that loses the
 * writes a follower had not applied, reads served by followers that can be stale, quorums whose
 * reads and writes need not overlap, an even number of replicas that a partition can split with no
 * majority, and a two-phase commit coordinator that one server takes down. Walks the id-sorted
 * design, so the output does not depend on the file's order; designs without `replication` or
 * `transaction` cost one pass over their nodes.
 */
import { REPLICATION_DEFAULTS, STATE_DEFAULTS, resolveReplication, type ResolvedReplication, type TopologyDocument, type TopologyNode } from '../document';
import { edgeShares, flowDesign, offeredLoad, passOnShare } from '../reliability/flow';
import { realHosts, type Design } from './design';
import { makeFinding } from './rules';
import type { Finding } from './types';

/** The replicas that hold one key: a quorum's n, or the instances of one shard (instance i is in shard i mod shards). */
export function replicasPerKey(node: TopologyNode, replication: ResolvedReplication): number {
  if (replication.mode === 'quorum') return replication.n;
  const shards = Math.max(1, Math.min(node.shards ?? STATE_DEFAULTS.shards, replication.replicas));
  return Math.floor(replication.replicas / shards);
}

export function consistencyFindings(doc: TopologyDocument, design: Design): Finding[] {
  if (!design.uses.replication && !design.uses.transaction) return [];
  const outgoing = new Map<string, number>();
  let writeRates: Map<string, number> | undefined;
  const findings: Finding[] = [];
  for (const node of design.nodes) {
    const source = node.source;
    if (source.transaction === '2pc' && source.fanout === 'all') {
      if (outgoing.size === 0) for (const edge of doc.edges) outgoing.set(edge.from, (outgoing.get(edge.from) ?? 0) + 1);
      const participants = outgoing.get(node.id) ?? 0;
      if (participants >= 2 && (node.instanceCount === 1 || node.hosts.length === 1)) {
        const where = node.instanceCount === 1 ? 'runs a single instance' : `runs all ${node.instanceCount} instances on one server`;
        findings.push(
          makeFinding(
            '2pc-coordinator-spof',
            `${node.label} coordinates a two-phase commit over ${participants} participants and ${where}: if it dies between prepare and commit, every participant stays in doubt, holding its lock until the coordinator is back. Run the coordinator on a second server with its decision log replicated, or make the transaction a saga (compensations instead of held locks).`,
            [node.id],
            realHosts(node.hosts),
          ),
        );
      }
    }
    const replication = resolveReplication(source);
    if (!replication) continue;
    const replicas = replicasPerKey(source, replication);
    if (replication.mode === 'leader-follower' && replicas >= 2) {
      const followers = replicas - 1;
      const lag = replication.lagMs;
      if (replication.sync === 'async') {
        writeRates ??= writeRatesOf(doc);
        const rate = writeRates.get(node.id) ?? 0;
        const loss = rate > 0 ? `about ${round(rate * (lag / 1000))} writes (${round(rate)} writes/s × ${lag} ms)` : `about the write rate × ${lag} ms of writes`;
        findings.push(
          makeFinding(
            'async-failover-loss',
            `${node.label} replicates asynchronously to ${followers} follower${followers === 1 ? '' : 's'} with ${lag} ms of lag: when the leader fails, the follower elected in its place has not applied the last writes, so a failover loses ${loss}. Use semi-sync (a follower acknowledges each write) or sync replication, or accept the loss.`,
            [node.id],
            realHosts(node.hosts),
          ),
        );
      }
      if (replication.sync !== 'sync' && replication.readFrom !== 'leader') {
        writeRates ??= writeRatesOf(doc);
        const rate = writeRates.get(node.id) ?? 0;
        const keys = source.keys ?? STATE_DEFAULTS.keys;
        const share = 1 - Math.exp(-(rate * lag) / (1000 * keys));
        const estimate = rate > 0 ? ` (about ${percent(share)} of follower reads at ${round(rate)} writes/s over ${keys} keys)` : '';
        findings.push(
          makeFinding(
            'stale-reads',
            `${node.label} serves reads from ${replication.readFrom === 'any' ? 'any replica' : 'its followers'} under ${replication.sync} replication: ${replication.sync === 'semi-sync' ? 'a follower that did not acknowledge a write' : 'a follower'} applies it up to ${lag} ms later, so a read there can return the old value${estimate}. Read from the leader where it matters (read-your-writes), or replicate synchronously.`,
            [node.id],
            realHosts(node.hosts),
          ),
        );
      }
    }
    if (replication.mode === 'quorum' && replication.r + replication.w <= replication.n) {
      const { n, w, r } = replication;
      const needed = n - w + 1;
      findings.push(
        makeFinding(
          'quorum-overlap',
          `${node.label} is a quorum of n = ${n} with w = ${w} and r = ${r}: r + w = ${r + w} ≤ n = ${n}, so a read can ask only replicas that missed the latest write and return stale data. Make r + w > n — r = ${needed} with this w${n >= 2 ? `, or w = r = ${Math.floor(n / 2) + 1}` : ''}.`,
          [node.id],
          realHosts(node.hosts),
        ),
      );
    }
    if (replication.onPartition === 'consistency' && replicas >= 2 && replicas % 2 === 0) {
      findings.push(
        makeFinding(
          'even-replicas',
          `${node.label} has ${replicas} replicas and chooses consistency on a partition: a split into ${replicas / 2} and ${replicas / 2} leaves neither side a majority, so both refuse writes (no-quorum)${replicas === 2 ? ', and so does losing either replica' : ''}. Use an odd number of replicas (${replicas + 1}), or a witness that votes without holding data.`,
          [node.id],
          realHosts(node.hosts),
        ),
      );
    }
  }
  return findings;
}

/** Writes per second into each replicated node: the calls over each edge into it × that edge's writeRatio. */
function writeRatesOf(doc: TopologyDocument): Map<string, number> {
  const flow = flowDesign(doc);
  const load = offeredLoad(flow);
  const ratio = new Map(flow.resolved.edges.map((edge, i) => [edge, doc.edges[i]!.writeRatio ?? REPLICATION_DEFAULTS.writeRatio]));
  const rates = new Map<string, number>();
  for (let n = 0; n < flow.nodes.length; n++) {
    const node = flow.nodes[n]!;
    const emitted = (node.kind === 'client' ? node.rate : load[n]!) * passOnShare(node);
    if (emitted === 0) continue;
    for (const [edge, share] of edgeShares(flow, n)) {
      rates.set(edge.to, (rates.get(edge.to) ?? 0) + emitted * share * ratio.get(edge)!);
    }
  }
  return rates;
}

function round(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

function percent(share: number): string {
  const p = share * 100;
  return `${p >= 10 ? Math.round(p) : Math.round(p * 10) / 10} %`;
}
