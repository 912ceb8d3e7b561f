/** About and Help dialogs (Help ▸ Documentation in the desktop menu). */
import { useDialogStore } from '../store/dialogStore';
import { Dialog } from '../ui/Dialog';

const SHORTCUT_HELP: [string, string][] = [
  ['Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y', 'Undo / redo'],
  ['Ctrl+C / Ctrl+X / Ctrl+V / Ctrl+D', 'Copy / cut / paste / duplicate'],
  ['Delete', 'Delete the selection'],
  ['Ctrl+A', 'Select everything'],
  ['Shift + drag', 'Box-select'],
  ['Ctrl+S / Ctrl+Shift+S / Ctrl+O', 'Save / save as / open'],
  ['Ctrl+L', 'Auto-layout'],
  ['Shift+1', 'Zoom to fit'],
  ['Space', 'Play / pause the simulation'],
  ['Ctrl+Shift+Y / Ctrl+Shift+K', 'The Availability / Capacity tab'],
  ['Esc', 'Clear the highlight pinned by a finding or a sweep row'],
];

export function InfoDialogs() {
  const dialog = useDialogStore((s) => s.dialog);
  const close = useDialogStore((s) => s.close);
  if (dialog === 'about') {
    return (
      <Dialog title="About Topology Designer" onClose={close}>
        <p>Draw a system on its servers; learn whether it is distributed, a cluster, microservices or a monolith, and why; watch requests flow; break things on purpose; export for your documents.</p>
        <p className="muted">Works offline. Your designs stay on your machine.</p>
      </Dialog>
    );
  }
  if (dialog === 'help') {
    return (
      <Dialog title="Help" onClose={close}>
        <p>Drag a kind from the palette onto the canvas (or focus it and press Enter), connect nodes by dragging from the right handle of a caller to the left of a callee, and place instances on hosts in the inspector.</p>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUT_HELP.map(([keys, what]) => (
              <tr key={keys}>
                <th scope="row">{keys}</th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Dialog>
    );
  }
  return null;
}
