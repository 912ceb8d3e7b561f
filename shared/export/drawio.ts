/**
 * draw.io export: an uncompressed `.drawio` mxfile that opens editable in draw.io / diagrams.net,
 * with the same layout as the SVG. One cell per host, node and edge:
 *
 * - a host holding nodes that live only on it is a container around them (they are its children,
 *   so moving the host moves them);
 * - a host holding only instances of nodes spread over several hosts is a small container in a
 *   row under the diagram, listing what runs on it;
 * - nodes are coloured by kind (cylinder for databases, hexagon for services), replica groups
 *   show "×N" and a shadow; edges are curved, dashed when asynchronous, with a hollow circle at
 *   the caller when optional.
 */
import { KIND_LABELS, resolveDocument, type TopologyDocument } from '../document';
import { edgeLabel } from './edges';
import { diagramLayout, unionBoxes, type Box } from './layout';
import { hostRegions, soleHost } from './regions';
import { hostColor, KIND_STYLE } from './style';
import { escapeXml, num } from './text';

const ORIGIN = 40;
const SPARE_HOST = { width: 180, height: 64, gap: 24 } as const;

/** Mixes `hex` with white: `amount` 0 keeps the colour, 1 gives white. */
function tint(hex: string, amount: number): string {
  const value = parseInt(hex.slice(1), 16);
  const channel = (shift: number) => {
    const c = (value >> shift) & 0xff;
    return Math.round(c + (255 - c) * amount).toString(16).padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** HTML for a label (draw.io labels with `html=1` are HTML); the caller XML-escapes the result. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const SHAPE: Readonly<Record<TopologyDocument['nodes'][number]['kind'], string>> = {
  client: 'rounded=1;arcSize=50;',
  gateway: 'rounded=1;arcSize=20;',
  loadBalancer: 'rounded=1;arcSize=20;',
  monolith: 'rounded=0;',
  service: 'shape=hexagon;perimeter=hexagonPerimeter2;size=0.06;fixedSize=0;',
  database: 'shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=10;',
  cache: 'rounded=1;arcSize=20;',
  queue: 'shape=process;backgroundOutline=1;size=0.06;',
};

function cell(attributes: Record<string, string>, geometry: string): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => `${key}="${escapeXml(value)}"`)
    .join(' ');
  return `        <mxCell ${attrs}>${geometry}</mxCell>\n`;
}

function geometry(box: Box): string {
  return `<mxGeometry x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" as="geometry"/>`;
}

