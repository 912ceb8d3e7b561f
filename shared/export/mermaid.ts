/**
 * Mermaid export, for Markdown documents that render diagrams (GitHub, GitLab, Notion, Obsidian).
 *
 * - `flowchart` (default, preferred): the deployment geometry — each server is a subgraph holding
 *   a node per instance card on it (a replica group appears in each of its servers, "×N" in the
 *   label), clients and unplaced nodes outside; one edge per route (calls reach every instance);
 *   one shape and colour per kind; async calls dotted; timeouts, retries and "optional" as labels.
 * - `architecture` (`architecture-beta`): hosts as groups, nodes as services with Mermaid's
 *   built-in icons, edges leaving the side that faces their target in our layout. It says in a
 *   comment that the flowchart is preferred: it cannot place one node on several servers.
 */
import { KIND_LABELS, resolveDocument, type NodeKind, type TopologyDocument } from '../document';
import { edgeLabel } from './edges';
import { diagramLayout } from './layout';
import { deploymentGeometry, type CardBox } from '../layout';
import { soleHost } from './regions';
import { KIND_STYLE } from './style';

export interface MermaidOptions {
  readonly flavour?: 'flowchart' | 'architecture';
}

/** Mermaid identifiers: a prefix, then the id's letters and digits; a counter keeps them unique. */
function identifiers(prefix: string, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    const base = `${prefix}${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    out.set(id, candidate);
  }
  return out;
}

/**
 * Characters a quoted flowchart label must not hold as written: quotes and brackets end the label,
 * `|` ends an edge label, `;` ends a statement, `#` starts an entity, and `%` could form a `%%{…}%%`
 * directive, which Mermaid reads anywhere in the text and which would rewrite the diagram's config.
 */
const FLOW_ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '`': '#96;', '&': '#amp;', '%': '#37;',
  '{': '#123;', '}': '#125;', '[': '#91;', ']': '#93;', '(': '#40;', ')': '#41;', '|': '#124;', ';': '#59;', "'": '#39;',
};

