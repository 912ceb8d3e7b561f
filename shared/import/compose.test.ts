import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocument, type TopologyDocument } from '../document';
import { classifyDesign } from '../classification';
import { importCompose } from './compose';
import { interpolate, parseEnvFile } from './interpolate';

const fixtures = join(__dirname, '../../tests/fixtures/compose');

function load(file: string): { document: TopologyDocument; report: string[] } {
  const result = importCompose(readFileSync(join(fixtures, file), 'utf8'));
  if ('errors' in result) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result;
}

/** `id kind ×count @host,host` per node, the shape the assertions read best in. */
function summary(doc: TopologyDocument): string[] {
  return doc.nodes.map((n) => {
    if (n.kind === 'client') return `${n.id} client`;
    const hosts = [...new Set(n.instances!.map((i) => i.host))].join(',');
    return `${n.id} ${n.kind} ×${n.instances!.length} @${hosts}`;
  });
}

function edges(doc: TopologyDocument): string[] {
  return doc.edges.map((e) => `${e.from}->${e.to}${e.optional ? ' (optional)' : ''}`);
}

describe('importCompose on real-world style files', () => {
  it('Django + Postgres + Redis + Celery behind nginx (anchors, merge keys, healthchecks)', () => {
    const { document, report } = load('django-celery.yml');
    expect(document.name).toBe('bookshop');
    expect(summary(document)).toEqual([
      'users client',
      'django service ×1 @docker-host',
      'postgres database ×1 @docker-host',
      'redis cache ×1 @docker-host',
      'celeryworker service ×1 @docker-host',
      'celerybeat service ×1 @docker-host',
      'nginx gateway ×1 @docker-host',
    ]);
    expect(edges(document)).toEqual([
      'users->nginx',
      'django->postgres',
      'django->redis',
      'celeryworker->postgres',
      'celeryworker->redis',
      'celerybeat->postgres',
      'celerybeat->redis',
      'nginx->django',
    ]);
    expect(document.nodes.find((n) => n.id === 'django')!.healthCheck).toEqual({ intervalMs: 10_000, failures: 5 });
    expect(document.nodes.find((n) => n.id === 'postgres')!.healthCheck).toEqual({ intervalMs: 5_000, failures: 10 });
    expect(report).toContain('volumes (postgres, redis, nginx): not imported');
    expect(report).toContain('top-level volumes: not imported (the design does not model volumes)');
  });

  it('a microservices shop with Kafka, Envoy, nginx, replicas and optional dependencies', () => {
    const { document, report } = load('microservices-shop.yml');
    expect(summary(document)).toEqual([
      'users-2 client',
      'edge gateway ×1 @docker-host',
      'gateway gateway ×1 @docker-host',
      'users service ×2 @docker-host',
      'catalog service ×3 @docker-host',
      'orders service ×1 @docker-host',
      'payments service ×1 @docker-host',
      'notifications service ×1 @docker-host',
      'users-db database ×1 @docker-host',
      'catalog-db database ×1 @docker-host',
      'orders-db database ×1 @docker-host',
      'payments-db database ×1 @docker-host',
      'sessions cache ×1 @docker-host',
      'zookeeper service ×1 @docker-host',
      'kafka queue ×1 @docker-host',
    ]);
    expect(edges(document)).toContain('orders->payments (optional)');
    expect(edges(document)).toContain('orders->kafka');
    expect(edges(document)).toContain('users-2->edge');
    expect(edges(document)).not.toContain('users-2->payments-db');
    expect(document.nodes.find((n) => n.id === 'orders-db')!.healthCheck).toEqual({ intervalMs: 90_000, failures: 3 });
    expect(report).toEqual(
      expect.arrayContaining([
        'catalog: deploy.resources is not imported',
        'networks (edge, gateway, users, catalog, orders, payments, notifications): not imported',
        'secrets (users-db): not imported',
        'payments-db: published ports taken as admin access, not as an entry point',
      ]),
    );
  });

  it('WordPress + MariaDB with links and aliases', () => {
    const { document, report } = load('wordpress.yml');
    expect(summary(document)).toEqual(['users client', 'db database ×1 @docker-host', 'wordpress service ×1 @docker-host', 'memcached cache ×1 @docker-host']);
    // depends_on and links name the same service: one edge.
    expect(edges(document)).toEqual(['users->wordpress', 'wordpress->db']);
    expect(report).toContain('top-level version: ignored (obsolete in the Compose specification)');
  });

  it('a Swarm stack: replicas, hostname placement as servers, label constraints reported', () => {
    const { document, report } = load('swarm-stack.yml');
    expect(document.hosts.map((h) => h.name)).toEqual(['edge-1', 'mq-1', 'db-1', 'docker-host']);
    expect(summary(document)).toEqual([
      'users client',
      'traefik gateway ×1 @edge-1',
      'web service ×3 @docker-host',
      'api service ×4 @docker-host',
      'worker service ×2 @docker-host',
      'rabbitmq queue ×1 @mq-1',
      'db database ×1 @db-1',
    ]);
    expect(report).toEqual(
      expect.arrayContaining([
        'traefik: placement constraint "node.role == manager" does not name a server: not imported',
        'worker: placement constraint "node.labels.tier == batch" does not name a server: placed on the default host',
        'web: deploy.update_config is not imported',
      ]),
    );
  });

  it('profiles, anchors and extends; unknown link targets reported', () => {
    const { document, report } = load('profiles-anchors.yml');
    expect(summary(document)).toEqual([
      'users client',
      'base-app service ×1 @docker-host',
      'api service ×1 @docker-host',
      'worker service ×3 @docker-host',
      'cache cache ×1 @docker-host',
      'broker queue ×1 @docker-host',
      'search database ×1 @docker-host',
      'adminer service ×1 @docker-host',
      'mailpit service ×1 @docker-host',
    ]);
    expect(edges(document)).toEqual(['users->api', 'users->adminer', 'api->cache', 'api->search', 'worker->cache', 'worker->broker', 'adminer->cache']);
    expect(report).toEqual(
      expect.arrayContaining([
        'adminer: only starts with profile tools: imported anyway',
        'mailpit: only starts with profile tools or debug: imported anyway',
        'mailpit: built from source (no image): imported as a service',
        'adminer: links names "metrics-sidecar", which is not a service of this file: skipped',
        'ulimits (search): not imported',
      ]),
    );
  });

  it('every fixture gives a valid document with a position for every node', () => {
    for (const file of ['django-celery.yml', 'microservices-shop.yml', 'wordpress.yml', 'swarm-stack.yml', 'profiles-anchors.yml']) {
      const { document } = load(file);
      expect(validateDocument(document).ok).toBe(true);
      for (const node of document.nodes) expect(document.view!.positions![node.id]).toBeDefined();
    }
  });
});

