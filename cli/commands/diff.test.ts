import { describe, expect, it } from 'vitest';
import { findTemplate, instantiateTemplate, serializeDocument } from '../../shared/document';
import { runCli } from '../main';
import { fakeIo } from '../testing/fakeIo';

const old = instantiateTemplate(findTemplate('monolith-one-server')!);
const renamed = structuredClone(old);
renamed.nodes[1]!.name = 'Storefront';

describe('topo diff', () => {
  it('prints the changes by id; --json has the paths and values; --exit-code exits 1 when they differ', async () => {
    const files = { 'a.topo': serializeDocument(old), 'b.topo': serializeDocument(renamed) };
    const text = fakeIo(files);
    expect(await runCli(['diff', 'a.topo', 'b.topo'], text.io)).toBe(0);
    expect(text.stdout()).toContain(`~ node ${old.nodes[1]!.id}\n    name: ${JSON.stringify(old.nodes[1]!.name)} → "Storefront"`);
    const json = fakeIo(files);
    expect(await runCli(['diff', 'a.topo', 'b.topo', '--json', '--exit-code'], json.io)).toBe(1);
    expect(JSON.parse(json.stdout()).nodes.changed[0].changes).toEqual([{ path: 'name', old: old.nodes[1]!.name, new: 'Storefront' }]);
    const same = fakeIo(files);
    expect(await runCli(['diff', 'a.topo', 'a.topo', '--exit-code'], same.io)).toBe(0);
  });

  it('--simulate adds the deltas of a seeded simulation and sweep', async () => {
    const run = fakeIo({ 'a.topo': serializeDocument(old), 'b.topo': serializeDocument(renamed) });
    expect(await runCli(['diff', 'a.topo', 'b.topo', '--simulate', '--duration', '5', '--json'], run.io)).toBe(0);
    expect(JSON.parse(run.stdout()).simulation.summary).toEqual(['no change in the simulation']);
  });

  it('refuses two files on stdin and a wrong count of files', async () => {
    const run = fakeIo({});
    expect(await runCli(['diff', '-', '-'], run.io)).toBe(2);
    expect(await runCli(['diff', 'a.topo'], run.io)).toBe(2);
  });
});
