import { describe, expect, it } from 'vitest';
import { classificationJson, classifyDesign } from '../../shared/classification';
import { TEMPLATES } from '../../shared/document';
import { runCli } from '../main';
import { fakeIo } from '../testing/fakeIo';


const template = (id: string) => TEMPLATES.find((t) => t.id === id)!.document;

describe('topo classify', () => {
  it('prints the summary, each label with its reasons and findings by severity', async () => {
    const { io, stdout, stderr } = fakeIo({ 'layers.topo': JSON.stringify(template('layers-distributed')) });
    expect(await runCli(['classify', 'layers.topo'], io)).toBe(0);
    expect(stderr()).toBe('');
    const lines = stdout().split('\n');
    expect(lines[0]).toBe('layers.topo: Distributed');
    expect(lines).toContain('Labels');
    expect(lines).toContain('  Distributed');
    expect(stdout()).toContain('    • web-server runs Web while logic-server runs Logic, and Web calls Logic');
    expect(lines).toContain('Findings: 4 warnings, 1 info');
    expect(lines.indexOf('Warnings')).toBeLessThan(lines.indexOf('Info'));
    expect(stdout()).toContain('  ▲ warning  Single point of failure (spof): Web runs only on web-server');
    expect(stdout()).toContain('  ℹ info     Split by technical layer (technical-split): Data access, Logic and Web are defined by technical layer');
  });

  it('puts errors first with their marker', async () => {
    const doc = {
      format: 'topology-designer',
      version: 1,
      name: 'loop',
      nodes: [
        { id: 'a', kind: 'service', name: 'A' },
        { id: 'b', kind: 'service', name: 'B' },
      ],
      edges: [
        { id: 'e1', from: 'a', to: 'b' },
        { id: 'e2', from: 'b', to: 'a' },
      ],
    };
    const { io, stdout } = fakeIo({ 'loop.topo': JSON.stringify(doc) });
    expect(await runCli(['classify', 'loop.topo'], io)).toBe(0);
    const lines = stdout().split('\n');
    const errors = lines.indexOf('Errors');
    expect(errors).toBeGreaterThan(0);
    expect(lines[errors + 1]).toMatch(/^ {2}✖ error {4}Cycle of synchronous calls \(sync-cycle\): A → B → A: /);
    expect(lines[errors]).toBe(lines.find((l) => ['Errors', 'Warnings', 'Info'].includes(l)));
  });

  it('says when there is no application unit and no finding', async () => {
    const doc = { format: 'topology-designer', version: 1, name: 'empty' };
    const { io, stdout } = fakeIo({ 'empty.topo': JSON.stringify(doc) });
    expect(await runCli(['classify', 'empty.topo'], io)).toBe(0);
    expect(stdout()).toBe('empty.topo: No application units yet: add a monolith or a service\n\nLabels: none\n\nFindings: none\n');
  });

  it('--json prints exactly the SPEC §3 shape', async () => {
    const doc = template('services-two-servers');
    const { io, stdout } = fakeIo({ 's.topo': JSON.stringify(doc) });
    expect(await runCli(['classify', 's.topo', '--json'], io)).toBe(0);
    const printed = JSON.parse(stdout());
    expect(stdout()).toBe(JSON.stringify(classificationJson(classifyDesign(doc)), null, 2) + '\n');
    expect(Object.keys(printed).slice(0, 7)).toEqual(['summary', 'labels', 'distributed', 'cluster', 'microservices', 'monolith', 'findings']);
    expect(printed).toMatchObject({
      summary: 'Microservices · Distributed · Cluster',
      labels: ['microservices', 'distributed', 'cluster'],
      distributed: true,
      cluster: true,
      microservices: true,
      monolith: false,
    });
    expect(printed.findings[0]).toEqual({
      rule: 'spof',
      severity: 'warning',
      message: 'Orders DB runs only on orders-db: if orders-db goes down, every request that needs Orders DB fails. Run it on a second server.',
      nodes: ['orders-db'],
      hosts: ['h10'],
    });
  });

  it('refuses an instance on an undeclared host, printing nothing on stdout', async () => {
    const doc = { format: 'topology-designer', version: 1, name: 'x', nodes: [{ id: 'm', kind: 'monolith', name: 'M', instances: [{ host: 'box' }] }] };
    const { io, stdout, stderr } = fakeIo({ 'x.topo': JSON.stringify(doc) });
    expect(await runCli(['classify', '--json', 'x.topo'], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toBe('x.topo: nodes[0].instances[0].host: unknown host "box"\n');
  });

  it('fails with exit 1 and one line per problem on bad input, like validate', async () => {
    const bad = { format: 'topology-designer', version: 1, name: 'x', nodes: [{ id: 'a', kind: 'server', name: 'A' }], edges: [{ id: 'e', from: 'a', to: 'zz' }] };
    const { io, stdout, stderr } = fakeIo({ 'bad.topo': JSON.stringify(bad), 'broken.topo': '{ "format": ' });
    expect(await runCli(['classify', 'bad.topo'], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/^bad\.topo: nodes\[0\]\.kind: unknown kind "server"/);
    expect(stderr()).not.toMatch(/\n\s+at /); // no stack trace

    const missing = fakeIo({});
    expect(await runCli(['classify', 'nope.topo'], missing.io)).toBe(1);
    expect(missing.stderr()).toBe('nope.topo: no such file\n');

    const broken = fakeIo({ 'broken.topo': '{ "format": ' });
    expect(await runCli(['classify', 'broken.topo', '--json'], broken.io)).toBe(1);
    expect(broken.stderr()).toMatch(/^broken\.topo: .*invalid JSON/);
  });

  it('fails with exit 2 on bad usage', async () => {
    const none = fakeIo({});
    expect(await runCli(['classify'], none.io)).toBe(2);
    expect(none.stderr()).toMatch(/^topo classify: missing FILE\nusage: topo classify FILE \[--json\]/);
    const unknown = fakeIo({});
    expect(await runCli(['classify', 'a.topo', '--yaml'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toMatch(/unknown option '--yaml'/);
    const two = fakeIo({});
    expect(await runCli(['classify', 'a.topo', 'b.topo'], two.io)).toBe(2);
  });

  it('is listed in topo --help', async () => {
    const { io, stdout } = fakeIo({});
    expect(await runCli(['--help'], io)).toBe(0);
    expect(stdout()).toMatch(/\n {2}classify +say whether a design is distributed/);
  });
});
