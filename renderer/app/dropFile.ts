/** A file dropped on the window: a .topo, an exported SVG/PNG that carries a design, or docker-compose YAML. */
import type { OpenedFile } from '../../shared/host';
import { confirmDiscard, openContent } from './fileActions';
import { importComposeText } from './importCompose';

export async function openDroppedFile(file: File): Promise<void> {
  if (!confirmDiscard(`Open ${file.name}`)) return;
  if (/\.ya?ml$/i.test(file.name)) {
    // A docker-compose file dropped on the window is imported.
    importComposeText(file.name, await file.text());
    return;
  }
  const binary = /\.png$/i.test(file.name) || file.type === 'image/png';
  const opened: OpenedFile = binary
    ? { file: null, name: file.name, text: '', bytes: new Uint8Array(await file.arrayBuffer()) }
    : { file: null, name: file.name, text: await file.text() };
  openContent(opened);
}

