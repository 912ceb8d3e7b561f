import { EXIT_OK, parseCommandArgs, usageError, UserError, type Command } from '../command';
import { ALL_TEMPLATES, findTemplate, instantiateTemplate, serializeDocument } from '../../shared/document';

/** `topo new --list` and `topo new --template ID --out PATH`: start a design from a template. */
export const newCommand: Command = {
  name: 'new',
  summary: 'list the templates, or write one as a new .topo design',
  usage:
    'topo new --list\n' +
    'topo new --template ID --out PATH\n\n' +
    '--list prints each template id, two spaces and its name, one per line.\n' +
    '--template writes that template to PATH (`--out -` for stdout).',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(newCommand, args, {
      list: { type: 'boolean' },
      template: { type: 'string', short: 't' },
      out: { type: 'string', short: 'o' },
    });
    if (positionals.length > 0) throw usageError(newCommand, `unexpected argument: ${positionals.join(' ')}`);
    if (values.list) {
      if (values.template !== undefined || values.out !== undefined) throw usageError(newCommand, '--list takes no other option');
      io.stdout(ALL_TEMPLATES.map((t) => `${t.id}  ${t.name}\n`).join(''));
      return EXIT_OK;
    }
    if (values.template === undefined || values.template === '') throw usageError(newCommand, 'missing --template ID (topo new --list shows the ids)');
    const template = findTemplate(values.template);
    if (!template) {
      throw usageError(newCommand, `unknown template ${JSON.stringify(values.template)} (expected one of ${ALL_TEMPLATES.map((t) => t.id).join(', ')})`);
    }
    if (values.out === undefined || values.out === '') throw usageError(newCommand, 'missing --out PATH (or --out - for stdout)');
    const data = serializeDocument(instantiateTemplate(template));
    if (values.out === '-') {
      io.stdout(data);
      return EXIT_OK;
    }
    try {
      io.writeFile(values.out, data);
    } catch (error) {
      throw new UserError([`${values.out}: cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
    }
    io.stderr(`wrote ${values.out}: ${template.name}\n`);
    return EXIT_OK;
  },
};
