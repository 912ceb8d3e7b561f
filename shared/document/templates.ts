/**
 * The seven canonical designs of SPEC §3, as built-in templates. Each is a complete, valid
 * document with named hosts and positions; the classifier's tests pin their labels.
 */
import { CURRENT_VERSION, FORMAT_NAME, type Host, type TopologyDocument, type TopologyEdge, type TopologyNode } from './schema';

export interface Template {
  readonly id: string;
  readonly name: string;
  /** One line on what the design shows. */
  readonly description: string;
  /** The labels SPEC §3 gives it. */
  readonly expected: { distributed: boolean; cluster: boolean; microservices: boolean; monolith: boolean };
  readonly document: TopologyDocument;
}

const COLUMN = 320;
const ROW = 170;

function hosts(...names: string[]): Host[] {
  return names.map((name, i) => ({ id: `h${i + 1}`, name }));
}

function chain(ids: readonly string[]): TopologyEdge[] {
  return ids.slice(1).map((to, i) => ({ id: `e${i + 1}`, from: ids[i]!, to }));
}

/** Positions on a grid: `grid[column]` lists the node ids of that column top to bottom. */
function layout(grid: readonly (readonly string[])[]): Record<string, { x: number; y: number }> {
  const tallest = grid.reduce((most, column) => Math.max(most, column.length), 0);
  const positions: Record<string, { x: number; y: number }> = {};
  grid.forEach((column, c) => {
    const offset = ((tallest - column.length) * ROW) / 2;
    column.forEach((id, r) => {
      positions[id] = { x: c * COLUMN, y: offset + r * ROW };
    });
  });
  return positions;
}

function doc(
  name: string,
  hostList: Host[],
  nodes: TopologyNode[],
  edges: TopologyEdge[],
  grid: readonly (readonly string[])[],
): TopologyDocument {
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name,
    settings: { networkMs: 1 },
    hosts: hostList,
    nodes,
    edges,
    view: { positions: layout(grid) },
  };
}

const users: TopologyNode = { id: 'users', kind: 'client', name: 'Users', rate: 100 };

function services(placement: Record<'accounts' | 'orders' | 'payments', string[]>, dbHosts: Record<string, string>): {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
} {
  const defs = [
    { id: 'accounts', name: 'Users service', capability: 'users', db: 'accounts-db', dbName: 'Users DB' },
    { id: 'orders', name: 'Orders service', capability: 'orders', db: 'orders-db', dbName: 'Orders DB' },
    { id: 'payments', name: 'Payments service', capability: 'payments', db: 'payments-db', dbName: 'Payments DB' },
  ] as const;
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  defs.forEach((d, i) => {
    nodes.push({
      id: d.id,
      kind: 'service',
      name: d.name,
      capabilities: [d.capability],
      instances: placement[d.id].map((host) => ({ host })),
    });
    nodes.push({ id: d.db, kind: 'database', name: d.dbName, instances: [{ host: dbHosts[d.db]! }] });
    edges.push({ id: `e${2 + i}`, from: 'gateway', to: d.id, timeoutMs: 1000 });
    edges.push({ id: `e${5 + i}`, from: d.id, to: d.db });
  });
  return { nodes, edges };
}

const SERVICE_GRID = [['users'], ['gateway'], ['accounts', 'orders', 'payments'], ['accounts-db', 'orders-db', 'payments-db']];

function monolithOnOne(): Template {
  return {
    id: 'monolith-one-server',
    name: 'Monolith on one server',
    description: 'One deployable unit holds every module, on a single server with its database.',
    expected: { distributed: false, cluster: false, microservices: false, monolith: true },
    document: doc(
      'Monolith on one server',
      hosts('server-1'),
      [
        users,
        { id: 'shop', kind: 'monolith', name: 'Shop', instances: [{ host: 'h1' }], latencyMs: 20, concurrency: 16 },
        { id: 'db', kind: 'database', name: 'Shop DB', instances: [{ host: 'h1' }] },
      ],
      chain(['users', 'shop', 'db']),
      [['users'], ['shop'], ['db']],
    ),
  };
}

