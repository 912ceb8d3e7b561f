import { EXIT_OK, numberOption, parseCommandArgs, readDocument, usageError, type Command } from '../command';
import { DEFAULT_DURATION_S, DEFAULT_SEED } from '../../shared/simulation';
import { designsDiffer, diffDesigns, formatDiffText, simulateDiff } from '../../shared/review';
import { MAX_DURATION_S } from './simulate';

/** `topo diff OLD NEW [--json] [--simulate] [--exit-code]`: what a change does to a design (SPEC §9). */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'what changed between two designs, by id, and what it does to the classification (and simulation)',
  usage:
    'topo diff OLD NEW [--json] [--simulate] [--duration S] [--seed N] [--exit-code]\n\n' +
    'Compares two designs by id (a rename is a change of name): nodes, edges, hosts, placements,\n' +
    'scenarios and design fields, each change with its path and old and new values, and the\n' +
    'classification before and after. --simulate runs the same seeded simulation and failure sweep on\n' +
    'both and prints the deltas. Either file may be `-` (standard input):\n' +
    '  git show main:design.topo | topo diff - design.topo\n' +
    '--exit-code exits 1 when they differ, like git diff.',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(diffCommand, args, {
      json: { type: 'boolean' },
      simulate: { type: 'boolean' },
      'exit-code': { type: 'boolean' },
      duration: { type: 'string' },
      seed: { type: 'string' },
    });
    if (positionals.length !== 2) throw usageError(diffCommand, `expected OLD and NEW, got ${positionals.length} file${positionals.length === 1 ? '' : 's'}`);
    const [oldFile, newFile] = positionals as [string, string];
    if (oldFile === '-' && newFile === '-') throw usageError(diffCommand, 'only one of OLD and NEW can be standard input (-)');
    const durationS = numberOption(diffCommand, 'duration', values.duration, DEFAULT_DURATION_S, (n) => n > 0 && n <= MAX_DURATION_S, `a number of seconds in (0, ${MAX_DURATION_S}]`);
    const seed = numberOption(diffCommand, 'seed', values.seed, DEFAULT_SEED, (n) => Number.isSafeInteger(n), 'a whole number');
    const oldDoc = readDocument(oldFile, io, { quiet: values.json === true });
    const newDoc = readDocument(newFile, io, { quiet: values.json === true });
    const diff = diffDesigns(oldDoc, newDoc);
    const simulation = values.simulate ? simulateDiff(oldDoc, newDoc, { durationS, seed }) : undefined;
    if (values.json) {
      io.stdout(JSON.stringify({ ...diff, ...(simulation ? { simulation } : {}) }, null, 2) + '\n');
    } else {
      io.stdout(formatDiffText(diff) + (simulation ? `simulation: ${simulation.summary.join(', ')}\n` : ''));
    }
    return values['exit-code'] && designsDiffer(diff) ? 1 : EXIT_OK;
  },
};
