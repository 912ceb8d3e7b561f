/** A modal dialog frame (title, close button, body) on the native <dialog> element, shared by every dialog. */
import { useEffect, useRef } from 'react';

/** Opens as a modal when mounted; Esc, the × button and `onClose` all close it. */
export function Dialog({ title, children, onClose, wide }: { title: string; children: React.ReactNode; onClose(): void; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className={`dialog${wide ? ' dialog--wide' : ''}`} aria-label={title} onClose={onClose} onCancel={onClose}>
      <header className="dialog__header">
        <h2>{title}</h2>
        <button type="button" className="dialog__close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog__body">{children}</div>
    </dialog>
  );
}
