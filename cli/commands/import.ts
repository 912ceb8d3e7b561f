import { EXIT_OK, parseCommandArgs, singleFile, usageError, UserError, type Command } from '../command';
import { formatError, serializeDocument } from '../../shared/document';
import { dirname, basename, join, resolve } from 'node:path';
import { importCompose, parseEnvFile } from '../../shared/import';

/** `topo import FILE --out PATH [--name NAME]`: docker-compose YAML → `.topo`. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a docker-compose file as a .topo design (what cannot be mapped is reported)',
  usage:
    'topo import FILE --out PATH [--name NAME]\n\n' +
    'Reads the docker-compose YAML FILE and writes a .topo design to PATH (`--out -` for stdout):\n' +
    'services become nodes (kind from the image), depends_on and links become calls, deploy.replicas\n' +
    'and scale become instances, `node.hostname ==` placement becomes servers (else one host), and a\n' +
    'client "Users" calls the entry points (what publishes a port and nothing else calls, gateways first).\n' +
    'Kinds come from a table of well-known images; `${VAR:-default}` is read from the .env beside FILE;\n' +
    'services of one image or build share a `codebase`. The design is named after the file\'s `name:`,\n' +
    'else its folder. Everything not mapped is listed on stderr.',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(importCommand, args, { out: { type: 'string', short: 'o' }, name: { type: 'string' } });
    const file = singleFile(importCommand, positionals);
    if (values.out === undefined || values.out === '') throw usageError(importCommand, 'missing --out PATH (or --out - for stdout)');
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError([`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : String((error as Error).message)}`]);
    }
    // Compose reads `${VAR}` values from the .env beside the file and names the project after its folder.
    const folder = dirname(resolve(file));
    let env: Map<string, string> | undefined;
    try {
      env = parseEnvFile(io.readFile(join(dirname(file), '.env')));
    } catch {
      env = undefined; // no .env: variables without a default are reported as unset
    }
    const result = importCompose(text, {
      ...(values.name !== undefined ? { name: values.name } : {}),
      projectFolder: basename(folder),
      ...(env ? { env } : {}),
    });
    if ('errors' in result) throw new UserError(result.errors.map((e) => `${file}: ${formatError(e)}`));
    for (const line of result.report) io.stderr(`${file}: note: ${line}\n`);
    const { document } = result;
    const data = serializeDocument(document);
    if (values.out === '-') {
      io.stdout(data);
    } else {
      try {
        io.writeFile(values.out, data);
      } catch (error) {
        throw new UserError([`${values.out}: cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
      }
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    io.stderr(
      `${values.out === '-' ? 'imported' : `wrote ${values.out}`}: ${plural(document.nodes.length, 'node')}, ${plural(document.edges.length, 'edge')}, ${plural(document.hosts.length, 'host')}\n`,
    );
    return EXIT_OK;
  },
};
