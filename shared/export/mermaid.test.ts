// @vitest-environment jsdom
// Mermaid's parser needs a DOM (DOMPurify); jsdom provides it in Node.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Mermaid } from 'mermaid';
import { TEMPLATES } from '../document';
import { exportMermaid } from './mermaid';
import { awkwardDocument, makeDocument, makeEdge, makeNode } from './testDocs';

let mermaid: Mermaid;
beforeAll(async () => {
  mermaid = (await import('mermaid')).default;
});

const documents = [...TEMPLATES.map((t) => [t.id, t.document] as const), ['awkward', awkwardDocument()] as const];

describe('exportMermaid', () => {
  for (const [id, doc] of documents) {
    it(`${id}: both flavours parse with Mermaid's own parser`, async () => {
      await expect(mermaid.parse(exportMermaid(doc))).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
      await expect(mermaid.parse(exportMermaid(doc, { flavour: 'architecture' }))).resolves.toMatchObject({ diagramType: 'architecture' });
    });
  }

  it('a broken diagram does not parse (the check above can fail)', async () => {
    await expect(mermaid.parse('flowchart LR\n  a["x"] -->')).rejects.toThrow();
    await expect(mermaid.parse('architecture-beta\n  service a(server)[A]\n  a:R --> L:missing\n')).rejects.toThrow();
  });

  it('flowchart: every server a subgraph holding a node per instance, calls reaching each instance', () => {
    const doc = makeDocument({
      hosts: [{ id: 'h1', name: 'db-1' }, { id: 'h2', name: 'app-1' }, { id: 'h3', name: 'app-2' }],
      nodes: [makeNode('users', 'client', [], { name: 'Users', rate: 20 }), makeNode('api', 'service', ['h2', 'h3'], { name: 'API' }), makeNode('db', 'database', ['h1'], { name: 'DB' })],
      edges: [makeEdge('users', 'api'), makeEdge('api', 'db', { timeoutMs: 300, retries: 1 })],
    });
    const text = exportMermaid(doc);
    expect(text).toMatch(/^---\ntitle: "Test design"\n---\nflowchart LR\n/);
    expect(text).toContain('subgraph h_h1["db-1"]\n    n_db_0[("DB<br/>Database")]:::database\n  end');
    expect(text).toContain('subgraph h_h2["app-1"]\n    n_api_0("API ×2<br/>Service"):::service\n  end');
    expect(text).toContain('subgraph h_h3["app-2"]\n    n_api_1("API ×2<br/>Service"):::service\n  end');
    expect(text).toContain('n_users(["Users<br/>Client · 20 req/s"]):::client');
    expect(text).toContain('n_users --> n_api_0\n  n_users --> n_api_1\n');
    expect(text).toContain('n_api_0 -->|"timeout 300 ms, 1 retry"| n_db_0');
    expect(text).toContain('n_api_1 --> n_db_0');
  });

  it('flowchart: asynchronous calls are dotted and labels are escaped', () => {
    const text = exportMermaid(awkwardDocument());
    expect(text).toMatch(/n_shop\w* -\.-> n_jobs/);
    expect(text).toContain('LB #quot;main#quot;');
    expect(text).toContain('Edge #lt;gateway#gt;');
    expect(text).toContain('Postgres #35;1 #124; main');
    expect(text).toMatch(/n_end_0\b/);
  });

  it('architecture: groups for hosts, services inside them, edges from the facing sides', () => {
    const doc = makeDocument({
      hosts: [{ id: 'h1', name: 'app [main]' }],
      nodes: [makeNode('a', 'service', ['h1'], { name: 'A' }), makeNode('b', 'database', ['h1'], { name: 'B' })],
      edges: [makeEdge('a', 'b')],
    });
    const text = exportMermaid(doc, { flavour: 'architecture' });
    expect(text).toContain('group h_h1(server)[app (main)]');
    expect(text).toContain('service n_a(server)[A] in h_h1');
    expect(text).toContain('service n_b(database)[B] in h_h1');
    expect(text).toContain('n_a:R --> L:n_b');
  });
});

describe('hostile names in Mermaid', () => {
  const hostile = '%%{init: {"theme":"dark","themeCSS":"x"}}%% a|b; c[d] (e) #f\nnext';
  it('flowchart labels hold no directive, bracket, pipe, semicolon, quote or line break', () => {
    const doc = makeDocument({ nodes: [makeNode('a', 'service', [], { name: hostile }), makeNode('b', 'service', [])], edges: [makeEdge('a', 'b')] });
    const text = exportMermaid(doc);
    expect(text).not.toContain('%%{');
    const label = text.split('\n').find((line) => line.includes('init'))!;
    expect(label).toContain('#37;#37;#123;init: #123;#quot;theme#quot;');
    const inside = label.slice(label.indexOf('("') + 2, label.lastIndexOf('")'));
    expect(inside.replace(/#\w+;/g, '')).not.toMatch(/[%"[\]{}()|;\n]/);
  });
  it('architecture titles hold no directive or brackets', () => {
    const doc = makeDocument({ nodes: [makeNode('a', 'service', [], { name: hostile })] });
    const text = exportMermaid(doc, { flavour: 'architecture' });
    expect(text).not.toContain('%%{');
    const line = text.split('\n').find((l) => l.includes('init'))!;
    expect(line.slice(line.indexOf('[') + 1, line.lastIndexOf(']'))).not.toMatch(/[%"[\]{}|;\n]/);
  });
});
