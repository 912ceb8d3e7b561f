/**
 * The React Flow canvas. The document is the source of truth: flow nodes and edges are derived
 * (FlowCache), drags are held locally and committed once on drop (one undo step), selection lives
 * in the UI store, and measured sizes are carried on the flow nodes so React Flow keeps them.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import type { NodeKind, Position } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';
import { addNodeAt, commitPositions, connectNodes } from '../store/actions';
import { FlowCache, type Measured, type TopologyFlowEdge, type TopologyFlowNode } from './toFlow';
import { TopologyNodeView } from './TopologyNodeView';
import { TopologyEdgeView } from './TopologyEdgeView';
import { registerCanvas } from './canvasCommands';
import { HostLegend } from './HostLegend';
import { HostRegions } from './HostRegions';
import { kindColor } from './visuals';
import { provideMeasuredSizes } from './autoLayout';
import { ParticleLayer } from './ParticleLayer';
import { useFailMenu } from '../panels/simulation/FailAtMenu';

// Module level, as React Flow asks: a new object per render would remount every node.
const nodeTypes = { topology: TopologyNodeView };
const edgeTypes = { topology: TopologyEdgeView };
const SNAP: [number, number] = [20, 20];
const PALETTE_MIME = 'application/x-topology-kind';
const FAR_ZOOM = 0.45;

export function Canvas({ children }: { children?: React.ReactNode }) {
  const document = useDocumentStore((s) => s.document);
  const selection = useUiStore((s) => s.selection);
  const highlight = useUiStore((s) => s.highlight);
  const hoverHighlight = useUiStore((s) => s.hoverHighlight);
  const minimap = useUiStore((s) => s.minimap);
  const theme = useUiStore((s) => s.theme);
  const cache = useRef(new FlowCache());
  const measured = useRef(new Map<string, Measured>());
  provideMeasuredSizes(() => measured.current);
  const [measureVersion, setMeasureVersion] = useState(0);
  const [dragPositions, setDragPositions] = useState<ReadonlyMap<string, Position>>(new Map());
  const wrapper = useRef<HTMLDivElement>(null);
  // Level of detail: zoomed far out, nodes drop their chips, shadows and labels (CSS only), so
  // panning a large design repaints little. A boolean selector re-renders only at the threshold.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);

  const activeHighlight = hoverHighlight ?? highlight;
  const highlightNodes = useMemo(() => {
    if (!activeHighlight) return null;
    const ids = new Set(activeHighlight.nodes);
    // A highlighted host lights up every node with an instance on it.
    if (activeHighlight.hosts.length > 0) {
      const hosts = new Set(activeHighlight.hosts);
      for (const node of document.nodes) if (node.instances?.some((i) => i.host && hosts.has(i.host))) ids.add(node.id);
    }
    return ids;
  }, [activeHighlight, document.nodes]);

  const inputs = useMemo(
    () => ({
      document,
      selectedNodes: new Set(selection.nodes),
      selectedEdges: new Set(selection.edges),
      highlightNodes,
      dragPositions,
      measured: measured.current,
      measureVersion,
    }),
    [document, selection, highlightNodes, dragPositions, measureVersion],
  );
  const nodes = useMemo(() => cache.current.toNodes(inputs), [inputs]);
  // Forget the sizes of nodes that are gone, so a long session does not accumulate them.
  useEffect(() => {
    const ids = new Set(document.nodes.map((n) => n.id));
    for (const id of measured.current.keys()) if (!ids.has(id)) measured.current.delete(id);
  }, [document.nodes]);
  const edges = useMemo(() => cache.current.toEdges(inputs), [inputs]);

  const onNodesChange = useCallback((changes: NodeChange<TopologyFlowNode>[]) => {
    let selectionChanged = false;
    const selected = new Set(useUiStore.getState().selection.nodes);
    const dragging = new Map<string, Position>();
    const dropped: Record<string, Position> = {};
    let sizesChanged = false;
    for (const change of changes) {
      if (change.type === 'select') {
        selectionChanged = true;
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      } else if (change.type === 'position' && change.position) {
        const p = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
        if (change.dragging) dragging.set(change.id, p);
        else dropped[change.id] = p;
      } else if (change.type === 'position' && change.dragging === false) {
        // End of a drag without a final position: commit the last one we saw.
        const last = dragPositionsRef.current.get(change.id);
        if (last) dropped[change.id] = last;
      } else if (change.type === 'dimensions' && change.dimensions) {
        const prev = measured.current.get(change.id);
        if (!prev || prev.width !== change.dimensions.width || prev.height !== change.dimensions.height) {
          measured.current.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
          sizesChanged = true;
        }
      }
    }
    if (selectionChanged) {
      const ui = useUiStore.getState();
      ui.select({ nodes: [...selected], host: null });
    }
    if (dragging.size > 0) {
      setDragPositions((prev) => {
        const next = new Map(prev);
        for (const [id, p] of dragging) next.set(id, p);
        dragPositionsRef.current = next;
        return next;
      });
    }
    if (Object.keys(dropped).length > 0) {
      commitPositions(dropped);
      dragPositionsRef.current = new Map();
      setDragPositions(new Map());
    }
    if (sizesChanged) setMeasureVersion((v) => v + 1);
  }, []);
  const dragPositionsRef = useRef<ReadonlyMap<string, Position>>(new Map());

  const onEdgesChange = useCallback((changes: EdgeChange<TopologyFlowEdge>[]) => {
    const selected = new Set(useUiStore.getState().selection.edges);
    let changed = false;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      changed = true;
      if (change.selected) selected.add(change.id);
      else selected.delete(change.id);
    }
    if (changed) useUiStore.getState().select({ edges: [...selected], host: null });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    if (connection.source && connection.target) connectNodes(connection.source, connection.target);
  }, []);

  const onInit = useCallback((flow: ReactFlowInstance<TopologyFlowNode, TopologyFlowEdge>) => {
    registerCanvas(flow, wrapper.current);
    // Fit once, to what the app opened with; later fits follow opening a design, never a drop
    // (React Flow's own fitView prop would zoom onto the first node dropped on an empty canvas).
    if (useDocumentStore.getState().document.nodes.length > 0) requestAnimationFrame(() => void flow.fitView({ padding: 0.15 }));
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const kind = event.dataTransfer.getData(PALETTE_MIME);
    if (!kind) return;
    event.preventDefault();
    event.stopPropagation();
    const flow = flowRef.current;
    const p = flow ? flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) : { x: 0, y: 0 };
    addNodeAt(kind as NodeKind | 'replicaGroup', { x: Math.round(p.x / SNAP[0]) * SNAP[0] - 100, y: Math.round(p.y / SNAP[1]) * SNAP[1] - 30 });
  }, []);
  const flowRef = useRef<ReactFlowInstance<TopologyFlowNode, TopologyFlowEdge> | null>(null);

  const onNodeContextMenu = useCallback((event: React.MouseEvent, node: TopologyFlowNode) => {
    if (node.data.node.kind === 'client') return;
    event.preventDefault();
    useFailMenu.getState().open({ kind: 'node', id: node.id, name: node.data.node.name }, event.clientX, event.clientY);
  }, []);

  const onPaneClick = useCallback(() => useUiStore.getState().select({ nodes: [], edges: [], host: null }), []);

  return (
    <div className={`canvas${far ? ' is-far' : ''}`} ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} role="region" aria-label="Canvas">
      <ReactFlow<TopologyFlowNode, TopologyFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onInit={(flow) => {
          flowRef.current = flow;
          onInit(flow);
        }}
        onPaneClick={onPaneClick}
        onNodeContextMenu={onNodeContextMenu}
        snapToGrid
        snapGrid={SNAP}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        // Space plays and pauses the simulation; panning is a drag on the empty canvas.
        panActivationKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control']}
        defaultViewport={{ x: 40, y: 40, zoom: 1 }}
        minZoom={0.05}
        maxZoom={2.5}
        onlyRenderVisibleElements={document.nodes.length > 300}
        colorMode={theme}
        proOptions={{ hideAttribution: true }}
      >
        <svg className="topo-defs" aria-hidden="true">
          <defs>
            <marker id="topo-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="topo-arrow" />
            </marker>
          </defs>
        </svg>
        <HostRegions />
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <Controls position="bottom-left" showInteractive={false} />
        {minimap && (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            ariaLabel="Minimap"
            style={{ width: 168, height: 112 }}
            nodeColor={(n) => kindColor((n as TopologyFlowNode).data.node.kind, theme)}
            nodeStrokeWidth={2}
          />
        )}
        <ParticleLayer />
        <HostLegend />
        {children}
      </ReactFlow>
    </div>
  );
}
