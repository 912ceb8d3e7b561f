/**
 * The node kind of a container image, from a table of well-known images (SPEC §9): official images
 * and the vendors' own (Bitnami, Confluent, Redis, Microsoft, Elastic…), with any registry prefix
 * and tag. Matching is on the whole repository name, never on a prefix alone: `kafka-ui`,
 * `cp-kafka-rest` and `redis-commander` are tools around a broker or cache, so they are services.
 */
import type { NodeKind } from '../document';

/** Repository names (the last path part, lower case) that are this kind whoever publishes them. */
const BY_NAME: Readonly<Record<string, NodeKind>> = Object.assign(Object.create(null) as Record<string, NodeKind>, {
  // databases
  postgres: 'database', postgresql: 'database', postgis: 'database', timescaledb: 'database', 'timescaledb-ha': 'database',
  mysql: 'database', 'mysql-server': 'database', mariadb: 'database', 'percona-server': 'database', percona: 'database',
  mongo: 'database', mongodb: 'database', 'mongodb-community-server': 'database', 'mongodb-enterprise-server': 'database',
  'azure-sql-edge': 'database', mssql: 'database', cassandra: 'database', scylla: 'database', clickhouse: 'database',
  'clickhouse-server': 'database', elasticsearch: 'database', opensearch: 'database', cockroach: 'database',
  cockroachdb: 'database', neo4j: 'database', influxdb: 'database', couchdb: 'database', couchbase: 'database',
  'couchbase-server': 'database', questdb: 'database', yugabyte: 'database', tidb: 'database', surrealdb: 'database',
  arangodb: 'database', 'rethinkdb': 'database', oracle: 'database', 'oracle-free': 'database', db2: 'database', etcd: 'database',
  // caches
  redis: 'cache', 'redis-stack': 'cache', 'redis-stack-server': 'cache', redismod: 'cache', valkey: 'cache', keydb: 'cache',
  memcached: 'cache', dragonfly: 'cache', hazelcast: 'cache', varnish: 'cache',
  // queues and brokers
  kafka: 'queue', 'cp-kafka': 'queue', 'cp-server': 'queue', 'cp-enterprise-kafka': 'queue', rabbitmq: 'queue', nats: 'queue',
  'nats-streaming': 'queue', redpanda: 'queue', pulsar: 'queue', 'pulsar-all': 'queue', activemq: 'queue',
  'activemq-artemis': 'queue', 'activemq-classic': 'queue', artemis: 'queue', 'eclipse-mosquitto': 'queue', emqx: 'queue',
  nsq: 'queue', 'elasticmq-native': 'queue',
  // gateways, proxies and load balancers
  nginx: 'gateway', 'nginx-unprivileged': 'gateway', openresty: 'gateway', traefik: 'gateway', envoy: 'gateway',
  'envoy-distroless': 'gateway', haproxy: 'gateway', kong: 'gateway', 'kong-gateway': 'gateway', caddy: 'gateway',
  apisix: 'gateway', tyk: 'gateway', 'tyk-gateway': 'gateway', krakend: 'gateway', httpd: 'gateway',
});

/**
 * Whole repository paths (without registry) where the name alone would mislead: Microsoft's SQL
 * Server lives at `mssql/server`, Confluent's REST proxy and Connect are services around Kafka.
 */
const BY_PATH: Readonly<Record<string, NodeKind>> = Object.assign(Object.create(null) as Record<string, NodeKind>, {
  'mssql/server': 'database',
  'mssql/rhel/server': 'database',
  'azure-sql-edge/developer': 'database',
  'elasticsearch/elasticsearch': 'database',
  'opensearchproject/opensearch': 'database',
});

/** Names that look like a kind's but are tools around it (admin UIs, exporters, connectors): services. */
const SERVICES: ReadonlySet<string> = new Set([
  'kafka-ui', 'cp-kafka-rest', 'kafka-rest', 'cp-kafka-connect', 'kafka-connect', 'cp-schema-registry', 'cp-ksqldb-server',
  'redis-commander', 'redisinsight', 'redis-exporter', 'redis_exporter', 'postgres-exporter', 'postgres_exporter',
  'pgadmin4', 'phpmyadmin', 'adminer', 'mongo-express', 'kibana', 'opensearch-dashboards', 'kafdrop', 'akhq',
  'nginx-prometheus-exporter', 'mysqld-exporter',
]);

/** A registry host is the first path part when it has a dot or a port, or is `localhost`. */
function isRegistry(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

/**
 * The repository path of an image reference, lower case, without registry, tag or digest:
 * `docker.io/library/postgres:16` → `postgres`, `mcr.microsoft.com/mssql/server:2022` → `mssql/server`.
 */
export function repositoryPath(image: string): string {
  const withoutDigest = image.trim().split('@')[0]!;
  const parts = withoutDigest.split('/');
  if (parts.length > 1 && isRegistry(parts[0]!)) parts.shift();
  if (parts[0] === 'library') parts.shift();
  const last = parts[parts.length - 1]!;
  const colon = last.indexOf(':');
  parts[parts.length - 1] = colon >= 0 ? last.slice(0, colon) : last;
  return parts.join('/').toLowerCase();
}

/** The repository name of an image reference: `docker.io/library/postgres:16` → `postgres`. */
export function imageName(image: string): string {
  const path = repositoryPath(image);
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The node kind an image implies (`bitnami/redis` → cache, `cp-kafka-rest` → service), or `service`. */
export function kindFromImage(image: string): NodeKind {
  const path = repositoryPath(image);
  const byPath = BY_PATH[path];
  if (byPath) return byPath;
  // `mcr.microsoft.com/azure-sql-edge` has no namespace; vendor namespaces (bitnami/, confluentinc/…) keep the name.
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (SERVICES.has(name)) return 'service';
  return BY_NAME[name] ?? 'service';
}
