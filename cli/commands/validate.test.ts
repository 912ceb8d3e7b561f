import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeIo, type CliIo } from '../command';
import { runCli } from '../main';
import { fakeIo } from '../testing/fakeIo';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = `${ROOT}tests/fixtures/`;
const fixture = (name: string) => readFileSync(FIXTURES + name, 'utf8');


async function validate(args: string[], files: Record<string, string>) {
  const { io, stdout, stderr } = fakeIo(files);
  const code = await runCli(['validate', ...args], io);
  return { code, stdout: stdout(), stderr: stderr(), lines: stderr().split('\n').filter((l) => l !== '') };
}

const STACK = /^\s+at |Error:|node:internal|\.ts:\d+/m;

describe('topo validate', () => {
  it('a valid file: exit 0, one summary line, nothing on stderr', async () => {
    const result = await validate(['shop.topo'], { 'shop.topo': fixture('valid-small.topo') });
    expect(result).toMatchObject({ code: 0, stdout: 'shop.topo: valid (5 nodes, 4 edges, 2 hosts)\n', stderr: '' });
  });

  it('the file format\'s example is valid, with nothing on stderr', async () => {
    const result = await validate(['spec.topo'], { 'spec.topo': fixture('spec-example.topo') });
    expect(result).toMatchObject({ code: 0, stdout: 'spec.topo: valid (4 nodes, 3 edges, 4 hosts)\n', stderr: '' });
  });

  it('an instance on an undeclared host is an error: exit 1, one line per problem, with or without --strict', async () => {
    for (const args of [['hosts.topo'], ['--strict', 'hosts.topo']]) {
      const result = await validate(args, { 'hosts.topo': fixture('undeclared-hosts.topo') });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.lines).toEqual([
        'hosts.topo: nodes[2].instances[0].host: unknown host "h2"',
        'hosts.topo: nodes[2].instances[1].host: unknown host "h3"',
        'hosts.topo: nodes[3].instances[0].host: unknown host "h4"',
        'hosts.topo: scenarios[0].faults[0].target: unknown host "h2"',
      ]);
    }
  });

  it.each([['classify'], ['simulate'], ['sweep'], ['export', '--format', 'md', '--out', 'out.md']])('topo %s refuses undeclared hosts too (exit 1)', async (...command) => {
    const { io, stdout, stderr } = fakeIo({ 'hosts.topo': fixture('undeclared-hosts.topo') });
    const [name, ...options] = command;
    expect(await runCli([name!, 'hosts.topo', ...options], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr().split('\n')[0]).toBe('hosts.topo: nodes[2].instances[0].host: unknown host "h2"');
  });

  it('--strict changes nothing for a clean file', async () => {
    expect((await validate(['shop.topo', '--strict'], { 'shop.topo': fixture('valid-small.topo') })).code).toBe(0);
  });

  it('wrong field values: exit 1 and one line per problem, each prefixed with the file name', async () => {
    const result = await validate(['bad.topo'], { 'bad.topo': fixture('invalid-schema.topo') });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.lines).toEqual([
      'bad.topo: nodes[2].errorRate: must be ≤ 1',
      'bad.topo: nodes[3].concurrency: must be ≥ 1',
      expect.stringMatching(/^bad\.topo: nodes\[4\]\.kind: unknown kind "robot" \(expected one of "client", /),
      'bad.topo: edges[1].retries: must be ≥ 0',
    ]);
  });

  it('broken references: every problem on its own line', async () => {
    const result = await validate(['refs.topo'], { 'refs.topo': fixture('invalid-references.topo') });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      'refs.topo: nodes[5].id: duplicate node id "db" (also nodes[3])',
      'refs.topo: edges[4].to: an edge cannot connect a node to itself',
      'refs.topo: edges[5].to: "users" is a client: clients send requests and cannot be called',
      'refs.topo: edges[6].to: unknown node "ghost"',
      'refs.topo: scenarios[0].faults[0].target: unknown host "h9"',
      'refs.topo: scenarios[0].faults[1].instance: "orders" has 2 instances (0–1)',
      'refs.topo: scenarios[0].faults[2].until: must be after at (10 s)',
      'refs.topo: scenarios[0].faults[3].groups[1][0]: host "h1" is in two groups',
    ]);
  });

  it.each([
    ['broken-json.topo', 'x.topo: line 7, column 3: invalid JSON: unexpected "]": a value is missing (a comma too many?)'],
    ['newer-version.topo', 'x.topo: version: this file is version 2, newer than this app understands (1): update Topology Designer to open it'],
    ['not-topology.topo', 'x.topo: format: is missing: this is not a Topology Designer file (expected "format": "topology-designer")'],
  ])('%s: exit 1 with one clear line', async (name, line) => {
    const result = await validate(['x.topo'], { 'x.topo': fixture(name) });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([line]);
  });

  it('an empty file says so', async () => {
    const result = await validate(['empty.topo'], { 'empty.topo': '' });
    expect(result).toMatchObject({ code: 1, lines: ['empty.topo: (file): is empty: expected a JSON document'] });
  });

  it('a missing file: exit 1, "no such file"', async () => {
    const result = await validate(['nope.topo'], {});
    expect(result).toMatchObject({ code: 1, stdout: '', lines: ['nope.topo: no such file'] });
  });

  it('a folder: exit 1, "is a folder" (real file system)', async () => {
    const out: string[] = [];
    const io: CliIo = { ...nodeIo(), stdout: (t) => void out.push(t), stderr: (t) => void out.push(t) };
    expect(await runCli(['validate', FIXTURES], io)).toBe(1);
    expect(out.join('')).toBe(`${FIXTURES}: is a folder, not a file\n`);
  });

  it.each([
    [[], 'topo validate: missing FILE'],
    [['a.topo', 'b.topo'], 'topo validate: expected one FILE, got 2: a.topo b.topo'],
    [['--bogus', 'a.topo'], "topo validate: unknown option '--bogus'"],
    [['--strict=yes', 'a.topo'], "topo validate: option '--strict' does not take an argument"],
  ])('usage error %j: exit 2 with the usage line', async (args, message) => {
    const result = await validate(args, { 'a.topo': fixture('valid-small.topo') });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.lines).toEqual([message, 'usage: topo validate FILE [--strict]']);
  });

  it('prints no stack trace for any fixture', async () => {
    const files = Object.fromEntries(
      ['broken-json', 'invalid-references', 'invalid-schema', 'newer-version', 'not-topology', 'spec-example', 'undeclared-hosts', 'valid-small'].map((n) => [
        n,
        fixture(`${n}.topo`),
      ]),
    );
    for (const name of Object.keys(files)) {
      for (const args of [[name], ['--strict', name]]) {
        const result = await validate(args, files);
        expect(result.stdout + result.stderr, name).not.toMatch(STACK);
        expect([0, 1]).toContain(result.code);
      }
    }
  });
});

describe('the installed `topo` command', () => {
  it('runs bin/topo.cjs as npx would: exit 0 on the format example, 1 on a broken file, 2 on bad usage', () => {
    if (!existsSync(`${ROOT}dist/cli/topo.cjs`)) execFileSync(process.execPath, [`${ROOT}scripts/build-cli.mjs`], { cwd: ROOT });
    const run = (...args: string[]) => spawnSync(process.execPath, ['bin/topo.cjs', ...args], { cwd: ROOT, encoding: 'utf8' });

    const ok = run('validate', 'tests/fixtures/spec-example.topo');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('tests/fixtures/spec-example.topo: valid (4 nodes, 3 edges, 4 hosts)\n');
    expect(ok.stderr).toBe('');

    const bad = run('validate', 'tests/fixtures/newer-version.topo');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('update Topology Designer to open it');

    const usage = run('validate');
    expect(usage.status).toBe(2);
    for (const result of [ok, bad, usage]) expect(result.stdout + result.stderr).not.toMatch(STACK);
  });
});
