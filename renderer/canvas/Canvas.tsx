/**
 * The React Flow canvas. The document is the source of truth: the layout turns it into a diagram
 * geometry (servers, cards, routed calls), the flow nodes and edges are derived from that
 * (FlowCache), drags are held locally and committed once on drop (one undo step: a placement, a
 * move, a zone), selection lives in the UI store.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
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
import { connectNodes } from '../store/actions';
import { addNodeOnCanvas, commitDrop } from '../store/placementActions';
import { FlowCache, type CanvasFlowNode, type TopologyFlowEdge } from './toFlow';
import { TopologyNodeView } from './TopologyNodeView';
import { ServerNodeView } from './ServerNodeView';
import { TopologyEdgeView } from './TopologyEdgeView';
import { fitView, registerCanvas, showOpeningView } from './canvasCommands';
import { HostLegend } from './HostLegend';
import { OutcomeLegend } from './OutcomeLegend';
import { DomainLayer } from './DomainLayer';
import { PartitionLayer } from './PartitionLayer';
import { kindColor } from './visuals';
import { ParticleLayer } from './ParticleLayer';
import { CanvasContextMenu, useCanvasMenu } from './CanvasMenus';
import { useCanvasView, useDragState } from './canvasState';
import { geometryOf, useGeometry } from './useGeometry';
import { ghostNodes } from './compareGhosts';
import { useCompareStore } from '../store/compareStore';
import { planDrop, serverAt, type Dragged } from './dropPlan';
import { LodLayer } from './LodLayer';
import { LOD_MIN_NODES, buildScene, type LodScene } from './lodDraw';
import { lodContextMenu, lodDoubleClick, lodPaneClick } from './lodInteraction';

// Module level, as React Flow asks: a new object per render would remount every node.
const nodeTypes = { topology: TopologyNodeView, server: ServerNodeView };
const edgeTypes = { topology: TopologyEdgeView };
const SNAP: [number, number] = [20, 20];
const PALETTE_MIME = 'application/x-topology-kind';
const FAR_ZOOM = 0.45;
/** Below this zoom the background dots (20 px apart) would be under 5 px apart: not drawn. */
const DOTS_ZOOM = 0.25;
/** Past this many flow nodes only what is in view is rendered (panning a large design stays fluid). */
const VISIBLE_ONLY_ABOVE = 300;

type Flow = ReactFlowInstance<CanvasFlowNode, TopologyFlowEdge>;
const NO_NODES: CanvasFlowNode[] = [];
const NO_EDGES: TopologyFlowEdge[] = [];
const NO_DOMAINS: never[] = [];

