/**
 * The window: toolbar on top; palette, canvas and the right-hand panels (Classification above the
 * Inspector); the simulation dock below the canvas. Each region has its own error boundary, so a
 * fault in one never blanks the others or loses the document.
 */
import { useEffect, type DragEvent } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Toolbar } from './Toolbar';
import { ErrorBoundary } from './ErrorBoundary';
import { Notices } from './Notices';
import { LoadingStatus } from './LoadingStatus';
import { RecoveryBanner } from './RecoveryBanner';
import { MissingHostsBanner } from './MissingHostsBanner';
import { InfoDialogs } from './InfoDialogs';
import { ImportReportPanel } from './ImportReportPanel';
import { ComparePanel } from '../panels/compare/ComparePanel';
import { ExportDialog } from '../panels/export/ExportDialog';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../panels/Palette';
import { Inspector } from '../panels/Inspector';
import { ClassificationPanel } from '../panels/ClassificationPanel';
import { SidePanels } from '../panels/reliability/SidePanels';
import { SimulationControls } from '../panels/simulation/SimulationControls';
import { SimulationDock } from '../panels/simulation/SimulationDock';
import { failAt } from '../panels/simulation/failAt';
import { CanvasMenusContext, type CanvasMenuActions } from '../canvas/CanvasMenus';
import { useUiStore } from '../store/uiStore';
import { host } from '../host';
import { openContent, startAutosave } from './fileActions';
import { openDroppedFile } from './dropFile';
import { installShortcuts, runMenuCommand } from './shortcuts';

/** What the canvas's context menus need from the panels, given to the canvas (it never imports panels). */
const canvasMenuActions: CanvasMenuActions = {
  failAt: (target) => void failAt(target.kind, target.id, target.name),
};

function isFileDrag(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

export function App() {
  const theme = useUiStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    const stopAutosave = startAutosave();
    const stopShortcuts = installShortcuts();
    const stopMenu = host.onMenuCommand(runMenuCommand);
    const stopOpen = host.onOpenFile((file) => void openContent(file));
    return () => {
      stopAutosave();
      stopShortcuts();
      stopMenu();
      stopOpen();
    };
  }, []);
  const onDragOver = (event: DragEvent) => {
    if (isFileDrag(event)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  };
  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    void openDroppedFile(file);
  };
  return (
    <div className="app" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlowProvider>
        <ErrorBoundary region="toolbar">
          <Toolbar simulation={<SimulationControls />} />
        </ErrorBoundary>
        <RecoveryBanner />
        <MissingHostsBanner />
        <div className="workspace">
          <ErrorBoundary region="palette">
            <Palette />
          </ErrorBoundary>
          <main className="centre">
            <ErrorBoundary region="canvas">
              <CanvasMenusContext.Provider value={canvasMenuActions}>
                <Canvas />
              </CanvasMenusContext.Provider>
            </ErrorBoundary>
            <ErrorBoundary region="simulation dock">
              <SimulationDock />
            </ErrorBoundary>
          </main>
          <div className="side">
            <ErrorBoundary region="changes panel">
              <ComparePanel />
            </ErrorBoundary>
            <ErrorBoundary region="import report">
              <ImportReportPanel />
            </ErrorBoundary>
            <ErrorBoundary region="analysis panels">
              <SidePanels
                classification={
                  <ErrorBoundary region="classification panel">
                    <ClassificationPanel />
                  </ErrorBoundary>
                }
              />
            </ErrorBoundary>
            <ErrorBoundary region="inspector">
              <Inspector />
            </ErrorBoundary>
          </div>
        </div>
        <Notices />
        <LoadingStatus />
        <InfoDialogs />
        <ErrorBoundary region="export dialog">
          <ExportDialog />
        </ErrorBoundary>
      </ReactFlowProvider>
    </div>
  );
}
