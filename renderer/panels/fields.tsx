/**
 * Inspector fields with inline validation. A field keeps what the user typed as a draft, checks it
 * against the document schema on every keystroke, and commits on Enter or blur only when valid —
 * so an impossible value is explained beside the field and never reaches the document.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { z } from 'zod';

interface FieldShellProps {
  readonly label: string;
  readonly error?: string | null;
  readonly hint?: string;
  readonly children: (id: string, describedBy: string | undefined) => ReactNode;
}

export function FieldShell({ label, error, hint, children }: FieldShellProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {error ? (
        <div className="field__error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

function firstIssue(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'invalid value');
}

interface NumberFieldProps {
  readonly label: string;
  readonly value: number | undefined;
  /** Shown as the placeholder when the field is empty (the SPEC default). */
  readonly placeholder?: string;
  readonly schema: z.ZodType;
  readonly unit?: string;
  readonly hint?: string;
  /** Called with the new value, or undefined when cleared (back to the default). */
  onCommit(value: number | undefined): void;
  readonly required?: boolean;
}

export function NumberField({ label, value, placeholder, schema, unit, hint, onCommit, required }: NumberFieldProps) {
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(value === undefined ? '' : String(value));
    setError(null);
  }, [value]);
  const check = (text: string): { ok: true; value: number | undefined } | { ok: false; message: string } => {
    if (text.trim() === '') return required ? { ok: false, message: 'is required' } : { ok: true, value: undefined };
    const n = Number(text);
    if (!Number.isFinite(n)) return { ok: false, message: `must be a number, not "${text}"` };
    const issue = firstIssue(schema, n);
    return issue ? { ok: false, message: issue } : { ok: true, value: n };
  };
  const commit = () => {
    const result = check(draft);
    if (!result.ok) return;
    if (result.value !== value) onCommit(result.value);
  };
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <div className="field__row">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            value={draft}
            placeholder={placeholder}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => {
              setDraft(e.target.value);
              const result = check(e.target.value);
              setError(result.ok ? null : `${label} ${result.message}`);
            }}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
              if (e.key === 'Escape') {
                setDraft(value === undefined ? '' : String(value));
                setError(null);
              }
            }}
          />
          {unit && <span className="field__unit">{unit}</span>}
        </div>
      )}
    </FieldShell>
  );
}

interface TextFieldProps {
  readonly label: string;
  readonly value: string | undefined;
  readonly placeholder?: string;
  readonly hint?: string;
  /** Returns an error message for a draft, or null when it may be committed. */
  validate?(text: string): string | null;
  onCommit(text: string): void;
  readonly readOnly?: boolean;
}

export function TextField({ label, value, placeholder, hint, validate, onCommit, readOnly }: TextFieldProps) {
  const [draft, setDraft] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(value ?? '');
    setError(null);
  }, [value]);
  const commit = () => {
    if (readOnly || (validate && validate(draft))) return;
    if (draft !== (value ?? '')) onCommit(draft);
  };
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type="text"
          value={draft}
          readOnly={readOnly}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setDraft(e.target.value);
            const issue = validate?.(e.target.value) ?? null;
            setError(issue ? `${label} ${issue}` : null);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') {
              setDraft(value ?? '');
              setError(null);
            }
          }}
        />
      )}
    </FieldShell>
  );
}

interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly value: T | undefined;
  readonly options: readonly { value: T; label: string }[];
  /** Label of the "use the default" choice; omit to require a value. */
  readonly defaultLabel?: string;
  readonly hint?: string;
  onCommit(value: T | undefined): void;
  /**
   * Commit on blur or Enter instead of on every change: arrowing through a closed select fires a
   * change per step, and some changes (a node's kind) drop data.
   */
  readonly commitOnBlur?: boolean;
}

export function SelectField<T extends string>({ label, value, options, defaultLabel, hint, onCommit, commitOnBlur }: SelectFieldProps<T>) {
  const [draft, setDraft] = useState<string>(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const parse = (text: string) => (text === '' ? undefined : (text as T));
  const commit = () => {
    if (parse(draft) !== value) onCommit(parse(draft));
  };
  return (
    <FieldShell label={label} hint={hint}>
      {(id, describedBy) => (
        <select
          id={id}
          value={commitOnBlur ? draft : (value ?? '')}
          aria-describedby={describedBy}
          onChange={(e) => (commitOnBlur ? setDraft(e.target.value) : onCommit(parse(e.target.value)))}
          onBlur={commitOnBlur ? commit : undefined}
          onKeyDown={commitOnBlur ? (e) => e.key === 'Enter' && commit() : undefined}
        >
          {defaultLabel !== undefined && <option value="">{defaultLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField({ label, checked, onCommit, hint }: { label: string; checked: boolean; hint?: string; onCommit(value: boolean): void }) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onCommit(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {hint && <div className="field__hint">{hint}</div>}
    </div>
  );
}
