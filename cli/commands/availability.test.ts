import { describe, expect, it } from 'vitest';
import { analyzeAvailability } from '../../shared/reliability';
import { runCli } from '../main';
import { fakeIo } from '../testing/fakeIo';

const A = 8760 / 8762;

const shop = {
  format: 'topology-designer',
  version: 1,
  name: 'shop',
  hosts: [
    { id: 'h1', name: 'server-1' },
    { id: 'h2', name: 'server-2' },
    { id: 'h3', name: 'server-3' },
  ],
  nodes: [
    { id: 'users', kind: 'client', name: 'Users', rate: 150, slo: { availability: 0.9999999 } },
    { id: 'web', kind: 'service', name: 'Web', instances: [{ host: 'h1' }, { host: 'h2' }, { host: 'h3' }], concurrency: 1, latencyMs: 10 },
  ],
  edges: [{ id: 'e1', from: 'users', to: 'web' }],
};

describe('topo availability', () => {
  it('--json prints the SPEC §7 shape with the exact figure', async () => {
    const { io, stdout, stderr } = fakeIo({ 'shop.topo': JSON.stringify(shop) });
    expect(await runCli(['availability', 'shop.topo', '--json', '--years', '50'], io)).toBe(0);
    expect(stderr()).toBe('');
    const printed = JSON.parse(stdout());
    expect(printed).toEqual(JSON.parse(JSON.stringify(analyzeAvailability(shop as never, { years: 50, seed: 1 }))));
    expect(printed.units).toBe(3);
    expect(printed.clients.users.exact).toBeCloseTo(1 - (1 - A) ** 3, 9);
    expect(Object.keys(printed.clients.users.monteCarlo)).toEqual(['value', 'low', 'high', 'years']);
    expect(printed.clients.users.slo).toEqual({ availability: 0.9999999, met: true });
  });

  it('--capacity-aware needs 2 of the 3 instances: 3A² − 2A³, which misses the SLO', async () => {
    const { io, stdout } = fakeIo({ 'shop.topo': JSON.stringify(shop) });
    expect(await runCli(['availability', 'shop.topo', '--json', '--capacity-aware', '--years', '10'], io)).toBe(0);
    const users = JSON.parse(stdout()).clients.users;
    expect(users.exact).toBeCloseTo(3 * A ** 2 - 2 * A ** 3, 9);
    expect(users.slo.met).toBe(false);
  });

  it('prints a table per client', async () => {
    const { io, stdout } = fakeIo({ 'shop.topo': JSON.stringify(shop) });
    expect(await runCli(['availability', 'shop.topo', '--capacity-aware', '--years', '10', '--seed', '4'], io)).toBe(0);
    const lines = stdout().split('\n');
    expect(lines[0]).toBe('shop.topo: 3 failure units; exact, and Monte Carlo over 10 years (seed 4); capacity-aware');
    expect(lines[2]).toBe('Users (users)');
    // As many decimals as show the first digit past the nines, the same on every line of the table.
    expect(lines[3]).toMatch(/^ {2}availability {3}99\.99998\d* % +exact$/);
    const decimals = lines[3]!.split('.')[1]!.split(' ')[0]!.length;
    const figure = `\\d+\\.\\d{${decimals}} %`;
    expect(stdout()).toMatch(new RegExp(`\n {2}Monte Carlo +${figure} +95 % interval ${figure} – ${figure}\n`));
    expect(stdout()).toMatch(/\n {2}nines +6\.81\n/);
    expect(stdout()).toMatch(new RegExp(`\n {2}SLO +99\\.99999\\d* % +NOT met\n`));
    expect(stdout()).toMatch(/\n {2}downtime from +33\.3 % +host:h1\n +33\.3 % +host:h2\n +33\.3 % +host:h3\n/);
  });

  it('fails with exit 1 on an invalid file and exit 2 on bad usage', async () => {
    const bad = fakeIo({ 'bad.topo': JSON.stringify({ ...shop, hosts: [{ id: 'h1', name: 'a', zone: 'z', region: 'eu' }, { id: 'h2', name: 'b', zone: 'z', region: 'us' }, { id: 'h3', name: 'c' }] }) });
    expect(await runCli(['availability', 'bad.topo'], bad.io)).toBe(1);
    expect(bad.stderr()).toBe('bad.topo: hosts[1].region: zone "z" is already in region "eu" (hosts[0]): a zone lies in one region\n');
    for (const args of [['availability'], ['availability', 'shop.topo', '--years', '0'], ['availability', 'shop.topo', '--years', '2.5'], ['availability', 'shop.topo', '--seed', 'x'], ['availability', 'shop.topo', '--exact']]) {
      const usage = fakeIo({ 'shop.topo': JSON.stringify(shop) });
      expect(await runCli(args, usage.io)).toBe(2);
      expect(usage.stderr()).toMatch(/^topo availability: /);
    }
  });

  it('is listed in topo --help', async () => {
    const { io, stdout } = fakeIo({});
    expect(await runCli(['--help'], io)).toBe(0);
    expect(stdout()).toMatch(/\n {2}availability +predict each client/);
  });
});
