/**
 * Opening, saving, new, templates, drops and crash recovery — the app side of HostApi. A file that
 * cannot be read is explained (one line per problem) and the open document stays untouched.
 */
import {
  emptyDocument,
  findTemplate,
  formatError,
  instantiateTemplate,
  parseDocumentText,
  serializeDocument,
  validateDocument,
  type TopologyDocument,
} from '../../shared/document';
import type { FileRef, OpenedFile } from '../../shared/host';
import { host } from '../host';
import { isDirty, useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';
import { showOpeningView } from '../canvas/canvasCommands';
import { createDocumentLoader } from '../worker/loaderClient';
import type { OpenOutcome } from '../worker/documentLoader';
import { simulation } from '../store/simulationController';
import { useSimulationStore } from '../store/simulationStore';
import { useCompareStore } from '../store/compareStore';
import { useImportReport } from './importReport';

const ui = () => useUiStore.getState();

/** Asks before unsaved changes are thrown away; true when it is fine to go on. */
export function confirmDiscard(action: string): boolean {
  if (!isDirty()) return true;
  return window.confirm(`The design has unsaved changes. ${action} anyway and lose them?`);
}

/**
 * Replaces the open design (clears undo history, selection, pinned highlights, notices about the
 * old design and simulation results) and shows it at a readable zoom. Opening is not an edit: the
 * design counts as saved unless `unsaved` says it exists in no file yet.
 */
export function loadDocument(document: TopologyDocument, file: FileRef | null, options?: { unsaved?: boolean }): void {
  // A new design: the last run, comparison and sweep were about the old one.
  simulation.reset();
  simulation.forgetResults();
  useSimulationStore.getState().setOptions({ scenarioId: null });
  useDocumentStore.getState().load(document, file, options);
  ui().select({ nodes: [], edges: [], host: null });
  ui().setHighlight(null);
  ui().clearNotices();
  // A comparison and an import report were about the old design too.
  useCompareStore.getState().close();
  useImportReport.getState().dismiss();
  requestAnimationFrame(() => requestAnimationFrame(showOpeningView));
}

/** Decoding, parsing, validating and importing run in a worker of their own per file. */
const loader = createDocumentLoader();
/** Bumped by every load: only the latest file opened replaces the design. */
let loadGeneration = 0;

/**
 * Runs `work` with the loading line shown ("Loading shop.topo… 40 %"); resolves null when a later
 * load started meanwhile (that one wins), and rejects when the worker failed.
 */
export async function withLoading<T>(label: string, work: (progress: (percent: number) => void) => Promise<T>): Promise<T | null> {
  const generation = ++loadGeneration;
  const show = (percent: number) => {
    if (generation === loadGeneration) ui().setLoading({ label, percent });
  };
  show(0);
  try {
    const result = await work(show);
    return generation === loadGeneration ? result : null;
  } finally {
    if (generation === loadGeneration) ui().setLoading(null);
  }
}

/**
 * Reads opened content (a .topo, or an exported SVG/PNG carrying a design) in the loader worker
 * and loads it; false (and the user told why) when it cannot be opened.
 */
export async function openContent(opened: OpenedFile): Promise<boolean> {
  let outcome: OpenOutcome | null;
  try {
    const input = opened.bytes ? { name: opened.name, bytes: opened.bytes } : { name: opened.name, text: opened.text };
    outcome = await withLoading(`Loading ${opened.name}…`, (progress) => loader.open(input, progress));
  } catch (error) {
    ui().notify('error', `Cannot open ${opened.name}`, [error instanceof Error ? error.message : String(error), 'Your current design is unchanged.']);
    return false;
  }
  if (!outcome) return false;
  if (!outcome.ok) {
    ui().notify('error', `Cannot open ${opened.name}`, [...outcome.lines, 'Your current design is unchanged.']);
    return false;
  }
  // A picture reopens as a new, unsaved design: saving must not overwrite the picture.
  const file = outcome.source === 'topo' ? opened.file : null;
  loadDocument(outcome.document, file, { unsaved: outcome.source !== 'topo' });
  if (outcome.notes.length > 0) ui().notify('info', `Opened ${opened.name}`, outcome.notes);
  return true;
}

export async function openFile(): Promise<void> {
  if (!confirmDiscard('Open another file')) return;
  try {
    const opened = await host.openFile();
    if (opened) await openContent(opened);
  } catch (error) {
    ui().notify('error', 'Cannot open the file', [error instanceof Error ? error.message : String(error)]);
  }
}

function suggestedName(document: TopologyDocument): string {
  const base = document.name.trim().replace(/[\\/:*?"<>|]+/g, '-') || 'design';
  return `${base}.topo`;
}

/** Every edit keeps a design valid; should one slip through, say so at once rather than at the next open. */
function warnIfInvalid(name: string, document: TopologyDocument): void {
  const check = validateDocument(JSON.parse(serializeDocument(document)));
  // Hosts left undeclared are already named by the missing-hosts banner.
  if (!check.ok && !check.repairable) ui().notify('warning', `Saved ${name}, but it has problems to fix before it opens again`, check.errors.map(formatError));
}

/** Commits what is being typed in an inspector field (fields commit on blur) before a save. */
function commitActiveField(): void {
  const active = globalThis.document?.activeElement;
  if (active instanceof HTMLInputElement || active instanceof HTMLSelectElement || active instanceof HTMLTextAreaElement) active.blur();
}

export async function saveFile(saveAs = false): Promise<boolean> {
  commitActiveField();
  const { document, file } = useDocumentStore.getState();
  const text = serializeDocument(document);
  let result = await host.saveFile({ text, file, saveAs, suggestedName: file?.name ?? suggestedName(document) });
  if (result.status === 'conflict') {
    const overwrite = window.confirm(`${result.file.name} was changed on disk since you opened it. Overwrite it with this design?`);
    if (!overwrite) {
      ui().notify('warning', 'Not saved', [`${result.file.name} changed on disk; use Save As to keep both.`]);
      return false;
    }
    result = await host.saveFile({ text, file, suggestedName: result.file.name, overwrite: true });
  }
  switch (result.status) {
    case 'saved':
      useDocumentStore.getState().markSaved(result.file, document);
      // Edits made while the save was under way are still unsaved: keep their snapshot.
      if (!isDirty()) await host.clearRecovery();
      warnIfInvalid(result.file.name, document);
      return true;
    case 'canceled':
      return false;
    case 'error':
      ui().notify('error', 'Could not save', [result.message, 'The design is still open; try Save As.']);
      return false;
    default:
      return false;
  }
}

export function newDocument(): void {
  if (!confirmDiscard('Start a new design')) return;
  loadDocument(emptyDocument(), null);
}

export function newFromTemplate(id: string): void {
  const template = findTemplate(id);
  if (!template) return;
  if (!confirmDiscard(`Open the template “${template.name}”`)) return;
  // A template is a starting point, not an edit: nothing to lose until the user changes it.
  loadDocument(instantiateTemplate(template), null);
}

const RECOVERY_DELAY_MS = 1500;

/** Debounced recovery snapshots of unsaved work; offers to restore one left by a crash. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useDocumentStore.subscribe((state, previous) => {
    if (state.document === previous.document && state.savedDocument === previous.savedDocument && state.file === previous.file) return;
    host.setDocumentState({ name: state.document.name, file: state.file, dirty: isDirty() });
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!isDirty()) {
        void host.clearRecovery();
        return;
      }
      const s = useDocumentStore.getState();
      void host.saveRecovery({ text: serializeDocument(s.document), name: s.document.name, savedAt: Date.now(), file: s.file });
    }, RECOVERY_DELAY_MS);
  });
  const s = useDocumentStore.getState();
  host.setDocumentState({ name: s.document.name, file: s.file, dirty: isDirty() });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

export interface RecoveryOffer {
  readonly name: string;
  readonly savedAt: number;
  restore(): void;
  discard(): void;
}

/** The unsaved work a previous session left behind, if any and if it still parses. */
export async function findRecovery(): Promise<RecoveryOffer | null> {
  const snapshot = await host.loadRecovery();
  if (!snapshot) return null;
  const result = parseDocumentText(snapshot.text);
  const readable = result.ok ? result : result.repairable;
  if (!readable) {
    // Unreadable: offer nothing, but do not destroy it either (a newer version may read it).
    return null;
  }
  return {
    name: snapshot.name,
    savedAt: snapshot.savedAt,
    restore: () => loadDocument(readable.document, snapshot.file, { unsaved: true }),
    discard: () => void host.clearRecovery(),
  };
}