describe('importCompose errors and edge cases', () => {
  const errors = (text: string) => {
    const result = importCompose(text);
    return 'errors' in result ? result.errors : [];
  };

  it('reports malformed YAML with its line', () => {
    const [error] = errors('services:\n  web:\n    image: nginx\n   db: [\n');
    expect(error!.path).toMatch(/^line 4, column \d+$/);
    expect(error!.message).toMatch(/^invalid YAML: /);
    expect(error!.message).not.toContain('\n');
    expect(errors('services:\n  a: {image: x}\n  a: {image: y}\n')[0]!.path).toBe('line 3, column 3');
  });

  it('refuses an empty file, a file without services and a list', () => {
    expect(errors('')[0]!.message).toMatch(/is empty/);
    expect(errors('   \n# only a comment\n')[0]!.message).toMatch(/is empty/);
    expect(errors('volumes:\n  data: {}\n')[0]).toEqual({ path: 'services', message: 'is missing: this file defines no services' });
    expect(errors('services: {}\n')[0]!.message).toMatch(/defines no services/);
    expect(errors('- a\n- b\n')[0]!.message).toMatch(/must be a mapping/);
  });

  it('reads the legacy format 1 (services at the top level)', () => {
    const result = importCompose('web:\n  image: nginx\n  links: [app]\n  ports: ["80:80"]\napp:\n  build: .\n');
    expect('document' in result && edges(result.document)).toEqual(['users->web', 'web->app']);
    expect('report' in result && result.report[0]).toMatch(/legacy format 1/);
  });

  it('names the design from the option, else the file, else a default', () => {
    const text = 'name: from-file\nservices:\n  a:\n    image: x\n';
    expect('document' in importCompose(text, { name: 'Chosen' }) && (importCompose(text, { name: 'Chosen' }) as { document: TopologyDocument }).document.name).toBe('Chosen');
    expect((importCompose(text) as { document: TopologyDocument }).document.name).toBe('from-file');
    expect((importCompose('services:\n  a:\n    image: x\n') as { document: TopologyDocument }).document.name).toBe('Imported from docker-compose');
  });

  it('reports zero replicas, self-dependencies and extends cycles instead of failing', () => {
    const result = importCompose('services:\n  a:\n    image: x\n    deploy: {replicas: 0}\n    depends_on: [a]\n  b:\n    extends: c\n  c:\n    extends: b\n');
    if (!('report' in result)) throw new Error('expected a document');
    expect(result.document.nodes.find((n) => n.id === 'a')!.instances).toHaveLength(1);
    expect(result.document.edges).toEqual([]);
    expect(result.report).toEqual(
      expect.arrayContaining(['a: has 0 replicas (not started by default): imported with 1 instance', 'a: depends_on names itself: skipped']),
    );
    expect(result.report.some((line) => /extends .*a cycle/.test(line))).toBe(true);
  });

  it('survives a billion-laughs alias bomb with an error, not a hang', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    bomb.push('services:\n  s:\n    image: x\n    labels: *i');
    expect(errors(bomb.join('\n'))[0]!.message).toMatch(/invalid YAML/);
  });
});

