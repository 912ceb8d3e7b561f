import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TEMPLATES } from '../document';
import { exportDrawio } from './drawio';
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
    it(`${id}: one cell per host, node and edge, wired by id`, () => {
      const xml = exportDrawio(doc);
      expect(XMLValidator.validate(xml)).toBe(true);
      const all = cells(xml);
      const ids = new Set(all.map((c) => c.id));
      expect(ids.size).toBe(all.length);
      const vertices = all.filter((c) => c.vertex === '1');
      const edges = all.filter((c) => c.edge === '1');
      expect(vertices.filter((c) => c.id!.startsWith('host-'))).toHaveLength(doc.hosts.length);
      expect(vertices.filter((c) => c.id!.startsWith('node-'))).toHaveLength(doc.nodes.length);
      expect(edges).toHaveLength(doc.edges.length);
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

  it('nests nodes that live on one host inside its container, with relative coordinates', () => {
    const doc = makeDocument({
      hosts: [{ id: 'a', name: 'alpha' }, { id: 'b', name: 'beta' }, { id: 'c', name: 'gamma' }],
      nodes: [makeNode('db', 'database', ['a']), makeNode('api', 'service', ['b', 'c'])],
      positions: { db: { x: 400, y: 300 }, api: { x: 0, y: 300 } },
    });
    const all = cells(exportDrawio(doc));
    const db = all.find((c) => c.id === 'node-db')!;
    const api = all.find((c) => c.id === 'node-api')!;
    expect(db.parent).toBe('host-a');
    expect(api.parent).toBe('1');
    const host = all.find((c) => c.id === 'host-a')!;
    expect(Number(db.mxGeometry!.x)).toBeGreaterThan(0);
    expect(Number(db.mxGeometry!.x) + Number(db.mxGeometry!.width)).toBeLessThan(Number(host.mxGeometry!.width));
    // Hosts holding only part of a cluster are listed under the diagram with what runs there.
    const beta = all.find((c) => c.id === 'host-b')!;
    expect(beta.value).toContain('runs api');
    expect(Number(beta.mxGeometry!.y)).toBeGreaterThan(Number(host.mxGeometry!.y) + Number(host.mxGeometry!.height));
  });

  it('escapes names as HTML inside XML and styles async and optional calls', () => {
    const xml = exportDrawio(awkwardDocument());
    const all = cells(xml);
    expect(all.find((c) => c.id === 'node-gw')!.value).toContain('Edge &lt;gateway&gt;');
    expect(all.find((c) => c.id === 'edge-shop->jobs')!.style).toContain('dashed=1');
    expect(all.find((c) => c.id === 'edge-shop->orders')!.style).toContain('startArrow=oval');
    expect(all.find((c) => c.id === 'edge-gw->lb')!.value).toBe('timeout 500 ms, 2 retries');
  });
});
