/**
 * Export for docs: a preview, the format (SVG, PNG, Mermaid, draw.io, Markdown report, .topo JSON),
 * theme and scale; save it, or copy it to the clipboard (PNG image, Mermaid text).
 */
import { useEffect, useMemo, useState } from 'react';
import { classifyDesign } from '../../../shared/classification';
import { serializeDocument } from '../../../shared/document';
import { exportDrawio, exportMarkdown, exportMermaid, exportSvg, type Theme } from '../../../shared/export';
import { analyzeCapacity } from '../../../shared/reliability';
import { host } from '../../host';
import { useDocumentStore } from '../../store/documentStore';
import { useUiStore } from '../../store/uiStore';
import { useSimulationStore } from '../../store/simulationStore';
import { useDialogStore } from '../../store/dialogStore';
import { Dialog } from '../../ui/Dialog';
import { rasterizeSvg } from './rasterize';

type Format = 'svg' | 'png' | 'mermaid' | 'mermaid-architecture' | 'drawio' | 'md' | 'json';

const FORMATS: { value: Format; label: string; extension: string; mime: string }[] = [
  { value: 'svg', label: 'SVG (vector, carries the design)', extension: 'svg', mime: 'image/svg+xml' },
  { value: 'png', label: 'PNG (picture, carries the design)', extension: 'png', mime: 'image/png' },
  { value: 'mermaid', label: 'Mermaid flowchart', extension: 'mmd', mime: 'text/plain' },
  { value: 'mermaid-architecture', label: 'Mermaid architecture-beta', extension: 'mmd', mime: 'text/plain' },
  { value: 'drawio', label: 'draw.io diagram', extension: 'drawio', mime: 'application/xml' },
  { value: 'md', label: 'Markdown report (+ SVG beside it)', extension: 'md', mime: 'text/markdown' },
  { value: 'json', label: 'Topology file (.topo)', extension: 'topo', mime: 'application/json' },
];

function baseName(name: string): string {
  return name.trim().replace(/[\\/:*?"<>|]+/g, '-') || 'design';
}

export function ExportDialog() {
  const open = useDialogStore((s) => s.dialog === 'export');
  const close = useDialogStore((s) => s.close);
  if (!open) return null;
  return <ExportDialogBody onClose={close} />;
}

function ExportDialogBody({ onClose }: { onClose(): void }) {
  const document = useDocumentStore((s) => s.document);
  const appTheme = useUiStore((s) => s.theme);
  const sweep = useSimulationStore((s) => s.sweep);
  // The last finished live run, when it ran this very design: its SLOs, where the time goes, its
  // replicated data and transactions.
  const lastRun = useSimulationStore((s) => (s.clientReports && s.runDocument === document ? s.clientReports : null));
  const lastNodes = useSimulationStore((s) => (s.nodeReports && s.runDocument === document ? s.nodeReports : null));
  const [format, setFormat] = useState<Format>('svg');
  const [theme, setTheme] = useState<Theme>(appTheme);
  const [scale, setScale] = useState(2);
  const [status, setStatus] = useState<string | null>(null);
  const classification = useMemo(() => classifyDesign(document), [document]);
  const svg = useMemo(() => exportSvg(document, { theme, classification }), [document, theme, classification]);
  const previewUrl = useMemo(() => URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), [svg]);
  useEffect(() => () => URL.revokeObjectURL(previewUrl), [previewUrl]);
  const name = baseName(document.name);
  const spec = FORMATS.find((f) => f.value === format)!;

  const text = useMemo((): string | null => {
    switch (format) {
      case 'svg':
        return svg;
      case 'mermaid':
        return exportMermaid(document, { flavour: 'flowchart' });
      case 'mermaid-architecture':
        return exportMermaid(document, { flavour: 'architecture' });
      case 'drawio':
        return exportDrawio(document);
      case 'md':
        return exportMarkdown(document, {
          svgFileName: `${name}.svg`,
          classification,
          ...(sweep ? { sweep } : {}),
          capacity: analyzeCapacity(document),
          ...(lastRun ? { simulations: [{ name: 'Last run', clients: lastRun, ...(lastNodes ? { nodes: lastNodes } : {}) }] } : {}),
        });
      case 'json':
        return serializeDocument(document);
      default:
        return null;
    }
  }, [format, svg, document, classification, name, sweep, lastRun, lastNodes]);

  const save = async () => {
    setStatus('Exporting…');
    try {
      const data = format === 'png' ? await rasterizeSvg(svg, scale, serializeDocument(document)) : text!;
      const result = await host.exportFile({ suggestedName: `${name}.${spec.extension}`, mime: spec.mime, data });
      if (format === 'md' && result.status === 'saved') {
        await host.exportFile({ suggestedName: `${name}.svg`, mime: 'image/svg+xml', data: svg });
      }
      setStatus(result.status === 'saved' ? `Saved ${result.file.name}` : result.status === 'canceled' ? null : result.status === 'error' ? `Could not save: ${result.message}` : null);
    } catch (error) {
      setStatus(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const copy = async () => {
    try {
      if (format === 'png') {
        const png = await rasterizeSvg(svg, scale, serializeDocument(document));
        await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([new Uint8Array(png)], { type: 'image/png' }) })]);
      } else {
        await navigator.clipboard.writeText(text ?? '');
      }
      setStatus('Copied to the clipboard');
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <Dialog title="Export" onClose={onClose} wide>
      <div className="export">
        <div className="export__preview" aria-label="Preview">
          {format === 'svg' || format === 'png' || format === 'md' ? (
            <img src={previewUrl} alt={`Diagram of ${document.name}`} />
          ) : (
            <pre className="export__text">{text}</pre>
          )}
        </div>
        <form className="export__options" onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            <span>Format</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as Format)} aria-label="Format">
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {(format === 'svg' || format === 'png' || format === 'md') && (
            <label className="field">
              <span>Theme</span>
              <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)} aria-label="Theme">
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
          )}
          {format === 'png' && (
            <label className="field">
              <span>Scale</span>
              <select value={scale} onChange={(e) => setScale(Number(e.target.value))} aria-label="Scale">
                <option value={1}>1×</option>
                <option value={2}>2×</option>
                <option value={3}>3×</option>
              </select>
            </label>
          )}
          <p className="muted small">
            {format === 'svg' || format === 'png'
              ? 'Drop the exported picture back on the app to reopen the design.'
              : format === 'md'
                ? `Saves ${name}.md and ${name}.svg; keep them side by side.${sweep ? ' Includes the last sweep.' : ' Run a sweep to include its table.'}`
                : ''}
          </p>
          <div className="export__actions">
            <button type="button" className="button button--primary" onClick={() => void save()}>
              Save {spec.extension.toUpperCase()}
            </button>
            {(format === 'png' || format.startsWith('mermaid') || format === 'svg') && (
              <button type="button" className="button" onClick={() => void copy()}>
                Copy
              </button>
            )}
          </div>
          {status && (
            <p className="export__status" role="status">
              {status}
            </p>
          )}
        </form>
      </div>
    </Dialog>
  );
}