/** Text for a quoted flowchart label: Mermaid's own entity codes for the characters it reads (one pass). */
function flowText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .replace(/[#"<>`&%{}[\]()|;']/g, (char) => FLOW_ENTITIES[char]!);
}

const SHAPES: Readonly<Record<NodeKind, [string, string]>> = {
  client: ['(["', '"])'],
  gateway: ['{{"', '"}}'],
  loadBalancer: ['[/"', '"\\]'],
  monolith: ['["', '"]'],
  service: ['("', '")'],
  database: ['[("', '")]'],
  cache: ['[["', '"]]'],
  queue: ['>"', '"]'],
};

function displayName(name: string, id: string): string {
  return name.trim() === '' ? id : name;
}

function flowchart(doc: TopologyDocument): string {
  const resolved = resolveDocument(doc);
  const nodeIds = identifiers('n_', doc.nodes.map((n) => n.id));
  const hostIds = identifiers('h_', doc.hosts.map((h) => h.id));
  const hostNames = new Map(doc.hosts.map((h) => [h.id, displayName(h.name, h.id)]));
  const lines: string[] = [];
  // A YAML double-quoted title; `%` as the YAML escape \x25 so no `%%{…}%%` directive can form.
  lines.push('---', `title: ${JSON.stringify(doc.name).replace(/%/g, '\\x25')}`, '---', 'flowchart LR');
  for (const kind of Object.keys(KIND_STYLE) as NodeKind[]) {
    if (doc.nodes.some((n) => n.kind === kind)) lines.push(`  classDef ${kind} fill:${KIND_STYLE[kind].hue},stroke:${KIND_STYLE[kind].hue},color:#ffffff`);
  }
  const nodeLine = (index: number, showHosts: boolean) => {
    const node = doc.nodes[index]!;
    const instances = resolved.nodes[index]!.instances;
    let label = displayName(node.name, node.id);
    if (instances.length >= 2) label += ` ×${instances.length}`;
    const details: string[] = [KIND_LABELS[node.kind]];
    if (node.kind === 'client') details.push(`${resolved.nodes[index]!.rate} req/s`);
    if (showHosts && instances.length > 0) {
      const names = [...new Set(instances.map((i) => (i.host === undefined ? 'unplaced' : (hostNames.get(i.host) ?? i.host))))];
      details.push(`on ${names.join(', ')}`);
    }
    const [open, close] = SHAPES[node.kind];
    return `${nodeIds.get(node.id)}${open}${flowText(label)}<br/>${flowText(details.join(' · '))}${close}:::${node.kind}`;
  };
  // The deployment geometry: one subgraph per server holding a node per instance card there.
  const geometry = deploymentGeometry(doc);
  const cardIds = identifiers('n_', geometry.cards.map((c) => c.key));
  const nodeIndex = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const cardLine = (card: CardBox) => nodeLine(nodeIndex.get(card.nodeId)!, card.hostId === null).replace(nodeIds.get(card.nodeId)!, cardIds.get(card.key)!);
  const byHost = new Map<string, CardBox[]>();
  for (const card of geometry.cards) {
    if (card.hostId === null) lines.push(`  ${cardLine(card)}`);
    else byHost.set(card.hostId, [...(byHost.get(card.hostId) ?? []), card]);
  }
  for (const host of doc.hosts) {
    const title = host.zone ? `${displayName(host.name, host.id)} · ${host.zone}` : displayName(host.name, host.id);
    lines.push(`  subgraph ${hostIds.get(host.id)}["${flowText(title)}"]`);
    for (const card of byHost.get(host.id) ?? []) lines.push(`    ${cardLine(card)}`);
    lines.push('  end');
  }
  const edgeIndex = new Map(doc.edges.map((e, i) => [e.id, i]));
  const labelled = new Set<string>();
  for (const route of geometry.edges) {
    const i = edgeIndex.get(route.edgeId)!;
    const edge = doc.edges[i]!;
    // The label once per call, on its first route.
    const label = labelled.has(edge.id) ? [] : edgeLabel(edge);
    labelled.add(edge.id);
    const arrow = resolved.edges[i]!.async ? '-.->' : '-->';
    lines.push(`  ${cardIds.get(route.fromKey)} ${arrow}${label.length > 0 ? `|"${flowText(label.join(', '))}"|` : ''} ${cardIds.get(route.toKey)}`);
  }
  return lines.join('\n') + '\n';
}

/** Mermaid's built-in architecture icons. */
const ARCHITECTURE_ICONS: Readonly<Record<NodeKind, string>> = {
  client: 'internet',
  gateway: 'cloud',
  loadBalancer: 'server',
  monolith: 'server',
  service: 'server',
  database: 'database',
  cache: 'disk',
  queue: 'disk',
};

/** Titles in `[...]`: no brackets, braces, `%`, quotes, pipes, semicolons or line breaks. */
function architectureText(text: string): string {
  // Brackets end the title; `%` could form a `%%{…}%%` directive and braces a config block.
  const cleaned = text.replace(/[\r\n\t]+/g, ' ').replace(/[[{]/g, '(').replace(/[\]}]/g, ')').replace(/%/g, '％').replace(/[";|`]/g, ' ').trim();
  return cleaned === '' ? '-' : cleaned;
}

function architecture(doc: TopologyDocument): string {
  const resolved = resolveDocument(doc);
  const layout = diagramLayout(doc);
  const nodeIds = identifiers('n_', doc.nodes.map((n) => n.id));
  const hostIds = identifiers('h_', doc.hosts.map((h) => h.id));
  const lines: string[] = [
    'architecture-beta',
    '  %% Prefer the flowchart flavour for documents: architecture-beta cannot draw one node on several',
    '  %% servers (replica groups appear once, outside the servers) and routes edges loosely.',
  ];
  const used = new Set(doc.nodes.map((n) => soleHost(n)).filter((h): h is string => h !== null));
  for (const host of doc.hosts) {
    if (used.has(host.id)) lines.push(`  group ${hostIds.get(host.id)}(server)[${architectureText(displayName(host.name, host.id))}]`);
  }
  doc.nodes.forEach((node, i) => {
    const count = resolved.nodes[i]!.instances.length;
    const title = `${displayName(node.name, node.id)}${count >= 2 ? ` ×${count}` : ''}`;
    const host = soleHost(node);
    const group = host !== null && hostIds.has(host) ? ` in ${hostIds.get(host)}` : '';
    lines.push(`  service ${nodeIds.get(node.id)}(${ARCHITECTURE_ICONS[node.kind]})[${architectureText(title)}]${group}`);
  });
  for (const edge of doc.edges) {
    const from = layout.byId.get(edge.from);
    const to = layout.byId.get(edge.to);
    if (!from || !to || from === to) continue;
    const dx = to.x + to.width / 2 - (from.x + from.width / 2);
    const dy = to.y + to.height / 2 - (from.y + from.height / 2);
    const [out, into] = Math.abs(dx) >= Math.abs(dy) ? (dx >= 0 ? ['R', 'L'] : ['L', 'R']) : dy >= 0 ? ['B', 'T'] : ['T', 'B'];
    lines.push(`  ${nodeIds.get(edge.from)}:${out} --> ${into}:${nodeIds.get(edge.to)}`);
  }
  return lines.join('\n') + '\n';
}

/** The document as Mermaid source text. */
export function exportMermaid(doc: TopologyDocument, options: MermaidOptions = {}): string {
  return options.flavour === 'architecture' ? architecture(doc) : flowchart(doc);
}