export function Canvas({ children }: { children?: React.ReactNode }) {
  const document = useDocumentStore((s) => s.document);
  const mode = useCanvasView((s) => s.mode);
  const selection = useUiStore((s) => s.selection);
  const highlight = useUiStore((s) => s.highlight);
  const hoverHighlight = useUiStore((s) => s.hoverHighlight);
  const minimap = useUiStore((s) => s.minimap);
  const theme = useUiStore((s) => s.theme);
  const geometry = useGeometry(document, mode);
  const cache = useRef(new FlowCache());
  const [dragPositions, setDragPositions] = useState<ReadonlyMap<string, Position>>(new Map());
  const wrapper = useRef<HTMLDivElement>(null);
  const flowRef = useRef<Flow | null>(null);
  // Level of detail: zoomed far out, cards drop their details, shadows and labels (CSS only), so
  // panning a large design repaints little. A boolean selector re-renders only at the threshold.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  const dotless = useStore((s) => s.transform[2] < DOTS_ZOOM);

  const activeHighlight = hoverHighlight ?? highlight;
  const highlightNodes = useMemo(() => (activeHighlight ? new Set(activeHighlight.nodes) : null), [activeHighlight]);
  const highlightHosts = useMemo(() => (activeHighlight && activeHighlight.hosts.length > 0 ? new Set(activeHighlight.hosts) : null), [activeHighlight]);

  const inputs = useMemo(
    () => ({
      document,
      geometry,
      selectedNodes: new Set(selection.nodes),
      selectedEdges: new Set(selection.edges),
      selectedHost: selection.host,
      highlightNodes,
      highlightHosts,
      dragPositions,
    }),
    [document, geometry, selection, highlightNodes, highlightHosts, dragPositions],
  );
  // While comparing, removed nodes are drawn as ghosts where they were in the other design.
  const comparison = useCompareStore((s) => s.comparison);
  const ghosts = useMemo(
    () => (comparison && comparison.diff.nodes.removed.length > 0 ? ghostNodes(comparison.baseline, comparison.diff.nodes.removed, geometryOf(comparison.baseline, mode), geometry) : []),
    [comparison, mode, geometry],
  );
  const nodes = useMemo(() => [...cache.current.toNodes(inputs), ...ghosts], [inputs, ghosts]);
  const edges = useMemo(() => cache.current.toEdges(inputs), [inputs]);
  const lookups = useMemo(() => ({ cards: new Map(geometry.cards.map((c) => [c.key, c])), clients: new Set(document.nodes.filter((n) => n.kind === 'client').map((n) => n.id)) }), [geometry, document.nodes]);
  // Level of detail: a large design zoomed out is drawn on one canvas (LodLayer), not in the DOM.
  const lod = far && geometry.servers.length + geometry.cards.length > LOD_MIN_NODES;
  const scene = useMemo(() => (lod ? buildScene(geometry, document) : null), [lod, geometry, document]);
  const sceneRef = useRef<LodScene | null>(scene);
  sceneRef.current = scene;
  const emphasis = useMemo(
    () => ({ selectedNodes: inputs.selectedNodes, selectedEdges: inputs.selectedEdges, selectedHost: inputs.selectedHost, highlightNodes, highlightHosts }),
    [inputs, highlightNodes, highlightHosts],
  );
  const lookupsRef = useRef(lookups);
  lookupsRef.current = lookups;
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;

  // The other view opens like a new design: at a readable zoom on its entry points.
  const shownMode = useRef(mode);
  useEffect(() => {
    if (shownMode.current === mode) return;
    shownMode.current = mode;
    requestAnimationFrame(() => showOpeningView());
  }, [mode]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasFlowNode>[]) => {
    const added = new Set<string>();
    const removed = new Set<string>();
    let host: string | null | undefined;
    const dragging = new Map<string, Position>();
    for (const change of changes) {
      if (change.type === 'select') {
        const card = lookupsRef.current.cards.get(change.id);
        if (card) (change.selected ? added : removed).add(card.nodeId);
        else if (change.id.startsWith('server:')) {
          const id = change.id.slice('server:'.length);
          if (change.selected) host = id;
          else if (host === undefined) host = null;
        }
      } else if (change.type === 'position' && change.position && change.dragging) {
        dragging.set(change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) });
      }
    }
    if (added.size > 0 || removed.size > 0) {
      const current = new Set(useUiStore.getState().selection.nodes);
      for (const id of removed) current.delete(id);
      for (const id of added) current.add(id);
      // Choosing a node's card leaves the server (a selected host would keep the inspector on it).
      useUiStore.getState().select({ nodes: [...current], ...(added.size > 0 ? { host: null } : {}) });
    }
    if (host) useUiStore.getState().select({ nodes: [], edges: [], host });
    else if (host === null && added.size === 0 && useUiStore.getState().selection.host) useUiStore.getState().select({ host: null });
    if (dragging.size > 0) {
      setDragPositions((prev) => {
        const next = new Map(prev);
        for (const [id, p] of dragging) next.set(id, p);
        return next;
      });
    }
  }, []);

  const onNodeDragStart = useCallback((_event: unknown, _node: CanvasFlowNode, dragged: CanvasFlowNode[]) => {
    const moving = new Set<string>();
    const geometry = geometryRef.current;
    for (const node of dragged) {
      moving.add(node.id);
      if (node.type === 'server') {
        const hostId = node.data.server.hostId;
        for (const card of geometry.cards) if (card.hostId === hostId) moving.add(card.key);
      }
    }
    useDragState.getState().setMoving(moving);
  }, []);

  const onNodeDragStop = useCallback((event: MouseEvent | TouchEvent, node: CanvasFlowNode, dragged: CanvasFlowNode[]) => {
    const flow = flowRef.current;
    useDragState.getState().setMoving(new Set());
    if (!flow) return;
    const point = 'clientX' in event ? { x: event.clientX, y: event.clientY } : { x: event.changedTouches[0]?.clientX ?? 0, y: event.changedTouches[0]?.clientY ?? 0 };
    const pointer = flow.screenToFlowPosition(point);
    const items: Dragged[] = dragged.map((n) => {
      const absolute = flow.getInternalNode(n.id)?.internals.positionAbsolute ?? n.position;
      return n.type === 'server' ? { kind: 'server', hostId: n.data.server.hostId, position: absolute } : { kind: 'card', key: n.id, position: absolute };
    });
    const primary = node.type === 'server' ? node.data.server.hostId : node.id;
    commitDrop(planDrop(geometryRef.current, items, pointer, primary, lookupsRef.current.clients));
    setDragPositions(new Map());
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<TopologyFlowEdge>[]) => {
    const selected = new Set(useUiStore.getState().selection.edges);
    let changed = false;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      changed = true;
      // Every route of a call selects the call.
      const callId = change.id.split('|')[0]!;
      if (change.selected) selected.add(callId);
      else selected.delete(callId);
    }
    if (changed) useUiStore.getState().select({ edges: [...selected], host: null });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const cards = lookupsRef.current.cards;
    const from = cards.get(connection.source)?.nodeId;
    const to = cards.get(connection.target)?.nodeId;
    if (from && to) connectNodes(from, to);
  }, []);

  const onInit = useCallback((flow: Flow) => {
    flowRef.current = flow;
    registerCanvas(flow, wrapper.current, () => geometryRef.current);
    if (geometryRef.current.cards.length > 0) requestAnimationFrame(() => showOpeningView());
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
    const geometry = geometryRef.current;
    // Dropped on a server box: the new node runs there.
    const server = geometry.mode === 'deployment' ? serverAt(geometry, p) : null;
    addNodeOnCanvas(kind as NodeKind | 'replicaGroup', { x: Math.round(p.x / SNAP[0]) * SNAP[0] - 100, y: Math.round(p.y / SNAP[1]) * SNAP[1] - 30 }, server?.hostId ?? null);
  }, []);

  const onNodeContextMenu = useCallback((event: React.MouseEvent, node: CanvasFlowNode) => {
    event.preventDefault();
    if (node.type === 'server') {
      useCanvasMenu.getState().open({ kind: 'host', id: node.data.server.hostId }, event.clientX, event.clientY);
      return;
    }
    const card = node.data.card;
    useCanvasMenu.getState().open({ kind: 'node', id: card.nodeId, instance: card.hostId !== null ? card.instance : null }, event.clientX, event.clientY);
  }, []);

  const onPaneClick = useCallback((event: React.MouseEvent) => {
    const flow = flowRef.current;
    // Zoomed out on the canvas layer: the click selects what is under the pointer.
    if (sceneRef.current && flow && lodPaneClick(sceneRef.current, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }), event.ctrlKey || event.metaKey)) return;
    const ui = useUiStore.getState();
    ui.select({ nodes: [], edges: [], host: null });
    // A click on the open canvas clears a pinned highlight (SPEC §6), as Esc does.
    ui.clearPinnedHighlight();
  }, []);

  const onPaneContextMenu = useCallback((event: MouseEvent | React.MouseEvent) => {
    const flow = flowRef.current;
    if (!sceneRef.current || !flow) return;
    event.preventDefault();
    lodContextMenu(sceneRef.current, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }), event.clientX, event.clientY);
  }, []);

  const onDoubleClick = useCallback((event: React.MouseEvent) => {
    const flow = flowRef.current;
    const box = wrapper.current?.getBoundingClientRect();
    if (!sceneRef.current || !flow || !box || !(event.target as Element).closest('.react-flow__pane')) return;
    // Zoomed out: a double click opens the spot at a readable zoom (DOM cards again).
    lodDoubleClick(flow, { x: event.clientX - box.left, y: event.clientY - box.top }, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }, []);

  const isValidConnection = useCallback((connection: Connection | TopologyFlowEdge) => {
    const cards = lookupsRef.current.cards;
    return cards.has(connection.source) && cards.has(connection.target);
  }, []);

  return (
    <div className={`canvas${far ? ' is-far' : ''} view-${mode}`} ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} onDoubleClick={onDoubleClick} role="region" aria-label="Canvas">
      <ReactFlow<CanvasFlowNode, TopologyFlowEdge>
        nodes={lod ? NO_NODES : nodes}
        edges={lod ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onInit={onInit}
        onPaneClick={onPaneClick}
        onNodeContextMenu={onNodeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        zoomOnDoubleClick={!lod}
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
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_ABOVE}
        elevateNodesOnSelect={false}
        colorMode={theme}
        proOptions={{ hideAttribution: true }}
      >
        <svg className="topo-defs" aria-hidden="true">
          <defs>
            {/* In canvas units, not stroke widths: a thick (busy) call keeps a normal arrowhead. */}
            <marker id="topo-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="topo-arrow" />
            </marker>
          </defs>
        </svg>
        <DomainLayer domains={lod ? NO_DOMAINS : geometry.domains} />
        {/* Far out the dots would be closer than a few pixels (millions of them): none. */}
        {!dotless && <Background variant={BackgroundVariant.Dots} gap={20} size={1} />}
        {/* Our Fit, not React Flow's: it keeps clear of the minimap and legend. */}
        <Controls position="bottom-left" showInteractive={false} showFitView={false}>
          <ControlButton onClick={fitView} aria-label="Fit View" title="Zoom to fit (Shift+1)">
            <svg viewBox="0 0 24 24" width="12" height="12" fill="none" stroke="currentColor" strokeWidth={2.5} aria-hidden="true">
              <path d="M4 9V4h5 M15 4h5v5 M20 15v5h-5 M9 20H4v-5" />
            </svg>
          </ControlButton>
        </Controls>
        {minimap && (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            ariaLabel="Minimap"
            style={{ width: 168, height: 112 }}
            nodeColor={(n) => ((n as CanvasFlowNode).type === 'server' ? 'transparent' : kindColor((n as Extract<CanvasFlowNode, { type: 'topology' }>).data.node.kind, theme))}
            nodeStrokeColor={(n) => ((n as CanvasFlowNode).type === 'server' ? 'var(--border-strong)' : 'transparent')}
            nodeStrokeWidth={2}
          />
        )}
        {scene && <LodLayer scene={scene} emphasis={emphasis} />}
        <PartitionLayer servers={geometry.servers} />
        <ParticleLayer edges={edges} />
        <HostLegend />
        <OutcomeLegend />
        {children}
      </ReactFlow>
      <CanvasContextMenu />
    </div>
  );
}
