/**
 * Findings about state in a copied or split design (SPEC §8): sessions kept in each instance of a
 * node on several servers, a lock in each instance of a node with several, and shards with a
 * single replica. Walks the id-sorted design, so the output does not depend on the file's order;
 * a design with no `session`, `lock` or `shards` costs nothing here.
 */
import { isApplicationUnit, isDataStore } from '../document';
import { realHosts, type Design } from './design';
import { makeFinding } from './rules';
import type { Finding } from './types';

export function stateFindings(design: Design): Finding[] {
  const findings: Finding[] = [];
  if (!design.uses.state) return findings;
  for (const node of design.nodes) {
    const source = node.source;
    if (isApplicationUnit(node.kind) && source.session === 'local' && node.hosts.length >= 2) {
      findings.push(
        makeFinding(
          'local-session-cluster',
          `${node.label} keeps sessions in each instance but runs on ${node.hosts.length} servers: a user whose next request reaches another server loses the session (logged out, cart gone). Keep sessions in a shared store (a cache or database over a session edge), or make the balancer sticky (sessions still lost when a server dies).`,
          [node.id],
          realHosts(node.hosts),
        ),
      );
    }
    if (isApplicationUnit(node.kind) && source.lock !== undefined && (source.lock.scope ?? 'local') === 'local' && node.instanceCount >= 2) {
      findings.push(
        makeFinding(
          'local-lock-cluster',
          `${node.label} takes an in-process lock but runs ${node.instanceCount} instances: a lock in one process cannot exclude another, so two requests on one key can both go ahead (a double booking). Take the lock in a lock service (a distributed lock over a lock edge to Redis or ZooKeeper, say).`,
          [node.id],
          realHosts(node.hosts),
        ),
      );
    }
    const shards = source.shards ?? 1;
    if (isDataStore(node.kind) && shards >= 2 && node.instanceCount < 2 * shards) {
      const single = Math.min(shards, 2 * shards - node.instanceCount);
      findings.push(
        makeFinding(
          'shard-single-replica',
          `${node.label} has ${shards} shards on ${node.instanceCount} instances: ${single === shards ? 'every shard has' : `${single} of its shards have`} a single replica, so one instance down fails every call for that shard's keys. Give each shard a second replica (${2 * shards} instances).`,
          [node.id],
          realHosts(node.hosts),
        ),
      );
    }
  }
  return findings;
}
