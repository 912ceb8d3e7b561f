import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TEMPLATES } from '../document';
import { exportDrawio } from './drawio';
import { deploymentGeometry } from '../layout';
import { awkwardDocument, makeDocument, makeNode } from './testDocs';

type Cell = Record<string, string | undefined> & { mxGeometry?: Record<string, string> };

function cells(xml: string): Cell[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'mxCell' });
  const file = parser.parse(xml);
  return file.mxfile.diagram.mxGraphModel.root.mxCell as Cell[];
}

const documents = [...TEMPLATES.map((t) => [t.id, t.document] as const), ['awkward', awkwardDocument()] as const];

describe('exportDrawio', () => {
  for (const [id, doc] of documents) {
    it(`${id}: one container per server, one cell per card and route, wired by id, and a legend`, () => {
      const xml = exportDrawio(doc);
      expect(XMLValidator.validate(xml)).toBe(true);
      const all = cells(xml);
      const ids = new Set(all.map((c) => c.id));
      expect(ids.size).toBe(all.length);
      const vertices = all.filter((c) => c.vertex === '1');
      const edges = all.filter((c) => c.edge === '1');
      expect(vertices.filter((c) => c.id!.startsWith('host-'))).toHaveLength(doc.hosts.length);
      const geometry = deploymentGeometry(doc);
      expect(vertices.filter((c) => c.id!.startsWith('node-'))).toHaveLength(geometry.cards.length);
      expect(edges).toHaveLength(geometry.edges.length);
      expect(ids.has('legend')).toBe(true);
      for (const edge of edges) {
        expect(ids.has(edge.source!)).toBe(true);
        expect(ids.has(edge.target!)).toBe(true);
      }
      for (const cell of vertices) {
        expect(ids.has(cell.parent!)).toBe(true);
        expect(Number(cell.mxGeometry!.width)).toBeGreaterThan(0);
      }
    });
  }

  it('puts every instance inside its server container, with relative coordinates, even for clusters', () => {
    const doc = makeDocument({
      hosts: [{ id: 'a', name: 'alpha' }, { id: 'b', name: 'beta' }, { id: 'c', name: 'gamma' }],
      nodes: [makeNode('db', 'database', ['a']), makeNode('api', 'service', ['b', 'c'])],
    });
    const all = cells(exportDrawio(doc));
    expect(all.find((c) => c.id === 'node-db-0')!.parent).toBe('host-a');
    expect(all.find((c) => c.id === 'node-api-0')!.parent).toBe('host-b');
    expect(all.find((c) => c.id === 'node-api-1')!.parent).toBe('host-c');
    for (const [cardId, hostId] of [['node-db-0', 'host-a'], ['node-api-1', 'host-c']] as const) {
      const card = all.find((c) => c.id === cardId)!.mxGeometry!;
      const host = all.find((c) => c.id === hostId)!.mxGeometry!;
      expect(Number(card.x)).toBeGreaterThan(0);
      expect(Number(card.x) + Number(card.width)).toBeLessThan(Number(host.width));
      expect(Number(card.y) + Number(card.height)).toBeLessThan(Number(host.height));
    }
  });

  it('parents a call between two cards of one server to that server', () => {
    const doc = makeDocument({
      hosts: [{ id: 'a', name: 'alpha' }],
      nodes: [makeNode('web', 'service', ['a']), makeNode('db', 'database', ['a'])],
      edges: [{ id: 'e1', from: 'web', to: 'db' }],
    });
    const edge = cells(exportDrawio(doc)).find((c) => c.id === 'edge-e1')!;
    expect(edge.parent).toBe('host-a');
    expect(edge.source).toBe('node-web-0');
    expect(edge.target).toBe('node-db-0');
  });

  it('escapes names as HTML inside XML and styles async and optional calls', () => {
    const xml = exportDrawio(awkwardDocument());
    const all = cells(xml);
    expect(all.find((c) => c.id.startsWith('node-gw'))!.value).toContain('Edge &lt;gateway&gt;');
    expect(all.find((c) => c.id === 'edge-shop->jobs')!.style).toContain('dashed=1');
    expect(all.find((c) => c.id === 'edge-shop->orders')!.style).toContain('startArrow=oval');
    expect(all.find((c) => c.id === 'edge-gw->lb')!.value).toBe('timeout 500 ms, 2 retries');
  });
});
