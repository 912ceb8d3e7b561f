/**
 * The shape of a `topo` command and the small toolkit every command shares: argument parsing with
 * clear usage errors, reading and validating a document, and exit codes (SPEC §5):
 * 0 success, 1 bad input (one line per problem), 2 bad usage. No stack traces for user errors.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { decodeDocumentBytes, formatError, parseDocumentText, type TopologyDocument } from '../shared/document';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Where a command writes: injected so tests can capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A progress line on stderr that may carry its own terminal controls (`\r`, erase line); TTY only. */
  progress(text: string): void;
  readFile(path: string): string;
  /** The names of the entries of a folder, sorted; null when `path` is not a folder. */
  listDirectory(path: string): string[] | null;
  writeFile(path: string, data: string | Uint8Array): void;
  /** True when stderr is a terminal (progress bars only then). */
  readonly isTty: boolean;
}

export interface Command {
  readonly name: string;
  /** One line for `topo --help`. */
  readonly summary: string;
  /** Full usage text for `topo help NAME` and usage errors. */
  readonly usage: string;
  run(args: string[], io: CliIo): Promise<number> | number;
}

/** A user error: printed as one line (or one line per problem), never with a stack. */
export class UserError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode: number = EXIT_INVALID,
  ) {
    super(lines.join('\n'));
  }
}

export function usageError(command: Command, message: string): UserError {
  return new UserError([`topo ${command.name}: ${message}`, `usage: ${command.usage.split('\n')[0]}`], EXIT_USAGE);
}

/** `node:util` parseArgs with its errors turned into usage errors. */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(command: Command, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    // node:util words these as sentences ("Unknown option", "Option … does not take an argument"); ours continue a line.
    throw usageError(command, message.charAt(0).toLowerCase() + message.slice(1));
  }
}

/**
 * Reads and validates a `.topo` file; problems become a UserError with `FILE: path: message` lines.
 * A file the app could repair (instances on undeclared hosts) is refused here all the same: a
 * typo must not invent a server in CI. Warnings go to stderr, or fail the read with `strict`.
 */
export function readDocument(path: string, io: CliIo, options: { strict?: boolean; quiet?: boolean } = {}): TopologyDocument {
  return readDocumentAndText(path, io, options).document;
}

/** `readDocument`, with the file's text (to locate findings on its lines). FILE `-` is standard input. */
export function readDocumentAndText(path: string, io: CliIo, options: { strict?: boolean; quiet?: boolean } = {}): { document: TopologyDocument; text: string } {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new UserError([`${path}: ${why}`]);
  }
  const result = parseDocumentText(text);
  if (!result.ok) throw new UserError(result.errors.map((e) => `${path}: ${formatError(e)}`));
  if (options.strict && result.warnings.length > 0) throw new UserError(result.warnings.map((e) => `${path}: ${formatError(e)}`));
  if (!options.quiet) for (const w of result.warnings) io.stderr(`${path}: warning: ${formatError(w)}\n`);
  return { document: result.document, text };
}

/** Parses a number option: `--duration 60`. */
export function numberOption(command: Command, name: string, value: string | undefined, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw usageError(command, `--${name} ${JSON.stringify(value)}: must be ${rule}`);
  return n;
}

/** Exactly one positional FILE argument. */
export function singleFile(command: Command, positionals: string[]): string {
  if (positionals.length === 0) throw usageError(command, 'missing FILE');
  if (positionals.length > 1) throw usageError(command, `expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0]!;
}

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: (text) => process.stderr.write(text),
    // `-` is standard input, for every command that reads a file (`git show main:d.topo | topo diff - d.topo`).
    readFile: (path) => readTextFile(path),
    listDirectory: (path) => (statSync(path, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(path).sort() : null),
    writeFile: (path, data) => writeFileSync(path, data),
    isTty: Boolean(process.stderr.isTTY),
  };
}

/**
 * Reads a file's bytes and decodes them as the app does (UTF-8 with or without a BOM, UTF-16 by its
 * BOM); malformed text is a UserError with the byte offset, never silently replaced by U+FFFD.
 */
export function readTextFile(path: string): string {
  const decoded = decodeDocumentBytes(readFileSync(path === '-' ? 0 : path));
  if (!decoded.ok) throw new UserError([`${path}: ${formatError(decoded.error)}`]);
  return decoded.text;
}
