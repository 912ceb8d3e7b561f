import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../shared/document';
import { runCli } from '../main';
import { fakeIo as makeFakeIo } from '../testing/fakeIo';

function fakeIo(files: Record<string, string | Uint8Array>) {
  return makeFakeIo(files, { writable: true });
}


const wordpress = readFileSync(join(__dirname, '../../tests/fixtures/compose/wordpress.yml'), 'utf8');

describe('topo import', () => {
  it('writes a valid design and lists what it could not map on stderr', async () => {
    const { io, files, stderr } = fakeIo({ 'docker-compose.yml': wordpress });
    expect(await runCli(['import', 'docker-compose.yml', '--out', 'site.topo', '--name', 'Blog'], io)).toBe(0);
    const parsed = parseDocumentText(String(files['site.topo']));
    expect(parsed.ok && parsed.document.name).toBe('Blog');
    expect(parsed.ok && parsed.document.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual(['users:client', 'db:database', 'wordpress:service', 'memcached:cache']);
    expect(stderr()).toContain('docker-compose.yml: note: volumes (db): not imported\n');
    expect(stderr()).toMatch(/wrote site\.topo: 4 nodes, 2 edges, 1 host\n$/);
  });

  it('--out - prints the design', async () => {
    const { io, stdout } = fakeIo({ 'c.yml': 'services:\n  api:\n    image: acme/api\n' });
    expect(await runCli(['import', 'c.yml', '--out', '-'], io)).toBe(0);
    expect(JSON.parse(stdout()).nodes).toEqual([{ id: 'api', kind: 'service', name: 'api', instances: [{ host: 'docker-host' }] }]);
  });

  it('malformed YAML exits 1 with the line; missing --out exits 2', async () => {
    const bad = fakeIo({ 'c.yml': 'services:\n  api:\n    image: [x\n' });
    expect(await runCli(['import', 'c.yml', '--out', 'x.topo'], bad.io)).toBe(1);
    expect(bad.stderr()).toMatch(/^c\.yml: line \d+, column \d+: invalid YAML: /);
    const usage = fakeIo({ 'c.yml': wordpress });
    expect(await runCli(['import', 'c.yml'], usage.io)).toBe(2);
    const missing = fakeIo({});
    expect(await runCli(['import', 'nope.yml', '--out', 'x.topo'], missing.io)).toBe(1);
    expect(missing.stderr()).toBe('nope.yml: no such file\n');
  });
});
