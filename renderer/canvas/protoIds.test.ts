/**
 * Node ids that are names of Object.prototype (`__proto__`, `constructor`, `toString`): the reader
 * keeps their saved positions, the canvas draws them there, a drag saves the new position in the
 * logical and the deployment view, and the design round-trips through save and open unchanged.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { parseDocumentText, serializeDocument, type TopologyDocument } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { commitDrop } from '../store/placementActions';
import { FlowCache, type FlowInputs } from './toFlow';
import { geometryOf } from './useGeometry';
import { planDrop } from './dropPlan';
import { createSimulationStore } from '../store/simulationStore';
import { ThroughputMeter } from '../model/throughput';

const IDS = ['__proto__', 'constructor', 'toString'];

/** The file as written: JSON keeps `"__proto__"` as an ordinary key, which a plain object would not. */
const TEXT = `{
  "format": "topology-designer", "version": 1, "name": "Prototype names",
  "hosts": [{ "id": "__proto__", "name": "proto-box" }],
  "nodes": [
    { "id": "__proto__", "kind": "service", "name": "Proto" },
    { "id": "constructor", "kind": "service", "name": "Constructor" },
    { "id": "toString", "kind": "client", "name": "ToString" }
  ],
  "edges": [{ "id": "toString->__proto__", "from": "toString", "to": "__proto__" }],
  "view": {
    "positions": { "__proto__": { "x": 100, "y": 200 }, "constructor": { "x": 400, "y": 200 }, "toString": { "x": -200, "y": 200 } },
    "deployment": { "servers": { "__proto__": { "x": 40, "y": 60 } }, "cards": { "__proto__": { "x": 900, "y": 20 } } }
  }
}`;

function open(): TopologyDocument {
  const result = parseDocumentText(TEXT);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.document;
}

function flowInputs(document: TopologyDocument, mode: 'logical' | 'deployment'): FlowInputs {
  return {
    document,
    geometry: geometryOf(document, mode),
    selectedNodes: new Set(),
    selectedEdges: new Set(),
    selectedHost: null,
    highlightNodes: null,
    highlightHosts: null,
    dragPositions: new Map(),
  };
}

const own = (table: object | undefined, key: string) => (table ? Object.getOwnPropertyDescriptor(table, key)?.value : undefined);

beforeEach(() => useDocumentStore.getState().load(open(), null));

describe('ids named like Object.prototype members', () => {
  it('keep their saved positions through the reader', () => {
    const document = open();
    expect(own(document.view!.positions, '__proto__')).toEqual({ x: 100, y: 200 });
    expect(own(document.view!.positions, 'constructor')).toEqual({ x: 400, y: 200 });
    expect(own(document.view!.deployment!.servers, '__proto__')).toEqual({ x: 40, y: 60 });
    expect(own(document.view!.deployment!.cards, '__proto__')).toEqual({ x: 900, y: 20 });
  });

  it('are drawn at their saved positions in the logical view', () => {
    const nodes = new FlowCache().toNodes(flowInputs(open(), 'logical'));
    const at = (id: string) => nodes.find((n) => n.type === 'topology' && n.id.endsWith(id))?.position;
    expect(IDS.map(at)).toEqual([{ x: 100, y: 200 }, { x: 400, y: 200 }, { x: -200, y: 200 }]);
  });

  it('save a drag in the logical view and round-trip through save and open', () => {
    const geometry = geometryOf(useDocumentStore.getState().document, 'logical');
    const card = geometry.cards.find((c) => c.nodeId === '__proto__')!;
    commitDrop(planDrop(geometry, [{ kind: 'card', key: card.key, position: { x: 160, y: 260 } }], { x: 170, y: 270 }, card.key, new Set(['toString'])));
    const moved = useDocumentStore.getState().document;
    expect(own(moved.view!.positions, '__proto__')).toEqual({ x: 160, y: 260 });
    expect(own(moved.view!.positions, 'constructor')).toEqual({ x: 400, y: 200 });
    const reopened = parseDocumentText(serializeDocument(moved));
    expect(reopened.ok && own(reopened.document.view!.positions, '__proto__')).toEqual({ x: 160, y: 260 });
    expect(reopened.ok && serializeDocument(reopened.document)).toBe(serializeDocument(moved));
  });

  it('save a drag of a server and of a free card in the deployment view', () => {
    commitDrop({ servers: [{ hostId: '__proto__', position: { x: 80, y: 100 } }], cards: [{ nodeId: 'toString', instance: null, target: { hostId: null, position: { x: 20, y: 20 } } }] });
    const moved = useDocumentStore.getState().document;
    expect(own(moved.view!.deployment!.servers, '__proto__')).toEqual({ x: 80, y: 100 });
    expect(own(moved.view!.deployment!.cards, 'toString')).toEqual({ x: 20, y: 20 });
    expect(own(moved.view!.deployment!.cards, '__proto__')).toEqual({ x: 900, y: 20 });
    expect(Object.getPrototypeOf(moved.view!.deployment!.servers)).not.toEqual({ x: 80, y: 100 });
  });

  it('find no live state or line width they do not have (the canvas reads these by id)', () => {
    const live = createSimulationStore().getState();
    for (const id of IDS) {
      expect(live.nodes[id]).toBeUndefined();
      expect(live.edgeRates[id]).toBeUndefined();
    }
    const throughput = new ThroughputMeter();
    throughput.count('__proto__');
    const rates = throughput.take(1000);
    expect(own(rates, '__proto__')).toBe(1);
    expect(rates['constructor']).toBeUndefined();
  });
});

