/**
 * Reading a design, or importing compose/Kubernetes YAML, from a file's bytes or text: decode
 * (shared/document/decode.ts, the same as the CLI), find the design (a .topo, or a picture that
 * carries one), parse and validate, or import. Pure, so it runs in the loader worker
 * (document.worker.ts) for the app and inline in tests; `progress` hears how far it got.
 */
import { decodeDocumentBytes, formatError, parseDocumentText, type TopologyDocument } from '../../shared/document';
import { formatLimit, LIMITS } from '../../shared/document/limits';
import { extractEmbeddedDocument } from '../../shared/export/embedded';
import { importCompose, importKubernetes, looksLikeKubernetes } from '../../shared/import';

/** A file to read: its name and either its bytes (decoded here) or its text (already decoded). */
export interface LoadInput {
  readonly name: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

/** What was read: the design and its notes, or the lines that say why not. */
export type OpenOutcome =
  | {
      readonly ok: true;
      readonly document: TopologyDocument;
      /** Where the design came from: a .topo, or a picture (which opens as a new, unsaved design). */
      readonly source: 'topo' | 'svg' | 'png';
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly lines: readonly string[] };

export type ImportOutcome = { readonly ok: true; readonly document: TopologyDocument; readonly report: readonly string[] } | { readonly ok: false; readonly lines: readonly string[] };

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

/** The text of `input`, decoded strictly; a refusal names the file and where decoding failed. */
function textOf(input: LoadInput): { text: string } | { lines: string[] } {
  if (input.text !== undefined || !input.bytes) return { text: input.text ?? '' };
  const decoded = decodeDocumentBytes(input.bytes);
  return decoded.ok ? { text: decoded.text } : { lines: [`${input.name} ${decoded.error.message}.`] };
}

/** Refuses a file over the reader's size limit before anything is decoded or parsed. */
function tooLarge(input: LoadInput): string[] | null {
  const size = input.bytes?.byteLength ?? input.text?.length ?? 0;
  if (size <= LIMITS.fileCharacters) return null;
  return [`${input.name} is ${formatLimit(size)} bytes long, more than the ${formatLimit(LIMITS.fileCharacters)} a design may have.`];
}

/** Opens a design file (a .topo, or an exported SVG/PNG carrying one). */
export function loadDesign(input: LoadInput, progress: (percent: number) => void = () => undefined): OpenOutcome {
  const large = tooLarge(input);
  if (large) return { ok: false, lines: large };
  progress(0);
  const bytes = input.bytes;
  const png = bytes !== undefined && PNG_MAGIC.every((b, i) => bytes[i] === b);
  let embedded;
  if (png) {
    embedded = extractEmbeddedDocument(input.name, '', bytes);
  } else {
    const decoded = textOf(input);
    if ('lines' in decoded) return { ok: false, lines: decoded.lines };
    progress(20);
    embedded = extractEmbeddedDocument(input.name, decoded.text);
  }
  if (embedded.kind === 'none') return { ok: false, lines: [embedded.reason] };
  progress(30);
  const result = parseDocumentText(embedded.text);
  // Instances on undeclared hosts: open the design as written; the missing-hosts banner offers the repair.
  const readable = result.ok ? result : result.repairable;
  if (!readable) return { ok: false, lines: result.ok ? [] : result.errors.map(formatError) };
  progress(100);
  const notes = [
    ...(result.ok ? result.warnings.map(formatError) : []),
    ...(readable.migratedFrom !== undefined ? [`Upgraded from file format version ${readable.migratedFrom}.`] : []),
    ...(embedded.kind !== 'topo' ? [`Design recovered from the picture ${input.name}.`] : []),
  ];
  return { ok: true, document: readable.document, source: embedded.kind, notes };
}

/**
 * Imports compose YAML or Kubernetes manifests (told apart by content). The file's own `name`
 * wins; a browser knows no folder, so a telling file stem stands in for it (docker-compose.yml
 * says nothing about the system).
 */
export function importDesign(input: LoadInput, progress: (percent: number) => void = () => undefined): ImportOutcome {
  const large = tooLarge(input);
  if (large) return { ok: false, lines: large };
  progress(0);
  const decoded = textOf(input);
  if ('lines' in decoded) return { ok: false, lines: decoded.lines };
  progress(20);
  const stem = input.name.replace(/\.(ya?ml)$/i, '');
  const result = looksLikeKubernetes(decoded.text)
    ? importKubernetes([{ name: input.name, text: decoded.text }])
    : importCompose(decoded.text, /^(docker-)?compose$/i.test(stem) ? {} : { projectFolder: stem });
  if ('errors' in result) return { ok: false, lines: result.errors.map(formatError) };
  progress(100);
  return { ok: true, document: result.document, report: result.report };
}
