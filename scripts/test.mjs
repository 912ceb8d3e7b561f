// `npm test`: every suite in turn — types, lint, the Electron bundles, unit tests (Vitest), the web build and the
// end-to-end tests (Playwright, Debian Chromium) — then one summary line as the very last line:
// `tests: N passed, N failed, N skipped` (summed over the unit and e2e suites). A step that is not a test suite
// (typecheck, lint, a build) and fails counts as one failed test, and so does a suite that exits with an error
// while its report shows no failed test (a file that cannot load, a web server that does not start): the line
// never reads "0 failed" for a run that did not pass. Each such failure is named above the summary line.
// Usage: node scripts/test.mjs [--unit | --e2e]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The counts of a Vitest JSON report. Skipped counts everything that neither passed nor failed (`skip`, `todo`,
 * tests never reached), each test once.
 * @param {{ numTotalTests: number, numPassedTests: number, numFailedTests: number }} report
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
export function countVitest(report) {
  const passed = report.numPassedTests;
  const failed = report.numFailedTests;
  return { passed, failed, skipped: Math.max(0, report.numTotalTests - passed - failed) };
}

/**
 * The counts of a Playwright JSON report's `stats`: a flaky test passed in the end, an unexpected one failed.
 * @param {{ expected: number, unexpected: number, flaky: number, skipped: number }} stats
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
export function countPlaywright(stats) {
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

/**
 * A running tally of a test run: counts, and one line for every failure that is not a single failed test.
 */
export class Tally {
  passed = 0;
  failed = 0;
  skipped = 0;
  /** @type {string[]} */
  problems = [];

  /**
   * Records a step that is not a test suite (typecheck, lint, a build): a failure is one failed test.
   * @param {string} name
   * @param {number | null} status the exit code, `null` when a signal ended it
   * @param {string | null} [signal]
   */
  step(name, status, signal = null) {
    if (status === 0) return;
    this.failed += 1;
    this.problems.push(`${name} exited with ${status ?? signal}`);
  }

  /**
   * Records a test suite from its report (`null` when it wrote none). An exit code that says "failed" while the
   * report counts no failed test adds one failed test, so the summary agrees with the exit code.
   * @param {string} name
   * @param {number | null} status
   * @param {{ passed: number, failed: number, skipped: number } | null} counts
   * @param {string | null} [signal]
   */
  suite(name, status, counts, signal = null) {
    if (counts === null) {
      this.failed += 1;
      this.problems.push(`${name} exited with ${status ?? signal} and wrote no report`);
      return;
    }
    this.passed += counts.passed;
    this.failed += counts.failed;
    this.skipped += counts.skipped;
    if (status !== 0 && counts.failed === 0) {
      this.failed += 1;
      this.problems.push(`${name} exited with ${status ?? signal} though no test failed (see its output above)`);
    }
  }

  /** `true` when nothing failed. */
  get ok() {
    return this.failed === 0 && this.problems.length === 0;
  }

  /** The closing lines: every problem, then the summary line. */
  lines() {
    return [...this.problems.map((problem) => `✖ ${problem}`), `tests: ${this.passed} passed, ${this.failed} failed, ${this.skipped} skipped`];
  }
}

/** Reads a JSON file, or `null` when it is missing or not JSON. */
function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function run(name, command, args) {
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n`);
  return spawnSync(command, args, { stdio: 'inherit', env: process.env });
}

function main() {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const only = process.argv.includes('--unit') ? 'unit' : process.argv.includes('--e2e') ? 'e2e' : 'all';
  mkdirSync('test-results', { recursive: true });
  const tally = new Tally();
  const step = (name, command, args) => {
    const result = run(name, command, args);
    tally.step(name, result.status, result.signal);
    return result.status === 0;
  };

  if (only === 'all') {
    step('typecheck', npm, ['run', '--silent', 'typecheck']);
    step('lint', npm, ['run', '--silent', 'lint']);
    // The desktop bundles must build even where Electron itself cannot run.
    step('build:electron', npm, ['run', '--silent', 'build:electron']);
  }

  if (only !== 'e2e') {
    const reportFile = 'test-results/unit.json';
    rmSync(reportFile, { force: true });
    const result = run('unit', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]);
    const report = readJson(reportFile);
    tally.suite('unit', result.status, report && countVitest(report), result.signal);
  }

  if (only !== 'unit' && step('build:web', npm, ['run', '--silent', 'build:web'])) {
    // The file named by playwright.config.ts's json reporter.
    const reportFile = 'test-results/e2e.json';
    rmSync(reportFile, { force: true });
    const result = run('e2e', npx, ['playwright', 'test']);
    const report = readJson(reportFile);
    tally.suite('e2e', result.status, report?.stats ? countPlaywright(report.stats) : null, result.signal);
  }

  process.stdout.write(`\n${tally.lines().join('\n')}\n`);
  process.exit(tally.ok ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
