import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { fakeIo } from '../testing/fakeIo';

const chain = {
  format: 'topology-designer',
  version: 1,
  name: 'chain',
  settings: { networkMs: 0 },
  hosts: [{ id: 'h1', name: 'server-1' }],
  nodes: [
    { id: 'users', kind: 'client', name: 'Users', rate: 200 },
    { id: 'svc', kind: 'service', name: 'Orders', instances: [{ host: 'h1' }, { host: 'h1' }], latencyMs: 10, concurrency: 8 },
    { id: 'db', kind: 'database', name: 'Orders DB', instances: [{ host: 'h1' }], latencyMs: 5, concurrency: 4 },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'svc' },
    { id: 'e2', from: 'svc', to: 'db' },
  ],
};

describe('topo capacity', () => {
  it('--json prints the bottleneck and every node', async () => {
    const { io, stdout } = fakeIo({ 'c.topo': JSON.stringify(chain) });
    expect(await runCli(['capacity', 'c.topo', '--json'], io)).toBe(0);
    expect(JSON.parse(stdout())).toEqual({
      bottleneck: 'db',
      maxMultiple: 4,
      maxRate: 800,
      nodes: {
        svc: { visits: 1, holdingMs: 15, slots: 16, capacityPerSecond: 1066.7, utilization: 0.1875, maxRate: 1066.7 },
        db: { visits: 1, holdingMs: 5, slots: 4, capacityPerSecond: 800, utilization: 0.25, maxRate: 800 },
      },
    });
  });

  it('prints the verdict and a table, busiest first', async () => {
    const { io, stdout } = fakeIo({ 'c.topo': JSON.stringify(chain) });
    expect(await runCli(['capacity', 'c.topo'], io)).toBe(0);
    expect(stdout()).toBe(
      [
        "c.topo: bottleneck Orders DB (db) at 800.0 requests/s — every client's rate can grow 4.00×",
        '',
        '  node            visits  holding ms  slots  capacity/s  utilization  max rate/s',
        '  Orders DB (db)   1.000        5.00      4       800.0       25.0 %       800.0',
        '  Orders (svc)     1.000       15.00     16      1066.7       18.8 %      1066.7',
        '',
      ].join('\n'),
    );
  });

  it('--ramp exits 2: not available yet', async () => {
    const { io, stderr } = fakeIo({ 'c.topo': JSON.stringify(chain) });
    expect(await runCli(['capacity', 'c.topo', '--ramp'], io)).toBe(2);
    expect(stderr()).toMatch(/^topo capacity: --ramp is not available yet/);
    const help = fakeIo({});
    expect(await runCli(['help', 'capacity'], help.io)).toBe(0);
    expect(help.stdout()).toContain('--ramp is not available yet');
  });

  it('fails with exit 1 on an invalid file', async () => {
    const { io, stderr } = fakeIo({ 'c.topo': JSON.stringify({ ...chain, settings: { crossZoneMs: -1 } }) });
    expect(await runCli(['capacity', 'c.topo'], io)).toBe(1);
    expect(stderr()).toBe('c.topo: settings.crossZoneMs: must be ≥ 0\n');
  });
});
