/**
 * What each label means, in plain words, for the app's "Why?" explainer and the CLI's help:
 * the definition, what it buys, the test to apply, and the counter-examples people trip on.
 */
import { resolveReplication, type TopologyDocument } from '../document';
import type { Label } from './types';

export interface LabelExplanation {
  readonly title: string;
  /** One or two sentences: what the label means. */
  readonly definition: string;
  /** What the architecture buys. */
  readonly buys: string;
  /** The quick test to tell it apart. */
  readonly test: string;
  /** Designs that look like it but are not — or are something else as well. */
  readonly counterExamples: readonly string[];
}

export const LABEL_EXPLANATIONS: Readonly<Record<Label, LabelExplanation>> = {
  distributed: {
    title: 'Distributed system',
    definition:
      'Different modules run on different servers and work together over the network to do one job.',
    buys: 'Performance — one job is split, so each request can finish sooner — and room to grow each part.',
    test: 'Do the servers run different things? Then it is distributed.',
    counterExamples: [
      'Microservices all on one server are not distributed: the code is split, but one machine runs it all.',
      'A monolith copied onto three servers is a cluster, not a distributed system: every server runs the same thing.',
      'A monolith with its database on another server is not distributed either: only data moved, not application modules.',
      'Web, logic and data-access layers on separate servers are distributed — though not microservices.',
    ],
  },
  cluster: {
    title: 'Server cluster',
    definition: 'The same module runs on several servers, with load balancing spreading the requests over the copies.',
    buys: 'Throughput — more requests per second — and availability: when one server dies, the others take over.',
    test: 'Do the servers run the same thing? Then it is a cluster.',
    counterExamples: [
      'Several instances on one server are a replica set, not a cluster: that server still takes them all down with it.',
      'A monolith copied onto three servers is a cluster, not a distributed system.',
      'Split into modules and then copy each module onto several servers: distributed and a cluster at once.',
    ],
  },
  microservices: {
    title: 'Microservices',
    definition:
      'The application is split by business capability — orders, users, payments — into small services that are deployed independently, each owning its capabilities alone.',
    buys: 'Lower coupling, independent teams and independent deployments.',
    test: 'Does the split follow the business rather than technical layers? Then it is microservices.',
    counterExamples: [
      'Web, logic and data-access layers on several servers are distributed but not microservices: the split follows technical layers.',
      'Microservices all on one server are still microservices, but not distributed.',
      'Two services that own the same capability, or a monolith left beside the services, are a partial decomposition, not microservices.',
      'Split by business and then cluster each service: microservices, distributed and a cluster at once.',
    ],
  },
  monolith: {
    title: 'Monolith',
    definition: 'One deployable unit holds every module of the application.',
    buys: 'Simplicity: one thing to build, deploy and reason about.',
    test: 'Is there exactly one application unit? Then it is a monolith.',
    counterExamples: [
      'A monolith copied onto several servers is still a monolith — and also a cluster, but not distributed.',
      'A monolith with its database or cache on another server is still a monolith, not a distributed system.',
    ],
  },
};

/** A topic of SPEC §8 the "Why?" explainer teaches: what breaks, why, and the usual fixes with their costs. */
export interface StateExplanation {
  readonly title: string;
  readonly breaks: string;
  readonly why: string;
  readonly fixes: readonly { readonly fix: string; readonly cost: string }[];
}

export const STATE_TOPICS = ['sessions', 'locks', 'shards', 'replication', 'quorums', 'cap', 'transactions'] as const;
export type StateTopic = (typeof STATE_TOPICS)[number];

