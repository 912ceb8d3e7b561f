/**
 * HostApi: the one typed contract between the UI (renderer) and whatever hosts it — the browser
 * (renderer/host/webHost) or Electron (electron/preload → electron/main). Methods return promises;
 * events are `onX(listener)` returning an unsubscribe function, as in VS Code's services.
 */

declare const fileTokenBrand: unique symbol;

/**
 * A token a host issued for a file it opened, saved or lists as recent. It holds no path (the
 * desktop maps tokens to paths in main, the browser to file handles) and only a host makes one:
 * the UI can keep it, compare it and hand it back, never build one or read a location from it.
 */
export type FileToken = string & { readonly [fileTokenBrand]: true };

/** An opaque reference to a file the host opened or saved. */
export interface FileRef {
  readonly id: FileToken;
  /** The file name shown in the title bar, e.g. `shop.topo`. */
  readonly name: string;
}

/**
 * Which recent file to open: a FileRef from `recentFiles()`, or the id an `open-recent:ID` menu
 * command carries (a plain string there). The host looks the id up among the files it issued;
 * anything else opens nothing.
 */
export interface RecentFileRequest {
  readonly id: string;
  readonly name: string;
}

export interface OpenedFile {
  readonly file: FileRef | null;
  readonly name: string;
  readonly text: string;
  /** The raw bytes, for binary files (an exported PNG that carries its design). */
  readonly bytes?: Uint8Array;
}

export type SaveResult =
  | { readonly status: 'saved'; readonly file: FileRef }
  | { readonly status: 'canceled' }
  /** The file changed on disk since it was opened or last saved; nothing was written. */
  | { readonly status: 'conflict'; readonly file: FileRef }
  | { readonly status: 'error'; readonly message: string };

export interface SaveRequest {
  readonly text: string;
  /** Where to save; absent or with `saveAs` → ask for a place. */
  readonly file?: FileRef | null;
  readonly saveAs?: boolean;
  readonly suggestedName: string;
  /** Write even if the file changed on disk (after the user agreed). */
  readonly overwrite?: boolean;
}

export interface ExportRequest {
  readonly suggestedName: string;
  readonly mime: string;
  /** Text, or bytes for binary formats such as PNG. */
  readonly data: string | Uint8Array;
}

export interface RecoverySnapshot {
  readonly text: string;
  readonly name: string;
  /** Milliseconds since the epoch when the snapshot was taken. */
  readonly savedAt: number;
  readonly file: FileRef | null;
}

/** Commands a native menu (or the web toolbar) sends to the UI. */
export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'save-as',
  'close',
  'export',
  'import-compose',
  'compare-file',
  'compare-saved',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'duplicate',
  'delete',
  'select-all',
  'zoom-in',
  'zoom-out',
  'fit',
  'auto-layout',
  'toggle-minimap',
  'toggle-theme',
  'show-availability',
  'show-capacity',
  'sim-toggle',
  'sim-reset',
  'sim-sweep',
  'about',
  'docs',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number] | `template:${string}` | `open-recent:${string}`;

/** What the UI tells the host about the open document (title bar, close prompt, recovery). */
export interface DocumentState {
  readonly name: string;
  readonly file: FileRef | null;
  readonly dirty: boolean;
}

export interface HostApi {
  readonly kind: 'web' | 'desktop';
  /** Asks the user for a `.topo` file (or exported SVG/PNG) and reads it; null when canceled. */
  openFile(): Promise<OpenedFile | null>;
  /** Opens a file the host lists in `recentFiles()`; null when it is unknown, gone or refused. */
  openRecent(file: RecentFileRequest): Promise<OpenedFile | null>;
  saveFile(request: SaveRequest): Promise<SaveResult>;
  exportFile(request: ExportRequest): Promise<SaveResult>;
  /** Recent files, newest first; two files of the same name in different folders are two entries. */
  recentFiles(): Promise<FileRef[]>;
  /** Crash recovery: a debounced snapshot of unsaved work. */
  saveRecovery(snapshot: RecoverySnapshot): Promise<void>;
  loadRecovery(): Promise<RecoverySnapshot | null>;
  clearRecovery(): Promise<void>;
  setDocumentState(state: DocumentState): void;
  /** Files the host wants opened (argv, second instance, macOS open-file). */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
