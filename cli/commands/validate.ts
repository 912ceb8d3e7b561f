import { EXIT_OK, parseCommandArgs, readDocument, singleFile, type Command } from '../command';

/** `topo validate FILE`: exit 0 and "FILE: valid (…)" or exit 1 with one line per problem. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a .topo file against the file format (exit 0 valid, 1 invalid)',
  usage:
    'topo validate FILE [--strict]\n\nChecks FILE against the v1 file format and prints one line per problem.\n' +
    'An instance on a host that `hosts` does not declare is an error, as in every command.\n' +
    '--strict makes warnings errors too.',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(validateCommand, args, { strict: { type: 'boolean' } });
    const file = singleFile(validateCommand, positionals);
    const doc = readDocument(file, io, { strict: values.strict === true });
    io.stdout(
      `${file}: valid (${doc.nodes.length} node${doc.nodes.length === 1 ? '' : 's'}, ${doc.edges.length} edge${doc.edges.length === 1 ? '' : 's'}, ${doc.hosts.length} host${doc.hosts.length === 1 ? '' : 's'})\n`,
    );
    return EXIT_OK;
  },
};
