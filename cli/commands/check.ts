import { EXIT_USAGE, parseCommandArgs, readDocumentAndText, singleFile, usageError, UserError, type Command } from '../command';
import { formatError } from '../../shared/document';
import { checkDesign, checkExitCode, formatCheckJson, formatCheckJunit, formatCheckSarif, formatCheckText, parseRules, type ConfiguredRule } from '../../shared/review';
import { VERSION } from '../version';

const FORMATS = ['text', 'json', 'junit', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** `topo check FILE [--rules FILE] [--strict] [--format text|json|junit|sarif]`: a CI gate (SPEC §9). */
export const checkCommand: Command = {
  name: 'check',
  summary: 'review a design against rules for CI: exits with the number of violations',
  usage:
    'topo check FILE [--rules RULES] [--strict] [--format text|json|junit|sarif]\n\n' +
    'Without --rules every finding of severity error is a violation (--strict: warnings too). A RULES file\n' +
    '(YAML or JSON) adds the team\'s rules: no-spof, max-severity, require-labels, forbid-labels,\n' +
    'min-availability (the availability analysis, or under: sweep), slo-met, max-p99 and any finding rule by name, each with a severity\n' +
    'and an ignore list of node or host ids. Exits with the number of failing violations (at most 100),\n' +
    '0 when clean; an unreadable FILE exits 1 and a bad RULES file or flag 2, each with its message on\n' +
    'stderr and nothing on stdout. SARIF 2.1.0 and JUnit place each violation on the line it is about.',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(checkCommand, args, {
      rules: { type: 'string' },
      strict: { type: 'boolean' },
      format: { type: 'string' },
    });
    const file = singleFile(checkCommand, positionals);
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw usageError(checkCommand, `--format ${JSON.stringify(values.format)}: must be one of ${FORMATS.join(', ')}`);
    let rules: ConfiguredRule[] = [];
    if (values.rules !== undefined) {
      let text: string;
      try {
        text = io.readFile(values.rules);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UserError([`${values.rules}: ${code === 'ENOENT' ? 'no such file' : String((error as Error).message)}`], EXIT_USAGE);
      }
      const parsed = parseRules(text);
      if ('errors' in parsed) throw new UserError(parsed.errors.map((e) => `${values.rules}: ${formatError(e)}`), EXIT_USAGE);
      rules = parsed.rules;
    }
    const { document, text } = readDocumentAndText(file, io, { quiet: format !== 'text' });
    const result = checkDesign(document, { rules, strict: values.strict === true });
    const ruleNames = rules.map((r) => r.name);
    const output =
      format === 'json'
        ? formatCheckJson(result)
        : format === 'junit'
          ? formatCheckJunit(file, document, text, result, ruleNames)
          : format === 'sarif'
            ? formatCheckSarif(file, document, text, result, VERSION)
            : formatCheckText(file, result);
    io.stdout(output);
    return checkExitCode(result);
  },
};
