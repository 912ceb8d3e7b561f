/**
 * The web host: HostApi in a plain browser. Files through the File System Access API where the
 * browser has it (save goes back to the same file, and a file changed on disk is not overwritten
 * silently), with upload/download fallbacks elsewhere; crash recovery in IndexedDB.
 */
import type { DocumentState, ExportRequest, FileRef, HostApi, OpenedFile, RecoverySnapshot, SaveRequest, SaveResult } from '../../shared/host';
import { idbDelete, idbGet, idbSet } from './idb';
import { pickFile } from './pickFile';

interface PickerWindow {
  showOpenFilePicker?(options?: unknown): Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?(options?: unknown): Promise<FileSystemFileHandle>;
}

const ACCEPT = {
  description: 'Topology designs',
  accept: { 'application/json': ['.topo', '.json'], 'image/svg+xml': ['.svg'], 'image/png': ['.png'] },
};
const TOPO_TYPE = { description: 'Topology design', accept: { 'application/json': ['.topo'] } };

interface KnownFile {
  readonly handle: FileSystemFileHandle;
  /** lastModified when we last read or wrote it: a newer one means someone else changed it. */
  lastModified: number;
}

function isBinaryName(name: string): boolean {
  return /\.png$/i.test(name);
}

async function readFile(file: File): Promise<{ text: string; bytes?: Uint8Array }> {
  if (isBinaryName(file.name) || file.type === 'image/png') {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { text: '', bytes };
  }
  return { text: await file.text() };
}

function download(name: string, data: string | Uint8Array, mime: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function createWebHost(win: Window & PickerWindow = window): HostApi {
  const known = new Map<string, KnownFile>();
  let counter = 0;
  let dirty = false;
  // Tests and browsers without the API use plain upload/download.
  const pickers = typeof win.showOpenFilePicker === 'function' && !navigator.webdriver;
  // Leaving the page with unsaved changes asks first (autosave still holds them).
  win.addEventListener('beforeunload', (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });

  const remember = (handle: FileSystemFileHandle, lastModified: number): FileRef => {
    for (const [id, entry] of known) {
      if (entry.handle === handle) {
        entry.lastModified = lastModified;
        return { id, name: handle.name };
      }
    }
    const id = `fsa:${++counter}`;
    known.set(id, { handle, lastModified });
    void rememberRecent(handle);
    return { id, name: handle.name };
  };

  const rememberRecent = async (handle: FileSystemFileHandle) => {
    try {
      const list = ((await idbGet<FileSystemFileHandle[]>('recent', 'handles')) ?? []).filter((h) => h.name !== handle.name);
      await idbSet('recent', 'handles', [handle, ...list].slice(0, 10));
    } catch {
      // Recent files are a convenience; without IndexedDB there are none.
    }
  };

  const write = async (handle: FileSystemFileHandle, data: string | Uint8Array) => {
    const writable = await handle.createWritable();
    await writable.write(typeof data === 'string' ? data : new Uint8Array(data));
    await writable.close();
    return (await handle.getFile()).lastModified;
  };

  return {
    kind: 'web',
    async openFile(): Promise<OpenedFile | null> {
      if (pickers) {
        try {
          const [handle] = await win.showOpenFilePicker!({ types: [ACCEPT], multiple: false });
          if (!handle) return null;
          const file = await handle.getFile();
          const content = await readFile(file);
          return { file: file.name.endsWith('.topo') ? remember(handle, file.lastModified) : null, name: file.name, ...content };
        } catch (error) {
          if (isAbort(error)) return null;
          throw error;
        }
      }
      const file = await pickFile('.topo,.json,.svg,.png');
      if (!file) return null;
      return { file: null, name: file.name, ...(await readFile(file)) };
    },
    async openRecent(ref: FileRef): Promise<OpenedFile | null> {
      const list = (await idbGet<FileSystemFileHandle[]>('recent', 'handles')) ?? [];
      const handle = list.find((h) => `recent:${h.name}` === ref.id);
      if (!handle) return null;
      const permission = await (handle as unknown as { requestPermission?(o: unknown): Promise<string> }).requestPermission?.({ mode: 'readwrite' });
      if (permission && permission !== 'granted') return null;
      const file = await handle.getFile();
      return { file: remember(handle, file.lastModified), name: file.name, ...(await readFile(file)) };
    },
    async saveFile(request: SaveRequest): Promise<SaveResult> {
      try {
        const entry = request.file ? known.get(request.file.id) : undefined;
        if (entry && !request.saveAs) {
          const current = await entry.handle.getFile();
          if (current.lastModified > entry.lastModified && !request.overwrite) {
            return { status: 'conflict', file: request.file! };
          }
          entry.lastModified = await write(entry.handle, request.text);
          return { status: 'saved', file: request.file! };
        }
        if (pickers && win.showSaveFilePicker) {
          const handle = await win.showSaveFilePicker({ suggestedName: request.suggestedName, types: [TOPO_TYPE] });
          const lastModified = await write(handle, request.text);
          return { status: 'saved', file: remember(handle, lastModified) };
        }
        download(request.suggestedName, request.text, 'application/json');
        return { status: 'saved', file: { id: `download:${request.suggestedName}`, name: request.suggestedName } };
      } catch (error) {
        if (isAbort(error)) return { status: 'canceled' };
        return { status: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
    async exportFile(request: ExportRequest): Promise<SaveResult> {
      try {
        if (pickers && win.showSaveFilePicker) {
          const handle = await win.showSaveFilePicker({ suggestedName: request.suggestedName });
          await write(handle, request.data);
          return { status: 'saved', file: { id: `export:${handle.name}`, name: handle.name } };
        }
        download(request.suggestedName, request.data, request.mime);
        return { status: 'saved', file: { id: `download:${request.suggestedName}`, name: request.suggestedName } };
      } catch (error) {
        if (isAbort(error)) return { status: 'canceled' };
        return { status: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
    async recentFiles(): Promise<FileRef[]> {
      try {
        const list = (await idbGet<FileSystemFileHandle[]>('recent', 'handles')) ?? [];
        return list.map((h) => ({ id: `recent:${h.name}`, name: h.name }));
      } catch {
        return [];
      }
    },
    async saveRecovery(snapshot: RecoverySnapshot): Promise<void> {
      try {
        await idbSet('recovery', 'current', snapshot);
      } catch {
        // No IndexedDB (private mode): nothing to recover later, nothing to break now.
      }
    },
    async loadRecovery(): Promise<RecoverySnapshot | null> {
      try {
        return (await idbGet<RecoverySnapshot>('recovery', 'current')) ?? null;
      } catch {
        return null;
      }
    },
    async clearRecovery(): Promise<void> {
      try {
        await idbDelete('recovery', 'current');
      } catch {
        // See saveRecovery.
      }
    },
    setDocumentState(state: DocumentState): void {
      dirty = state.dirty;
      document.title = `${state.dirty ? '● ' : ''}${state.file?.name ?? state.name} — Topology Designer`;
    },
    // The browser has no native menus and no second instance to hand files over.
    onOpenFile: () => () => undefined,
    onMenuCommand: () => () => undefined,
  };
}
