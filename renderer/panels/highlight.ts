/** Hover or focus previews a canvas highlight, a click pins it (a second click unpins): findings, evidence, availability contributors, capacity rows. */
import { useUiStore, type Highlight } from '../store/uiStore';

export function useHighlightButton(item: { nodes: readonly string[]; hosts: readonly string[] }, source: string) {
  const active = useUiStore((s) => s.highlight?.source === source);
  const ui = useUiStore.getState;
  const highlight = (): Highlight => ({ nodes: item.nodes, hosts: item.hosts, source });
  const preview = () => ui().setHoverHighlight(highlight());
  const clear = () => ui().setHoverHighlight(null);
  return {
    active,
    handlers: {
      'aria-pressed': active,
      onMouseEnter: preview,
      onMouseLeave: clear,
      onFocus: preview,
      onBlur: clear,
      onClick: () => ui().setHighlight(active ? null : highlight()),
    },
  };
}
