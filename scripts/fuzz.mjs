#!/usr/bin/env node
/**
 * The longer fuzz run for people: every stage's fuzz test (reader, classifier and simulator,
 * exporters, importers) with many more cases and a new seed each time, printed so a failure
 * reproduces. CI runs the same tests with their small fixed defaults inside `npm test`.
 *
 *   npm run fuzz                 # 5,000 cases per property, a random seed
 *   npm run fuzz -- 20000 1234   # cases per property, then a seed
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const FILES = ['shared/document/fuzz.test.ts', 'shared/export/fuzz.test.ts', 'shared/import/fuzz.test.ts'];
const runs = process.argv[2] ?? '5000';
const seed = process.argv[3] ?? String(randomInt(1, 2 ** 31 - 1));
if (!/^\d+$/.test(runs) || !/^\d+$/.test(seed)) {
  console.error('usage: npm run fuzz -- [RUNS] [SEED]');
  process.exit(2);
}
console.log(`fuzz: ${runs} cases per property, seed ${seed} (repeat with: npm run fuzz -- ${runs} ${seed})`);
const result = spawnSync('npx', ['vitest', 'run', '--testTimeout=0', ...FILES], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
