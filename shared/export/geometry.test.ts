/**
 * The rules every exported picture keeps (SPEC §6), over every template, every valid fixture and
 * every imported compose file: the geometry breaks none of them, and the SVG draws exactly the
 * geometry's boxes (one `data-host` box per server, one card element per card).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { parseDocumentText, TEMPLATES, type TopologyDocument } from '../document';
import { importCompose } from '../import';
import { deploymentGeometry, logicalGeometry } from '../layout';
import { geometryProblems } from '../layout/check';
import { exportSvg } from './svg';

const fixtures = join(__dirname, '../../tests/fixtures');

function designs(): [string, TopologyDocument][] {
  const list: [string, TopologyDocument][] = TEMPLATES.map((t) => [`template ${t.id}`, t.document]);
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.topo')).sort()) {
    const parsed = parseDocumentText(readFileSync(join(fixtures, file), 'utf8'));
    if (parsed.ok) list.push([`fixture ${file}`, parsed.document]);
  }
  for (const file of readdirSync(join(fixtures, 'compose')).filter((f) => f.endsWith('.yml')).sort()) {
    const result = importCompose(readFileSync(join(fixtures, 'compose', file), 'utf8'));
    if ('document' in result) list.push([`compose ${file}`, result.document]);
  }
  return list;
}

type Element = Record<string, unknown>;

/** Every element carrying `attribute`, anywhere in the parsed SVG. */
function withAttribute(tree: unknown, attribute: string, found: Element[] = []): Element[] {
  if (Array.isArray(tree)) for (const item of tree) withAttribute(item, attribute, found);
  else if (tree && typeof tree === 'object') {
    const element = tree as Element;
    if (`@${attribute}` in element) found.push(element);
    for (const [key, value] of Object.entries(element)) if (!key.startsWith('@')) withAttribute(value, attribute, found);
  }
  return found;
}

function firstRect(element: Element): { x: number; y: number; width: number; height: number } {
  const rect = element.rect;
  const r = (Array.isArray(rect) ? rect[0] : rect) as Element;
  return { x: Number(r['@x']), y: Number(r['@y']), width: Number(r['@width']), height: Number(r['@height']) };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

describe('every picture keeps the rules', () => {
  const all = designs();

  it('covers the templates, the valid fixtures and the compose imports', () => {
    expect(all.length).toBeGreaterThanOrEqual(TEMPLATES.length + 3 + 5);
  });

  for (const [name, doc] of all) {
    it(`${name}: no split or overlapping server, instances inside, no call through a card, no cut name`, () => {
      expect(geometryProblems(doc, deploymentGeometry(doc))).toEqual([]);
      expect(geometryProblems(doc, deploymentGeometry(doc, { direction: 'DOWN' }))).toEqual([]);
      expect(geometryProblems(doc, logicalGeometry(doc))).toEqual([]);
    });

    it(`${name}: the SVG draws exactly the geometry's servers and cards`, () => {
      const geometry = deploymentGeometry(doc);
      const tree = parser.parse(exportSvg(doc, { embed: false }));
      const hosts = withAttribute(tree, 'data-host');
      expect(hosts.map((h) => h['@data-host'])).toEqual(geometry.servers.map((s) => s.hostId));
      const cards = withAttribute(tree, 'data-node');
      expect(cards).toHaveLength(geometry.cards.length);
      // Same sizes, and the same offsets between boxes (the picture only translates the geometry).
      const origin = geometry.servers[0] ?? geometry.cards[0];
      const drawnOrigin = hosts[0] ? firstRect(hosts[0]) : cards[0] ? firstRect(cards[0]) : null;
      if (!origin || !drawnOrigin) return;
      cards.forEach((card, i) => {
        const box = geometry.cards[i]!;
        const drawn = firstRect(card);
        expect(drawn.width).toBeCloseTo(box.width, 1);
        expect(drawn.height).toBeCloseTo(box.height, 1);
        expect(drawn.x - drawnOrigin.x).toBeCloseTo(box.x - origin.x, 1);
        expect(drawn.y - drawnOrigin.y).toBeCloseTo(box.y - origin.y, 1);
      });
    });
  }
});
