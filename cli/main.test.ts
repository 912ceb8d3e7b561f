import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from './command';
import { COMMANDS } from './commands';
import { VERSION, runCli } from './main';
import { fakeIo } from './testing/fakeIo';


/** Stack frames or error class names must never reach the user for a usage or input problem. */
const STACK = /^\s+at |Error:|node:internal|\.ts:\d+/m;

describe('runCli', () => {
  it('with no command prints the help to stderr and exits 2', async () => {
    const { io, stdout, stderr } = fakeIo();
    expect(await runCli([], io)).toBe(EXIT_USAGE);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('usage: topo <command> [options]');
  });

  it.each([['--help'], ['-h'], ['help']])('%s prints the help, listing every command, to stdout and exits 0', async (flag) => {
    const { io, stdout, stderr } = fakeIo();
    expect(await runCli([flag], io)).toBe(EXIT_OK);
    expect(stderr()).toBe('');
    for (const command of COMMANDS) expect(stdout()).toMatch(new RegExp(`^  ${command.name} +${command.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(stdout()).toContain('Exit codes: 0 success, 1 invalid input, 2 bad usage.');
  });

  it.each([['--version'], ['-v']])('%s prints the version', async (flag) => {
    const { io, stdout } = fakeIo();
    expect(await runCli([flag], io)).toBe(EXIT_OK);
    expect(stdout()).toBe(`${VERSION}\n`);
  });

  it('help COMMAND and COMMAND --help print that command\'s usage', async () => {
    for (const argv of [['help', 'validate'], ['validate', '--help'], ['validate', 'x.topo', '-h']]) {
      const { io, stdout, stderr } = fakeIo();
      expect(await runCli(argv, io), argv.join(' ')).toBe(EXIT_OK);
      expect(stdout()).toMatch(/^usage: topo validate FILE \[--strict\]\n/);
      expect(stderr()).toBe('');
    }
  });

  it('help for an unknown command is a usage error on stderr', async () => {
    const { io, stdout, stderr } = fakeIo();
    expect(await runCli(['help', 'frobnicate'], io)).toBe(EXIT_USAGE);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/^topo: unknown command "frobnicate" \(expected one of validate/);
    expect(stderr()).toContain('usage: topo <command> [options]');
  });

  it('an unknown command exits 2 and lists the commands', async () => {
    const { io, stdout, stderr } = fakeIo();
    expect(await runCli(['frobnicate', 'x.topo'], io)).toBe(EXIT_USAGE);
    expect(stdout()).toBe('');
    expect(stderr()).toBe(`topo: unknown command "frobnicate" (expected one of ${COMMANDS.map((c) => c.name).join(', ')})\n`);
  });

  it('a --help after "--" is a file name, not a request for help', async () => {
    const { io, stdout, stderr } = fakeIo();
    expect(await runCli(['validate', '--', '--help'], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toBe('--help: no such file\n');
  });

  it('never prints a stack trace for usage errors', async () => {
    for (const argv of [[], ['nope'], ['help', 'nope'], ['validate'], ['validate', '--bogus'], ['validate', 'missing.topo'], ['validate', '--strict=yes', 'x']]) {
      const { io, stdout, stderr } = fakeIo();
      await runCli(argv, io);
      expect(stdout() + stderr(), argv.join(' ')).not.toMatch(STACK);
    }
  });
});
