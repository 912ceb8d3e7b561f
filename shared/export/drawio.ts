/**
 * draw.io export: an uncompressed `.drawio` mxfile that opens editable in draw.io / diagrams.net,
 * with the same geometry as the SVG and the canvas:
 *
 * - every server is one container holding its instance cards as children (moving the server
 *   moves them), zones and regions are dashed boxes around their servers;
 * - cards are coloured by kind (cylinder for databases, hexagon for services), instances of a
 *   replica group show "×N"; clients and unplaced nodes are free cards;
 * - each route is an orthogonal edge with the router's waypoints, dashed when asynchronous, with a
 *   hollow circle at the caller when optional; a call inside one server is parented to it;
 * - a legend under the diagram.
 */
import { KIND_LABELS, resolveDocument, type TopologyDocument } from '../document';
import { edgeLabel } from './edges';
import { deploymentGeometry, type Box, type CardBox } from '../layout';
import { unionOf } from '../layout/spatial';
import { hostColor, KIND_STYLE } from './style';
import { escapeXml, num } from './text';

const ORIGIN = 40;
const LEGEND = { width: 300, height: 120 } as const;

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

/** The document as the text of a `.drawio` file, drawn from the deployment geometry. */
export function exportDrawio(doc: TopologyDocument): string {
  const resolved = resolveDocument(doc);
  const layout = deploymentGeometry(doc);
  const nodeIndex = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const legendTop = layout.bounds.y + layout.bounds.height + 40;
  const everything = unionOf([layout.bounds, { x: layout.bounds.x, y: legendTop, width: LEGEND.width, height: LEGEND.height }]);
  const shiftX = ORIGIN - everything.x;
  const shiftY = ORIGIN - everything.y;
  const cells: string[] = [];
  layout.domains.forEach((domain, i) => {
    cells.push(
      cell(
        {
          id: `${domain.kind}-${i}`,
          value: `${domain.kind === 'zone' ? 'Zone' : 'Region'} ${html(domain.name)}`,
          style: 'rounded=1;arcSize=6;whiteSpace=wrap;html=1;fillColor=none;dashed=1;verticalAlign=top;align=left;spacingLeft=10;strokeColor=#64748b;fontColor=#475569;fontStyle=1;',
          vertex: '1',
          parent: '1',
        },
        geometry({ x: domain.x + shiftX, y: domain.y + shiftY, width: domain.width, height: domain.height }),
      ),
    );
  });
  const servers = new Map(layout.servers.map((s) => [s.hostId, s]));
  for (const server of layout.servers) {
    const color = hostColor(server.index, 'light');
    const host = doc.hosts[server.index]!;
    cells.push(
      cell(
        {
          id: `host-${server.hostId}`,
          value: `<b>${html(server.name)}</b>${host.zone ? ` · ${html(host.zone)}` : ''}`,
          style: `rounded=1;arcSize=6;whiteSpace=wrap;html=1;container=1;collapsible=0;recursiveResize=0;verticalAlign=top;align=left;spacingLeft=10;spacingTop=4;fillColor=${color.hue};fillOpacity=10;strokeColor=${color.hue};fontColor=${color.text};`,
          vertex: '1',
          parent: '1',
        },
        geometry({ x: server.x + shiftX, y: server.y + shiftY, width: server.width, height: server.height }),
      ),
    );
  }
  const cardCell = (card: CardBox) => (card.instance === null ? `node-${card.nodeId}` : `node-${card.nodeId}-${card.instance}`);
  const cardByKey = new Map(layout.cards.map((c) => [c.key, c]));
  for (const card of layout.cards) {
    const i = nodeIndex.get(card.nodeId)!;
    const node = doc.nodes[i]!;
    const hue = KIND_STYLE[node.kind].hue;
    const server = card.hostId === null ? undefined : servers.get(card.hostId);
    const where = node.kind === 'client' ? `${resolved.nodes[i]!.rate} req/s` : server ? '' : 'unplaced';
    const count = card.replicas >= 2 ? ` ×${card.replicas}` : '';
    const more = card.collapsed > 0 ? ` (+${card.collapsed - 1})` : '';
    cells.push(
      cell(
        {
          id: cardCell(card),
          value: `<b>${html(card.nameLines.join(' '))}${count}${more}</b><br><font style="font-size:10px" color="#475569">${html(KIND_LABELS[node.kind])}${where ? ` · ${html(where)}` : ''}</font>`,
          style: `${SHAPE[node.kind]}whiteSpace=wrap;html=1;fillColor=${tint(hue, 0.85)};strokeColor=${hue};fontColor=#0f172a;${card.replicas >= 2 ? 'strokeWidth=2;' : ''}`,
          vertex: '1',
          parent: server ? `host-${server.hostId}` : '1',
        },
        server
          ? geometry({ x: card.x - server.x, y: card.y - server.y, width: card.width, height: card.height })
          : geometry({ x: card.x + shiftX, y: card.y + shiftY, width: card.width, height: card.height }),
      ),
    );
  }
  const seen = new Map<string, number>();
  const edgeById = new Map(doc.edges.map((e, i) => [e.id, i]));
  for (const route of layout.edges) {
    const i = edgeById.get(route.edgeId)!;
    const edge = doc.edges[i]!;
    const resolvedEdge = resolved.edges[i]!;
    const k = seen.get(route.edgeId) ?? 0;
    seen.set(route.edgeId, k + 1);
    const from = cardByKey.get(route.fromKey)!;
    const to = cardByKey.get(route.toKey)!;
    // A call between two cards of one server belongs to that server's container.
    const common = from.hostId !== null && from.hostId === to.hostId ? servers.get(from.hostId)! : null;
    const origin = common ? { x: common.x, y: common.y } : { x: -shiftX, y: -shiftY };
    const waypoints = route.points.slice(1, -1).map((p) => `<mxPoint x="${num(p.x - origin.x)}" y="${num(p.y - origin.y)}"/>`).join('');
    const style =
      'edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow=block;endFill=1;strokeColor=#64748b;fontSize=10;fontColor=#475569;' +
      (resolvedEdge.async ? 'dashed=1;' : '') +
      (resolvedEdge.optional ? 'startArrow=oval;startFill=0;' : '');
    cells.push(
      cell(
        { id: k === 0 ? `edge-${edge.id}` : `edge-${edge.id}-${k}`, value: k === 0 ? html(edgeLabel(edge).join(', ')) : '', style, edge: '1', parent: common ? `host-${common.hostId}` : '1', source: cardCell(from), target: cardCell(to) },
        `<mxGeometry relative="1" as="geometry">${waypoints ? `<Array as="points">${waypoints}</Array>` : ''}</mxGeometry>`,
      ),
    );
  }
  const kinds = [...new Set(doc.nodes.map((n) => n.kind))];
  const legendLines = [
    '<b>Legend</b>',
    ...kinds.map((kind) => `<font color="${KIND_STYLE[kind].hue}">■</font> ${html(KIND_LABELS[kind])}`),
    'tinted box: a server, holding its instances',
    '×N: one node with N instances (a replica group)',
    'dashed line: asynchronous call',
  ];
  cells.push(
    cell(
      { id: 'legend', value: legendLines.join('<br>'), style: 'text;html=1;align=left;verticalAlign=top;whiteSpace=wrap;strokeColor=#cbd5e1;fillColor=#ffffff;spacing=8;fontSize=11;', vertex: '1', parent: '1' },
      geometry({ x: layout.bounds.x + shiftX, y: legendTop + shiftY, width: LEGEND.width, height: Math.max(LEGEND.height, 20 + 16 * legendLines.length) }),
    ),
  );

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
