/**
 * Notices: what the app tells the user (a file it could not open, a host deleted…). Information
 * and warnings fade by themselves after a few seconds (not while the pointer or focus is on them,
 * so they can be read to the end); errors stay until dismissed.
 */
import { memo, useEffect, useState } from 'react';
import { useUiStore, type Notice, type NoticeKind } from '../store/uiStore';

/** How long a notice stays on screen, in milliseconds; errors have none: they wait for the user. */
export const NOTICE_LIFETIME_MS: Readonly<Record<NoticeKind, number | null>> = { info: 6000, warning: 10000, error: null };

function NoticeItem({ notice, dismiss }: { notice: Notice; dismiss: (id: number) => void }) {
  const [held, setHeld] = useState(false);
  const lifetime = NOTICE_LIFETIME_MS[notice.kind];
  useEffect(() => {
    if (lifetime === null || held) return;
    // Restarts after the pointer or focus leaves: a notice someone was reading gets its full time.
    const timer = setTimeout(() => dismiss(notice.id), lifetime);
    return () => clearTimeout(timer);
  }, [lifetime, held, dismiss, notice.id]);
  return (
    <div
      className={`notice notice--${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <div className="notice__body">
        <strong className="notice__title">{notice.title}</strong>
        {notice.lines.length > 0 && (
          <ul className="notice__lines">
            {notice.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="notice__close" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}

function NoticesImpl() {
  const notices = useUiStore((s) => s.notices);
  const dismiss = useUiStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} dismiss={dismiss} />
      ))}
    </div>
  );
}

export const Notices = memo(NoticesImpl);
