import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES, instantiateTemplate, serializeDocument, type TopologyDocument } from '../document';
import { checkDesign, checkExitCode } from './check';
import { formatCheckJunit, formatCheckSarif } from './formats';
import { parseRules } from './rules';

const doc = (nodes: object[], edges: object[], hosts = [{ id: 'h1', name: 'app-1' }, { id: 'h2', name: 'db-1' }]): TopologyDocument =>
  ({ format: 'topology-designer', version: 1, name: 'Shop', hosts, nodes, edges }) as TopologyDocument;

/** Users → web (h1) → db (h2): web and db are single points of failure. */
const shop = doc(
  [
    { id: 'users', kind: 'client', name: 'Users' },
    { id: 'web', kind: 'monolith', name: 'Web', instances: [{ host: 'h1' }] },
    { id: 'db', kind: 'database', name: 'DB', instances: [{ host: 'h2' }] },
  ],
  [{ id: 'e1', from: 'users', to: 'web' }, { id: 'e2', from: 'web', to: 'db' }],
);
/** a ⇄ b synchronously: a sync-cycle error. */
const cycle = doc(
  [
    { id: 'users', kind: 'client', name: 'Users' },
    { id: 'a', kind: 'service', name: 'A', instances: [{ host: 'h1' }] },
    { id: 'b', kind: 'service', name: 'B', instances: [{ host: 'h1' }] },
  ],
  [{ id: 'e1', from: 'users', to: 'a' }, { id: 'e2', from: 'a', to: 'b' }, { id: 'e3', from: 'b', to: 'a' }],
);
const rules = (text: string) => {
  const parsed = parseRules(text);
  if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
  return parsed.rules;
};

describe('checkDesign without rules', () => {
  it('passes every template: no finding of severity error', () => {
    for (const template of TEMPLATES) expect(checkExitCode(checkDesign(instantiateTemplate(template))), template.id).toBe(0);
  });

  it('fails a synchronous cycle; --strict also counts warnings', () => {
    const result = checkDesign(cycle);
    expect(result.violations.map((v) => v.rule)).toEqual(['sync-cycle']);
    expect(checkExitCode(result)).toBe(1);
    const strict = checkDesign(shop, { strict: true });
    expect(checkExitCode(checkDesign(shop))).toBe(0);
    expect(strict.violations.every((v) => v.severity === 'warning')).toBe(true);
    expect(checkExitCode(strict)).toBe(strict.violations.filter((v) => v.rule === 'spof').length);
  });
});

describe('checkDesign with rules', () => {
  it('no-spof with an ignore list, labels required and forbidden, a finding rule by name', () => {
    const result = checkDesign(shop, { rules: rules('rules:\n  no-spof: { ignore: [db] }\n  require-labels: { labels: [cluster] }\n  forbid-labels: { labels: [monolith], severity: warning }\n  shared-database: {}\n') });
    expect(result.violations.map((v) => `${v.severity} ${v.rule} ${v.nodes.join(',')}`)).toEqual(['error no-spof web', 'error require-labels ', 'warning forbid-labels web']);
    expect(result.failing).toBe(2);
    expect(result.checked).toBe(4);
  });

  it('max-p99 and min-availability under a sweep run the seeded simulation', () => {
    const tight = checkDesign(shop, { rules: rules('rules:\n  max-p99: { value: 1 }\n  min-availability: { value: 0.5, under: sweep }\n'), durationS: 5 });
    expect(tight.violations.map((v) => v.rule)).toEqual(['max-p99', 'min-availability']);
    expect(tight.violations[1]!.message).toMatch(/^with (server|node) .* down, availability is 0\.00 %, under the 50\.00 % required$/);
    const loose = checkDesign(shop, { rules: rules('rules:\n  max-p99: { value: 100000 }\n'), durationS: 5 });
    expect(loose.violations).toEqual([]);
  });

  it('min-availability compares each client with the availability analysis', () => {
    // Two hosts in series at 8760 h MTBF and 2 h MTTR: A² ≈ 0.99954.
    const strict = checkDesign(shop, { rules: rules('rules:\n  min-availability: { value: 0.9999 }\n') });
    expect(strict.violations).toHaveLength(1);
    expect(strict.violations[0]!.message).toMatch(/^users gets 99\.954 % availability, under the 99\.990 % required \(most downtime: host:h[12], 50 %\)$/);
    expect(checkDesign(shop, { rules: rules('rules:\n  min-availability: { value: 0.999 }\n') }).violations).toEqual([]);
  });

  it('slo-met reports each client that misses its SLO in the baseline simulation', () => {
    const withSlo = (slo: object, latencyMs = 10) =>
      doc(
        [
          { id: 'users', kind: 'client', name: 'Users', rate: 50, slo },
          { id: 'web', kind: 'monolith', name: 'Web', instances: [{ host: 'h1' }], latencyMs, latency: 'constant', concurrency: 50 },
          { id: 'db', kind: 'database', name: 'DB', instances: [{ host: 'h2' }], latencyMs: 5, latency: 'constant', concurrency: 50 },
        ],
        [{ id: 'e1', from: 'users', to: 'web' }, { id: 'e2', from: 'web', to: 'db' }],
      );
    const slo = rules('rules:\n  slo-met: {}\n');
    // 1 + 10 + 1 + 5 ms per request: a 300 ms p99 target is met, a 10 ms one is not.
    expect(checkDesign(withSlo({ availability: 0.999, latencyMs: 300 }), { rules: slo, durationS: 5 }).violations).toEqual([]);
    const missed = checkDesign(withSlo({ availability: 0.999, latencyMs: 10 }), { rules: slo, durationS: 5 });
    expect(missed.violations).toHaveLength(1);
    expect(missed.violations[0]).toMatchObject({ rule: 'slo-met', nodes: ['users'], message: 'users misses its SLO: p99 latency 17 ms over the 10 ms target (0.00 % of the 30-day error budget burned)' });
    expect(checkExitCode(missed)).toBe(1);
  });

  it('never passes a rule it cannot evaluate', () => {
    // Nothing finishes in a 2 s run of a 50 s service: the SLO cannot be judged.
    const slow = doc(
      [
        { id: 'users', kind: 'client', name: 'Users', rate: 10, slo: { availability: 0.99 } },
        { id: 'web', kind: 'monolith', name: 'Web', instances: [{ host: 'h1' }], latencyMs: 50_000, latency: 'constant' },
      ],
      [{ id: 'e1', from: 'users', to: 'web' }],
    );
    const result = checkDesign(slow, { rules: rules('rules:\n  slo-met: {}\n'), durationS: 2 });
    expect(result.violations[0]!.message).toBe('cannot be checked: no request of users finished in the baseline simulation');
    expect(checkExitCode(result)).toBe(1);
  });

  it('caps the exit code at 100', () => {
    expect(checkExitCode({ violations: [], checked: 1, failing: 250 })).toBe(100);
  });
});

