import { describe, expect, it } from 'vitest';
import { TEMPLATES, validateDocument } from '../document';
import { classificationJson, classifyDesign, LABEL_EXPLANATIONS, LABELS, NO_LABEL_SUMMARY, NO_UNITS_SUMMARY, RULE_TITLES, FINDING_RULES } from './index';
import { makeClient, makeDatabase, makeDocument, makeEdge, makeMonolith, makeService } from '../document/testing/builders';

describe('the seven canonical designs of SPEC §3', () => {
  it('are seven', () => expect(TEMPLATES).toHaveLength(7));
  for (const template of TEMPLATES) {
    it(`${template.name} gives exactly the table's labels`, () => {
      const c = classifyDesign(template.document);
      const { distributed, cluster, microservices, monolith } = c;
      expect({ distributed, cluster, microservices, monolith }).toEqual(template.expected);
      expect(c.labels).toEqual(LABELS.filter((label) => template.expected[label]));
      // every label that applies carries evidence, and no label that does not
      expect(new Set(c.evidence.map((e) => e.label))).toEqual(new Set(c.labels));
    });
  }

  it('summaries read like "Microservices · Distributed · Cluster"', () => {
    const summaries = TEMPLATES.map((t) => classifyDesign(t.document).summary);
    expect(summaries).toEqual([
      'Monolith',
      'Cluster · Monolith',
      'Distributed',
      'Microservices',
      'Microservices · Distributed',
      'Microservices · Distributed · Cluster',
      'Distributed · Cluster',
    ]);
  });

  it('names hosts and nodes in the distributed evidence, from the call nearest the entry', () => {
    const layered = TEMPLATES.find((t) => t.id === 'layers-distributed')!;
    const evidence = classifyDesign(layered.document).evidence.find((e) => e.label === 'distributed')!;
    // Web is called by the users; Logic and Data access come later on the request's path.
    expect(evidence.message).toBe(
      'web-server runs Web while logic-server runs Logic, and Web calls Logic: different modules on different servers cooperate over the network (3 different sets of units across 3 servers in all).',
    );
    expect(evidence.nodes).toEqual(['logic', 'web']);
    expect(evidence.hosts).toEqual(['h1', 'h2']);
  });
});

describe('summary', () => {
  it('says so when there is no application unit', () => {
    const c = classifyDesign(makeDocument({ nodes: [makeClient('users'), makeDatabase('db', { on: ['h1'] })], edges: [makeEdge('users', 'db')] }));
    expect(c.summary).toBe(NO_UNITS_SUMMARY);
    expect(c.labels).toEqual([]);
  });

  it('says no label applies when units fit none of the patterns', () => {
    // a monolith and a service on one server: two units (no monolith), same host (not distributed),
    // a monolith beside a service (not microservices), nothing replicated (no cluster)
    const doc = makeDocument({ nodes: [makeMonolith('shop', { on: ['h1'] }), makeService('orders', { on: ['h1'] })], edges: [makeEdge('shop', 'orders')] });
    const c = classifyDesign(doc);
    expect(c.labels).toEqual([]);
    expect(c.summary).toBe(NO_LABEL_SUMMARY);
  });

  it('takes the union of the labels of independent systems', () => {
    const doc = makeDocument({
      nodes: [
        makeMonolith('blog', { on: ['h1'] }),
        makeService('orders', { on: ['h2'], capabilities: ['orders'] }),
        makeService('users', { on: ['h3'], capabilities: ['users'] }),
        makeClient('web'),
      ],
      edges: [makeEdge('web', 'orders'), makeEdge('web', 'users')],
    });
    const c = classifyDesign(doc);
    expect(c.labels).toEqual(['microservices', 'distributed', 'monolith']);
    expect(c.findings.map((f) => f.rule)).toContain('independent-systems');
  });
});

describe('classificationJson', () => {
  it('has exactly the keys of SPEC §3, in order, then evidence', () => {
    const json = classificationJson(classifyDesign(TEMPLATES[2]!.document));
    expect(Object.keys(json)).toEqual(['summary', 'labels', 'distributed', 'cluster', 'microservices', 'monolith', 'findings', 'evidence']);
    for (const finding of json.findings) expect(Object.keys(finding)).toEqual(['rule', 'severity', 'message', 'nodes', 'hosts']);
    expect(json.labels).toEqual(['distributed']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('sorts findings by severity, then rule', () => {
    const doc = makeDocument({
      nodes: [makeService('a', { on: ['h1'] }), makeService('b', { on: ['h1'] }), makeDatabase('db', { on: [null] })],
      edges: [makeEdge('a', 'b'), makeEdge('b', 'a'), makeEdge('a', 'db'), makeEdge('b', 'db')],
    });
    const severities = classifyDesign(doc).findings.map((f) => f.severity);
    expect(severities[0]).toBe('error');
    const rank = { error: 0, warning: 1, info: 2 };
    expect([...severities].sort((x, y) => rank[x] - rank[y])).toEqual(severities);
  });

  it('never puts the implicit unplaced host into hosts arrays', () => {
    const doc = makeDocument({ nodes: [makeClient('c'), makeMonolith('shop', { on: [null, null] })], edges: [makeEdge('c', 'shop')] });
    const c = classifyDesign(doc);
    for (const item of [...c.findings, ...c.evidence]) for (const host of item.hosts) expect(host).not.toBe('');
    expect(c.findings.map((f) => f.rule)).toEqual(['spof', 'single-host', 'replicas-same-host', 'unplaced']);
  });
});

describe('classifying a document that the validator accepts', () => {
  it('classifies the documents validate returns', () => {
    const result = validateDocument(JSON.parse(JSON.stringify(TEMPLATES[5]!.document)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(classifyDesign(result.document).summary).toBe('Microservices · Distributed · Cluster');
  });
});

describe('explanations and titles', () => {
  it('explain every label with its counter-examples', () => {
    for (const label of LABELS) {
      expect(LABEL_EXPLANATIONS[label].definition.length).toBeGreaterThan(20);
      expect(LABEL_EXPLANATIONS[label].counterExamples.length).toBeGreaterThan(0);
    }
    const all = Object.values(LABEL_EXPLANATIONS).flatMap((e) => e.counterExamples).join('\n');
    expect(all).toMatch(/Microservices all on one server are not distributed/);
    expect(all).toMatch(/monolith copied onto three servers is a cluster, not a distributed system/);
    expect(all).toMatch(/layers on several servers are distributed but not microservices/);
  });

  it('title every rule', () => {
    for (const rule of FINDING_RULES) expect(RULE_TITLES[rule]).toMatch(/^[A-Z]/);
  });
});
