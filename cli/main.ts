/**
 * `topo`: the headless CLI. argv → command → exit code. User errors print one line per problem
 * and no stack trace; anything else is a bug and says so.
 */
import { EXIT_OK, EXIT_USAGE, UserError, type CliIo } from './command';
import { COMMANDS } from './commands';
import { printable, printableLine } from './terminal';

export { VERSION } from './version';
import { VERSION } from './version';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'topo — Topology Designer on the command line',
    '',
    'usage: topo <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'topo help <command> shows the options of one command.',
    'Exit codes: 0 success, 1 invalid input, 2 bad usage.',
    '',
  ].join('\n');
}

function unknownCommand(name: string): string {
  return `topo: unknown command ${JSON.stringify(name)} (expected one of ${COMMANDS.map((c) => c.name).join(', ')})`;
}

/** The io a command sees: whatever it prints is made printable (see terminal.ts); progress stays raw. */
function terminalSafe(io: CliIo): CliIo {
  return {
    stdout: (text) => io.stdout(printable(text)),
    stderr: (text) => io.stderr(printable(text)),
    progress: (text) => io.progress(text),
    readFile: (path) => io.readFile(path),
    listDirectory: (path) => io.listDirectory(path),
    writeFile: (path, data) => io.writeFile(path, data),
    isTty: io.isTty,
  };
}

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafe(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout)(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (name === 'help') {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] === undefined) {
      io.stdout(help());
      return EXIT_OK;
    }
    if (!command) {
      io.stderr(`${unknownCommand(rest[0])}\n${help()}`);
      return EXIT_USAGE;
    }
    io.stdout(`usage: ${command.usage}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${unknownCommand(name)}\n`);
    return EXIT_USAGE;
  }
  // Arguments after `--` are operands (a file may be called `--help`), never options.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.includes('--help') || options.includes('-h')) {
    io.stdout(`usage: ${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(error.lines.map(printableLine).join('\n') + '\n');
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`topo: internal error (please report it): ${message}\n`);
    return 70;
  }
}