function monolithCluster(): Template {
  return {
    id: 'monolith-cluster',
    name: 'Monolith on three servers (cluster)',
    description: 'The same monolith copied onto three servers behind a load balancer: a cluster, not a distributed system.',
    expected: { distributed: false, cluster: true, microservices: false, monolith: true },
    document: doc(
      'Monolith cluster',
      hosts('lb-1', 'server-1', 'server-2', 'server-3', 'db-1'),
      [
        // A target to play against: 99.9 % of requests served, p99 within 300 ms.
        { ...users, slo: { availability: 0.999, latencyMs: 300 } },
        { id: 'lb', kind: 'loadBalancer', name: 'Load balancer', instances: [{ host: 'h1' }] },
        {
          id: 'shop',
          kind: 'monolith',
          name: 'Shop',
          instances: [{ host: 'h2' }, { host: 'h3' }, { host: 'h4' }],
          balancer: 'round-robin',
        },
        { id: 'db', kind: 'database', name: 'Shop DB', instances: [{ host: 'h5' }] },
      ],
      [
        { id: 'e1', from: 'users', to: 'lb' },
        { id: 'e2', from: 'lb', to: 'shop', timeoutMs: 1000, retries: 1 },
        { id: 'e3', from: 'shop', to: 'db' },
      ],
      [['users'], ['lb'], ['shop'], ['db']],
    ),
  };
}

function layers(replicated: boolean): Template {
  const place = (a: string, b: string) => (replicated ? [{ host: a }, { host: b }] : [{ host: a }]);
  const hostList = replicated
    ? hosts('web-1', 'web-2', 'logic-1', 'logic-2', 'data-1', 'data-2', 'db-1', 'lb-1')
    : hosts('web-server', 'logic-server', 'data-server', 'db-server');
  const nodes: TopologyNode[] = [
    users,
    { id: 'web', kind: 'service', name: 'Web', layer: 'web', instances: place('h1', 'h2') },
    { id: 'logic', kind: 'service', name: 'Logic', layer: 'logic', instances: replicated ? place('h3', 'h4') : [{ host: 'h2' }] },
    {
      id: 'data-access',
      kind: 'service',
      name: 'Data access',
      layer: 'data-access',
      instances: replicated ? place('h5', 'h6') : [{ host: 'h3' }],
    },
    { id: 'db', kind: 'database', name: 'Database', instances: [{ host: replicated ? 'h7' : 'h4' }] },
  ];
  if (replicated) nodes.splice(1, 0, { id: 'lb', kind: 'loadBalancer', name: 'Load balancer', instances: [{ host: 'h8' }] });
  const path = replicated ? ['users', 'lb', 'web', 'logic', 'data-access', 'db'] : ['users', 'web', 'logic', 'data-access', 'db'];
  return {
    id: replicated ? 'layers-clustered' : 'layers-distributed',
    name: replicated ? 'Layers, each on two servers' : 'Layers, each on its own server',
    description: replicated
      ? 'Split into technical layers, then each layer clustered: distributed and a cluster, but not microservices.'
      : 'Web, logic and data access on different servers: distributed by technical layer, not microservices.',
    expected: { distributed: true, cluster: replicated, microservices: false, monolith: false },
    document: doc(
      replicated ? 'Layers on clustered servers' : 'Layered system',
      hostList,
      nodes,
      chain(path).map((e) => (e.from === 'users' ? e : { ...e, timeoutMs: 1000 })),
      path.map((id) => [id]),
    ),
  };
}

