/**
 * docker-compose → `.topo`: services become nodes, `depends_on` and `links` become calls (the
 * dependent service calls its dependency), `deploy.replicas`/`scale` become instances, and
 * Swarm placement on a hostname becomes a server. Everything else that cannot be mapped is
 * reported (one line per key, naming the services), never dropped silently.
 *
 * Decisions:
 * - Servers: one default host ("docker-host") carries every service, unless
 *   `deploy.placement.constraints` pins a service with `node.hostname == NAME`, which places it
 *   on a server of that name.
 * - Entry point: when a service publishes ports, a client "Users" is added. It calls the
 *   gateways that publish ports; when no gateway publishes, the application services that do.
 *   Databases, caches and queues that publish ports are taken as admin access, not entry points.
 * - `profiles`: the service is imported (the design shows everything) and the profile reported.
 * - `extends` within the file: fields missing on the service are taken from the base service.
 * - YAML anchors, aliases and `<<` merge keys are resolved by the YAML reader.
 */
import { parseDocument } from 'yaml';
import { CURRENT_VERSION, FORMAT_NAME, validateDocument, type Host, type TopologyDocument, type TopologyEdge, type TopologyNode, type ValidationError } from '../document';
import { layeredPositions } from '../export/layout';
import { LIMITS, formatLimit } from '../document/limits';
import { healthCheckFrom, placementHost, publishesPorts, replicaCount } from './composeMapping';
import { kindFromImage, repositoryPath } from './images';
import { interpolate } from './interpolate';

export type ComposeImport = { document: TopologyDocument; report: string[] } | { errors: ValidationError[] };

export interface ComposeOptions {
  /** The design's name (default: the file's top-level `name`, else `projectFolder`, else "Imported from docker-compose"). */
  readonly name?: string;
  /** The folder the file lies in: Compose names the project after it when the file has no `name`. */
  readonly projectFolder?: string;
  /** Variables of the `.env` beside the file, for `${VAR:-default}` interpolation. */
  readonly env?: ReadonlyMap<string, string>;
}

/** Service keys that carry no topology (how a container starts, its environment): ignored quietly. */
const QUIET_KEYS = new Set([
  'image', 'build', 'depends_on', 'links', 'deploy', 'scale', 'ports', 'profiles', 'extends', 'healthcheck',
  'container_name', 'hostname', 'command', 'entrypoint', 'environment', 'env_file', 'restart', 'labels', 'working_dir',
  'user', 'stdin_open', 'tty', 'expose', 'init', 'stop_signal', 'stop_grace_period', 'platform', 'pull_policy', 'develop',
]);

/** Top-level keys that describe infrastructure the design does not model. */
const TOP_LEVEL_REPORTED = new Set(['networks', 'volumes', 'secrets', 'configs', 'include', 'models']);

const DEFAULT_HOST: Host = { id: 'docker-host', name: 'docker-host' };

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "line 4, column 3" and the first line of the YAML library's message, without its location. */
function yamlError(error: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): ValidationError {
  const where = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '(file)';
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { path: where, message: `invalid YAML: ${message}` };
}

/**
 * The services of a Compose file after `extends` within the file is applied, by name. A Map, not an
 * object: service names are the file's (`__proto__`, `constructor` are valid names). Each service is
 * resolved once (memoized) and without recursion, so a chain of thousands of `extends` costs one pass.
 */
function resolveExtends(services: ReadonlyMap<string, Dict>, report: string[]): { services: Map<string, Dict> } | { errors: ValidationError[] } {
  const resolved = new Map<string, Dict>();
  /** How many `extends` lie below each resolved service. */
  const depth = new Map<string, number>();
  /** The base a service extends within the file, or null (reported once when it cannot be followed). */
  const baseOf = (name: string, service: Dict): string | null => {
    const ext = service.extends;
    if (ext === undefined) return null;
    const spec = typeof ext === 'string' ? { service: ext } : isDict(ext) ? ext : {};
    if (typeof spec.file === 'string') {
      report.push(`${name}: extends ${String(spec.service)} from ${spec.file}: other files are not read; imported without it`);
      return null;
    }
    const base = String(spec.service ?? '');
    if (!services.has(base)) {
      report.push(`${name}: extends ${JSON.stringify(base)}, which is not a service of this file: ignored`);
      return null;
    }
    return base;
  };
  for (const start of services.keys()) {
    if (resolved.has(start)) continue;
    // Walk down the chain to a resolved service or one that extends nothing, then resolve back up.
    const chain: string[] = [];
    const onChain = new Set<string>();
    let name: string | null = start;
    while (name !== null && !resolved.has(name)) {
      if (onChain.has(name)) {
        report.push(`${chain[chain.length - 1]}: extends ${JSON.stringify(name)}, which is a cycle: ignored`);
        break;
      }
      chain.push(name);
      onChain.add(name);
      name = baseOf(name, services.get(name)!);
    }
    let below: Dict | undefined = name !== null ? resolved.get(name) : undefined;
    let level = below !== undefined ? depth.get(name!)! + 1 : 0;
    for (let i = chain.length - 1; i >= 0; i--, level++) {
      if (level > LIMITS.extendsDepth) {
        return { errors: [{ path: `services.${chain[i]}.extends`, message: `ends a chain of more than ${formatLimit(LIMITS.extendsDepth)} extends` }] };
      }
      const service = services.get(chain[i]!)!;
      const merged: Dict = below ? { ...below, ...service } : service;
      resolved.set(chain[i]!, merged);
      depth.set(chain[i]!, level);
      below = merged;
    }
  }
  return { services: resolved };
}

