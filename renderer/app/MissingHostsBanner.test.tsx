// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { findTemplate, instantiateTemplate, missingHosts } from '../../shared/document';
import { undo, useDocumentStore } from '../store/documentStore';
import { MissingHostsBanner } from './MissingHostsBanner';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

afterEach(() => {
  act(() => root.unmount());
  document.body.innerHTML = '';
});

describe('MissingHostsBanner', () => {
  it('names the servers a design lacks, creates them in one step, and comes back on undo', () => {
    const template = instantiateTemplate(findTemplate('monolith-cluster')!);
    useDocumentStore.getState().load({ ...template, hosts: template.hosts.slice(0, 1) }, null);
    const missing = missingHosts(useDocumentStore.getState().document);
    expect(missing.length).toBeGreaterThan(1);
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() => root.render(<MissingHostsBanner />));
    const banner = () => container.querySelector('[aria-label="Missing servers"]');
    expect(banner()!.textContent).toContain(`${missing.length} servers it does not declare: ${missing.map((id) => `“${id}”`).join(', ')}.`);
    act(() => banner()!.querySelector('button')!.click());
    expect(banner()).toBeNull();
    expect(useDocumentStore.getState().document.hosts.map((h) => h.id)).toEqual(['h1', ...missing]);
    act(() => undo());
    expect(banner()).not.toBeNull();
  });
});
