/** Which modal dialog is open (About, Help, Export, Import…): one at a time. */
import { create } from 'zustand';

export type DialogName = 'about' | 'help' | 'export' | 'import' | null;

export const useDialogStore = create<{ dialog: DialogName; open(d: DialogName): void; close(): void }>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
