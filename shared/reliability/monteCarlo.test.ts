import { describe, expect, it } from 'vitest';
import { exactAvailability } from './exact';
import { availabilityModel } from './model';
import { monteCarloAvailability } from './monteCarlo';
import { client, design, edge, host, node } from './testing/builders';

// Failure-prone hosts so that a few hundred simulated years hold thousands of outages.
const flaky = { mtbfHours: 200, mttrHours: 8 };

const designs = {
  series: design({
    hosts: [host('h1', flaky), host('h2', flaky)],
    nodes: [client('users'), node('web', 'service', ['h1']), node('db', 'database', ['h2'])],
    edges: [edge('users', 'web'), edge('web', 'db')],
  }),
  zonedPair: design({
    hosts: [host('h1', { ...flaky, zone: 'a' }), host('h2', { ...flaky, zone: 'a' }), host('h3', { ...flaky, zone: 'b' })],
    nodes: [client('users'), node('gw', 'gateway', ['h3']), node('web', 'service', ['h1', 'h2'], { mtbfHours: 300, mttrHours: 1 }), node('c', 'cache', ['h3'], { hitRate: 0.5 }), node('db', 'database', ['h1'])],
    edges: [edge('users', 'gw'), edge('gw', 'web'), edge('web', 'c'), edge('c', 'db')],
    settings: { zoneMtbfHours: 1000, zoneMttrHours: 12 },
  }),
  weighted: design({
    hosts: [host('h1', flaky), host('h2', flaky), host('h3', flaky)],
    nodes: [client('users'), node('lb', 'loadBalancer', ['h1']), node('a', 'service', ['h2']), node('b', 'service', ['h3', 'h2'])],
    edges: [edge('users', 'lb'), edge('lb', 'a', { weight: 2 }), edge('lb', 'b', { weight: 1 })],
  }),
};

describe('Monte Carlo availability', () => {
  for (const [name, doc] of Object.entries(designs)) {
    it(`its 95 % interval contains the exact value for about 95 % of seeds (${name})`, () => {
      const model = availabilityModel(doc);
      const exact = exactAvailability(model)![0]!;
      // 60 seeds of 100 years: 57 expected inside, ± 1.7; under 52 would be an interval too narrow.
      let inside = 0;
      for (let seed = 1; seed <= 60; seed++) {
        const estimate = monteCarloAvailability(model, { years: 100, seed })[0]!;
        if (estimate.low <= exact.availability && exact.availability <= estimate.high) inside++;
      }
      expect(inside).toBeGreaterThanOrEqual(52);
      // The interval is informative, not [0, 1].
      const estimate = monteCarloAvailability(model, { years: 300, seed: 1 })[0]!;
      expect(estimate.high - estimate.low).toBeLessThan((1 - exact.availability) * 0.5);
    });
  }

  it('estimates each unit’s saved downtime like the exact computation', () => {
    const model = availabilityModel(designs.zonedPair);
    const exact = exactAvailability(model)![0]!;
    const estimate = monteCarloAvailability(model, { years: 1000, seed: 2 })[0]!;
    const total = exact.saved.reduce((a, b) => a + b, 0);
    exact.saved.forEach((saved, u) => expect(Math.abs(estimate.saved[u]! - saved) / total).toBeLessThan(0.05));
  });

  it('narrows its interval as years grow', () => {
    const model = availabilityModel(designs.series);
    const short = monteCarloAvailability(model, { years: 30, seed: 4 })[0]!;
    const long = monteCarloAvailability(model, { years: 1000, seed: 4 })[0]!;
    expect(long.high - long.low).toBeLessThan((short.high - short.low) / 2);
  });
});
