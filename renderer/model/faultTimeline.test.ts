import { describe, expect, it } from 'vitest';
import type { Fault, TopologyDocument } from '../../shared/document';
import { faultBars } from './faultTimeline';

const document = {
  nodes: [{ id: 'api', name: 'API' }],
  hosts: [
    { id: 'h1', name: 'web-1' },
    { id: 'h2', name: 'web-2' },
  ],
} as unknown as TopologyDocument;

describe('faultBars', () => {
  it('spans each fault over its share of the run, open ends to the run’s edges', () => {
    const faults: Fault[] = [
      { type: 'host-down', target: 'h1', at: 10, until: 30 },
      { type: 'latency', target: 'api', value: 200 },
    ];
    const bars = faultBars(faults, 60, document);
    expect(bars).toHaveLength(2);
    const latency = bars.find((b) => b.label.startsWith('latency'))!;
    expect([latency.from, latency.to]).toEqual([0, 1]);
    expect(latency.label).toBe('latency 200 API, 0–60 s');
    const host = bars.find((b) => b.label.startsWith('host-down'))!;
    expect(host.from).toBeCloseTo(10 / 60);
    expect(host.to).toBeCloseTo(0.5);
    expect(host.label).toBe('host-down web-1, 10–30 s');
  });

  it('puts overlapping faults in separate rows and reuses a row once free', () => {
    const faults: Fault[] = [
      { type: 'host-down', target: 'h1', at: 0, until: 20 },
      { type: 'host-down', target: 'h2', at: 10, until: 30 },
      { type: 'node-down', target: 'api', at: 25, until: 40 },
    ];
    expect(faultBars(faults, 60, document).map((b) => b.row)).toEqual([0, 1, 0]);
  });

  it('leaves out faults after the run and clips those that outlast it', () => {
    const faults: Fault[] = [
      { type: 'node-down', target: 'api', at: 70 },
      { type: 'instance-down', target: 'api', instance: 1, at: 50, until: 90 },
      { type: 'partition', groups: [['h1'], ['h2']], at: 5, until: 6 },
    ];
    const bars = faultBars(faults, 60, document);
    expect(bars.map((b) => b.label)).toEqual(['partition web-1 | web-2, 5–6 s', 'instance-down API #2, 50–60 s']);
    expect(bars[1]!.to).toBe(1);
  });
});
