/**
 * "Compare with…": the open design against a file opened through the host (a .topo, or a picture
 * carrying a design) or against the last saved version. A file that cannot be read is explained and
 * no comparison starts.
 */
import { host } from '../host';
import { createDocumentLoader } from '../worker/loaderClient';
import { withLoading } from './fileActions';
import { useCompareStore } from '../store/compareStore';
import { useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';

const loader = createDocumentLoader();

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
    // Read in the loader worker, like opening: a large file leaves the page responsive.
    const input = opened.bytes ? { name: opened.name, bytes: opened.bytes } : { name: opened.name, text: opened.text };
    const outcome = await withLoading(`Loading ${opened.name}…`, (progress) => loader.open(input, progress));
    if (!outcome) return;
    if (!outcome.ok) {
      ui.notify('error', `Cannot compare with ${opened.name}`, outcome.lines);
      return;
    }
    useCompareStore.getState().start(opened.name, outcome.document);
  } catch (error) {
    ui.notify('error', 'Cannot open the file', [error instanceof Error ? error.message : String(error)]);
  }
}