describe('importCompose on hostile and extreme files', () => {
  const result = (text: string) => importCompose(text);
  const errors = (text: string) => {
    const r = result(text);
    return 'errors' in r ? r.errors : [];
  };

  it('refuses replica counts past the limit with the path, before allocating anything', () => {
    expect(errors('services:\n  a:\n    image: x\n    deploy: {replicas: 1e10}\n')).toEqual([
      { path: 'services.a.deploy.replicas', message: '10,000,000,000 replicas is more than the 10,000 instances a node may have' },
    ]);
    expect(errors('services:\n  a:\n    image: x\n    scale: 100000000\n')[0]!.path).toBe('services.a.scale');
    const many = ['services:'];
    for (let i = 0; i < 11; i++) many.push(`  s${i}:\n    image: x\n    deploy: {replicas: 10000}`);
    expect(errors(many.join('\n'))[0]).toMatchObject({ path: 'services.s10', message: expect.stringMatching(/110,000 replicas in all, more than the 100,000/) });
  });

  it('refuses more services than a design may have nodes', () => {
    const lines = ['services:'];
    for (let i = 0; i <= 20_000; i++) lines.push(`  s${i}: {image: x}`);
    expect(errors(lines.join('\n'))[0]).toEqual({ path: 'services', message: 'has 20,001 services, more than the 20,000 nodes a design may have' });
    // Reading 20,001 services takes seconds on a busy two-core machine: a bound, not a speed target.
  }, 120_000);

  it('resolves a long extends chain once per service, and refuses one past the depth limit', () => {
    const chain = (length: number) => {
      const lines = ['services:', '  s0:\n    image: postgres:16'];
      for (let i = 1; i < length; i++) lines.push(`  s${i}:\n    extends: s${i - 1}`);
      return lines.join('\n');
    };
    const ok = result(chain(1000));
    if (!('document' in ok)) throw new Error(JSON.stringify(ok.errors));
    expect(ok.document.nodes.filter((n) => n.kind === 'database')).toHaveLength(1000);
    expect(errors(chain(3000))[0]).toEqual({ path: 'services.s1001.extends', message: 'ends a chain of more than 1,000 extends' });
  });

  it('takes __proto__, constructor and toString as the service names they are', () => {
    const r = result('services:\n  __proto__:\n    image: redis\n  constructor:\n    image: x\n    depends_on: [__proto__, toString]\n    extends: hasOwnProperty\n');
    if (!('document' in r)) throw new Error(JSON.stringify(r.errors));
    expect(r.document.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual(['__proto__:cache', 'constructor:service']);
    expect(edges(r.document)).toEqual(['constructor->__proto__']);
    expect(r.report).toEqual(
      expect.arrayContaining([
        'constructor: depends_on names "toString", which is not a service of this file: skipped',
        'constructor: extends "hasOwnProperty", which is not a service of this file: ignored',
      ]),
    );
  });
});

describe('importCompose: kinds from well-known images, .env, codebases, entry points, names', () => {
  const dir = join(fixtures, 'vendor-stack');
  const text = readFileSync(join(dir, 'docker-compose.yml'), 'utf8');
  const env = parseEnvFile(readFileSync(join(dir, '.env'), 'utf8'));
  const imported = () => {
    const result = importCompose(text, { env, projectFolder: 'vendor-stack' });
    if ('errors' in result) throw new Error(JSON.stringify(result.errors));
    return result;
  };
  const kinds = (doc: TopologyDocument) => Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]));

  it('chooses kinds from the image table, with registry prefixes, vendor namespaces, tags and .env variables', () => {
    expect(kinds(imported().document)).toMatchObject({
      proxy: 'gateway', web: 'service', db: 'database', 'legacy-db': 'database', sqlserver: 'database', cache: 'cache',
      'cache-ui': 'service', broker: 'queue', 'rest-proxy': 'service', connect: 'service', 'kafka-ui': 'service',
      search: 'database', analytics: 'database', pg: 'database',
    });
  });

  it('gives services of one image the same codebase, so web, worker and scheduler are one deployable', () => {
    const { document, report } = imported();
    const codebases = Object.fromEntries(document.nodes.filter((n) => n.codebase).map((n) => [n.id, n.codebase]));
    expect(codebases).toEqual({ web: 'acme/shop', worker: 'acme/shop', scheduler: 'acme/shop' });
    expect(report).toContain('web, worker, scheduler: run one codebase (acme/shop) in 3 roles: codebase "acme/shop"');
    const django = load('django-celery.yml').document;
    expect(django.nodes.filter((n) => n.codebase === 'bookshop_production_django').map((n) => n.id)).toEqual(['django', 'celeryworker', 'celerybeat']);
    const classification = classifyDesign(django);
    expect(classification.microservices).toBe(false);
    expect(classification.monolith).toBe(true);
  });

  it('lets the client call only the entry points: what publishes a port and nothing else calls, gateways first', () => {
    const { document } = imported();
    expect(edges(document).filter((e) => e.startsWith('users->'))).toEqual(['users->proxy']);
    const noGateway = importCompose('services:\n  front:\n    image: acme/front\n    ports: ["80:80"]\n    depends_on: [api]\n  api:\n    image: acme/api\n    ports: ["8080:8080"]\n  tool:\n    image: acme/tool\n    ports: ["9000:9000"]\n');
    if ('errors' in noGateway) throw new Error('expected a document');
    expect(edges(noGateway.document).filter((e) => e.startsWith('users->'))).toEqual(['users->front', 'users->tool']);
  });

  it('names the design after the file’s name, else the project folder, else a default', () => {
    expect(imported().document.name).toBe('vendor-stack');
    const named = importCompose('name: shop\nservices:\n  a:\n    image: x\n', { projectFolder: 'folder' });
    expect('document' in named && named.document.name).toBe('shop');
  });

  it('reports variables it cannot resolve, with their path', () => {
    const result = importCompose('services:\n  a:\n    image: ${MISSING}\n  b:\n    image: ${NEEDED:?set it}\n');
    if ('errors' in result) throw new Error('expected a document');
    expect(result.report).toEqual(
      expect.arrayContaining([
        'services.a.image: variable MISSING is not set (no .env entry): substituted an empty string',
        'services.b.image: variable NEEDED is required: set it: substituted an empty string',
      ]),
    );
  });
});

