import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../shared/document';
import type { CliIo } from '../command';
import { runCli } from '../main';

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return files[path]!;
    },
    writeFile: (path, data) => void (files[path] = String(data)),
    isTty: false,
  };
  return { io, files, stdout: () => out.join(''), stderr: () => err.join('') };
}

const wordpress = readFileSync(join(__dirname, '../../tests/fixtures/compose/wordpress.yml'), 'utf8');

describe('topo import', () => {
  it('writes a valid design and lists what it could not map on stderr', async () => {
    const { io, files, stderr } = fakeIo({ 'docker-compose.yml': wordpress });
    expect(await runCli(['import', 'docker-compose.yml', '--out', 'site.topo', '--name', 'Blog'], io)).toBe(0);
    const parsed = parseDocumentText(files['site.topo']!);
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
