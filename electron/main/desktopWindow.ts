/**
 * One document window: its title and edited mark follow the page's `setDocumentState`, its close
 * goes through the ClosePrompt, and main's events for the page (menu commands, files to open)
 * are sent on the HostApi event channels.
 */
import type { BrowserWindow } from 'electron';
import type { DocumentState, FileRef, MenuCommand, OpenedFile, SaveResult } from '../../shared/host/hostApi';
import { channelOf, type EventMethod, type EventPayload } from '../common/contract';
import { ClosePrompt, CLOSE_BUTTONS, closePromptMessage, type CloseChoice } from './closePrompt';
import { windowTitle } from './window';

export interface DesktopWindowOptions {
  readonly platform: NodeJS.Platform;
  /** Shows the Save / Don't Save / Cancel box and returns the clicked button's index. */
  readonly showCloseBox: (window: BrowserWindow, box: ReturnType<typeof closePromptMessage>) => Promise<number>;
  /** The user chose Don't Save. */
  readonly onDiscard: () => void;
  /** A close did not happen (a quit in progress is off). */
  readonly onAbort: () => void;
  /** The path behind a file token (for the macOS title bar's proxy icon), or null. */
  readonly filePathOf: (file: FileRef) => string | null;
}

export class DesktopWindow {
  private documentState: DocumentState | null = null;
  readonly prompt: ClosePrompt;

  constructor(
    readonly window: BrowserWindow,
    private readonly options: DesktopWindowOptions,
  ) {
    this.prompt = new ClosePrompt({
      isDirty: () => this.documentState?.dirty ?? false,
      ask: () => this.ask(),
      requestSave: () => this.sendMenuCommand('save'),
      close: () => this.window.close(),
      onDiscard: options.onDiscard,
      onAbort: options.onAbort,
    });
    window.on('close', (event) => {
      if (!this.prompt.requestClose()) event.preventDefault();
    });
    // Our title, not the page's <title>.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.setTitle(windowTitle(null, options.platform));
  }

  /** True once the window is on its way out (its late messages are ignored). */
  get closing(): boolean {
    return this.prompt.state === 'closing' || this.window.isDestroyed();
  }

  setDocumentState(state: DocumentState): void {
    this.documentState = state;
    if (this.window.isDestroyed()) return;
    this.window.setTitle(windowTitle(state, this.options.platform));
    if (this.options.platform === 'darwin') {
      this.window.setDocumentEdited(state.dirty);
      this.window.setRepresentedFilename((state.file && this.options.filePathOf(state.file)) ?? '');
    }
    this.prompt.documentStateChanged(state.dirty);
  }

  /** The page's last word on unsaved changes. */
  get dirty(): boolean {
    return this.documentState?.dirty ?? false;
  }

  /** The name the page shows for its document. */
  get documentName(): string {
    return this.documentState?.file?.name ?? this.documentState?.name ?? 'Untitled design';
  }

  saveFinished(result: SaveResult): void {
    this.prompt.saveFinished(result);
  }

  sendMenuCommand(command: MenuCommand): void {
    this.emit('onMenuCommand', command);
  }

  sendOpenFile(file: OpenedFile): void {
    this.emit('onOpenFile', file);
  }

  focus(): void {
    if (this.window.isDestroyed()) return;
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  private emit<K extends EventMethod>(event: K, payload: EventPayload<K>): void {
    if (!this.window.isDestroyed()) this.window.webContents.send(channelOf(event), payload);
  }

  private async ask(): Promise<CloseChoice> {
    this.focus();
    const index = await this.options.showCloseBox(this.window, closePromptMessage(this.documentName));
    return CLOSE_BUTTONS[index]?.choice ?? 'cancel';
  }
}