export const STATE_EXPLANATIONS: Readonly<Record<StateTopic, StateExplanation>> = {
  sessions: {
    title: 'Sessions in a cluster',
    breaks: 'A user logged in on one server is sent to another by the load balancer, which has never seen their session: they are logged out, their cart is empty (session-lost).',
    why: 'An in-memory session lives in one process. Copying the module onto several servers copies the code, not the memory: with round-robin over n servers about (n − 1)/n of a returning user’s requests land elsewhere.',
    fixes: [
      { fix: 'Sticky sessions: the balancer pins each user to the server holding their session.', cost: 'Load spreads by user, not by request, and when that server dies every session on it is lost at once.' },
      { fix: 'A shared session store (Redis, a database) every server reads on each request.', cost: 'One more call per request, and a new dependency: the store’s outage fails every request through it.' },
      { fix: 'Stateless sessions (a signed token the client carries).', cost: 'Bigger requests, and a token cannot be revoked before it expires.' },
    ],
  },
  locks: {
    title: 'Locks across servers',
    breaks: 'Two requests for the same seat on two servers both take “the” lock, because each server has its own: the seat is booked twice (an exclusion violation).',
    why: 'A lock inside a process (a JVM lock, a mutex) excludes only the threads of that process. A second instance has its own lock table and never sees the first one’s.',
    fixes: [
      { fix: 'A distributed lock in a lock service (Redis, ZooKeeper, etcd, a database row).', cost: 'One more call per request; requests on one key wait for each other across all servers (one key serves at most 1000 / holdMs per second); the lock service’s outage fails requests; a holder that crashes blocks its key until its lease ends.' },
      { fix: 'Route every request for a key to one instance (consistent hashing on the key).', cost: 'That instance’s death moves its keys, and a hot key overloads one server.' },
      { fix: 'Let the database decide (a unique constraint, an optimistic version check).', cost: 'Conflicts surface as failed writes that the application must retry or report.' },
    ],
  },
  shards: {
    title: 'Shards',
    breaks: 'A shard with one replica is a single point of failure for its keys: when its server dies, every call for a key on that shard fails, while the other shards carry on.',
    why: 'Sharding splits the data so each server holds only part of it. It spreads load and shrinks what one failure touches — a third of the keys with three shards — but it does not add copies: a shard is only as available as its replicas.',
    fixes: [
      { fix: 'Two or more replicas per shard (instances = a multiple of shards).', cost: 'Twice the servers, and writes must reach every replica of the shard.' },
      { fix: 'More shards.', cost: 'A smaller blast radius per failure but no better availability per shard, and more servers and cross-shard queries to run.' },
    ],
  },
  replication: {
    title: 'Replication modes',
    breaks: 'With asynchronous replication the leader acknowledges a write before any follower has it: when the leader dies, the follower elected in its place never saw the last writes (lost writes), and a read served by a follower can return the old value (a stale read).',
    why: 'A follower applies the leader’s writes lagMs later. Whatever was written in that window exists only on the leader. With writes at λw per second over K keys, a failover loses about λw × lagMs / 1000 writes, and a follower read finds its key behind with probability 1 − e^(−λw·lagMs/(1000·K)).',
    fixes: [
      { fix: 'Semi-sync: the leader waits for one follower before acknowledging.', cost: 'Each write waits one more round trip; the other followers can still be behind, so their reads stay stale — elect the follower that acknowledged.' },
      { fix: 'Sync: the leader waits for every follower.', cost: 'A write is as slow as the slowest replica, and one replica down stops writes.' },
      { fix: 'Read from the leader (readFrom: leader), at least for a user’s own data (read-your-writes).', cost: 'The leader carries all the reads; followers only stand by.' },
    ],
  },
  quorums: {
    title: 'Quorums',
    breaks: 'A quorum store with r + w ≤ n lets a read ask only replicas the latest write has not reached yet: the read succeeds, with old data.',
    why: 'A write is sent to all n replicas and succeeds after w acknowledge; a read asks r and takes the newest. Only when r + w > n must every read set share at least one replica with every write set — the one that has the newest value.',
    fixes: [
      { fix: 'Raise r or w until r + w > n (a majority each: w = r = ⌊n/2⌋ + 1).', cost: 'Writes (or reads) wait for more replicas, so they are slower and fail when fewer than w (r) replicas are reachable.' },
      { fix: 'Keep r + w ≤ n where stale reads are acceptable (a feed, a counter).', cost: 'Reads can be stale by up to lagMs; nothing tells the caller.' },
    ],
  },
  cap: {
    title: 'CAP on a partition',
    breaks: 'When the network splits the replicas, the store must choose: refuse writes on the side without a majority (consistency: those requests fail no-quorum), or accept them on both sides (availability: two writers on one key conflict, and at heal last-writer-wins silently drops one).',
    why: 'Replicas that cannot talk cannot agree. Only a strict majority can decide alone, so a side needs more than half of the replicas. With an even count a split down the middle leaves no side a majority, and the whole store refuses writes.',
    fixes: [
      { fix: 'An odd number of replicas (3, 5), spread over zones so one zone is never a majority on its own.', cost: 'One more replica than the even count, for no more capacity.' },
      { fix: 'onPartition: availability for data that can merge (carts, likes).', cost: 'Conflicts on a partition, resolved by last-writer-wins (lost writes) or by merging in the application.' },
    ],
  },
  transactions: {
    title: '2PC vs saga',
    breaks: 'In a two-phase commit every participant prepares and holds its lock until the coordinator says commit or abort. If the coordinator dies between the rounds, the participants are in doubt: they may neither commit nor release, so their keys stay locked until it is back.',
    why: '2PC makes the participants agree atomically, at the price of blocking on one decider: its two rounds each wait for the slowest participant, and its failure blocks everyone. A saga commits each step on its own and undoes earlier steps with compensations when a later one fails: nothing blocks, but for a while others can see the half-done state (the inconsistency window).',
    fixes: [
      { fix: 'Keep 2PC, with the coordinator on two servers and its decision log replicated.', cost: 'More servers, and a recovery that still has to finish the in-doubt transactions.' },
      { fix: 'A saga: participants in order, compensations on failure.', cost: 'No isolation: a reader can see a debit without its booking; every step needs a compensation that can run after the fact.' },
    ],
  },
};