/** Names of the services a service depends on (`depends_on` list or map, `links` with aliases), with `required: false` marked. */
function dependencies(name: string, service: Dict, services: ReadonlyMap<string, Dict>, report: string[]): { target: string; optional: boolean }[] {
  const out: { target: string; optional: boolean }[] = [];
  const seen = new Set<string>();
  const add = (target: string, optional: boolean, via: string) => {
    if (!services.has(target)) {
      report.push(`${name}: ${via} names ${JSON.stringify(target)}, which is not a service of this file: skipped`);
    } else if (target === name) {
      report.push(`${name}: ${via} names itself: skipped`);
    } else if (!seen.has(target)) {
      seen.add(target);
      out.push({ target, optional });
    }
  };
  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) for (const target of dependsOn) add(String(target), false, 'depends_on');
  else if (isDict(dependsOn)) for (const [target, spec] of Object.entries(dependsOn)) add(target, isDict(spec) && spec.required === false, 'depends_on');
  else if (dependsOn !== undefined) report.push(`${name}: depends_on is neither a list nor a map: ignored`);
  if (Array.isArray(service.links)) for (const link of service.links) add(String(link).split(':')[0]!.trim(), false, 'links');
  return out;
}

/** Imports a docker-compose file. Errors (bad YAML, no services) come back as values, with lines. */
export function importCompose(yamlText: string, options: ComposeOptions = {}): ComposeImport {
  if (yamlText.length > LIMITS.fileCharacters) {
    return { errors: [{ path: '(file)', message: `is ${formatLimit(yamlText.length)} characters long, more than the ${formatLimit(LIMITS.fileCharacters)} an import reads` }] };
  }
  if (yamlText.trim() === '') return { errors: [{ path: '(file)', message: 'is empty: expected a docker-compose file with services' }] };
  const parsed = parseDocument(yamlText, { merge: true, prettyErrors: true, uniqueKeys: true });
  if (parsed.errors.length > 0) return { errors: parsed.errors.map((e) => yamlError(e as Parameters<typeof yamlError>[0])) };
  let root: unknown;
  try {
    root = parsed.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    return { errors: [{ path: '(file)', message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (root === null || root === undefined) return { errors: [{ path: '(file)', message: 'is empty: expected a docker-compose file with services' }] };
  if (!isDict(root)) return { errors: [{ path: '(file)', message: 'must be a mapping with a "services" key, not a list or a value' }] };

  const report: string[] = [];
  interpolateTree(root, options.env ?? new Map(), report);
  let rawServices: unknown = root.services;
  if (rawServices === undefined) {
    // Compose file format 1 had the services at the top level.
    const legacy = Object.entries(root).filter(([key, value]) => isDict(value) && ('image' in value || 'build' in value) && !key.startsWith('x-'));
    if (legacy.length === 0) return { errors: [{ path: 'services', message: 'is missing: this file defines no services' }] };
    report.push('no "services" key: read as the legacy format 1 (services at the top level)');
    rawServices = Object.fromEntries(legacy);
  }
  if (!isDict(rawServices)) return { errors: [{ path: 'services', message: 'must be a mapping of service names to services' }] };
  const serviceCount = Object.keys(rawServices).length;
  if (serviceCount === 0) return { errors: [{ path: 'services', message: 'is empty: this file defines no services' }] };
  if (serviceCount > LIMITS.nodes) {
    return { errors: [{ path: 'services', message: `has ${formatLimit(serviceCount)} services, more than the ${formatLimit(LIMITS.nodes)} nodes a design may have` }] };
  }
  const declared = new Map<string, Dict>();
  for (const [name, value] of Object.entries(rawServices)) {
    if (!isDict(value) && value !== null) return { errors: [{ path: `services.${name}`, message: 'must be a mapping' }] };
    declared.set(name, value ?? {});
  }

  for (const key of Object.keys(root)) {
    if (TOP_LEVEL_REPORTED.has(key)) report.push(`top-level ${key}: not imported (the design does not model ${key})`);
    else if (key === 'version') report.push('top-level version: ignored (obsolete in the Compose specification)');
    else if (key !== 'services' && key !== 'name' && !key.startsWith('x-') && root.services !== undefined) report.push(`top-level ${key}: unknown key, not imported`);
  }

  const extended = resolveExtends(declared, report);
  if ('errors' in extended) return extended;
  const services = extended.services;
  const hosts: Host[] = [];
  const hostsByName = new Map<string, Host>();
  const hostOf = (name: string) => {
    let host = hostsByName.get(name);
    if (!host) {
      host = { id: name, name };
      hosts.push(host);
      hostsByName.set(name, host);
    }
    return host.id;
  };
  const unmapped = new Map<string, string[]>();
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const entries: string[] = [];
  const adminPorts: string[] = [];
  const placed: { node: TopologyNode; host: string | null; count: number }[] = [];

  let instanceTotal = 0;
  for (const [name, service] of services) {
    const notes: string[] = [];
    const image = typeof service.image === 'string' ? service.image : undefined;
    const kind = image ? kindFromImage(image) : 'service';
    if (!image) notes.push(service.build !== undefined ? 'built from source (no image): imported as a service' : 'has neither image nor build: imported as a service');
    const deploy = isDict(service.deploy) ? service.deploy : {};
    const count = replicaCount(service, deploy, notes);
    if (count > LIMITS.replicas) {
      const path = `services.${name}.${deploy.replicas !== undefined ? 'deploy.replicas' : 'scale'}`;
      return { errors: [{ path, message: `${formatLimit(count)} replicas is more than the ${formatLimit(LIMITS.replicas)} instances a node may have` }] };
    }
    instanceTotal += count;
    if (instanceTotal > LIMITS.instances) {
      return { errors: [{ path: `services.${name}`, message: `the services so far have ${formatLimit(instanceTotal)} replicas in all, more than the ${formatLimit(LIMITS.instances)} instances a design may have` }] };
    }
    const host = placementHost(deploy, notes);
    if (deploy.mode === 'global') notes.push('deploy.mode global (one task per Swarm node) is imported as the replica count');
    for (const key of Object.keys(deploy)) {
      if (!['replicas', 'placement', 'mode'].includes(key)) notes.push(`deploy.${key} is not imported`);
    }
    const healthCheck = healthCheckFrom(service.healthcheck, notes);
    if (Array.isArray(service.profiles) && service.profiles.length > 0) {
      notes.push(`only starts with profile ${service.profiles.map(String).join(' or ')}: imported anyway`);
    }
    for (const key of Object.keys(service)) {
      if (!QUIET_KEYS.has(key) && !key.startsWith('x-')) unmapped.set(key, [...(unmapped.get(key) ?? []), name]);
    }
    const node: TopologyNode = { id: name, kind, name };
    if (healthCheck) node.healthCheck = healthCheck;
    nodes.push(node);
    placed.push({ node, host, count });
    if (publishesPorts(service.ports)) {
      if (kind === 'database' || kind === 'cache' || kind === 'queue') adminPorts.push(name);
      else entries.push(name);
    }
    for (const note of notes) report.push(`${name}: ${note}`);
    for (const dependency of dependencies(name, service, services, report)) {
      edges.push({ id: `${name}->${dependency.target}`, from: name, to: dependency.target, ...(dependency.optional ? { optional: true } : {}) });
    }
  }

  // Placement: named hosts first (in order of appearance), then the default host when anyone needs it.
  for (const item of placed) if (item.host !== null) hostOf(item.host);
  if (placed.some((item) => item.host === null)) {
    const id = hostsByName.has(DEFAULT_HOST.id) ? `${DEFAULT_HOST.id}-default` : DEFAULT_HOST.id;
    hosts.push({ id, name: DEFAULT_HOST.name });
    for (const item of placed) if (item.host === null) item.host = id;
  }
  for (const item of placed) item.node.instances = Array.from({ length: item.count }, () => ({ host: item.host! }));

  for (const [key, names] of unmapped) report.push(`${key} (${names.join(', ')}): not imported`);
  if (adminPorts.length > 0) report.push(`${adminPorts.join(', ')}: published ports taken as admin access, not as an entry point`);

  assignCodebases(nodes, services, report);

  // Entry points: what publishes a port and nothing in the file calls (a frontend, the gateway);
  // gateways first. Tools with a published port that others call (an API behind the frontend) are not.
  const kindOf = new Map(nodes.map((node) => [node.id, node.kind]));
  const called = new Set(edges.map((edge) => edge.to));
  const uncalled = entries.filter((id) => !called.has(id));
  const candidates = uncalled.length > 0 ? uncalled : entries;
  const gateways = candidates.filter((id) => kindOf.get(id) === 'gateway');
  const callees = gateways.length > 0 ? gateways : candidates;
  if (callees.length > 0) {
    let id = 'users';
    for (let n = 2; nodes.some((node) => node.id === id); n++) id = `users-${n}`;
    nodes.unshift({ id, kind: 'client', name: 'Users' });
    edges.unshift(...callees.map((target) => ({ id: `${id}->${target}`, from: id, to: target })));
    const which = gateways.length > 0 ? 'gateways' : 'services';
    report.push(`added a client "Users" calling ${callees.join(', ')} (the ${which} that publish ports${uncalled.length > 0 ? ' and that nothing else calls' : ''})`);
  }

  const fileName = typeof root.name === 'string' && root.name.trim() !== '' ? root.name : undefined;
  const folder = options.projectFolder !== undefined && options.projectFolder.trim() !== '' ? options.projectFolder : undefined;
  const name = options.name ?? fileName ?? folder ?? 'Imported from docker-compose';
  const draft: TopologyDocument = { format: FORMAT_NAME, version: CURRENT_VERSION, name, hosts, nodes, edges };
  const document: TopologyDocument = { ...draft, view: { positions: layeredPositions(draft) } };
  const checked = validateDocument(document);
  if (!checked.ok) return { errors: checked.errors };
  return { document: checked.document, report };
}

/**
 * Interpolates every string value of the file in place (Compose interpolates values, not keys),
 * without recursion. Problems are reported once each, with the path of their first use.
 */
function interpolateTree(root: Dict, env: ReadonlyMap<string, string>, report: string[]): void {
  const seen = new Set<string>();
  const stack: { container: Dict | unknown[]; path: string }[] = [{ container: root, path: '' }];
  while (stack.length > 0) {
    const { container, path } = stack.pop()!;
    const keys: (string | number)[] = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
    for (const key of keys) {
      const here = Array.isArray(container) ? `${path}[${key}]` : path === '' ? String(key) : `${path}.${String(key)}`;
      const value = (container as Record<string | number, unknown>)[key];
      if (typeof value === 'string') {
        const result = interpolate(value, env);
        if (result.value !== value) (container as Record<string | number, unknown>)[key] = result.value;
        for (const problem of result.problems) {
          if (!seen.has(problem)) report.push(`${here}: ${problem}`);
          seen.add(problem);
        }
      } else if (Array.isArray(value) || isDict(value)) {
        stack.push({ container: value, path: here });
      }
    }
  }
}

/** What a service runs: its image's repository, else its build context (and Dockerfile). */
function codebaseOf(service: Dict): string | undefined {
  if (typeof service.image === 'string' && service.image.trim() !== '') return repositoryPath(service.image);
  const build = service.build;
  const spec = typeof build === 'string' ? { context: build } : isDict(build) ? build : undefined;
  if (!spec) return undefined;
  const context = (typeof spec.context === 'string' ? spec.context : '.').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
  return typeof spec.dockerfile === 'string' ? `${context} (${spec.dockerfile})` : context;
}

/**
 * Services run from one image or one build (web, worker, scheduler roles) share a `codebase`: they
 * stay nodes of their own (they scale apart) and the classifier counts them as one deployable.
 */
function assignCodebases(nodes: TopologyNode[], services: ReadonlyMap<string, Dict>, report: string[]): void {
  const byCodebase = new Map<string, TopologyNode[]>();
  for (const node of nodes) {
    if (node.kind !== 'service') continue;
    const codebase = codebaseOf(services.get(node.id) ?? {});
    if (codebase === undefined) continue;
    const group = byCodebase.get(codebase);
    if (group) group.push(node);
    else byCodebase.set(codebase, [node]);
  }
  for (const [codebase, group] of byCodebase) {
    if (group.length < 2) continue;
    for (const node of group) node.codebase = codebase;
    report.push(`${group.map((n) => n.id).join(', ')}: run one codebase (${codebase}) in ${group.length} roles: codebase "${codebase}"`);
  }
}
