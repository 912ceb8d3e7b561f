/**
 * What happens when a window with unsaved changes is closed (or the app quits): ask Save /
 * Don't Save / Cancel; on Save, have the page save and close only once that save succeeded.
 *
 *   idle ──close, clean──▶ closing
 *   idle ──close, dirty──▶ asking ──cancel──▶ idle
 *                           ├──don't save──▶ closing
 *                           └──save──▶ saving ──saved, or page reports clean──▶ closing
 *                                         ├──canceled / error──▶ idle
 *                                         ├──conflict──▶ saving (the page asks, may save again)
 *                                         └──close again──▶ asking
 */
import type { SaveResult } from '../../shared/host/hostApi';

export type CloseChoice = 'save' | 'discard' | 'cancel';
export type CloseState = 'idle' | 'asking' | 'saving' | 'closing';

export interface ClosePromptOptions {
  /** The dirty flag of the page's last `setDocumentState`. */
  isDirty(): boolean;
  /** The native Save / Don't Save / Cancel box. */
  ask(): Promise<CloseChoice>;
  /** Sends the 'save' command to the page. */
  requestSave(): void;
  /** Closes the window for real (its close handler then sees state `closing`). */
  close(): void;
  /** The user threw the changes away: the recovery snapshot should go too. */
  onDiscard?(): void;
  /** The close did not happen (Cancel, or the save failed): a pending quit is off. */
  onAbort?(): void;
}

export class ClosePrompt {
  private current: CloseState = 'idle';
  /** Tells answers of an older dialog apart from the current one. */
  private round = 0;

  constructor(private readonly options: ClosePromptOptions) {}

  get state(): CloseState {
    return this.current;
  }

  /** Call from the window's `close` event; false means preventDefault and wait. */
  requestClose(): boolean {
    if (this.current === 'closing') return true;
    if (this.current === 'asking') return false;
    if (this.current === 'idle' && !this.options.isDirty()) {
      this.current = 'closing';
      return true;
    }
    // Idle and dirty, or closing again while a save is stuck: ask (again).
    void this.ask();
    return false;
  }

  /** Call with the result of every save the page makes. */
  saveFinished(result: SaveResult): void {
    if (this.current !== 'saving') return;
    if (result.status === 'saved') this.finish();
    else if (result.status === 'canceled' || result.status === 'error') this.abort();
  }

  /** Call on every `setDocumentState`; a page that became clean while we wait has saved. */
  documentStateChanged(dirty: boolean): void {
    if (this.current === 'saving' && !dirty) this.finish();
  }

  private async ask(): Promise<void> {
    this.current = 'asking';
    const round = ++this.round;
    let choice: CloseChoice;
    try {
      choice = await this.options.ask();
    } catch {
      choice = 'cancel';
    }
    if (round !== this.round || this.current !== 'asking') return;
    if (choice === 'cancel') this.abort();
    else if (choice === 'discard') {
      this.options.onDiscard?.();
      this.finish();
    } else {
      this.current = 'saving';
      this.options.requestSave();
    }
  }

  private finish(): void {
    this.current = 'closing';
    this.options.close();
  }

  private abort(): void {
    this.current = 'idle';
    this.options.onAbort?.();
  }
}

/** The buttons of the native box, in order; `ask` maps the clicked index back to a choice. */
export const CLOSE_BUTTONS: readonly { readonly label: string; readonly choice: CloseChoice }[] = [
  { label: 'Save', choice: 'save' },
  { label: "Don't Save", choice: 'discard' },
  { label: 'Cancel', choice: 'cancel' },
];

/** The message box options for a design called `name` (Electron's MessageBoxOptions). */
export function closePromptMessage(name: string) {
  return {
    type: 'warning' as const,
    buttons: CLOSE_BUTTONS.map((b) => b.label),
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes you made to “${name}”?`,
    detail: "Your changes will be lost if you don't save them.",
  };
}
