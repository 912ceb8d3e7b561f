import { beforeEach, describe, expect, it } from 'vitest';
import { smallDocument } from '../../shared/document/testing/builders';
import { parseDocumentText, serializeDocument } from '../../shared/document';
import { redo, undo, useDocumentStore } from './documentStore';
import { EMPTY_SELECTION, useUiStore } from './uiStore';
import {
  addNodeOnCanvas,
  applyDrop,
  commitDrop,
  createServer,
  deleteNode,
  deleteServer,
  deploymentPositions,
  placeInDocument,
  placeOnServer,
  renameServer,
  setServerZone,
  unplace,
} from './placementActions';

const history = () => useDocumentStore.temporal.getState();
const doc = () => useDocumentStore.getState().document;
const hostsOf = (nodeId: string) => doc().nodes.find((n) => n.id === nodeId)!.instances?.map((i) => i.host ?? null);

beforeEach(() => {
  useDocumentStore.getState().load(smallDocument(), null);
  useUiStore.setState({ selection: EMPTY_SELECTION, notices: [], clipboard: null, highlight: null });
});

describe('placeInDocument', () => {
  it('moves one instance of a replica group and leaves the others', () => {
    const next = placeInDocument(smallDocument(), 'orders', 1, 'h1');
    expect(next.nodes.find((n) => n.id === 'orders')!.instances).toEqual([{ host: 'h1' }, { host: 'h1' }]);
  });

  it('a whole node goes where it is dropped: its unplaced instances only, when it has some', () => {
    const start = placeInDocument(smallDocument(), 'orders', 1, null);
    const next = placeInDocument(start, 'orders', null, 'h2');
    expect(next.nodes.find((n) => n.id === 'orders')!.instances).toEqual([{ host: 'h1' }, { host: 'h2' }]);
  });

  it('unplacing a whole node removes every host; unknown hosts, clients and no-ops return the same document', () => {
    const d = smallDocument();
    expect(placeInDocument(d, 'orders', null, null).nodes.find((n) => n.id === 'orders')!.instances).toEqual([{}, {}]);
    expect(placeInDocument(d, 'orders', 0, 'h9')).toBe(d);
    expect(placeInDocument(d, 'users', null, 'h1')).toBe(d);
    expect(placeInDocument(d, 'gw', 0, 'h1')).toBe(d);
    expect(placeInDocument(d, 'gw', 5, 'h2')).toBe(d);
  });
});

describe('drops are one undo step', () => {
  it('placing an instance on another server, then undo and redo', () => {
    placeOnServer('orders', 1, 'h1');
    expect(hostsOf('orders')).toEqual(['h1', 'h1']);
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(hostsOf('orders')).toEqual(['h1', 'h2']);
    redo();
    expect(hostsOf('orders')).toEqual(['h1', 'h1']);
  });

  it('a drop moving a server, a free card and placing a card is recorded once and survives the file format', () => {
    commitDrop({
      servers: [{ hostId: 'h2', position: { x: 600, y: 40 }, zone: { name: 'rack-b' } }],
      cards: [
        { nodeId: 'db', instance: 0, target: { hostId: 'h1' } },
        { nodeId: 'jobs', instance: 0, target: { hostId: null, position: { x: -200, y: 300 } } },
      ],
    });
    expect(history().pastStates).toHaveLength(1);
    expect(hostsOf('db')).toEqual(['h1']);
    expect(hostsOf('jobs')).toEqual([null]);
    expect(doc().hosts.find((h) => h.id === 'h2')!.zone).toBe('rack-b');
    expect(deploymentPositions(doc())).toEqual({ servers: { h2: { x: 600, y: 40 } }, cards: { jobs: { x: -200, y: 300 } } });
    // Saved and read back, the deployment positions are kept (unknown fields are kept too).
    const reread = parseDocumentText(serializeDocument(doc()));
    expect(reread.ok && deploymentPositions(reread.document)).toEqual(deploymentPositions(doc()));
    undo();
    expect(doc()).toEqual(smallDocument());
  });

  it('a drop that changes nothing records nothing', () => {
    commitDrop({ cards: [{ nodeId: 'gw', instance: 0, target: { hostId: 'h1' } }] });
    commitDrop({});
    expect(history().pastStates).toHaveLength(0);
  });

  it('logical moves go to view.positions, deployment moves never do', () => {
    const next = applyDrop(smallDocument(), { logical: { gw: { x: 420, y: 60 } }, servers: [{ hostId: 'h1', position: { x: 1, y: 2 } }] });
    expect(next.view!.positions).toEqual({ users: { x: 0, y: 0 }, gw: { x: 420, y: 60 } });
    expect(deploymentPositions(next).servers).toEqual({ h1: { x: 1, y: 2 } });
  });
});

