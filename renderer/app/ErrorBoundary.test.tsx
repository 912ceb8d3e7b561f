// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findTemplate, instantiateTemplate } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { ErrorBoundary } from './ErrorBoundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Broken(): never {
  throw new Error('layout exploded');
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('reports a render error in its region, keeps the document, and can retry', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const doc = instantiateTemplate(findTemplate('monolith-one-server')!);
    useDocumentStore.getState().load(doc, null);
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    act(() =>
      root.render(
        <div>
          <ErrorBoundary region="canvas">
            <Broken />
          </ErrorBoundary>
          <p>still here</p>
        </div>,
      ),
    );
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('The canvas hit a problem.');
    expect(alert.textContent).toContain('layout exploded');
    expect(alert.textContent).toContain('Your design is safe');
    expect(container.textContent).toContain('still here');
    expect(useDocumentStore.getState().document).toBe(doc);
    const retry = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Retry')!;
    act(() => retry.click());
    // It throws again, and is reported again rather than blanking the page.
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('layout exploded');
    act(() => root.unmount());
  });
});
