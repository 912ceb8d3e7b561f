import { describe, expect, it } from 'vitest';
import { addFaultToScenario, checkFault } from './faults';
import { UNKNOWN_HOST } from './errors';
import { validateDocument } from './validate';
import type { Fault, TopologyDocument } from './schema';
import { linesOf, smallDocument } from './testing/builders';

const lines = (fault: Fault, doc: TopologyDocument = smallDocument()) => checkFault(fault, doc).map((p) => `${p.path}: ${p.message}`);

describe('checkFault', () => {
  it('accepts sound faults of every type', () => {
    const sound: Fault[] = [
      { type: 'instance-down', target: 'orders', instance: 1 },
      { type: 'node-down', target: 'db', at: 3 },
      { type: 'host-down', target: 'h2', at: 5, until: 10 },
      { type: 'partition', groups: [['h1'], ['h2']] },
      { type: 'latency', target: 'gw', value: 100 },
      { type: 'error-rate', target: 'orders', value: 0.5 },
      { type: 'loss', target: 'jobs', value: 1 },
    ];
    for (const fault of sound) expect(lines(fault)).toEqual([]);
  });

  it('locates each problem inside the fault, in the validator\'s words', () => {
    expect(lines({ type: 'host-down', target: 'h9', at: 10, until: 10 })).toEqual(['until: must be after at (10 s)', 'target: unknown host "h9"']);
    expect(lines({ type: 'node-down', target: 'ghost' })).toEqual(['target: unknown node "ghost"']);
    expect(lines({ type: 'zone-down', target: 'rack-z' })).toEqual(['target: unknown zone "rack-z"']);
    expect(lines({ type: 'region-down', target: 'mars' })).toEqual(['target: unknown region "mars"']);
    expect(lines({ type: 'latency', target: 'users', value: 5 })).toEqual(['target: "users" is a client: faults apply to deployed nodes']);
    expect(lines({ type: 'instance-down', target: 'orders', instance: 2 })).toEqual(['instance: "orders" has 2 instances (0–1)']);
    expect(lines({ type: 'instance-down', target: 'db', instance: 1 })).toEqual(['instance: "db" has 1 instance (0–0)']);
    expect(lines({ type: 'partition', groups: [['h1', 'h9'], ['h2', 'h1']] })).toEqual([
      'groups[0][1]: unknown host "h9"',
      'groups[1][1]: host "h1" is in two groups',
    ]);
  });

  it('accepts a zone or region that a host names', () => {
    const doc = smallDocument();
    const zoned = { ...doc, hosts: doc.hosts.map((h) => ({ ...h, zone: `zone-${h.id}`, region: 'eu' })) };
    expect(lines({ type: 'zone-down', target: 'zone-h2', at: 1 }, zoned)).toEqual([]);
    expect(lines({ type: 'region-down', target: 'eu' }, zoned)).toEqual([]);
    expect(lines({ type: 'zone-down', target: 'eu' }, zoned)).toEqual(['target: unknown zone "eu"']);
  });

  it('marks a host that instances name but hosts does not declare as repairable', () => {
    const doc = smallDocument();
    const undeclared = { ...doc, hosts: doc.hosts.filter((h) => h.id !== 'h2') };
    expect(checkFault({ type: 'host-down', target: 'h2' }, undeclared)).toEqual([{ path: 'target', message: 'unknown host "h2"', code: UNKNOWN_HOST }]);
    expect(checkFault({ type: 'host-down', target: 'h9' }, undeclared)[0]!.code).toBeUndefined();
  });

  it('says what the validator says, path for path', () => {
    const fault: Fault = { type: 'instance-down', target: 'orders', instance: 5, at: 4, until: 2 };
    const doc = smallDocument();
    const inFile = { ...doc, scenarios: [{ id: 's1', name: 'x', faults: [fault] }] };
    expect(linesOf(validateDocument(inFile))).toEqual(lines(fault).map((line) => `scenarios[0].faults[0].${line}`));
  });
});

describe('addFaultToScenario', () => {
  it('adds a sound fault to the chosen scenario', () => {
    const result = addFaultToScenario(smallDocument(), 's1', { type: 'node-down', target: 'db' });
    expect(result.ok && result.scenarioId).toBe('s1');
    expect(result.ok && result.createdScenario).toBe(false);
    expect(result.ok && result.document.scenarios![0]!.faults).toHaveLength(2);
    expect(result.ok && linesOf(validateDocument(result.document))).toEqual([]);
  });

  it('creates a scenario when none is chosen or the chosen one is gone', () => {
    for (const chosen of [null, 'deleted']) {
      const result = addFaultToScenario(smallDocument(), chosen, { type: 'host-down', target: 'h1', at: 10, until: 30 }, 'Lose server-1');
      if (!result.ok) throw new Error('expected the fault to be added');
      expect(result.createdScenario).toBe(true);
      const scenario = result.document.scenarios!.find((s) => s.id === result.scenarioId)!;
      expect(scenario).toEqual({ id: result.scenarioId, name: 'Lose server-1', faults: [{ type: 'host-down', target: 'h1', at: 10, until: 30 }] });
    }
  });

  it('refuses an unsound fault with its problems and leaves the document alone', () => {
    const doc = smallDocument();
    const result = addFaultToScenario(doc, 's1', { type: 'node-down', target: 'ghost' });
    expect(result).toEqual({ ok: false, problems: [{ path: 'target', message: 'unknown node "ghost"' }] });
    expect(doc.scenarios![0]!.faults).toHaveLength(1);
  });
});
