/** The import report: what the importer could not map, per object, until the user dismisses it. */
import { memo } from 'react';
import { useImportReport } from './importReport';

function ImportReportPanelImpl() {
  const report = useImportReport((s) => s.report);
  const dismiss = useImportReport((s) => s.dismiss);
  if (!report) return null;
  const count = report.groups.reduce((sum, g) => sum + g.lines.length, 0);
  return (
    <section className="import-report" role="region" aria-label="Import report">
      <header className="import-report__header">
        <h2>
          Import report: {report.fileName} ({count} note{count === 1 ? '' : 's'})
        </h2>
        <button type="button" className="toolbar__button" onClick={dismiss}>
          Dismiss
        </button>
      </header>
      <p className="import-report__intro">What could not be mapped into the design as it is:</p>
      <dl className="import-report__groups">
        {report.groups.map((group) => (
          <div key={group.object} className="import-report__group">
            <dt>{group.object}</dt>
            {group.lines.map((line, i) => (
              <dd key={i}>{line}</dd>
            ))}
          </div>
        ))}
      </dl>
    </section>
  );
}

export const ImportReportPanel = memo(ImportReportPanelImpl);
