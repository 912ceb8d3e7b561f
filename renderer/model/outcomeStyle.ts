/**
 * How each outcome of a call looks on the canvas, the charts and the legend: a colour per theme
 * and a glyph. Every failure cause gets both, so a cause reads without relying on colour alone.
 * The Record over OUTCOME_CODES makes a new cause a compile error until it has its look. Glyphs
 * are from sets every system font has (emoji such as ⏱ or ⛔ show as empty boxes without an
 * emoji font); overload's ▲ is the same mark an overloaded card shows.
 */
import type { OutcomeCode } from './particles';

export interface OutcomeStyle {
  readonly light: string;
  readonly dark: string;
  /** One character drawn where a failure began (and shown in the legend). */
  readonly glyph: string;
  /** The legend's words for it. */
  readonly label: string;
}

/** Green ok, amber retried; reds, purples, cyan and slate by failure cause, each with its own glyph. */
export const OUTCOME_STYLE: Record<OutcomeCode, OutcomeStyle> = {
  ok: { light: '#16a34a', dark: '#4ade80', glyph: '●', label: 'ok' },
  retried: { light: '#d97706', dark: '#fbbf24', glyph: '↻', label: 'retried' },
  crash: { light: '#dc2626', dark: '#f87171', glyph: '✖', label: 'crash' },
  timeout: { light: '#ea580c', dark: '#fb923c', glyph: '◷', label: 'timeout' },
  overload: { light: '#be123c', dark: '#fb7185', glyph: '▲', label: 'overload' },
  'rate-limited': { light: '#c026d3', dark: '#f0abfc', glyph: '‖', label: 'rate limited' },
  'circuit-open': { light: '#6d28d9', dark: '#c4b5fd', glyph: '⊘', label: 'circuit open' },
  partition: { light: '#0e7490', dark: '#67e8f9', glyph: '≠', label: 'partition' },
  error: { light: '#991b1b', dark: '#fca5a5', glyph: '⚠', label: 'error' },
  // Slate, far from crash's red: nothing answered because nothing was in rotation to ask.
  unavailable: { light: '#475569', dark: '#94a3b8', glyph: '∅', label: 'unavailable' },
  // State (sessions, locks): a lost session is a user logged out; amber-brown, its own key mark.
  'session-lost': { light: '#a16207', dark: '#facc15', glyph: '⚷', label: 'session lost' },
  'lock-unavailable': { light: '#7c2d12', dark: '#fdba74', glyph: '⊓', label: 'lock unavailable' },
  // Too few replicas on this side of a partition (or up) to make a majority: refused, not lost.
  'no-quorum': { light: '#881337', dark: '#fecdd3', glyph: '⊟', label: 'no quorum' },
  // Not a failure but a correctness one: two instances held one lock key (a double booking).
  'exclusion-violation': { light: '#b91c1c', dark: '#fda4af', glyph: '⊗', label: 'exclusion violation' },
  // Replicated data, correctness again: a read that returned old data (a faded, dotted ring, indigo)
  // and a write accepted on both sides of a partition (two arrows meeting, deep pink).
  'stale-read': { light: '#4338ca', dark: '#a5b4fc', glyph: '◌', label: 'stale read' },
  'write-conflict': { light: '#9d174d', dark: '#f9a8d4', glyph: '⇄', label: 'write conflict' },
};