describe('servers from the canvas', () => {
  it('"New server…" creates it and places the instance on it in one step', () => {
    const id = createServer({ name: 'app-9', place: { nodeId: 'orders', instance: 0 } });
    expect(doc().hosts.find((h) => h.id === id)!.name).toBe('app-9');
    expect(hostsOf('orders')).toEqual([id, 'h2']);
    expect(useUiStore.getState().selection.host).toBe(id);
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(doc().hosts.map((h) => h.id)).toEqual(['h1', 'h2']);
  });

  it('renames (never to blank) and sets or clears a zone', () => {
    renameServer('h1', '  web-1 ');
    renameServer('h1', '   ');
    expect(doc().hosts[0]!.name).toBe('web-1');
    setServerZone('h1', 'rack-a');
    expect(doc().hosts[0]!.zone).toBe('rack-a');
    setServerZone('h1', '');
    expect(doc().hosts[0]).toEqual({ id: 'h1', name: 'web-1' });
    expect(history().pastStates).toHaveLength(3);
  });

  it('deleting a server unplaces what ran on it and forgets its box position', () => {
    commitDrop({ servers: [{ hostId: 'h2', position: { x: 500, y: 0 } }] });
    deleteServer('h2');
    expect(hostsOf('db')).toEqual([null]);
    expect(deploymentPositions(doc()).servers).toEqual({});
    expect(useUiStore.getState().notices.at(-1)!.title).toBe('Deleted host server-2');
  });
});

describe('nodes from the canvas', () => {
  it('a palette drop on a server runs the new node there; on the open canvas it is a free card', () => {
    const placed = addNodeOnCanvas('cache', { x: 100, y: 100 }, 'h2');
    expect(hostsOf(placed)).toEqual(['h2']);
    const free = addNodeOnCanvas('service', { x: 700, y: 320 });
    expect(doc().nodes.find((n) => n.id === free)!.instances).toBeUndefined();
    expect(deploymentPositions(doc()).cards?.[free]).toEqual({ x: 700, y: 320 });
    expect(doc().view!.positions![free]).toEqual({ x: 700, y: 320 });
    expect(history().pastStates).toHaveLength(2);
  });

  it('deleting a node takes its calls and free-card position along', () => {
    unplace('jobs', null);
    commitDrop({ cards: [{ nodeId: 'jobs', instance: null, target: { hostId: null, position: { x: 9, y: 9 } } }] });
    deleteNode('jobs');
    expect(doc().nodes.some((n) => n.id === 'jobs')).toBe(false);
    expect(doc().edges.some((e) => e.to === 'jobs')).toBe(false);
    expect(deploymentPositions(doc()).cards).toEqual({});
  });
});

describe('setDeploymentLayout', () => {
  it('stores the layout in one step, leaving out hosts and nodes that are gone', async () => {
    const { setDeploymentLayout } = await import('./placementActions');
    setDeploymentLayout({ servers: { h1: { x: 0, y: 0 }, h9: { x: 1, y: 1 } }, cards: { users: { x: -300, y: 0 }, gone: { x: 5, y: 5 } } });
    expect(deploymentPositions(doc())).toEqual({ servers: { h1: { x: 0, y: 0 } }, cards: { users: { x: -300, y: 0 } } });
    expect(history().pastStates).toHaveLength(1);
  });
});