/**
 * A topic's explanation for one finding's node: for quorums, the r + w > n rule worked out on the
 * node's own numbers; the other topics read the same for every node.
 */
export function explainState(topic: StateTopic, doc?: TopologyDocument, nodeId?: string): StateExplanation {
  const base = STATE_EXPLANATIONS[topic];
  if (topic !== 'quorums' || !doc || nodeId === undefined) return base;
  const node = doc.nodes.find((n) => n.id === nodeId);
  const replication = node ? resolveReplication(node) : undefined;
  if (!replication || replication.mode !== 'quorum') return base;
  const { n, w, r } = replication;
  const overlap = r + w > n;
  const numbers = overlap
    ? ` Here n = ${n}, w = ${w}, r = ${r}: r + w = ${r + w} > ${n}, so every read meets the latest write on at least ${r + w - n} replica${r + w - n === 1 ? '' : 's'}.`
    : ` Here n = ${n}, w = ${w}, r = ${r}: r + w = ${r + w} ≤ ${n}, so a read can miss the latest write on all ${r} replica${r === 1 ? '' : 's'} it asks; r = ${n - w + 1} (with w = ${w}) would make r + w > n.`;
  return { ...base, why: base.why + numbers };
}

/** The topic a finding's "Why?" explains, for the state findings. */
export const STATE_TOPIC_OF_RULE: Readonly<Partial<Record<string, StateTopic>>> = {
  'local-session-cluster': 'sessions',
  'local-lock-cluster': 'locks',
  'shard-single-replica': 'shards',
  'async-failover-loss': 'replication',
  'stale-reads': 'replication',
  'quorum-overlap': 'quorums',
  'even-replicas': 'cap',
  '2pc-coordinator-spof': 'transactions',
};
