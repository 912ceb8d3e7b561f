/**
 * The file side of HostApi on the desktop: native dialogs, reading, atomic saving with a backup,
 * refusing to overwrite files changed on disk, exports and recent files. Main only writes where
 * the user pointed (a dialog, a recent file, a file they opened or dropped); a path the page
 * makes up gets a Save dialog instead, so a compromised page cannot write where it likes.
 */
import path from 'node:path';
import type { ExportRequest, FileRef, OpenedFile, RecentFileRequest, SaveRequest, SaveResult } from '../../shared/host/hostApi';
import { decodeDocumentBytes } from '../../shared/document/decode';
import { ChangeTracker, writeFileAtomic, type FileSystem } from './files';
import { DropTokens, samePath, type FileTokens } from './fileTokens';
import type { RecentFiles } from './recent';

export interface DialogFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

/** Native dialogs, injected; `Window` is the parent (Electron's BrowserWindow). */
export interface FileDialogs<Window> {
  showOpen(window: Window | null, options: { title: string; defaultPath?: string; filters: readonly DialogFilter[] }): Promise<string | null>;
  showSave(window: Window | null, options: { title: string; defaultPath: string; filters: readonly DialogFilter[] }): Promise<string | null>;
  showError(window: Window | null, title: string, message: string): void;
}

/** Files the app opens: designs, and pictures exported with a design inside. */
export const OPEN_FILTERS: readonly DialogFilter[] = [
  { name: 'Topology designs and exported pictures', extensions: ['topo', 'svg', 'png'] },
  { name: 'Topology designs', extensions: ['topo'] },
  { name: 'All files', extensions: ['*'] },
];
const SAVE_FILTERS: readonly DialogFilter[] = [{ name: 'Topology design', extensions: ['topo'] }];

/** Files a drop on the window opens: designs, and exported pictures carrying one. */
const DROPPABLE = /\.(topo|svg|png)$/i;

/** Designs larger than this are refused before reading, bytes (far above any real design). */
export const MAX_OPEN_BYTES = 64 * 1024 * 1024;

/** Picks the Save dialog filter from an export's file name or MIME type. */
export function exportFilterOf(request: ExportRequest): DialogFilter {
  const extension = path.extname(request.suggestedName).slice(1).toLowerCase();
  const known: Record<string, string> = { svg: 'SVG picture', png: 'PNG picture', md: 'Markdown', mmd: 'Mermaid diagram', drawio: 'draw.io diagram', json: 'JSON', csv: 'CSV table', txt: 'Text' };
  if (extension) return { name: known[extension] ?? `${extension.toUpperCase()} file`, extensions: [extension] };
  return { name: request.mime, extensions: ['*'] };
}

