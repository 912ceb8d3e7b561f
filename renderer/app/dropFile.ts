/** A file dropped on the window: a .topo, an exported SVG/PNG that carries a design, or docker-compose YAML. */
import { formatLimit, LIMITS } from '../../shared/document/limits';
import { useUiStore } from '../store/uiStore';
import { confirmDiscard, openContent } from './fileActions';
import { importComposeText } from './importCompose';

/**
 * Opens a dropped file: its bytes go to the loader worker, which decodes them as the CLI does
 * (UTF-8 or UTF-16 with its byte-order mark; anything else is refused with a message).
 */
export async function openDroppedFile(file: File): Promise<void> {
  if (!confirmDiscard(`Open ${file.name}`)) return;
  // Refused before a byte is read: a file this large would cost the tab its memory.
  if (file.size > LIMITS.fileCharacters) {
    useUiStore.getState().notify('error', `Cannot open ${file.name}`, [`${file.name} is ${formatLimit(file.size)} bytes long, more than the ${formatLimit(LIMITS.fileCharacters)} a design may have.`, 'Your current design is unchanged.']);
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A docker-compose file dropped on the window is imported.
  if (/\.ya?ml$/i.test(file.name)) await importComposeText(file.name, bytes);
  else await openContent({ file: null, name: file.name, text: '', bytes });
}
