/** Which modal dialog is open (About, Help, Export, Import…): one at a time. */
import { create } from 'zustand';

/** The dialogs the app can show; null when none is open. */
export type DialogName = 'about' | 'help' | 'export' | 'import' | null;

/** The one open dialog, and how to open or close it. */
export const useDialogStore = create<{ dialog: DialogName; open(d: DialogName): void; close(): void }>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
