/**
 * Kubernetes manifests → `.topo` (SPEC §9): what `kubectl apply -f` and `helm template` take — one
 * or more files, several YAML documents each, `kind: List` included.
 *
 * Decisions (docs/file-format.md repeats them for users):
 * - A node per Service: the workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet) whose pod
 *   labels its selector matches are its instances (`replicas` of each), so three versions of one
 *   service behind one Service are one node with three instances. A workload no Service selects is
 *   a node of its own (a worker). Kinds come from the image of the first container.
 * - Servers: manifests do not name cluster nodes. The scheduler spreads replicas over nodes, so the
 *   import draws a cluster of `k8s-node-1…N` (N = the largest replica count) and puts replica i on
 *   node i. Zones: a topology spread constraint or a node affinity on `topology.kubernetes.io/zone`
 *   gives the nodes zones (the affinity's zone names, else `zone-1…3`).
 * - Entry points: the Services that Ingresses route to and Services of type LoadBalancer or
 *   NodePort; a client "Users" calls them. A workload no Service selects that calls only entry
 *   points is a load generator: it becomes a client instead.
 * - Calls: an environment variable or an argument naming another Service as a host
 *   (`PRODUCT_CATALOG_SERVICE_ADDR=productcatalogservice:3550`, `http://orders:8080`,
 *   `DB_HOST=postgres`, `orders.shop.svc.cluster.local`).
 * - Everything else (ConfigMaps, Secrets, volumes, probes…) is reported per object, never dropped
 *   silently.
 */
import { parseAllDocuments } from 'yaml';
import { CURRENT_VERSION, FORMAT_NAME, validateDocument, type Host, type NodeKind, type TopologyDocument, type TopologyEdge, type TopologyNode, type ValidationError } from '../document';
import { LIMITS, formatLimit } from '../document/limits';
import { layeredPositions } from '../export/layout';
import { kindFromImage } from './images';

export type KubernetesImport = { document: TopologyDocument; report: string[] } | { errors: ValidationError[] };

export interface KubernetesOptions {
  /** The design's name (default: the namespace the objects share, else "Imported from Kubernetes"). */
  readonly name?: string;
}

/** One manifest file's text, with the name used in messages. */
export interface ManifestFile {
  readonly name: string;
  readonly text: string;
}

type Dict = Record<string, unknown>;

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
/** Objects that shape no node or call: named in one report line each kind. */
const QUIET_KINDS = new Set(['Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);
const ZONE_KEYS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);
/** A DaemonSet runs one pod per cluster node; the manifest does not say how many. */
const DAEMONSET_REPLICAS = 3;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const dict = (value: unknown): Dict => (isDict(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** True when a YAML text looks like Kubernetes manifests (some document has `apiVersion` and `kind`). */
export function looksLikeKubernetes(text: string): boolean {
  return /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text);
}

interface KubeObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly body: Dict;
  /** `file: Kind/name`, for messages. */
  readonly where: string;
}

interface Workload {
  readonly object: KubeObject;
  readonly labels: Readonly<Record<string, string>>;
  readonly replicas: number;
  readonly image: string | undefined;
  /** Every string of the containers' env values, args and commands (where calls are named). */
  readonly references: readonly string[];
  readonly zones: readonly string[] | 'spread' | null;
}

/** Reads every document of every file; errors are per file and line. */
function readObjects(files: readonly ManifestFile[], report: string[]): { objects: KubeObject[] } | { errors: ValidationError[] } {
  const objects: KubeObject[] = [];
  for (const file of files) {
    if (file.text.length > LIMITS.fileCharacters) {
      return { errors: [{ path: file.name, message: `is more than the ${formatLimit(LIMITS.fileCharacters)} characters an import reads` }] };
    }
    const documents = parseAllDocuments(file.text, { merge: true, prettyErrors: true });
    const docs = Array.isArray(documents) ? documents : [documents];
    for (const doc of docs) {
      const error = doc.errors[0] as { message: string; linePos?: [{ line: number; col: number }] } | undefined;
      if (error) {
        const at = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '(file)';
        return { errors: [{ path: `${file.name}: ${at}`, message: `invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` }] };
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 10_000 });
      } catch (caught) {
        return { errors: [{ path: file.name, message: `invalid YAML: ${caught instanceof Error ? caught.message : String(caught)}` }] };
      }
      if (value === null || value === undefined) continue;
      const items = isDict(value) && value.kind === 'List' ? list(value.items) : [value];
      for (const item of items) {
        if (!isDict(item) || typeof item.kind !== 'string') {
          report.push(`${file.name}: a document without apiVersion/kind: not imported`);
          continue;
        }
        const metadata = dict(item.metadata);
        const name = str(metadata.name) ?? '';
        objects.push({ kind: item.kind, name, namespace: str(metadata.namespace), body: item, where: `${file.name}: ${item.kind}/${name}` });
        if (objects.length > LIMITS.nodes * 4) {
          return { errors: [{ path: file.name, message: `holds more than ${formatLimit(LIMITS.nodes * 4)} objects` }] };
        }
      }
    }
  }
  return { objects };
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, v] of Object.entries(dict(value))) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  return out;
}

