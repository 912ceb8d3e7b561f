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

  it('opens a file with undeclared hosts as written, unedited, for the banner to repair', async () => {
    expect(await openContent({ name: 'shop.topo', text: UNDECLARED_HOSTS, file: testFileRef('shop.topo') })).toBe(true);
    expect(doc().name).toBe('Online shop, hosts left out');
    expect(missingHosts(doc())).toEqual(['h2', 'h3', 'h4']);
    expect(isDirty()).toBe(false);
    expect(useUiStore.getState().notices).toEqual([]);
  });

  it('refuses a file with other errors and keeps the open design', async () => {
    const before = doc();
    const broken = UNDECLARED_HOSTS.replace('"to": "db"', '"to": "ghost"');
    expect(await openContent({ name: 'bad.topo', text: broken, file: null })).toBe(false);
    expect(doc()).toBe(before);
    const notice = useUiStore.getState().notices.at(-1)!;
    expect(notice.kind).toBe('error');
    expect(notice.lines).toContain('edges[2].to: unknown node "ghost"');
    expect(notice.lines).toContain('nodes[2].instances[0].host: unknown host "h2"');
  });

  it('decodes bytes as the CLI does: a UTF-16 file opens like its UTF-8 text, invalid UTF-8 is refused', async () => {
    const utf16 = new Uint8Array(2 + UNDECLARED_HOSTS.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < UNDECLARED_HOSTS.length; i++) new DataView(utf16.buffer).setUint16(2 + 2 * i, UNDECLARED_HOSTS.charCodeAt(i), true);
    expect(await openContent({ name: 'wide.topo', text: '', bytes: utf16, file: null })).toBe(true);
    expect(doc().name).toBe('Online shop, hosts left out');

    const before = doc();
    const bad = new Uint8Array([...new TextEncoder().encode('{"name": "caf'), 0xe9, ...new TextEncoder().encode('"}')]);
    expect(await openContent({ name: 'latin1.topo', text: '', bytes: bad, file: null })).toBe(false);
    expect(doc()).toBe(before);
    expect(useUiStore.getState().notices.at(-1)!.lines[0]).toBe('latin1.topo is not valid UTF-8 text (decoding fails at byte offset 13).');
  });

  it('refuses a design past the node limit with the limit named, and clears the loading line', async () => {
    const nodes = Array.from({ length: 20_001 }, (_, i) => ({ id: `n${i}`, kind: 'service', name: `N${i}` }));
    const text = JSON.stringify({ format: 'topology-designer', version: 1, name: 'Huge', nodes, edges: [] });
    const loading = openContent({ name: 'huge.topo', text, file: null });
    expect(useUiStore.getState().loading).toEqual({ label: 'Loading huge.topo…', percent: 0 });
    expect(await loading).toBe(false);
    expect(useUiStore.getState().loading).toBeNull();
    expect(useUiStore.getState().notices.at(-1)!.lines[0]).toMatch(/^nodes: .*20,000/);
  });
});

