import { EXIT_OK, parseCommandArgs, singleFile, usageError, UserError, type Command } from '../command';
import { formatError, serializeDocument } from '../../shared/document';
import { importCompose } from '../../shared/import';

/** `topo import FILE --out PATH [--name NAME]`: docker-compose YAML → `.topo`. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a docker-compose file as a .topo design (what cannot be mapped is reported)',
  usage:
    'topo import FILE --out PATH [--name NAME]\n\n' +
    'Reads the docker-compose YAML FILE and writes a .topo design to PATH (`--out -` for stdout):\n' +
    'services become nodes (kind from the image), depends_on and links become calls, deploy.replicas\n' +
    'and scale become instances, `node.hostname ==` placement becomes servers (else one host), and a\n' +
    'client "Users" calls what publishes ports. Everything not mapped is listed on stderr.',
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
    const result = importCompose(text, values.name !== undefined ? { name: values.name } : {});
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
