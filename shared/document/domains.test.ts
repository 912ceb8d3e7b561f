import { describe, expect, it } from 'vitest';
import { validateDocument } from './validate';

const doc = (hosts: object[]) => ({ format: 'topology-designer', version: 1, name: 'domains', hosts });

describe('failure domains', () => {
  it('refuses a zone named in two regions, pointing at the second host', () => {
    const result = validateDocument(
      doc([
        { id: 'h1', name: 'a', zone: 'z1', region: 'eu' },
        { id: 'h2', name: 'b', zone: 'z1', region: 'eu' },
        { id: 'h3', name: 'c', zone: 'z1', region: 'us' },
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: 'hosts[2].region', message: 'zone "z1" is already in region "eu" (hosts[0]): a zone lies in one region' },
    ]);
  });

  it('accepts the same region for many zones, and hosts without a region', () => {
    const result = validateDocument(
      doc([
        { id: 'h1', name: 'a', zone: 'z1', region: 'eu' },
        { id: 'h2', name: 'b', zone: 'z2', region: 'eu' },
        { id: 'h3', name: 'c', zone: 'z1' },
        { id: 'h4', name: 'd', region: 'us' },
      ]),
    );
    expect(result.ok).toBe(true);
  });

  it('checks the new reliability fields', () => {
    const result = validateDocument({
      ...doc([{ id: 'h1', name: 'a', mtbfHours: 0, mttrHours: -1 }]),
      settings: { zoneMtbfHours: -5, crossZoneMs: 'x' },
      nodes: [{ id: 'c', kind: 'client', name: 'C', slo: { availability: 1.5 } }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(
      ['hosts[0].mtbfHours', 'hosts[0].mttrHours', 'nodes[0].slo.availability', 'settings.crossZoneMs', 'settings.zoneMtbfHours'].sort(),
    );
  });
});
