import { describe, expect, it } from 'vitest';
import type { Classification } from '../classification/types';
import { exportMarkdown, markdownText, percent, type SimulationResultLike } from './markdown';
import { awkwardDocument, makeDocument } from './testDocs';
import { analyzeAvailability, analyzeCapacity } from '../reliability';
import { simulate } from '../simulation';

const classification: Classification = {
  summary: 'Distributed · Cluster',
  labels: ['distributed', 'cluster'],
  distributed: true,
  cluster: true,
  microservices: false,
  monolith: false,
  evidence: [{ label: 'cluster', message: 'Shop runs on app-1 and app-2.', nodes: ['shop'], hosts: ['h2', 'h3'] }],
  findings: [
    { rule: 'spof', severity: 'warning', message: 'Postgres runs only on data & co.', nodes: ['db'], hosts: ['h4'] },
    { rule: 'unplaced', severity: 'info', message: 'Jobs queue is on no server.', nodes: ['jobs'], hosts: [] },
  ],
};

describe('exportMarkdown', () => {
  const doc = awkwardDocument();

  it('has the title, the diagram, the classification with its reasons and the findings', () => {
    const md = exportMarkdown(doc, { svgFileName: 'my shop.svg', classification });
    expect(md.startsWith(`# Shop \\<&quot;beta&quot;\\> &amp; \\]\\]\\> &#39;quotes&#39;\n`)).toBe(true);
    expect(md).toContain('](my%20shop.svg)');
    expect(md).toContain('**Distributed · Cluster**');
    expect(md).toContain('| no | yes | yes | no |');
    expect(md).toContain('- **Cluster** — Shop runs on app-1 and app-2. (nodes: Shop\\]\\]\\>; servers: app-1, app-2)');
    expect(md).toContain('| ⚠️ warning | `spof` | Postgres runs only on data &amp; co. | Postgres \\#1 \\| main | data &amp; co |');
    expect(md).toContain('| ℹ️ info | `unplaced` | Jobs queue is on no server. | Jobs queue | – |');
    expect(md).not.toContain('## Failure sweep');
    expect(md).not.toContain('## Scenarios');
  });

  it('adds the sweep (targets by name) and the scenario results when given', () => {
    const md = exportMarkdown(doc, {
      svgFileName: 'shop.svg',
      classification,
      sweep: { runs: [{ type: 'host-down', target: 'h4', availability: 0 }, { type: 'node-down', target: 'jobs', availability: 0.98333 }] },
      scenarioResults: [{ name: 'Lose app-1', availability: 0.5, throughput: { served: 25.04 }, latencyMs: { p50: 12.3, p99: 250 } }],
    });
    expect(md).toContain('## Failure sweep');
    expect(md).toContain('| Server down | data &amp; co | 0 % |');
    expect(md).toContain('| Node down | Jobs queue | 98.33 % |');
    expect(md).toContain('| Lose app-1 | 50.00 % | 25 | 12.3 | 250 |');
  });

  it('adds availability, SLOs, capacity and where the time goes, names escaped', () => {
    const withSlo = { ...doc, nodes: doc.nodes.map((n) => (n.kind === 'client' ? { ...n, slo: { availability: 0.999, latencyMs: 500 } } : n)) };
    const baseline = simulate(withSlo, { durationS: 10, seed: 1 });
    const md = exportMarkdown(withSlo, {
      svgFileName: 'x.svg',
      classification,
      availability: analyzeAvailability(withSlo, { years: 50 }),
      capacity: analyzeCapacity(withSlo),
      simulations: [{ name: 'Healthy <baseline>', clients: baseline.clients }],
    });
    const lines = md.split('\n');
    expect(lines).toContain('## Availability');
    expect(lines.find((l) => l.startsWith('| Users 👩‍💻 |') && l.includes('min'))).toMatch(/^\| Users 👩‍💻 \| \d+\.\d{4} % \| \d+\.\d{4} % \(.+\) \| [\d.]+ \| [\d.]+ min \| host:\S+ \d+ %.* \| (✅ met|❌ missed) \(99\.90 %\) \|$/);
    expect(lines).toContain('## SLOs');
    const users = baseline.clients.users!;
    expect(md).toContain(`| Healthy \\<baseline\\> | Users 👩‍💻 | 99.90 %, p99 ≤ 500 ms | ${percent(users.availability)} |`);
    expect(lines).toContain('## Capacity');
    const capacity = analyzeCapacity(withSlo);
    expect(md).toContain(`Bottleneck: **${markdownText(withSlo.nodes.find((n) => n.id === capacity.bottleneck)!.name)}**`);
    expect(md).toContain('| Node | Visits | Holding (ms) | Slots | Utilization | Max rate (req/s) |');
    expect(lines).toContain('## Where the time goes');
    expect(md).toContain('### Users 👩‍💻 — Healthy \\<baseline\\> (mean ');
    // Every node on the path by its escaped name.
    expect(md).toContain('| Shop\\]\\]\\> |');
    expect(md).toContain('| Edge \\<gateway\\> |');
  });

  it('lists every node with its instances and servers', () => {
    const md = exportMarkdown(doc, { svgFileName: 'x.svg', classification: { ...classification, findings: [], evidence: [] } });
    expect(md).toContain('No findings.');
    expect(md).toContain('| Shop\\]\\]\\> | Monolith | 3 | app-1, app-2 |');
    expect(md).toContain('| Users 👩‍💻 | Client | 50 req/s | – |');
    expect(md).toContain('| Jobs queue | Queue | 1 | unplaced |');
  });

  it('escapes what Markdown would read as markup', () => {
    expect(markdownText('a|b *c* [d](e) <f>\nnext')).toBe('a\\|b \\*c\\* \\[d\\](e) \\<f\\> next');
    expect(percent(1)).toBe('100 %');
    expect(percent(0.5)).toBe('50.00 %');
  });
});

