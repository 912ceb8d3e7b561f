/**
 * "Import…": docker-compose files and Kubernetes manifests (told apart by content). Compose: services become nodes, depends_on/links become edges, replicas become
 * instances. What could not be mapped is listed for the user; malformed YAML is explained with its
 * line, and the open design stays as it was.
 */
import { formatError } from '../../shared/document';
import { importCompose, importKubernetes, looksLikeKubernetes } from '../../shared/import';
import { useUiStore } from '../store/uiStore';
import { confirmDiscard, loadDocument } from './fileActions';
import { pickFile } from '../host/pickFile';
import { useImportReport } from './importReport';

/** Imports compose YAML or Kubernetes manifests (told apart by content); returns false (and says why) when it cannot. */
export function importComposeText(fileName: string, text: string): boolean {
  const ui = useUiStore.getState();
  const stem = fileName.replace(/\.(ya?ml)$/i, '');
  // The file's own `name` wins; a browser knows no folder, so a telling file stem stands in for it
  // (docker-compose.yml says nothing about the system).
  const result = looksLikeKubernetes(text)
    ? importKubernetes([{ name: fileName, text }])
    : importCompose(text, /^(docker-)?compose$/i.test(stem) ? {} : { projectFolder: stem });
  if ('errors' in result) {
    ui.notify('error', `Cannot import ${fileName}`, [...result.errors.map(formatError), 'Your current design is unchanged.']);
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
  importComposeText(file.name, await file.text());
}
