/**
 * "Compare with…": the open design against a file opened through the host (a .topo, or a picture
 * carrying a design) or against the last saved version. A file that cannot be read is explained and
 * no comparison starts.
 */
import { formatError, parseDocumentText } from '../../shared/document';
import { host } from '../host';
import { extractEmbeddedDocument } from '../../shared/export/embedded';
import { useCompareStore } from '../store/compareStore';
import { useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';

/** Compares with the document as last saved or opened; says so when there is none. */
export function compareWithSaved(): void {
  const saved = useDocumentStore.getState().savedDocument;
  if (!saved) {
    useUiStore.getState().notify('warning', 'Nothing to compare with', ['This design has no saved version yet; compare with a file instead.']);
    return;
  }
  useCompareStore.getState().start('the last saved version', saved);
}

/** Asks the host for a file and compares the open design with it. */
export async function compareWithFile(): Promise<void> {
  const ui = useUiStore.getState();
  try {
    const opened = await host.openFile();
    if (!opened) return;
    const embedded = extractEmbeddedDocument(opened.name, opened.text, opened.bytes);
    if (embedded.kind === 'none') {
      ui.notify('error', `Cannot compare with ${opened.name}`, [embedded.reason]);
      return;
    }
    const result = parseDocumentText(embedded.text);
    const readable = result.ok ? result : result.repairable;
    if (!readable) {
      ui.notify('error', `Cannot compare with ${opened.name}`, result.ok ? [] : result.errors.map(formatError));
      return;
    }
    useCompareStore.getState().start(opened.name, readable.document);
  } catch (error) {
    ui.notify('error', 'Cannot open the file', [error instanceof Error ? error.message : String(error)]);
  }
}
