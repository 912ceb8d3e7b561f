// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../store/uiStore';
import { NOTICE_LIFETIME_MS, Notices } from './Notices';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

function mount(element: React.ReactElement): void {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(element));
}

const titles = () => [...container.querySelectorAll('.notice__title')].map((e) => e.textContent);

beforeEach(() => {
  vi.useFakeTimers();
  useUiStore.setState({ notices: [] });
});

afterEach(() => {
  act(() => root.unmount());
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('Notices', () => {
  it('information and warnings fade after their time; errors stay until dismissed', () => {
    mount(<Notices />);
    act(() => {
      useUiStore.getState().notify('info', 'Saved');
      useUiStore.getState().notify('warning', 'Host deleted');
      useUiStore.getState().notify('error', 'Cannot open x.topo');
    });
    expect(titles()).toEqual(['Saved', 'Host deleted', 'Cannot open x.topo']);
    act(() => vi.advanceTimersByTime(NOTICE_LIFETIME_MS.info! - 1));
    expect(titles()).toEqual(['Saved', 'Host deleted', 'Cannot open x.topo']);
    act(() => vi.advanceTimersByTime(1));
    expect(titles()).toEqual(['Host deleted', 'Cannot open x.topo']);
    act(() => vi.advanceTimersByTime(NOTICE_LIFETIME_MS.warning!));
    expect(titles()).toEqual(['Cannot open x.topo']);
    act(() => vi.advanceTimersByTime(10 * 60 * 1000));
    expect(titles()).toEqual(['Cannot open x.topo']);
    act(() => container.querySelector<HTMLButtonElement>('.notice__close')!.click());
    expect(titles()).toEqual([]);
  });

  it('a notice under the pointer stays, and gets its full time again once left', () => {
    mount(<Notices />);
    act(() => useUiStore.getState().notify('info', 'Read me'));
    const notice = container.querySelector('.notice')!;
    act(() => {
      notice.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, relatedTarget: document.body }));
    });
    act(() => vi.advanceTimersByTime(NOTICE_LIFETIME_MS.info! * 3));
    expect(titles()).toEqual(['Read me']);
    act(() => {
      notice.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body }));
    });
    act(() => vi.advanceTimersByTime(NOTICE_LIFETIME_MS.info! - 1));
    expect(titles()).toEqual(['Read me']);
    act(() => vi.advanceTimersByTime(1));
    expect(titles()).toEqual([]);
  });
});