describe('interpolate', () => {
  const env = new Map([['A', 'x'], ['EMPTY', '']]);
  it.each([
    ['${A}', 'x'], ['$A-y', 'x-y'], ['$$A', '$A'], ['${EMPTY:-d}', 'd'], ['${EMPTY-d}', ''], ['${UNSET-d}', 'd'],
    ['${A:+alt}', 'alt'], ['${UNSET:+alt}', ''], ['${UNSET:-${A:-z}}', 'x'], ['no variables', 'no variables'], ['price $5', 'price $5'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, env).value).toBe(expected);
  });

  it('refuses nesting past its depth and unclosed braces, taking them as written', () => {
    const deep = '${A:-'.repeat(40) + 'x' + '}'.repeat(40);
    expect(interpolate(deep, new Map()).problems.some((p) => /nested more than/.test(p))).toBe(true);
    expect(interpolate('${A', env)).toEqual({ value: '${A', problems: ['"${A": unclosed ${: taken as written'] });
  });

  it('reads .env files: comments, export, quotes, trailing comments', () => {
    expect([...parseEnvFile('# c\nexport A="q v"\nB=plain # note\nC=\'s\'\nbad line\n=x\n')]).toEqual([['A', 'q v'], ['B', 'plain'], ['C', 's']]);
  });
});
