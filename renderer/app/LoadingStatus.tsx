/**
 * "Loading shop.topo… 40 %": shown while a file is decoded, parsed and validated (or imported) in
 * the loader worker. The page stays usable meanwhile; the open design is replaced only when the
 * file turned out readable.
 */
import { useUiStore } from '../store/uiStore';

export function LoadingStatus() {
  const loading = useUiStore((s) => s.loading);
  if (!loading) return null;
  return (
    <div className="loading-status" role="status" aria-label="Loading">
      <span>
        {loading.label} {Math.round(loading.percent)} %
      </span>
      <progress max={100} value={loading.percent} aria-hidden="true" />
    </div>
  );
}
