import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { Tally, countPlaywright, countVitest } from './test.mjs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface TallyLike {
  step(name: string, status: number | null, signal?: string | null): void;
  suite(name: string, status: number | null, counts: Counts | null, signal?: string | null): void;
  readonly ok: boolean;
  lines(): string[];
}

const newTally = (): TallyLike => new Tally();

describe('countVitest', () => {
  it('counts skipped and todo tests as skipped, each once', () => {
    // 10 tests: 6 passed, 1 failed, 2 skipped, 1 todo (Vitest counts todo apart from pending).
    expect(countVitest({ numTotalTests: 10, numPassedTests: 6, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 })).toEqual({ passed: 6, failed: 1, skipped: 3 });
  });
});

describe('countPlaywright', () => {
  it('counts flaky tests as passed and unexpected ones as failed', () => {
    expect(countPlaywright({ expected: 20, unexpected: 2, flaky: 1, skipped: 4 })).toEqual({ passed: 21, failed: 2, skipped: 4 });
  });
});

describe('Tally', () => {
  it('ends with the summary line and passes when every step and suite passed', () => {
    const tally = newTally();
    tally.step('typecheck', 0);
    tally.suite('unit', 0, { passed: 5, failed: 0, skipped: 2 });
    tally.suite('e2e', 0, { passed: 3, failed: 0, skipped: 1 });
    expect(tally.ok).toBe(true);
    expect(tally.lines()).toEqual(['tests: 8 passed, 0 failed, 3 skipped']);
  });

  it('counts a failing lint or typecheck as one failed test each and names it', () => {
    const tally = newTally();
    tally.step('typecheck', 2);
    tally.step('lint', 1);
    tally.suite('unit', 0, { passed: 5, failed: 0, skipped: 0 });
    expect(tally.ok).toBe(false);
    expect(tally.lines()).toEqual(['✖ typecheck exited with 2', '✖ lint exited with 1', 'tests: 5 passed, 2 failed, 0 skipped']);
  });

  it('counts the failed tests of a suite, and no extra one when they explain its exit code', () => {
    const tally = newTally();
    tally.suite('unit', 1, { passed: 5, failed: 2, skipped: 0 });
    expect(tally.lines()).toEqual(['tests: 5 passed, 2 failed, 0 skipped']);
    expect(tally.ok).toBe(false);
  });

  it('fails a suite that exits with an error while its report shows no failed test, or that wrote no report', () => {
    const tally = newTally();
    tally.suite('unit', 1, { passed: 5, failed: 0, skipped: 0 });
    tally.suite('e2e', null, null, 'SIGTERM');
    expect(tally.ok).toBe(false);
    expect(tally.lines()).toEqual([
      '✖ unit exited with 1 though no test failed (see its output above)',
      '✖ e2e exited with SIGTERM and wrote no report',
      'tests: 5 passed, 2 failed, 0 skipped',
    ]);
  });
});
