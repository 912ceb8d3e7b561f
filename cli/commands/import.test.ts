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

describe('topo import with a .env and a project folder', () => {
  it('reads ${VAR} values from the .env beside the file and names the design after its folder', async () => {
    const { io, stdout } = fakeIo({
      'shop/compose.yml': 'services:\n  db:\n    image: ${DB_IMAGE:-mysql:8}\n  web:\n    image: ${APP}\n    ports: ["80:80"]\n    depends_on: [db]\n',
      'shop/.env': 'DB_IMAGE=postgres:16\nAPP=acme/web\n',
    });
    expect(await runCli(['import', 'shop/compose.yml', '--out', '-'], io)).toBe(0);
    const doc = JSON.parse(stdout());
    expect(doc.name).toBe('shop');
    expect(doc.nodes.map((n: { id: string; kind: string }) => `${n.id}:${n.kind}`)).toEqual(['users:client', 'db:database', 'web:service']);
  });

  it('without a .env, variables without a default are reported as unset', async () => {
    const { io, stderr } = fakeIo({ 'c.yml': 'services:\n  web:\n    image: ${APP}\n' });
    expect(await runCli(['import', 'c.yml', '--out', '-'], io)).toBe(0);
    expect(stderr()).toContain('c.yml: note: services.web.image: variable APP is not set (no .env entry): substituted an empty string\n');
  });
});

describe('topo import of Kubernetes manifests', () => {
  const fixture = (name: string) => readFileSync(join(__dirname, '../../tests/fixtures/kubernetes', name), 'utf8');

  it('tells a manifest from a compose file by content', async () => {
    const { io, stdout, stderr } = fakeIo({ 'guestbook.yaml': fixture('guestbook.yaml') });
    expect(await runCli(['import', 'guestbook.yaml', '--out', '-'], io)).toBe(0);
    expect(JSON.parse(stdout()).nodes.map((n: { id: string }) => n.id)).toEqual(['users', 'redis-leader', 'redis-follower', 'frontend']);
    expect(stderr()).toContain('guestbook.yaml: note: the manifests name no cluster nodes');
  });

  it('reads every manifest of a folder, as kubectl apply -f does', async () => {
    const { io, stdout, stderr } = fakeIo({ 'shop/services.yaml': fixture('shop/services.yaml'), 'shop/data.yaml': fixture('shop/data.yaml'), 'shop/README.md': '# not a manifest' });
    expect(await runCli(['import', 'shop', '--out', '-'], io)).toBe(0);
    expect(JSON.parse(stdout()).nodes).toHaveLength(8);
    expect(stderr()).toContain('shop: note: ConfigMap (shop-config): not imported\n');
  });

  it('an empty folder and a broken manifest exit 1 with one located line', async () => {
    const empty = fakeIo({ 'k8s/notes.txt': 'x' });
    expect(await runCli(['import', 'k8s', '--out', '-'], empty.io)).toBe(1);
    expect(empty.stderr()).toBe('k8s: is a folder with no .yaml, .yml or .json file to import\n');
    const broken = fakeIo({ 'm.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: [x\n' });
    expect(await runCli(['import', 'm.yaml', '--out', '-'], broken.io)).toBe(1);
    expect(broken.stderr()).toMatch(/^m\.yaml: line \d+, column \d+: invalid YAML: .*\n$/);
  });
});
