/** Notices: what the app tells the user (a file it could not open, a host deleted…), dismissible. */
import { memo } from 'react';
import { useUiStore } from '../store/uiStore';

function NoticesImpl() {
  const notices = useUiStore((s) => s.notices);
  const dismiss = useUiStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice--${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <div className="notice__body">
            <strong className="notice__title">{n.title}</strong>
            {n.lines.length > 0 && (
              <ul className="notice__lines">
                {n.lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" className="notice__close" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export const Notices = memo(NoticesImpl);
