// TODO(lead): remove after merge of edit — only commands.ts (rewritten on that branch) still imports the
// dialog store from here; it lives in renderer/store/dialogStore.ts so that panels can reach it.
export { useDialogStore, type DialogName } from '../store/dialogStore';