/** Adds `.topo` when a Save dialog returns a name without it (Linux dialogs may). */
export function withTopoExtension(filePath: string): string {
  return /\.topo$/i.test(filePath) ? filePath : `${filePath}.topo`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface FileServiceOptions<Window> {
  readonly fs: FileSystem;
  readonly dialogs: FileDialogs<Window>;
  readonly recent: RecentFiles;
  /** The page's names for paths; the page never sees a path. */
  readonly tokens: FileTokens;
  readonly platform: NodeJS.Platform;
  /** Where dialogs start when nothing was opened yet (the Documents folder). */
  readonly defaultDirectory: string;
  readonly token: () => string;
}

export class FileService<Window> {
  private readonly tracker: ChangeTracker;
  /** Paths the user chose, opened or dropped in this session: the only ones saved to without asking. */
  private readonly granted: string[] = [];
  private lastDirectory: string;
  /** Files dropped on the window, by the one-time token their drop was given. */
  private readonly drops: DropTokens;

  constructor(private readonly options: FileServiceOptions<Window>) {
    this.tracker = new ChangeTracker(options.fs);
    this.lastDirectory = options.defaultDirectory;
    this.drops = new DropTokens(options.token);
  }

  /** The Open dialog; null when canceled. Read errors reject with a message for the user. */
  async openFile(window: Window | null): Promise<OpenedFile | null> {
    const chosen = await this.options.dialogs.showOpen(window, { title: 'Open Design', defaultPath: this.lastDirectory, filters: OPEN_FILTERS });
    return chosen ? this.read(chosen) : null;
  }

  /** Opens a recent file; one no longer there is dropped from the list, and the user is told. */
  async openRecent(window: Window | null, file: RecentFileRequest): Promise<OpenedFile | null> {
    const filePath = this.options.tokens.pathOf(file.id);
    if (!filePath || !(await this.options.recent.has(filePath))) return null;
    try {
      return await this.read(filePath);
    } catch (error) {
      await this.options.recent.remove(filePath);
      this.options.dialogs.showError(window, `Cannot open ${path.basename(filePath)}`, `${messageOf(error)}\nIt was removed from Open Recent.`);
      return null;
    }
  }

  /**
   * The one-time token for a file the preload saw dropped (its path from the drop event): a design
   * or a picture by an absolute path, else null. The token, not the path, opens it (openPath).
   */
  issueDropToken(filePath: string): string | null {
    if (!path.isAbsolute(filePath) || !DROPPABLE.test(filePath)) return null;
    return this.drops.issue(filePath);
  }

  /**
   * Opens a file from outside the page: a path from the command line or the OS (open-file, second
   * instance), or a drop by the token `issueDropToken` gave it — used once; an unknown or used
   * token opens nothing. Problems are shown in a native box; null then.
   */
  async openPath(window: Window | null, source: { readonly origin: 'system'; readonly path: string } | { readonly origin: 'drop'; readonly token: string }): Promise<OpenedFile | null> {
    const filePath = source.origin === 'system' ? source.path : this.drops.take(source.token);
    if (filePath === null) return null;
    try {
      return await this.read(path.resolve(filePath));
    } catch (error) {
      this.options.dialogs.showError(window, `Cannot open ${path.basename(filePath)}`, messageOf(error));
      return null;
    }
  }

  async saveFile(window: Window | null, request: SaveRequest): Promise<SaveResult> {
    const known = request.file ? this.options.tokens.pathOf(request.file.id) : null;
    const granted = known !== null && this.isGranted(known) ? known : null;
    let target = request.saveAs ? null : granted;
    if (target && !request.overwrite) {
      const state = await this.tracker.check(target).catch(() => 'unknown' as const);
      if (state === 'changed') return { status: 'conflict', file: this.options.tokens.refOf(target) };
    }
    if (!target) {
      const start = granted ? path.dirname(granted) : this.lastDirectory;
      const chosen = await this.options.dialogs.showSave(window, {
        title: 'Save Design',
        defaultPath: path.join(start, withTopoExtension(request.suggestedName || 'design')),
        filters: SAVE_FILTERS,
      });
      if (!chosen) return { status: 'canceled' };
      target = withTopoExtension(chosen);
      // The dialog already asked about replacing an existing file.
      this.tracker.forget(target);
    }
    try {
      await writeFileAtomic(this.options.fs, target, request.text, { backup: true, token: this.options.token });
      await this.tracker.remember(target, request.text);
    } catch (error) {
      return { status: 'error', message: `Could not write ${target}: ${messageOf(error)}` };
    }
    this.grant(target);
    await this.options.recent.add(target).catch(() => undefined);
    return { status: 'saved', file: this.options.tokens.refOf(target) };
  }

  /** Always asks where (exports never overwrite the design); written atomically, no backup. */
  async exportFile(window: Window | null, request: ExportRequest): Promise<SaveResult> {
    const chosen = await this.options.dialogs.showSave(window, {
      title: 'Export',
      defaultPath: path.join(this.lastDirectory, request.suggestedName),
      filters: [exportFilterOf(request)],
    });
    if (!chosen) return { status: 'canceled' };
    try {
      await writeFileAtomic(this.options.fs, chosen, request.data, { backup: false, token: this.options.token });
    } catch (error) {
      return { status: 'error', message: `Could not write ${chosen}: ${messageOf(error)}` };
    }
    this.lastDirectory = path.dirname(chosen);
    return { status: 'saved', file: this.options.tokens.refOf(chosen) };
  }

  async recentFiles(): Promise<FileRef[]> {
    return (await this.options.recent.list()).map((filePath) => this.options.tokens.refOf(filePath));
  }

  private isGranted(filePath: string): boolean {
    return this.granted.some((p) => samePath(p, filePath, this.options.platform));
  }

  private grant(filePath: string): void {
    if (!this.isGranted(filePath)) this.granted.push(filePath);
    this.lastDirectory = path.dirname(filePath);
  }

  private async read(filePath: string): Promise<OpenedFile> {
    const stats = await this.options.fs.stat(filePath);
    if (!stats.isFile()) throw new Error(`${filePath} is not a file.`);
    if (stats.size > MAX_OPEN_BYTES) throw new Error(`${path.basename(filePath)} is ${Math.round(stats.size / 1048576)} MB; designs over ${MAX_OPEN_BYTES / 1048576} MB are refused.`);
    const bytes = await this.options.fs.readFile(filePath);
    const name = path.basename(filePath);
    const isTopo = /\.topo$/i.test(filePath);
    if (isTopo) {
      await this.tracker.remember(filePath, bytes);
      this.grant(filePath);
      await this.options.recent.add(filePath).catch(() => undefined);
    } else {
      this.lastDirectory = path.dirname(filePath);
    }
    // Pictures reopen as new designs, so they carry no file reference to save back to.
    const file = isTopo ? this.options.tokens.refOf(filePath) : null;
    if (/\.png$/i.test(filePath)) return { file, name, text: '', bytes };
    // Decoded as the CLI and the web app decode: UTF-8 or UTF-16 by its mark, bad bytes refused.
    const decoded = decodeDocumentBytes(bytes);
    if (!decoded.ok) throw new Error(`${name} ${decoded.error.message}.`);
    return { file, name, text: decoded.text };
  }
}
