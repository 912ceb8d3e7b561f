import { describe, expect, it } from 'vitest';
import { findTemplate, instantiateTemplate, serializeDocument } from '../../shared/document';
import { runCli } from '../main';
import { fakeIo } from '../testing/fakeIo';

const template = serializeDocument(instantiateTemplate(findTemplate('monolith-one-server')!));
const cycle = JSON.stringify({
  format: 'topology-designer', version: 1, name: 'Loop', hosts: [{ id: 'h1', name: 'h1' }],
  nodes: [{ id: 'u', kind: 'client', name: 'U' }, { id: 'a', kind: 'service', name: 'A', instances: [{ host: 'h1' }] }, { id: 'b', kind: 'service', name: 'B', instances: [{ host: 'h1' }] }],
  edges: [{ id: 'e1', from: 'u', to: 'a' }, { id: 'e2', from: 'a', to: 'b' }, { id: 'e3', from: 'b', to: 'a' }],
}, null, 2);

describe('topo check', () => {
  it('exits 0 on a template and with the violation count on a synchronous cycle', async () => {
    const clean = fakeIo({ 't.topo': template });
    expect(await runCli(['check', 't.topo'], clean.io)).toBe(0);
    expect(clean.stdout()).toBe('t.topo: no violations (1 rule checked)\n');
    const broken = fakeIo({ 'c.topo': cycle });
    expect(await runCli(['check', 'c.topo'], broken.io)).toBe(1);
    expect(broken.stdout()).toMatch(/^c\.topo: error: sync-cycle: /);
  });

  it('prints JSON, JUnit and SARIF', async () => {
    for (const format of ['json', 'junit', 'sarif']) {
      const run = fakeIo({ 'c.topo': cycle });
      expect(await runCli(['check', 'c.topo', '--format', format], run.io)).toBe(1);
      if (format === 'json') expect(JSON.parse(run.stdout())).toMatchObject({ checked: 1, failing: 1, violations: [{ rule: 'sync-cycle', severity: 'error', nodes: ['a', 'b'] }] });
      if (format === 'junit') expect(run.stdout()).toMatch(/^<\?xml version="1\.0"/);
      if (format === 'sarif') expect(JSON.parse(run.stdout()).runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(cycle.split('\n').findIndex((line) => line.includes('"id": "a"')));
    }
  });

  it('reads a rules file; a bad rules file or format exits 2 with the path', async () => {
    const run = fakeIo({ 't.topo': template, 'rules.yml': 'rules:\n  require-labels: { labels: [cluster] }\n' });
    expect(await runCli(['check', 't.topo', '--rules', 'rules.yml'], run.io)).toBe(1);
    const bad = fakeIo({ 't.topo': template, 'rules.yml': 'rules:\n  no-spoof: {}\n' });
    expect(await runCli(['check', 't.topo', '--rules', 'rules.yml'], bad.io)).toBe(2);
    expect(bad.stderr()).toMatch(/^rules\.yml: rules\.no-spoof: unknown rule/);
    const format = fakeIo({ 't.topo': template });
    expect(await runCli(['check', 't.topo', '--format', 'xml'], format.io)).toBe(2);
  });
});
