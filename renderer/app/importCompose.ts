/**
 * "Import…": docker-compose files and Kubernetes manifests (told apart by content). Compose: services become nodes, depends_on/links become edges, replicas become
 * instances. What could not be mapped is listed for the user; malformed YAML is explained with its
 * line, and the open design stays as it was.
 */
import { useUiStore } from '../store/uiStore';
import { createDocumentLoader } from '../worker/loaderClient';
import type { ImportOutcome } from '../worker/documentLoader';
import { confirmDiscard, loadDocument, withLoading } from './fileActions';
import { pickFile } from '../host/pickFile';
import { useImportReport } from './importReport';

const loader = createDocumentLoader();

/** Imports compose YAML or Kubernetes manifests (told apart by content) in the loader worker; false (and says why) when it cannot. */
export async function importComposeText(fileName: string, content: string | Uint8Array): Promise<boolean> {
  const ui = useUiStore.getState();
  const input = typeof content === 'string' ? { name: fileName, text: content } : { name: fileName, bytes: content };
  let result: ImportOutcome | null;
  try {
    result = await withLoading(`Importing ${fileName}…`, (progress) => loader.import(input, progress));
  } catch (error) {
    ui.notify('error', `Cannot import ${fileName}`, [error instanceof Error ? error.message : String(error), 'Your current design is unchanged.']);
    return false;
  }
  if (!result) return false;
  if (!result.ok) {
    ui.notify('error', `Cannot import ${fileName}`, [...result.lines, 'Your current design is unchanged.']);
    return false;
  }
  loadDocument(result.document, null, { unsaved: true });
  // The report stays in its own panel until dismissed; the notice only says how much there is to read.
  useImportReport.getState().show(fileName, result.report);
  const notes = result.report.length > 0 ? [`${result.report.length} things could not be mapped: see the import report.`] : [];
  ui.notify(result.report.length > 0 ? 'warning' : 'info', `Imported ${fileName}: ${result.document.nodes.length} nodes`, notes);
  return true;
}

export async function importComposeFile(): Promise<void> {
  if (!confirmDiscard('Import a docker-compose file or Kubernetes manifests')) return;
  const file = await pickFile('.yml,.yaml,application/yaml,text/yaml');
  if (!file) return;
  await importComposeText(file.name, new Uint8Array(await file.arrayBuffer()));
}