function microservices(kind: 'one-server' | 'own-server' | 'two-servers'): Template {
  let hostList: Host[];
  let built: ReturnType<typeof services>;
  let gatewayHosts: string[];
  if (kind === 'one-server') {
    hostList = hosts('server-1');
    built = services({ accounts: ['h1'], orders: ['h1'], payments: ['h1'] }, { 'accounts-db': 'h1', 'orders-db': 'h1', 'payments-db': 'h1' });
    gatewayHosts = ['h1'];
  } else if (kind === 'own-server') {
    hostList = hosts('gateway-1', 'users-1', 'orders-1', 'payments-1');
    built = services({ accounts: ['h2'], orders: ['h3'], payments: ['h4'] }, { 'accounts-db': 'h2', 'orders-db': 'h3', 'payments-db': 'h4' });
    gatewayHosts = ['h1'];
  } else {
    hostList = hosts('gateway-1', 'gateway-2', 'users-1', 'users-2', 'orders-1', 'orders-2', 'payments-1', 'payments-2', 'users-db', 'orders-db', 'payments-db');
    built = services(
      { accounts: ['h3', 'h4'], orders: ['h5', 'h6'], payments: ['h7', 'h8'] },
      { 'accounts-db': 'h9', 'orders-db': 'h10', 'payments-db': 'h11' },
    );
    gatewayHosts = ['h1', 'h2'];
  }
  const names = {
    'one-server': 'Services on one server',
    'own-server': 'Services, each on its own server',
    'two-servers': 'Services, each on two servers',
  } as const;
  const descriptions = {
    'one-server': 'Split by business capability, but everything runs on one server: microservices, not distributed.',
    'own-server': 'Users, orders and payments services on separate servers: microservices and distributed.',
    'two-servers': 'Split by business, then each service clustered on two servers of its own: microservices, distributed and a cluster.',
  } as const;
  return {
    id: `services-${kind}`,
    name: names[kind],
    description: descriptions[kind],
    expected: { distributed: kind !== 'one-server', cluster: kind === 'two-servers', microservices: true, monolith: false },
    document: doc(
      names[kind],
      hostList,
      [users, { id: 'gateway', kind: 'gateway', name: 'API gateway', instances: gatewayHosts.map((host) => ({ host })) }, ...built.nodes],
      [{ id: 'e1', from: 'users', to: 'gateway' }, ...built.edges],
      SERVICE_GRID,
    ),
  };
}

/** The seven canonical designs, in the order of SPEC §3's table. */
export const TEMPLATES: readonly Template[] = [
  monolithOnOne(),
  monolithCluster(),
  layers(false),
  microservices('one-server'),
  microservices('own-server'),
  microservices('two-servers'),
  layers(true),
];

function localSessions(): Template {
  return {
    id: 'cluster-local-sessions',
    name: 'Cluster with local sessions',
    description: 'A monolith copied onto three servers that keeps sessions in memory: users switched to another server lose their session. "Fix it" moves them to a shared store.',
    expected: { distributed: false, cluster: true, microservices: false, monolith: true },
    document: doc(
      'Cluster with local sessions',
      hosts('lb-1', 'server-1', 'server-2', 'server-3', 'db-1'),
      [
        { ...users, users: 500 },
        { id: 'lb', kind: 'loadBalancer', name: 'Load balancer', instances: [{ host: 'h1' }] },
        { id: 'shop', kind: 'monolith', name: 'Shop', instances: [{ host: 'h2' }, { host: 'h3' }, { host: 'h4' }], session: 'local' },
        { id: 'db', kind: 'database', name: 'Shop DB', instances: [{ host: 'h5' }] },
      ],
      [
        { id: 'e1', from: 'users', to: 'lb' },
        { id: 'e2', from: 'lb', to: 'shop', timeoutMs: 1000 },
        { id: 'e3', from: 'shop', to: 'db' },
      ],
      [['users'], ['lb'], ['shop'], ['db']],
    ),
  };
}

function bookingLock(): Template {
  return {
    id: 'booking-local-lock',
    name: 'Booking service with an in-process lock',
    description: 'A booking service on two servers guards each seat with a lock inside its process: the other server never sees it, so seats are booked twice.',
    expected: { distributed: false, cluster: true, microservices: false, monolith: true },
    document: doc(
      'Booking service with an in-process lock',
      hosts('gateway-1', 'booking-1', 'booking-2', 'db-1'),
      [
        { ...users, rate: 300 },
        { id: 'gateway', kind: 'gateway', name: 'API gateway', instances: [{ host: 'h1' }] },
        {
          id: 'booking',
          kind: 'service',
          name: 'Booking service',
          capabilities: ['bookings'],
          instances: [{ host: 'h2' }, { host: 'h3' }],
          lock: { scope: 'local', keys: 50, holdMs: 5 },
        },
        { id: 'bookings-db', kind: 'database', name: 'Bookings DB', instances: [{ host: 'h4' }] },
      ],
      chain(['users', 'gateway', 'booking', 'bookings-db']),
      [['users'], ['gateway'], ['booking'], ['bookings-db']],
    ),
  };
}

