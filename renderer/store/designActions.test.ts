import { beforeEach, describe, expect, it } from 'vitest';
import { findTemplate, instantiateTemplate, missingHosts, validateDocument } from '../../shared/document';
import { undo, useDocumentStore } from './documentStore';
import { EMPTY_SELECTION, useUiStore } from './uiStore';
import { addFault, createMissingHosts, createScenario, editSettings, removeFault, removeScenario, renameDesign, renameScenario, shareSessionsOf } from './designActions';

const history = () => useDocumentStore.temporal.getState();
const doc = () => useDocumentStore.getState().document;

beforeEach(() => {
  useDocumentStore.getState().load(instantiateTemplate(findTemplate('monolith-cluster')!), null);
  useUiStore.setState({ selection: EMPTY_SELECTION, notices: [], highlight: null });
});

describe('design actions', () => {
  it('"Fix it" on local sessions adds the store and the session edge as one undo step', () => {
    useDocumentStore.getState().load(instantiateTemplate(findTemplate('cluster-local-sessions')!), null);
    const before = doc();
    shareSessionsOf('shop');
    expect(doc().nodes.find((n) => n.id === 'shop')!.session).toBe('shared');
    expect(doc().edges.some((e) => e.purpose === 'session' && e.from === 'shop')).toBe(true);
    expect(validateDocument(doc()).ok).toBe(true);
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(doc()).toBe(before);
  });

  it('rename the design and change settings, one undo step each', () => {
    renameDesign('Shop');
    editSettings({ networkMs: 4 });
    expect(doc().name).toBe('Shop');
    expect(doc().settings).toEqual({ networkMs: 4 });
    expect(history().pastStates).toHaveLength(2);
    editSettings({ networkMs: undefined });
    expect(doc().settings).toBeUndefined();
  });

  it('create, rename and delete scenarios; add and remove faults', () => {
    const id = createScenario('What if…');
    renameScenario(id, 'Lose h2');
    expect(addFault(id, { type: 'host-down', target: 'h2', at: 10, until: 30 })).toEqual({ ok: true, scenarioId: id });
    expect(doc().scenarios!.find((s) => s.id === id)).toEqual({ id, name: 'Lose h2', faults: [{ type: 'host-down', target: 'h2', at: 10, until: 30 }] });
    removeFault(id, 0);
    expect(doc().scenarios!.find((s) => s.id === id)!.faults).toEqual([]);
    removeScenario(id);
    expect(doc().scenarios?.some((s) => s.id === id) ?? false).toBe(false);
  });

  it('a fault that breaks a rule changes nothing and records nothing', () => {
    const before = doc();
    expect(addFault(null, { type: 'host-down', target: 'h99' })).toEqual({ ok: false, problems: [{ path: 'target', message: 'unknown host "h99"' }] });
    expect(doc()).toBe(before);
    expect(history().pastStates).toHaveLength(0);
  });

  it('creates the hosts instances name but hosts does not list, in one undoable step', () => {
    const template = doc();
    const undeclared = { ...template, hosts: template.hosts.slice(0, 1) };
    useDocumentStore.getState().load(undeclared, null);
    const missing = missingHosts(undeclared);
    expect(missing.length).toBeGreaterThan(0);
    createMissingHosts();
    expect(missingHosts(doc())).toEqual([]);
    expect(validateDocument(doc()).ok).toBe(true);
    expect(useUiStore.getState().notices.at(-1)!.title).toBe(`Created ${missing.length} servers: ${missing.join(', ')}`);
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(missingHosts(doc())).toEqual(missing);
  });
});