/** The document as the text of a `.drawio` file. */
export function exportDrawio(doc: TopologyDocument): string {
  const resolved = resolveDocument(doc);
  const layout = diagramLayout(doc);
  const regions = hostRegions(doc, layout);
  const hostNames = new Map(doc.hosts.map((h) => [h.id, h.name.trim() === '' ? h.id : h.name]));

  // One container per host: around all of its own nodes, or a spare one under the diagram.
  const containers = new Map<string, Box>();
  for (const host of doc.hosts) {
    const pieces = regions.filter((r) => r.hostId === host.id);
    if (pieces.length > 0) containers.set(host.id, unionBoxes(pieces.map((p) => p.box)));
  }
  const drawn = unionBoxes([...layout.nodes, ...containers.values()]);
  const spare = doc.hosts.filter((h) => !containers.has(h.id));
  spare.forEach((host, i) => {
    containers.set(host.id, {
      x: drawn.x + i * (SPARE_HOST.width + SPARE_HOST.gap),
      y: drawn.y + drawn.height + 48,
      width: SPARE_HOST.width,
      height: SPARE_HOST.height,
    });
  });
  const everything = unionBoxes([...layout.nodes, ...containers.values()]);
  const shiftX = ORIGIN - everything.x;
  const shiftY = ORIGIN - everything.y;
  const cellId = (prefix: string, id: string) => `${prefix}-${id}`;

  const cells: string[] = [];
  doc.hosts.forEach((host, index) => {
    const box = containers.get(host.id)!;
    const color = hostColor(index, 'light');
    const isSpare = spare.includes(host);
    const running = isSpare
      ? doc.nodes.filter((n) => n.instances?.some((i) => i.host === host.id)).map((n) => n.name.trim() || n.id)
      : [];
    const label = `<b>${html(hostNames.get(host.id)!)}</b>${host.zone ? ` · ${html(host.zone)}` : ''}${running.length > 0 ? `<br><font style="font-size:10px">runs ${html(running.join(', '))}</font>` : ''}`;
    cells.push(
      cell(
        {
          id: cellId('host', host.id),
          value: label,
          style: `rounded=1;arcSize=8;whiteSpace=wrap;html=1;container=1;collapsible=0;recursiveResize=0;verticalAlign=top;align=left;spacingLeft=10;spacingTop=4;fillColor=${color.hue};fillOpacity=10;strokeColor=${color.hue};fontColor=${color.text};`,
          vertex: '1',
          parent: '1',
        },
        geometry({ x: box.x + shiftX, y: box.y + shiftY, width: box.width, height: box.height }),
      ),
    );
  });
  doc.nodes.forEach((node, i) => {
    const box = layout.nodes[i]!;
    const host = soleHost(node);
    const parent = host !== null && containers.has(host) && !spare.some((h) => h.id === host) ? host : null;
    const origin = parent ? containers.get(parent)! : { x: -shiftX, y: -shiftY };
    const instances = resolved.nodes[i]!.instances;
    const hue = KIND_STYLE[node.kind].hue;
    const where =
      node.kind === 'client'
        ? `${resolved.nodes[i]!.rate} req/s`
        : [...new Set(instances.map((x) => (x.host === undefined ? 'unplaced' : (hostNames.get(x.host) ?? x.host))))].join(', ');
    const title = `${html(node.name.trim() || node.id)}${instances.length >= 2 ? ` ×${instances.length}` : ''}`;
    cells.push(
      cell(
        {
          id: cellId('node', node.id),
          value: `<b>${title}</b><br><font style="font-size:10px" color="#475569">${html(KIND_LABELS[node.kind])} · ${html(where)}</font>`,
          style: `${SHAPE[node.kind]}whiteSpace=wrap;html=1;fillColor=${tint(hue, 0.85)};strokeColor=${hue};fontColor=#0f172a;${instances.length >= 2 ? 'shadow=1;strokeWidth=2;' : ''}`,
          vertex: '1',
          parent: parent ? cellId('host', parent) : '1',
        },
        geometry({ x: box.x - origin.x, y: box.y - origin.y, width: box.width, height: box.height }),
      ),
    );
  });
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  doc.edges.forEach((edge, i) => {
    if (!nodeIds.has(edge.from) || !nodeIds.has(edge.to)) return;
    const resolvedEdge = resolved.edges[i]!;
    const style =
      'edgeStyle=orthogonalEdgeStyle;curved=1;rounded=1;html=1;endArrow=block;endFill=1;strokeColor=#64748b;fontSize=10;fontColor=#475569;' +
      (resolvedEdge.async ? 'dashed=1;' : '') +
      (resolvedEdge.optional ? 'startArrow=oval;startFill=0;' : '');
    cells.push(
      cell(
        { id: cellId('edge', edge.id), value: html(edgeLabel(edge).join(', ')), style, edge: '1', parent: '1', source: cellId('node', edge.from), target: cellId('node', edge.to) },
        '<mxGeometry relative="1" as="geometry"/>',
      ),
    );
  });

  const pageWidth = Math.ceil(everything.width + 2 * ORIGIN);
  const pageHeight = Math.ceil(everything.height + 2 * ORIGIN);
  return (
    `<mxfile host="Topology Designer" type="device">\n` +
    `  <diagram id="topology" name="${escapeXml(doc.name.trim() || 'Topology')}">\n` +
    `    <mxGraphModel dx="${pageWidth}" dy="${pageHeight}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="${pageWidth}" pageHeight="${pageHeight}" math="0" shadow="0">\n` +
    `      <root>\n` +
    `        <mxCell id="0"/>\n` +
    `        <mxCell id="1" parent="0"/>\n` +
    cells.join('') +
    `      </root>\n` +
    `    </mxGraphModel>\n` +
    `  </diagram>\n` +
    `</mxfile>\n`
  );
}