function shardedDatabase(): Template {
  return {
    id: 'sharded-database',
    name: 'Sharded database',
    description: 'An orders database split into three shards of two replicas each: a server down fails no shard, a shard down fails only its keys.',
    expected: { distributed: false, cluster: true, microservices: false, monolith: true },
    document: doc(
      'Sharded database',
      hosts('orders-1', 'orders-2', 'db-1', 'db-2', 'db-3', 'db-4', 'db-5', 'db-6'),
      [
        users,
        { id: 'orders', kind: 'service', name: 'Orders service', capabilities: ['orders'], instances: [{ host: 'h1' }, { host: 'h2' }] },
        {
          id: 'orders-db',
          kind: 'database',
          name: 'Orders DB',
          instances: ['h3', 'h4', 'h5', 'h6', 'h7', 'h8'].map((host) => ({ host })),
          shards: 3,
          keys: 100_000,
        },
      ],
      chain(['users', 'orders', 'orders-db']),
      [['users'], ['orders'], ['orders-db']],
    ),
  };
}

function checkoutTransaction(): Template {
  const stores = [
    { id: 'orders-db', name: 'Orders DB', host: 'h2' },
    { id: 'payments-db', name: 'Payments DB', host: 'h3' },
    { id: 'stock-db', name: 'Stock DB', host: 'h4' },
  ];
  const design = doc(
    'Checkout as a saga vs 2PC',
    hosts('checkout-1', 'orders-db-1', 'payments-db-1', 'stock-db-1'),
    [
      users,
      {
        id: 'checkout',
        kind: 'service',
        name: 'Checkout service',
        capabilities: ['checkout'],
        instances: [{ host: 'h1' }],
        concurrency: 64,
        fanout: 'all',
        transaction: '2pc',
      },
      ...stores.map((store): TopologyNode => ({ id: store.id, kind: 'database', name: store.name, instances: [{ host: store.host }], latencyMs: 10 })),
    ],
    [{ id: 'e1', from: 'users', to: 'checkout' }, ...stores.map((store, k) => ({ id: `e${k + 2}`, from: 'checkout', to: store.id }))],
    [['users'], ['checkout'], stores.map((store) => store.id)],
  );
  return {
    id: 'checkout-saga-vs-2pc',
    name: 'Checkout as a saga vs 2PC',
    description:
      'A checkout writes an order, a payment and a stock reservation as one two-phase commit. Run "Checkout server down": the prepared databases stay in doubt, holding their rows, until it is back. Run "Payment fails": every order and reservation is rolled back. Then switch Checkout to saga and run both again: nothing is in doubt, but failed checkouts are undone by compensations, and the data is inconsistent in between.',
    expected: { distributed: false, cluster: false, microservices: false, monolith: true },
    document: {
      ...design,
      scenarios: [
        { id: 'coordinator-down', name: 'Checkout server down', faults: [{ type: 'host-down', target: 'h1', at: 20, until: 35 }] },
        { id: 'payment-fails', name: 'Payment fails', faults: [{ type: 'error-rate', target: 'payments-db', value: 0.3, at: 10, until: 40 }] },
      ],
    },
  };
}

