/**
 * The classifier's output (SPEC §3). `classifyDesign(doc)` in `./index.ts` produces it; the app's
 * Classification panel, `topo classify` and the Markdown export all read this one shape.
 */

export const LABELS = ['microservices', 'distributed', 'cluster', 'monolith'] as const;
export type Label = (typeof LABELS)[number];

export const LABEL_TITLES: Readonly<Record<Label, string>> = {
  microservices: 'Microservices',
  distributed: 'Distributed',
  cluster: 'Cluster',
  monolith: 'Monolith',
};

export const FINDING_RULES = [
  'spof',
  'zone-spof',
  'region-spof',
  'replicas-one-zone',
  'shared-database',
  'local-session-cluster',
  'local-lock-cluster',
  'shard-single-replica',
  'async-failover-loss',
  'stale-reads',
  'quorum-overlap',
  'even-replicas',
  '2pc-coordinator-spof',
  'sync-cycle',
  'independent-systems',
  'single-host',
  'replicas-same-host',
  'remote-data',
  'implicit-capability',
  'technical-split',
  'hybrid',
  'capability-overlap',
  'shared-codebase',
  'unplaced',
] as const;
export type FindingRule = (typeof FINDING_RULES)[number];

export type Severity = 'error' | 'warning' | 'info';

/** One observation about the design, naming the nodes and hosts it is about. */
export interface Finding {
  readonly rule: FindingRule;
  readonly severity: Severity;
  /** Plain language naming the nodes and hosts: "Orders runs only on server-2: …". */
  readonly message: string;
  readonly nodes: readonly string[];
  readonly hosts: readonly string[];
}

/** Why a label applies: the same shape as a finding, so the UI can highlight it. */
export interface Evidence {
  readonly label: Label;
  readonly message: string;
  readonly nodes: readonly string[];
  readonly hosts: readonly string[];
}

export interface Classification {
  /** "Microservices · Distributed · Cluster", or a sentence when there is no label. */
  readonly summary: string;
  /** In the order microservices, distributed, cluster, monolith. */
  readonly labels: readonly Label[];
  readonly distributed: boolean;
  readonly cluster: boolean;
  readonly microservices: boolean;
  readonly monolith: boolean;
  /** The reasons for each label that applies (several per label where several systems show it). */
  readonly evidence: readonly Evidence[];
  /** Sorted by severity (error, warning, info), then rule, then message. */
  readonly findings: readonly Finding[];
}
