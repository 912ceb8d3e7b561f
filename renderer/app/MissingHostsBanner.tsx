/**
 * A design whose instances name servers it does not declare (a hand-written file): the banner
 * names them and offers to create them in one undoable step. It follows the document, so undo
 * brings it back and any other way of declaring the hosts makes it go.
 */
import { memo } from 'react';
import { missingHosts } from '../../shared/document';
import { useDocumentStore, type DocumentSlice } from '../store/documentStore';
import { createMissingHosts } from '../store/designActions';

/** The missing ids joined, so the selector's result compares by value and re-renders only on change. */
const missingKey = (s: DocumentSlice) => missingHosts(s.document).join('\u0000');

function MissingHostsBannerImpl() {
  const key = useDocumentStore(missingKey);
  if (key === '') return null;
  const missing = key.split('\u0000');
  const quoted = missing.map((id) => `“${id}”`).join(', ');
  return (
    <div className="recovery missing-hosts" role="region" aria-label="Missing servers">
      <span>
        This design places instances on {missing.length === 1 ? 'a server' : `${missing.length} servers`} it does not declare: {quoted}. The CLI
        refuses the file until they exist.
      </span>
      <button type="button" className="button button--primary" onClick={createMissingHosts}>
        Create {missing.length === 1 ? 'it' : 'them'}
      </button>
    </div>
  );
}

export const MissingHostsBanner = memo(MissingHostsBannerImpl);