function asyncReplicaFailover(): Template {
  return {
    id: 'async-replica-failover',
    name: 'Async replica failover',
    description:
      'An orders database with a leader and two followers, copied asynchronously 500 ms behind, with reads served by the followers. Play it: about one read in ten returns old data (stale reads). Run "Leader dies": writes fail until a follower is elected, and the writes of the last half second before the crash are gone (lost writes). Set Orders DB to sync and run it again: nothing is lost, and every write waits for the slowest replica.',
    expected: { distributed: false, cluster: true, microservices: false, monolith: true },
    document: {
      ...doc(
        'Async replica failover',
        hosts('orders-1', 'orders-2', 'db-1', 'db-2', 'db-3'),
        [
          { ...users, rate: 200 },
          { id: 'orders', kind: 'service', name: 'Orders service', capabilities: ['orders'], instances: [{ host: 'h1' }, { host: 'h2' }] },
          {
            id: 'orders-db',
            kind: 'database',
            name: 'Orders DB',
            instances: [{ host: 'h3' }, { host: 'h4' }, { host: 'h5' }],
            keys: 300,
            replication: { mode: 'leader-follower', sync: 'async', lagMs: 500, readFrom: 'followers', electionMs: 2000 },
          },
        ],
        [
          { id: 'e1', from: 'users', to: 'orders' },
          { id: 'e2', from: 'orders', to: 'orders-db', writeRatio: 0.3 },
        ],
        [['users'], ['orders'], ['orders-db']],
      ),
      scenarios: [{ id: 'leader-dies', name: 'Leader dies', faults: [{ type: 'instance-down', target: 'orders-db', instance: 0, at: 20, until: 50 }] }],
    },
  };
}

function quorumPartition(): Template {
  return {
    id: 'quorum-partition-cp-ap',
    name: 'Quorum store under a partition (CP vs AP)',
    description:
      'A key-value store of three replicas (n = 3, w = 2, r = 2) behind a web tier on both sides of a network link. Run "Network split": the side with one replica cannot reach a majority and refuses its requests as no-quorum, while the other side goes on (consistency). Set the store\'s "On partition" to availability and run it again: nobody is refused, but both sides write the same keys (conflicts), and when the link heals last-writer-wins throws one side\'s writes away (lost writes).',
    expected: { distributed: false, cluster: true, microservices: false, monolith: true },
    document: {
      ...doc(
        'Quorum store under a partition (CP vs AP)',
        hosts('web-east', 'kv-east-1', 'kv-east-2', 'web-west', 'kv-west-1'),
        [
          { ...users, rate: 200 },
          { id: 'web', kind: 'service', name: 'Web', capabilities: ['web'], instances: [{ host: 'h1' }, { host: 'h4' }] },
          {
            id: 'kv',
            kind: 'database',
            name: 'KV store',
            instances: [{ host: 'h2' }, { host: 'h3' }, { host: 'h5' }],
            keys: 200,
            replication: { mode: 'quorum', n: 3, w: 2, r: 2, lagMs: 50, onPartition: 'consistency' },
          },
        ],
        [
          { id: 'e1', from: 'users', to: 'web' },
          { id: 'e2', from: 'web', to: 'kv', writeRatio: 0.5 },
        ],
        [['users'], ['web'], ['kv']],
      ),
      scenarios: [{ id: 'network-split', name: 'Network split', faults: [{ type: 'partition', groups: [['h1', 'h2', 'h3'], ['h4', 'h5']], at: 20, until: 40 }] }],
    },
  };
}

/** Designs that show what state does to a copied or split design (SPEC §8). */
export const STATE_TEMPLATES: readonly Template[] = [localSessions(), bookingLock(), shardedDatabase(), asyncReplicaFailover(), quorumPartition(), checkoutTransaction()];

/** Every template, canonical ones first: what "New from template" and `topo new --list` offer. */
export const ALL_TEMPLATES: readonly Template[] = [...TEMPLATES, ...STATE_TEMPLATES];

export function findTemplate(id: string): Template | undefined {
  return ALL_TEMPLATES.find((t) => t.id === id);
}

/** A fresh copy of a template's document (templates are shared constants). */
export function instantiateTemplate(template: Template): TopologyDocument {
  return structuredClone(template.document);
}

/** The empty document "New" opens. */
export function emptyDocument(name = 'Untitled design'): TopologyDocument {
  return { format: FORMAT_NAME, version: CURRENT_VERSION, name, hosts: [], nodes: [], edges: [] };
}