/** The zones a pod template asks for: named by node affinity, spread by a constraint, or null. */
function zonesOf(spec: Dict): readonly string[] | 'spread' | null {
  const required = dict(dict(dict(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  for (const term of list(required.nodeSelectorTerms)) {
    for (const expression of list(dict(term).matchExpressions)) {
      const e = dict(expression);
      if (ZONE_KEYS.has(String(e.key)) && e.operator === 'In') {
        const zones = list(e.values).map(String).filter((z) => z !== '');
        if (zones.length > 0) return zones;
      }
    }
  }
  const selector = stringRecord(spec.nodeSelector);
  for (const key of ZONE_KEYS) if (selector[key] !== undefined) return [selector[key]!];
  for (const constraint of list(spec.topologySpreadConstraints)) if (ZONE_KEYS.has(String(dict(constraint).topologyKey))) return 'spread';
  const anti = dict(dict(spec.affinity).podAntiAffinity);
  for (const term of [...list(anti.requiredDuringSchedulingIgnoredDuringExecution), ...list(anti.preferredDuringSchedulingIgnoredDuringExecution).map((p) => dict(p).podAffinityTerm)]) {
    if (ZONE_KEYS.has(String(dict(term).topologyKey))) return 'spread';
  }
  return null;
}

function workloadOf(object: KubeObject, report: string[]): Workload | { error: ValidationError } {
  const spec = dict(object.body.spec);
  const template = dict(spec.template);
  const labels = stringRecord(dict(template.metadata).labels);
  const podSpec = dict(template.spec);
  let replicas: number;
  if (object.kind === 'DaemonSet') {
    replicas = DAEMONSET_REPLICAS;
    report.push(`${object.where}: a DaemonSet runs one pod per cluster node, which the manifests do not count: imported with ${DAEMONSET_REPLICAS} instances`);
  } else if (spec.replicas === undefined) {
    replicas = 1;
  } else if (typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) && spec.replicas >= 0) {
    replicas = spec.replicas;
  } else {
    report.push(`${object.where}: replicas ${JSON.stringify(spec.replicas)} is not a whole number: taken as 1`);
    replicas = 1;
  }
  if (replicas > LIMITS.replicas) {
    return { error: { path: `${object.where}: spec.replicas`, message: `${formatLimit(replicas)} replicas is more than the ${formatLimit(LIMITS.replicas)} instances a node may have` } };
  }
  if (replicas === 0) {
    report.push(`${object.where}: 0 replicas (scaled down): imported with 1 instance`);
    replicas = 1;
  }
  const containers = list(podSpec.containers).map(dict);
  const references: string[] = [];
  for (const container of containers) {
    for (const env of list(container.env)) {
      const value = dict(env).value;
      if (typeof value === 'string') references.push(value);
    }
    for (const part of [...list(container.args), ...list(container.command)]) if (typeof part === 'string') references.push(part);
  }
  const unmapped = ['volumes', 'initContainers', 'serviceAccountName', 'securityContext'].filter((key) => podSpec[key] !== undefined);
  if (unmapped.length > 0) report.push(`${object.where}: ${unmapped.join(', ')}: not imported`);
  if (containers.length > 1) report.push(`${object.where}: ${containers.length} containers in one pod: the kind is taken from the first (${String(containers[0]!.name ?? 'unnamed')}); sidecars are not drawn`);
  return { object, labels, replicas, image: str(containers[0]?.image), references, zones: zonesOf(podSpec) };
}

/** True when every key of `selector` has that value in `labels` (an empty selector selects nothing). */
function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((key) => labels[key] === selector[key]);
}

/** The Service names a string uses as a host: `orders:8080`, `http://orders/x`, `orders.shop.svc.cluster.local`, `orders`. */
function hostsNamed(text: string, services: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const token of text.split(/[\s,;=]+/)) {
    const withoutScheme = token.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    const withoutUser = withoutScheme.slice(withoutScheme.lastIndexOf('@') + 1);
    const host = withoutUser.split(/[/:?#]/)[0]!.toLowerCase();
    const first = host.split('.')[0]!;
    const candidate = services.has(host) ? host : host.includes('.svc') || /^[a-z0-9-]+\.[a-z0-9-]+$/.test(host) ? first : '';
    if (candidate !== '' && services.has(candidate) && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

/** Imports Kubernetes manifests. Errors (bad YAML, nothing to import) come back as values. */
export function importKubernetes(files: readonly ManifestFile[], options: KubernetesOptions = {}): KubernetesImport {
  const report: string[] = [];
  const read = readObjects(files, report);
  if ('errors' in read) return read;
  const { objects } = read;

  const services = objects.filter((o) => o.kind === 'Service' && o.name !== '');
  const workloads: Workload[] = [];
  const otherKinds = new Map<string, string[]>();
  for (const object of objects) {
    if (WORKLOAD_KINDS.has(object.kind)) {
      const workload = workloadOf(object, report);
      if ('error' in workload) return { errors: [workload.error] };
      workloads.push(workload);
    } else if (object.kind !== 'Service' && object.kind !== 'Ingress') {
      const names = otherKinds.get(object.kind) ?? [];
      names.push(object.name);
      otherKinds.set(object.kind, names);
    }
  }
  if (workloads.length === 0) return { errors: [{ path: '(manifests)', message: 'hold no Deployment, StatefulSet, DaemonSet or ReplicaSet: nothing runs' }] };

  // Nodes: one per Service that selects a workload; unselected workloads on their own.
  const nodeIds = new Set<string>();
  const freshId = (wanted: string) => {
    let id = wanted === '' ? 'workload' : wanted;
    for (let n = 2; nodeIds.has(id); n++) id = `${wanted}-${n}`;
    nodeIds.add(id);
    return id;
  };
  interface Draft { id: string; kind: NodeKind; workloads: Workload[]; service: KubeObject | null }
  const drafts: Draft[] = [];
  const owner = new Map<Workload, Draft>();
  const serviceNode = new Map<string, Draft>();
  for (const service of services) {
    const selector = stringRecord(dict(service.body.spec).selector);
    const selected = workloads.filter((w) => selects(selector, w.labels) && (w.object.namespace ?? '') === (service.namespace ?? ''));
    if (selected.length === 0) {
      report.push(`${service.where}: selects no workload of these manifests (an external or headless service): not imported`);
      continue;
    }
    const already = selected.filter((w) => owner.has(w));
    for (const w of already) report.push(`${service.where}: also selects ${w.object.kind}/${w.object.name}, which ${owner.get(w)!.id} already holds: drawn once`);
    const mine = selected.filter((w) => !owner.has(w));
    if (mine.length === 0) continue;
    const draft: Draft = { id: freshId(service.name), kind: kindFromImage(mine[0]!.image ?? ''), workloads: mine, service };
    for (const w of mine) owner.set(w, draft);
    drafts.push(draft);
    serviceNode.set(service.name.toLowerCase(), draft);
    if (new Set(mine.map((w) => w.image?.split(':')[0])).size > 1 || mine.length > 1) {
      report.push(`${draft.id}: ${mine.length} workloads behind one Service (${mine.map((w) => w.object.name).join(', ')}): one node with all their instances`);
    }
  }
  for (const w of workloads) {
    if (owner.has(w)) continue;
    const draft: Draft = { id: freshId(w.object.name), kind: kindFromImage(w.image ?? ''), workloads: [w], service: null };
    owner.set(w, draft);
    drafts.push(draft);
  }

  // Entry points: Ingress backends, LoadBalancer and NodePort Services.
  const entries = new Set<Draft>();
  for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
    const spec = dict(ingress.body.spec);
    const backends: unknown[] = [dict(spec.defaultBackend).service];
    for (const rule of list(spec.rules)) for (const path of list(dict(dict(rule).http).paths)) backends.push(dict(dict(path).backend).service);
    for (const backend of backends) {
      const name = str(dict(backend).name)?.toLowerCase();
      if (name === undefined) continue;
      const draft = serviceNode.get(name);
      if (draft) entries.add(draft);
      else report.push(`${ingress.where}: routes to ${JSON.stringify(name)}, which no imported Service is: skipped`);
    }
  }
  for (const draft of drafts) {
    const type = str(dict(draft.service?.body.spec).type);
    if (type === 'LoadBalancer' || type === 'NodePort') entries.add(draft);
  }

  // Calls: env values and args naming a Service.
  const serviceNames = new Set(serviceNode.keys());
  const calls = new Map<Draft, Draft[]>();
  for (const draft of drafts) {
    const targets: Draft[] = [];
    for (const w of draft.workloads) {
      for (const reference of w.references) {
        for (const name of hostsNamed(reference, serviceNames)) {
          const target = serviceNode.get(name)!;
          if (target !== draft && !targets.includes(target)) targets.push(target);
        }
      }
    }
    calls.set(draft, targets);
  }

  // A workload no Service selects that calls only entry points is a load generator: a client.
  const clients = new Set<Draft>();
  for (const draft of drafts) {
    const targets = calls.get(draft)!;
    if (draft.service === null && targets.length > 0 && targets.every((t) => entries.has(t))) {
      clients.add(draft);
      report.push(`${draft.id}: calls only entry points and no Service selects it: imported as a client (a load generator)`);
    }
  }

  // Servers: a cluster of nodes as wide as the widest workload; zones where pods ask for them.
  let width = 1;
  let instanceTotal = 0;
  for (const draft of drafts) {
    const count = draft.workloads.reduce((sum, w) => sum + w.replicas, 0);
    instanceTotal += count;
    if (!clients.has(draft)) width = Math.max(width, count);
  }
  if (instanceTotal > LIMITS.instances) {
    return { errors: [{ path: '(manifests)', message: `ask for more than the ${formatLimit(LIMITS.instances)} instances a design may have` }] };
  }
  // Zones the manifests name win; a spread over unnamed zones draws three.
  const named = new Set<string>();
  let spread = false;
  for (const w of workloads) {
    if (Array.isArray(w.zones)) for (const zone of w.zones) named.add(zone);
    else if (w.zones === 'spread') spread = true;
  }
  const zones = named.size > 0 ? [...named] : spread ? ['zone-1', 'zone-2', 'zone-3'] : null;
  if (named.size === 0 && spread) report.push('pods spread over zones that the manifests do not name: the cluster nodes are put in zone-1…zone-3');
  const hosts: Host[] = Array.from({ length: width }, (_, i) => ({
    id: `k8s-node-${i + 1}`,
    name: `k8s-node-${i + 1}`,
    ...(zones ? { zone: zones[i % zones.length]! } : {}),
  }));
  report.push(`the manifests name no cluster nodes: drew ${width} (k8s-node-1…${width}), one replica of each workload per node`);

  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (const draft of drafts) {
    if (clients.has(draft)) {
      nodes.push({ id: draft.id, kind: 'client', name: draft.id });
      continue;
    }
    const count = draft.workloads.reduce((sum, w) => sum + w.replicas, 0);
    nodes.push({ id: draft.id, kind: draft.kind, name: draft.id, instances: Array.from({ length: count }, (_, i) => ({ host: hosts[i % width]!.id })) });
  }
  for (const draft of drafts) {
    for (const target of calls.get(draft)!) edges.push({ id: `${draft.id}->${target.id}`, from: draft.id, to: target.id });
  }
  if (entries.size > 0) {
    let id = 'users';
    for (let n = 2; nodeIds.has(id); n++) id = `users-${n}`;
    nodes.unshift({ id, kind: 'client', name: 'Users' });
    const targets = drafts.filter((d) => entries.has(d));
    edges.unshift(...targets.map((t) => ({ id: `${id}->${t.id}`, from: id, to: t.id })));
    report.push(`added a client "Users" calling ${targets.map((t) => t.id).join(', ')} (Ingress backends and LoadBalancer/NodePort Services)`);
  }
  for (const [kind, names] of otherKinds) {
    if (QUIET_KINDS.has(kind)) continue;
    report.push(`${kind} (${names.join(', ')}): not imported`);
  }

  const namespaces = [...new Set(objects.map((o) => o.namespace).filter((n): n is string => n !== undefined))];
  const name = options.name ?? (namespaces.length === 1 ? namespaces[0]! : 'Imported from Kubernetes');
  const draftDocument: TopologyDocument = { format: FORMAT_NAME, version: CURRENT_VERSION, name, hosts, nodes, edges };
  const document: TopologyDocument = { ...draftDocument, view: { positions: layeredPositions(draftDocument) } };
  const checked = validateDocument(document);
  if (!checked.ok) return { errors: checked.errors };
  return { document: checked.document, report };
}
