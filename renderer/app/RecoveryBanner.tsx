/** After a crash or a closed tab with unsaved work, offers to restore it. */
import { useEffect, useState } from 'react';
import { findRecovery, type RecoveryOffer } from './fileActions';

export function RecoveryBanner() {
  const [offer, setOffer] = useState<RecoveryOffer | null>(null);
  useEffect(() => {
    let alive = true;
    void findRecovery().then((found) => alive && setOffer(found));
    return () => {
      alive = false;
    };
  }, []);
  if (!offer) return null;
  return (
    <div className="recovery" role="alertdialog" aria-label="Restore unsaved work">
      <span>
        Unsaved work from {new Date(offer.savedAt).toLocaleString()} — “{offer.name}” — can be restored.
      </span>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          offer.restore();
          setOffer(null);
        }}
      >
        Restore
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          offer.discard();
          setOffer(null);
        }}
      >
        Discard
      </button>
    </div>
  );
}
