/**
 * The finding rules' fixed facts: severity and a short human title. One place, so the CLI, the
 * app's findings list and the Markdown export agree.
 *
 * Severities:
 * - error — the design is likely broken as drawn: a synchronous cycle lets a request wait on
 *   itself (a distributed deadlock, or unbounded recursion under `fanout: all`).
 * - warning — it works, but fails or couples badly: a single point (server, zone or region) of
 *   failure, replicas that one zone outage takes down together, two services
 *   sharing one database, two units owning the same business capability; and data that a failover,
 *   a follower read, a non-overlapping quorum or an even split gets wrong, or a two-phase commit
 *   that one server blocks (SPEC §8: each works until the fault, then silently loses or blocks).
 * - info — explains the labels: what the design is not, and why (single host, replica set,
 *   remote data, implicit capability, technical split, hybrid, independent systems, unplaced).
 */
import type { Finding, FindingRule, Severity } from './types';

export const RULE_SEVERITIES: Readonly<Record<FindingRule, Severity>> = {
  'sync-cycle': 'error',
  spof: 'warning',
  'zone-spof': 'warning',
  'region-spof': 'warning',
  'replicas-one-zone': 'warning',
  'shared-database': 'warning',
  'local-session-cluster': 'warning',
  'local-lock-cluster': 'warning',
  'shard-single-replica': 'warning',
  'async-failover-loss': 'warning',
  'stale-reads': 'warning',
  'quorum-overlap': 'warning',
  'even-replicas': 'warning',
  '2pc-coordinator-spof': 'warning',
  'capability-overlap': 'warning',
  'independent-systems': 'info',
  'single-host': 'info',
  'replicas-same-host': 'info',
  'remote-data': 'info',
  'implicit-capability': 'info',
  'technical-split': 'info',
  hybrid: 'info',
  'shared-codebase': 'info',
  unplaced: 'info',
};

/** Short titles for each rule, as a findings list heads them. */
export const RULE_TITLES: Readonly<Record<FindingRule, string>> = {
  spof: 'Single point of failure',
  'zone-spof': 'Single zone of failure',
  'region-spof': 'Single region of failure',
  'replicas-one-zone': 'Replicas in one zone',
  'shared-database': 'Shared database',
  'local-session-cluster': 'Sessions kept in one instance',
  'local-lock-cluster': 'A lock that excludes only one instance',
  'shard-single-replica': 'Shard without a replica',
  'async-failover-loss': 'Writes lost at failover',
  'stale-reads': 'Stale reads from followers',
  'quorum-overlap': 'Quorums that need not overlap',
  'even-replicas': 'Even number of replicas',
  '2pc-coordinator-spof': 'Two-phase commit coordinator on one server',
  'sync-cycle': 'Cycle of synchronous calls',
  'independent-systems': 'Independent systems',
  'single-host': 'Everything on one server',
  'replicas-same-host': 'Replicas on one server',
  'remote-data': 'Only data on other servers',
  'implicit-capability': 'Capability taken from the name',
  'technical-split': 'Split by technical layer',
  hybrid: 'Monolith beside services',
  'capability-overlap': 'Capability owned twice',
  'shared-codebase': 'One codebase in several roles',
  unplaced: 'Instances without a server',
};

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** A finding with its rule's severity; `nodes` and `hosts` are sorted ids. */
export function makeFinding(rule: FindingRule, message: string, nodes: readonly string[], hosts: readonly string[]): Finding {
  return { rule, severity: RULE_SEVERITIES[rule], message, nodes, hosts };
}
