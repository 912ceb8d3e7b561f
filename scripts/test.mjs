// `npm test`: every suite in turn — types, lint, the Electron bundles, unit tests (Vitest), the web build and the
// end-to-end tests (Playwright, Debian Chromium) — then one summary line:
// `tests: N passed, N failed` (summed over the unit and e2e suites).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const only = process.argv.includes('--unit') ? 'unit' : process.argv.includes('--e2e') ? 'e2e' : 'all';
mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
const problems = [];

function step(name, command, args, env = {}) {
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) problems.push(`${name} exited with ${result.status ?? result.signal}`);
  return result.status === 0;
}

if (only === 'all') {
  step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  step('lint', 'npm', ['run', '--silent', 'lint']);
  // The desktop bundles must build even where Electron itself cannot run.
  step('build:electron', 'npm', ['run', '--silent', 'build:electron']);
}

if (only !== 'e2e') {
  rmSync('test-results/unit.json', { force: true });
  step('unit', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
  if (existsSync('test-results/unit.json')) {
    const report = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } else {
    failed += 1;
    problems.push('unit tests wrote no report');
  }
}

if (only !== 'unit') {
  if (step('build:web', 'npm', ['run', '--silent', 'build:web'])) {
    rmSync('test-results/e2e.json', { force: true });
    step('e2e', npx, ['playwright', 'test']);
    if (existsSync('test-results/e2e.json')) {
      const stats = JSON.parse(readFileSync('test-results/e2e.json', 'utf8')).stats;
      passed += stats.expected + stats.flaky;
      failed += stats.unexpected;
    } else {
      failed += 1;
      problems.push('e2e tests wrote no report');
    }
  } else {
    failed += 1;
  }
}

for (const problem of problems) process.stdout.write(`✖ ${problem}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(problems.length > 0 || failed > 0 ? 1 : 0);