describe('parseRules', () => {
  it('names every problem with its path', () => {
    expect(parseRules('rules:\n  no-spoof: {}\n  max-p99: { value: -1 }\n  require-labels: { labels: [serverless] }\nextra: 1\n')).toEqual({
      errors: [
        { path: 'extra', message: 'unknown key (expected only "rules")' },
        { path: 'rules.no-spoof', message: expect.stringMatching(/^unknown rule \(expected one of no-spof, /) },
        { path: 'rules.max-p99.value', message: expect.any(String) },
        { path: 'rules.require-labels.labels[0]', message: expect.any(String) },
      ],
    });
    expect(parseRules('rules: [')).toMatchObject({ errors: [{ message: expect.stringMatching(/^invalid YAML/) }] });
    expect(parseRules('{}')).toEqual({ errors: [{ path: 'rules', message: 'is missing: expected a mapping of rule names to their options' }] });
  });
});

describe('CI formats', () => {
  const text = serializeDocument(shop);
  const result = checkDesign(shop, { strict: true });

  it('SARIF 2.1.0 validates against the schema and puts each result on the line of its node', () => {
    const sarif = JSON.parse(formatCheckSarif('shop.topo', shop, text, result, '0.1.0'));
    // Formats (uri, uri-reference) are not checked: ajv-formats is not a dependency.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const schema = JSON.parse(readFileSync(join(__dirname, '../../tests/fixtures/sarif/sarif-2.1.0-subset.schema.json'), 'utf8'));
    expect(ajv.validate(schema, sarif), JSON.stringify(ajv.errors)).toBe(true);
    const lines = text.split('\n');
    for (const item of sarif.runs[0].results) {
      const start = item.locations[0].physicalLocation.region.startLine - 1;
      const path: string = item.locations[0].logicalLocations[0].fullyQualifiedName;
      const index = Number(/^nodes\[(\d+)\]$/.exec(path)![1]);
      // The line opens the node's object, whose id comes next.
      expect(lines[start]!.trim()).toBe('{');
      expect(lines[start + 1]).toContain(`"id": "${shop.nodes[index]!.id}"`);
      expect(item.properties.nodes).toContain(shop.nodes[index]!.id);
    }
  });

  it('JUnit is well-formed XML with a failure per violation', () => {
    const junit = formatCheckJunit('shop.topo', shop, text, result, []);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(junit);
    const suite = parsed.testsuites.testsuite;
    expect(Number(suite['@_failures'])).toBe(result.violations.length);
    const failures = [suite.testcase].flat().flatMap((c: { failure?: unknown }) => [c.failure ?? []].flat()) as { '#text': string }[];
    expect(failures).toHaveLength(result.violations.length);
    expect(failures[0]!['#text']).toMatch(/^shop\.topo:\d+:\d+ \(nodes\[\d\]\): /);
  });
});
