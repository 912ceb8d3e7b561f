import { basename, dirname, extname, join } from 'node:path';
import { EXIT_OK, numberOption, parseCommandArgs, readDocument, singleFile, usageError, UserError, type CliIo, type Command } from '../command';
import { serializeDocument, type TopologyDocument } from '../../shared/document';
import { classifyDesign } from '../../shared/classification';
import { exportDrawio, exportMarkdown, exportMermaid, exportSvg, REPORT_WRAP_WIDTH, type ScenarioResultLike, type SimulationResultLike, type Theme } from '../../shared/export';
import { analyzeAvailability, analyzeCapacity } from '../../shared/reliability';
import { DEFAULT_DURATION_S, DEFAULT_SEED, simulate } from '../../shared/simulation/simulation';
import { sweep } from '../../shared/simulation/sweep';
import { MAX_PNG_PIXELS, PngError, PNG_SCALES, renderPng } from '../png';

const FORMATS = ['svg', 'png', 'mermaid', 'drawio', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** `topo export FILE --format F --out PATH [--theme light|dark] [--scale N] [--flavour F] [--sweep] [--scenarios]`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'export a diagram or report: svg, png, mermaid, drawio, md, json',
  usage:
    'topo export FILE --format svg|png|mermaid|drawio|md|json --out PATH [--theme light|dark] [--scale 1|2|3]\n' +
    '                 [--flavour flowchart|architecture] [--sweep] [--scenarios] [--simulate] [--duration S]\n\n' +
    'Writes FILE in another format to PATH (`--out -` writes text formats to stdout).\n' +
    '  svg      vector diagram with the design embedded (drop it on the app to reopen it); --theme\n' +
    '  png      the same diagram rasterized at --scale 1, 2 or 3 (default 2), design embedded\n' +
    '  mermaid  flowchart (default) or --flavour architecture (architecture-beta)\n' +
    '  drawio   an editable draw.io file\n' +
    '  md       a Markdown report; the diagram is written beside it as PATH with .svg. It has the\n' +
    '           availability of each client (with its SLO) and the capacity figures; --sweep adds the\n' +
    '           failure sweep, --scenarios the results of every scenario and --simulate the healthy\n' +
    '           run (SLO met or missed, error budget burned, where the time goes), each simulated\n' +
    '           for --duration S seconds (default 60, seed 1).\n' +
    '  json     the stable .topo serialization',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(exportCommand, args, {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      theme: { type: 'string' },
      scale: { type: 'string' },
      flavour: { type: 'string' },
      sweep: { type: 'boolean' },
      scenarios: { type: 'boolean' },
      simulate: { type: 'boolean' },
      duration: { type: 'string' },
    });
    const file = singleFile(exportCommand, positionals);
    if (values.format === undefined) throw usageError(exportCommand, `missing --format (one of ${FORMATS.join(', ')})`);
    if (!(FORMATS as readonly string[]).includes(values.format)) {
      throw usageError(exportCommand, `--format ${JSON.stringify(values.format)}: expected one of ${FORMATS.join(', ')}`);
    }
    const format = values.format as Format;
    if (values.out === undefined || values.out === '') throw usageError(exportCommand, 'missing --out PATH (or --out - for stdout)');
    const out = values.out;
    if (values.theme !== undefined && values.theme !== 'light' && values.theme !== 'dark') {
      throw usageError(exportCommand, `--theme ${JSON.stringify(values.theme)}: expected light or dark`);
    }
    const theme: Theme = values.theme ?? 'light';
    if (values.scale !== undefined && format !== 'png') throw usageError(exportCommand, '--scale applies to --format png only');
    const scale = numberOption(exportCommand, 'scale', values.scale, 2, (n) => (PNG_SCALES as readonly number[]).includes(n), '1, 2 or 3');
    if (values.flavour !== undefined && (format !== 'mermaid' || !['flowchart', 'architecture'].includes(values.flavour))) {
      throw usageError(exportCommand, `--flavour ${JSON.stringify(values.flavour)}: expected flowchart or architecture, with --format mermaid`);
    }
    if ((values.sweep || values.scenarios || values.simulate || values.duration !== undefined) && format !== 'md') {
      throw usageError(exportCommand, '--sweep, --scenarios, --simulate and --duration apply to --format md only');
    }
    const durationS = numberOption(exportCommand, 'duration', values.duration, DEFAULT_DURATION_S, (n) => n > 0 && n <= 86_400, 'a number of seconds in (0, 86400]');
    if (out === '-' && (format === 'png' || format === 'md')) {
      throw usageError(exportCommand, `--format ${format} writes ${format === 'png' ? 'binary data' : 'a report and an SVG beside it'}: give --out a file path`);
    }

    const doc = readDocument(file, io);
    const write = (path: string, data: string | Uint8Array) => {
      if (path === '-') {
        io.stdout(typeof data === 'string' ? data : '');
        return;
      }
      try {
        io.writeFile(path, data);
      } catch (error) {
        throw new UserError([`${path}: cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
      }
      io.stderr(`wrote ${path} (${typeof data === 'string' ? Buffer.byteLength(data) : data.length} bytes)\n`);
    };

    switch (format) {
      case 'svg':
        write(out, exportSvg(doc, { theme, classification: classifyDesign(doc) }));
        break;
      case 'png': {
        let rendered: ReturnType<typeof renderPng>;
        try {
          rendered = renderPng(exportSvg(doc, { theme, classification: classifyDesign(doc) }), scale, serializeDocument(doc));
        } catch (error) {
          if (error instanceof PngError) throw new UserError([`${file}: ${error.message}`]);
          throw error;
        }
        if (rendered.scale < scale) io.stderr(`${file}: the diagram is large: drawn at ${rendered.scale.toFixed(2)}× instead of ${scale}× to stay within ${MAX_PNG_PIXELS / 1e6} megapixels\n`);
        write(out, rendered.png);
        break;
      }
      case 'mermaid':
        write(out, exportMermaid(doc, { flavour: values.flavour === 'architecture' ? 'architecture' : 'flowchart' }));
        break;
      case 'drawio':
        write(out, exportDrawio(doc));
        break;
      case 'json':
        write(out, serializeDocument(doc));
        break;
      case 'md':
        writeReport(doc, out, io, write, { theme, durationS, sweep: values.sweep === true, scenarios: values.scenarios === true, baseline: values.simulate === true });
        break;
    }
    return EXIT_OK;
  },
};

/** The Markdown report at `out` and its diagram beside it (`report.md` → `report.svg`). */
function writeReport(
  doc: TopologyDocument,
  out: string,
  io: CliIo,
  write: (path: string, data: string) => void,
  options: { theme: Theme; durationS: number; sweep: boolean; scenarios: boolean; baseline: boolean },
): void {
  const classification = classifyDesign(doc);
  const stem = extname(out) === '' ? basename(out) : basename(out, extname(out));
  const svgPath = join(dirname(out), `${stem}.svg`);
  const simulation = { durationS: options.durationS, seed: DEFAULT_SEED };
  if (options.sweep && io.isTty) io.stderr('running the failure sweep…\n');
  const sweepReport = options.sweep ? sweep(doc, simulation) : undefined;
  const scenarioResults: (ScenarioResultLike & SimulationResultLike)[] = options.scenarios
    ? (doc.scenarios ?? []).map((scenario) => ({ name: scenario.name, ...simulate(doc, { ...simulation, scenario: scenario.id }) }))
    : [];
  const baseline = options.baseline ? simulate(doc, simulation) : null;
  const simulations: SimulationResultLike[] = [...(baseline ? [{ name: 'Healthy', clients: baseline.clients, nodes: baseline.nodes }] : []), ...scenarioResults];
  if (options.scenarios && scenarioResults.length === 0) io.stderr('note: the design has no scenarios\n');
  // Long chains wrap so the report shows the diagram at a readable size.
  write(svgPath, exportSvg(doc, { theme: options.theme, classification, wrapWidth: REPORT_WRAP_WIDTH }));
  write(
    out,
    exportMarkdown(doc, {
      svgFileName: basename(svgPath),
      classification,
      ...(sweepReport ? { sweep: sweepReport } : {}),
      ...(scenarioResults.length > 0 ? { scenarioResults } : {}),
      availability: analyzeAvailability(doc, { seed: DEFAULT_SEED }),
      capacity: analyzeCapacity(doc),
      ...(simulations.length > 0 ? { simulations } : {}),
    }),
  );
}
