/** A small whole-number field for panel options: checked on every keystroke, committed on Enter or blur when valid. */
import { useEffect, useId, useState } from 'react';

export function InlineNumber({ label, value, min, max, onCommit }: { label: string; value: number; min: number; max: number; onCommit(value: number): void }) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const check = (text: string): string | null => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return 'must be a number';
    if (!Number.isInteger(n)) return 'must be a whole number';
    if (n < min || n > max) return `must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}`;
    return null;
  };
  const error = check(draft);
  const commit = () => {
    if (!error && Number(draft) !== value) onCommit(Number(draft));
  };
  return (
    <span className={`inline-number${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {error && (
        <span className="inline-number__error" id={`${id}-error`} role="alert">
          {label} {error}
        </span>
      )}
    </span>
  );
}
