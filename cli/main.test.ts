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

describe('terminal escape injection', () => {
  const hostile = '\u001b]52;c;ZXZpbA==\u0007\u001b]0;owned\u0007\u009b31m';
  const design = (name: string, extra = '', view = '') =>
    `{"format":"topology-designer","version":1,"name":${JSON.stringify(name)},"hosts":[{"id":"h1","name":"h1"}],` +
    `"nodes":[{"id":"c","kind":"client","name":${JSON.stringify(name)}},{"id":"s","kind":"service","name":"S","instances":[{"host":"h1"}]${extra}}],` +
    `"edges":[{"id":"e","from":"c","to":"s"}]${view}}`;
  // eslint-disable-next-line no-control-regex -- the test looks for control characters
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

  it.each([['classify'], ['validate'], ['simulate'], ['sweep']])('%s prints names with their control characters escaped', async (command) => {
    const { io, stdout, stderr } = fakeIo({ 'x.topo': design(hostile) });
    await runCli([command, 'x.topo', ...(command === 'simulate' || command === 'sweep' ? ['--duration', '1'] : [])], io);
    expect(stdout() + stderr()).not.toMatch(CONTROL);
  });

  it('JSON output stays the same JSON once escaped', async () => {
    const { io, stdout } = fakeIo({ 'x.topo': design(hostile) });
    expect(await runCli(['classify', 'x.topo', '--json'], io)).toBe(EXIT_OK);
    expect(stdout()).not.toMatch(CONTROL);
    expect(JSON.stringify(JSON.parse(stdout()))).toContain('owned');
  });

  it('a newline in a key keeps its problem on one line, and a hostile file name is escaped', async () => {
    const { io, stderr } = fakeIo({ 'x\u001b[2J.topo': design('ok', ',"concurrency":-1', ',"view":{"positions":{"a\\nb":{"x":"left","y":0}}}') });
    await runCli(['validate', 'x\u001b[2J.topo'], io);
    expect(stderr()).not.toMatch(CONTROL);
    const lines = stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(stderr()).toContain('a\\u000ab');
    expect(lines.every((line) => line.startsWith('x\\u001b[2J.topo: '))).toBe(true);
  });
});
