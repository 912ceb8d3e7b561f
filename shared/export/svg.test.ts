import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseDocumentText, serializeDocument, TEMPLATES, validateDocument } from '../document';
import type { Classification } from '../classification/types';
import { exportSvg } from './svg';
import { extractDocumentFromSvg } from './embed';
import { deploymentGeometry } from '../layout';
import { unescapeXml } from './text';
import { awkwardDocument, makeDocument, makeEdge, makeNode } from './testDocs';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: false });

/** Every text node and attribute value of the parsed SVG, entities decoded. */
function allText(svg: string): string {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') out.push(unescapeXml(String(value)));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(parser.parse(svg));
  return out.join('\n');
}

const documents = [...TEMPLATES.map((t) => [t.id, t.document] as const), ['awkward', awkwardDocument()] as const];

describe('exportSvg', () => {
  for (const [id, doc] of documents) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${id} (${theme}) is well-formed XML without foreignObject, names every node and embeds the document`, () => {
        const svg = exportSvg(doc, { theme });
        expect(XMLValidator.validate(svg)).toBe(true);
        expect(svg).not.toMatch(/foreignObject/i);
        expect(svg).not.toMatch(/<script|<style|url\(http/i);
        const text = allText(svg);
        for (const node of doc.nodes) expect(text).toContain(node.name.replaceAll('\u0001', ''));
        const embedded = extractDocumentFromSvg(svg);
        expect(embedded).toBe(serializeDocument(doc));
        const source = validateDocument(doc);
        expect(source.ok).toBe(true);
        const reopened = parseDocumentText(embedded!);
        expect(reopened.ok && reopened.document).toEqual(source.ok && source.document);
      });
    }
  }

  it('sizes the picture to its content and sets width, height and viewBox alike', () => {
    const svg = exportSvg(TEMPLATES[5]!.document);
    const root = parser.parse(svg).svg as Record<string, string>;
    const [, , width, height] = root['@viewBox']!.split(' ').map(Number);
    expect(Number(root['@width'])).toBe(width);
    expect(Number(root['@height'])).toBe(height);
    const bounds = deploymentGeometry(TEMPLATES[5]!.document).bounds;
    expect(width).toBeGreaterThan(bounds.width);
    expect(height).toBeGreaterThan(bounds.height);
  });

  it('uses the theme background', () => {
    expect(exportSvg(TEMPLATES[0]!.document, { theme: 'light' })).toContain('fill="#ffffff"/>');
    expect(exportSvg(TEMPLATES[0]!.document, { theme: 'dark' })).toMatch(/<rect width="\d+" height="\d+" fill="#0f172a"\/>/);
  });

  it('leaves the document out when embed is false', () => {
    const svg = exportSvg(TEMPLATES[0]!.document, { embed: false });
    expect(svg).not.toContain('<metadata>');
    expect(extractDocumentFromSvg(svg)).toBeNull();
  });

  it('shows the classification summary as the subtitle', () => {
    const classification: Classification = {
      summary: 'Microservices · Distributed · Cluster',
      labels: ['microservices', 'distributed', 'cluster'],
      distributed: true,
      cluster: true,
      microservices: true,
      monolith: false,
      evidence: [],
      findings: [],
    };
    expect(allText(exportSvg(TEMPLATES[5]!.document, { classification }))).toContain('Microservices · Distributed · Cluster');
  });

  it('draws a replica group as one card per instance, each in its server, with the group count', () => {
    const doc = makeDocument({
      hosts: [{ id: 'a', name: 'alpha' }, { id: 'b', name: 'beta' }, { id: 'c', name: 'gamma' }],
      nodes: [makeNode('api', 'service', ['a', 'b', 'c'], { name: 'API' }), makeNode('solo', 'service', ['a'], { name: 'Solo' })],
    });
    const lines = exportSvg(doc).split('\n');
    const api = lines.filter((l) => l.startsWith('<g data-node="api"'));
    expect(api.map((l) => /data-instance="(\d+)"/.exec(l)![1])).toEqual(['0', '1', '2']);
    expect(api.map((l) => /<title>API on (\w+)/.exec(l)![1])).toEqual(['alpha', 'beta', 'gamma']);
    for (const line of api) expect(line).toContain('>×3</text>');
    const solo = lines.filter((l) => l.startsWith('<g data-node="solo"'));
    expect(solo).toHaveLength(1);
    expect(solo[0]).not.toContain('×');
  });

  it('draws every server as exactly one box, clusters included', () => {
    const doc = makeDocument({
      hosts: [{ id: 'a', name: 'alpha' }, { id: 'b', name: 'beta' }],
      nodes: [makeNode('api', 'service', ['a', 'b']), makeNode('db', 'database', ['b'])],
      edges: [makeEdge('api', 'db')],
    });
    const svg = exportSvg(doc);
    expect(svg.split('<g data-host="a">')).toHaveLength(2);
    expect(svg.split('<g data-host="b">')).toHaveLength(2);
  });

  it('dashes asynchronous calls, marks optional ones and labels timeouts and retries', () => {
    const svg = exportSvg(awkwardDocument());
    const edge = (id: string) => svg.split('\n').find((l) => l.startsWith(`<g data-edge="${id}"`))!;
    expect(edge('shop-&gt;jobs')).toContain('stroke-dasharray');
    expect(edge('gw-&gt;lb')).not.toContain('stroke-dasharray');
    expect(edge('shop-&gt;orders')).toContain('marker-start="url(#td-optional)"');
    const text = allText(svg);
    expect(text).toContain('timeout 500 ms');
    expect(text).toContain('2 retries');
    expect(text).toContain('timeout 1.5 s');
    expect(text).toContain('circuit breaker');
  });

  it('is deterministic', () => {
    expect(exportSvg(awkwardDocument(), { theme: 'dark' })).toBe(exportSvg(awkwardDocument(), { theme: 'dark' }));
  });

  it('draws an empty design with a note instead of failing', () => {
    const svg = exportSvg(makeDocument({ nodes: [] }));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('no nodes yet');
  });
});