describe('consistency and transactions in the report', () => {
  const doc = awkwardDocument();
  const bare = { ...classification, findings: [], evidence: [] };
  const healthy: SimulationResultLike = {
    name: 'Healthy',
    clients: {},
    nodes: {
      // Report order is not the document's: the sections follow the document.
      cache: { consistency: { reads: 500, writes: 0, staleReads: 0, lostWrites: 0, conflicts: 0, noQuorum: 0 } },
      db: { consistency: { reads: 1200, writes: 300, staleReads: 36, lostWrites: 0, conflicts: 0, noQuorum: 0, elections: 0 } },
      orders: { transactions: { mode: '2pc', committed: 290, aborted: 10, compensated: 0, compensations: 0, inDoubt: 0, maxInDoubtMs: 0, meanInconsistencyMs: 0 } },
      shop: { transactions: { mode: 'saga', committed: 280, aborted: 5, compensated: 15, compensations: 22, inDoubt: 0, maxInDoubtMs: 0, meanInconsistencyMs: 41.27 } },
      end: {},
    },
  };
  const cut: SimulationResultLike = {
    name: 'Cut <data> | off',
    clients: {},
    nodes: {
      db: { consistency: { reads: 0, writes: 150, staleReads: 0, lostWrites: 12, conflicts: 7, noQuorum: 40, elections: 2 } },
      orders: { transactions: { mode: '2pc', committed: 120, aborted: 30, compensated: 0, compensations: 0, inDoubt: 4, maxInDoubtMs: 15003.456, meanInconsistencyMs: 0 } },
    },
  };

  it('adds a Consistency table per replicated node, a row per run, with the stale share', () => {
    const md = exportMarkdown(doc, { svgFileName: 'x.svg', classification: bare, simulations: [healthy, cut] });
    const lines = md.split('\n');
    expect(lines).toContain('## Consistency');
    const at = (heading: string) => lines.indexOf(heading);
    // The document's order: Shop before orders, Postgres before Redis; names escaped as everywhere.
    expect(at('### Postgres \\#1 \\| main')).toBeGreaterThan(at('## Consistency'));
    expect(at('### Redis \\`hot\\`')).toBeGreaterThan(at('### Postgres \\#1 \\| main'));
    expect(md).toContain('| Run | Reads | Writes | Stale reads | Stale share | Lost writes | Conflicts | No quorum | Elections |');
    expect(md).toContain('| Healthy | 1200 | 300 | 36 | 3.00 % | 0 | 0 | 0 | 0 |');
    // No reads: no share; the run's name escaped.
    expect(md).toContain('| Cut \\<data\\> \\| off | 0 | 150 | 0 | – | 12 | 7 | 40 | 2 |');
    // A quorum has no elections.
    expect(md).toContain('| Healthy | 500 | 0 | 0 | 0 % | 0 | 0 | 0 | – |');
  });

  it('adds a Transactions table per coordinator: mode, outcomes, in doubt, inconsistency window', () => {
    const md = exportMarkdown(doc, { svgFileName: 'x.svg', classification: bare, simulations: [healthy, cut] });
    const lines = md.split('\n');
    expect(lines).toContain('## Transactions');
    expect(lines.indexOf('## Transactions')).toBeGreaterThan(lines.indexOf('## Consistency'));
    expect(lines.indexOf('### 订单服务')).toBeGreaterThan(lines.indexOf('### Shop\\]\\]\\>'));
    expect(lines.indexOf('### Shop\\]\\]\\>')).toBeGreaterThan(lines.indexOf('## Transactions'));
    expect(md).toContain('| Run | Mode | Committed | Aborted | Compensated | Compensations | In doubt | Max in doubt (ms) | Mean inconsistency (ms) |');
    expect(md).toContain('| Healthy | saga | 280 | 5 | 15 | 22 | 0 | 0 | 41.3 |');
    expect(md).toContain('| Healthy | 2PC | 290 | 10 | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('| Cut \\<data\\> \\| off | 2PC | 120 | 30 | 0 | 0 | 4 | 15003.5 | 0 |');
    // The sections come before the inventory.
    expect(lines.indexOf('## Transactions')).toBeLessThan(lines.indexOf('## Inventory'));
  });

  it('has neither section when no node report has them, nor without runs', () => {
    const plain: SimulationResultLike = { name: 'Healthy', clients: {}, nodes: { shop: {}, db: {} } };
    for (const simulations of [[plain], [{ name: 'No nodes', clients: {} }], []]) {
      const md = exportMarkdown(doc, { svgFileName: 'x.svg', classification: bare, simulations });
      expect(md).not.toContain('## Consistency');
      expect(md).not.toContain('## Transactions');
    }
    const onlyTransactions = exportMarkdown(doc, { svgFileName: 'x.svg', classification: bare, simulations: [{ name: 'T', clients: {}, nodes: { orders: healthy.nodes!.orders! } }] });
    expect(onlyTransactions).toContain('## Transactions');
    expect(onlyTransactions).not.toContain('## Consistency');
  });
});

describe('hostile names in the report', () => {
  it('cannot end the image alt attribute or add one', () => {
    const md = exportMarkdown(makeDocument({ name: 'x" onload="alert(1)', nodes: [] }), { svgFileName: 'a (1).svg', classification: { ...classification, findings: [], evidence: [] } });
    expect(md).toContain('![x&quot; onload=&quot;alert(1)](a%20%281%29.svg)');
    expect(md).not.toContain('"');
  });
});
