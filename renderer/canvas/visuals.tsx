/**
 * Kind hues, kind icons and host tints on the canvas. The shapes and colours come from
 * shared/export/style so the canvas and every exported picture speak the same visual language.
 */
import { KIND_STYLE, hostColor } from '../../shared/export/style';
import type { NodeKind } from '../../shared/document';
import type { Theme } from '../store/uiStore';

/** Kind hues lifted for the dark theme so icons keep their contrast on dark cards. */
const DARK_LIFT: Record<NodeKind, string> = {
  client: '#94a3b8',
  gateway: '#a78bfa',
  loadBalancer: '#22d3ee',
  monolith: '#f59e0b',
  service: '#60a5fa',
  database: '#34d399',
  cache: '#fbbf24',
  queue: '#f472b6',
};

export function kindColor(kind: NodeKind, theme: Theme): string {
  return theme === 'dark' ? DARK_LIFT[kind] : KIND_STYLE[kind].hue;
}

/** The host's tint as text-safe colour for this theme (chips, legend, region labels). */
export function hostTint(index: number, theme: Theme): string {
  return hostColor(index, theme).text;
}

export function KindIcon({ kind, size = 20 }: { kind: NodeKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={KIND_STYLE[kind].icon} />
    </svg>
  );
}

export function ReplicaIcon({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round" aria-hidden="true">
      <path d="M9 3h11v11H9z M6 6v11h11 M3 9v12h12" />
    </svg>
  );
}
