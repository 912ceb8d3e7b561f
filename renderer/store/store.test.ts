import { beforeEach, describe, expect, it } from 'vitest';
import { testFileRef } from '../../shared/host/testing/testFileRef';
import { findTemplate, instantiateTemplate } from '../../shared/document';
import { isDirty, isEdited, redo, undo, useDocumentStore } from './documentStore';
import { EMPTY_SELECTION, useUiStore } from './uiStore';
import { addHost, addNodeAt, commitPositions, connectNodes, copySelection, deleteHost, deleteSelection, duplicateSelection, editNode, paste, selectAll } from './actions';

const history = () => useDocumentStore.temporal.getState();
const doc = () => useDocumentStore.getState().document;

beforeEach(() => {
  useDocumentStore.getState().load(instantiateTemplate(findTemplate('monolith-one-server')!), null);
  useUiStore.setState({ selection: EMPTY_SELECTION, notices: [], clipboard: null, highlight: null });
});

describe('document store and undo', () => {
  it('loading clears the history and is not an edit', () => {
    expect(history().pastStates).toHaveLength(0);
    expect(isDirty()).toBe(false);
  });

  it('a design that exists in no file yet loads as unsaved', () => {
    useDocumentStore.getState().load(doc(), null, { unsaved: true });
    expect(isDirty()).toBe(true);
  });

  it('undoing back to the saved document clears "edited"; redoing brings it back', () => {
    editNode('shop', { latencyMs: 35 });
    editNode('shop', { name: 'Storefront' });
    expect(isDirty()).toBe(true);
    undo();
    expect(isDirty()).toBe(true);
    undo();
    expect(isDirty()).toBe(false);
    redo();
    expect(isDirty()).toBe(true);
  });

  it('an edit put back by hand is not an edit either (same file text)', () => {
    const latency = doc().nodes.find((n) => n.id === 'shop')!.latencyMs;
    editNode('shop', { latencyMs: 35 });
    editNode('shop', { latencyMs: latency });
    expect(isDirty()).toBe(false);
    expect(isEdited(doc(), null)).toBe(true);
  });

  it('an edit says whether undo records it', () => {
    useDocumentStore.getState().edit((d) => ({ ...d, name: 'Quietly renamed' }), { record: false });
    expect(history().pastStates).toHaveLength(0);
    expect(doc().name).toBe('Quietly renamed');
    useDocumentStore.getState().edit((d) => ({ ...d, name: 'Renamed' }), { record: true });
    expect(history().pastStates).toHaveLength(1);
    undo();
    // The state before the recorded edit is what undo restores.
    expect(doc().name).toBe('Quietly renamed');
  });

  it('each edit is one undo step; undo and redo restore documents exactly', () => {
    const original = doc();
    editNode('shop', { latencyMs: 35 });
    const edited = doc();
    editNode('shop', { name: 'Storefront' });
    expect(history().pastStates).toHaveLength(2);
    undo();
    expect(doc()).toBe(edited);
    undo();
    expect(doc()).toBe(original);
    redo();
    expect(doc().nodes.find((n) => n.id === 'shop')!.latencyMs).toBe(35);
  });

  it('a drag committed on drop is one undo step, however many nodes moved', () => {
    commitPositions({ shop: { x: 500, y: 500 }, db: { x: 700, y: 500 } });
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(doc().view!.positions!.shop).not.toEqual({ x: 500, y: 500 });
  });

  it('an edit that changes nothing records nothing', () => {
    useDocumentStore.getState().edit((d) => d, { record: true });
    expect(history().pastStates).toHaveLength(0);
  });

  it('saving is not an edit and clears "edited"; undo past the save marks it edited again', () => {
    editNode('shop', { latencyMs: 35 });
    useDocumentStore.getState().markSaved(testFileRef('x.topo'), doc());
    expect(history().pastStates).toHaveLength(1);
    expect(isDirty()).toBe(false);
    undo();
    expect(isDirty()).toBe(true);
    redo();
    expect(isDirty()).toBe(false);
  });
});

describe('actions', () => {
  it('adds nodes and selects them; a replica group brings three hosts', () => {
    const id = addNodeAt('cache', { x: 10, y: 20 });
    expect(doc().nodes.find((n) => n.id === id)!.kind).toBe('cache');
    expect(useUiStore.getState().selection.nodes).toEqual([id]);
    const group = addNodeAt('replicaGroup', { x: 0, y: 0 });
    const node = doc().nodes.find((n) => n.id === group)!;
    expect(node.kind).toBe('service');
    expect(new Set(node.instances!.map((i) => i.host)).size).toBe(3);
    expect(doc().hosts.length).toBeGreaterThanOrEqual(3);
  });

  it('connecting refuses what the file format refuses, and tells the user', () => {
    connectNodes('db', 'users');
    expect(useUiStore.getState().notices.at(-1)!.lines[0]).toContain('client');
    const before = doc().edges.length;
    connectNodes('db', 'shop');
    expect(doc().edges).toHaveLength(before + 1);
  });

  it('copy/paste and duplicate make fresh nodes; select all and delete empties the canvas', () => {
    useUiStore.getState().select({ nodes: ['shop'] });
    expect(copySelection()).toBe(true);
    paste();
    expect(doc().nodes.map((n) => n.name)).toContain('Shop 2');
    duplicateSelection();
    expect(doc().nodes.map((n) => n.name)).toContain('Shop 3');
    selectAll();
    deleteSelection();
    expect(doc().nodes).toHaveLength(0);
    expect(doc().edges).toHaveLength(0);
    undo();
    expect(doc().nodes.length).toBe(5);
  });

  it('deleting a host unplaces its instances and says which', () => {
    const id = addHost();
    expect(doc().hosts.map((h) => h.id)).toContain(id);
    deleteHost('h1');
    const notice = useUiStore.getState().notices.at(-1)!;
    expect(notice.kind).toBe('warning');
    expect(notice.lines[0]).toBe('Now unplaced: instances of Shop, Shop DB.');
    expect(doc().nodes.find((n) => n.id === 'shop')!.instances).toEqual([{}]);
  });
});

describe('ui slice', () => {
  it('clearPinnedHighlight drops the pinned highlight and keeps the hover one', () => {
    const hover = { nodes: ['db'], hosts: [], source: 'hover' };
    useUiStore.getState().setHighlight({ nodes: ['shop'], hosts: ['h1'], source: 'finding:spof' });
    useUiStore.getState().setHoverHighlight(hover);
    useUiStore.getState().clearPinnedHighlight();
    expect(useUiStore.getState().highlight).toBeNull();
    expect(useUiStore.getState().hoverHighlight).toBe(hover);
  });

  it('clearNotices drops every notice', () => {
    useUiStore.getState().notify('error', 'one');
    useUiStore.getState().notify('info', 'two');
    useUiStore.getState().clearNotices();
    expect(useUiStore.getState().notices).toEqual([]);
  });
});
