// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { findTemplate, instantiateTemplate, missingHosts } from '../../shared/document';
import { isDirty, useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';
import { newFromTemplate, openContent } from './fileActions';
import { testFileRef } from '../../shared/host/testing/testFileRef';
import UNDECLARED_HOSTS from '../../tests/fixtures/undeclared-hosts.topo?raw';

// The host and the simulation worker are the browser's; these tests need neither.
vi.mock('../host', () => ({ host: {} }));
vi.mock('../store/simulationController', () => ({ simulation: { reset: () => undefined, forgetResults: () => undefined } }));

const doc = () => useDocumentStore.getState().document;

beforeEach(() => {
  useDocumentStore.getState().load(instantiateTemplate(findTemplate('monolith-one-server')!), null);
  useUiStore.setState({ notices: [], highlight: { nodes: ['shop'], hosts: [], source: 'finding' } });
  vi.stubGlobal('requestAnimationFrame', () => 0);
  vi.stubGlobal('confirm', vi.fn(() => true));
});

describe('opening designs', () => {
  it('a template opens unedited and without asking, replacing notices and the pinned highlight', () => {
    useUiStore.getState().notify('warning', 'About the old design');
    newFromTemplate('monolith-cluster');
    expect(doc()).toEqual(instantiateTemplate(findTemplate('monolith-cluster')!));
    expect(isDirty()).toBe(false);
    expect(window.confirm).not.toHaveBeenCalled();
    expect(useUiStore.getState().notices).toEqual([]);
    expect(useUiStore.getState().highlight).toBeNull();
  });

  it('opens a file with undeclared hosts as written, unedited, for the banner to repair', () => {
    expect(openContent({ name: 'shop.topo', text: UNDECLARED_HOSTS, file: testFileRef('shop.topo') })).toBe(true);
    expect(doc().name).toBe('Online shop, hosts left out');
    expect(missingHosts(doc())).toEqual(['h2', 'h3', 'h4']);
    expect(isDirty()).toBe(false);
    expect(useUiStore.getState().notices).toEqual([]);
  });

  it('refuses a file with other errors and keeps the open design', () => {
    const before = doc();
    const broken = UNDECLARED_HOSTS.replace('"to": "db"', '"to": "ghost"');
    expect(openContent({ name: 'bad.topo', text: broken, file: null })).toBe(false);
    expect(doc()).toBe(before);
    const notice = useUiStore.getState().notices.at(-1)!;
    expect(notice.kind).toBe('error');
    expect(notice.lines).toContain('edges[2].to: unknown node "ghost"');
    expect(notice.lines).toContain('nodes[2].instances[0].host: unknown host "h2"');
  });
});
