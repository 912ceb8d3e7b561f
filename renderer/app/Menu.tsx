/** A small accessible drop-down menu (button + role=menu list), closed by Escape or a click outside. */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  readonly label: string;
  readonly hint?: string;
  readonly disabled?: boolean;
  readonly onSelect: () => void;
}

export function Menu({ label, items, icon, className }: { label: string; items: readonly (MenuItem | 'separator')[]; icon?: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    // Focus the first item so the menu is usable from the keyboard at once.
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const onListKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const buttons = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(index + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
  };
  return (
    <div className={`menu ${className ?? ''}`} ref={root}>
      <button type="button" className="toolbar__button" aria-haspopup="menu" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {icon}
        <span>{label}</span>
        <span aria-hidden="true" className="menu__caret">▾</span>
      </button>
      {open && (
        <ul className="menu__list" role="menu" id={id} aria-label={label} onKeyDown={onListKey}>
          {items.map((item, i) =>
            item === 'separator' ? (
              <li key={`sep-${i}`} role="separator" className="menu__separator" />
            ) : (
              <li key={item.label} role="none">
                <button
                  type="button"
                  role="menuitem"
                  disabled={item.disabled}
                  onClick={() => {
                    setOpen(false);
                    item.onSelect();
                  }}
                >
                  <span>{item.label}</span>
                  {item.hint && <span className="menu__hint">{item.hint}</span>}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
