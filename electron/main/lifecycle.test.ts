import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { filesFromArgv, OpenQueue, routeIncomingFiles, type AppLike } from './lifecycle';

describe('filesFromArgv', () => {
  it('takes .topo arguments after the executable (packaged) and resolves them', () => {
    expect(filesFromArgv(['/opt/Topology/topology', 'shop.topo', '--no-sandbox', 'notes.txt', '/abs/Bank.TOPO'], { isPackaged: true, cwd: '/home/ada' })).toEqual([
      '/home/ada/shop.topo',
      '/abs/Bank.TOPO',
    ]);
  });

  it('skips electron and the app path in development, flags, duplicates', () => {
    expect(filesFromArgv(['/x/electron', '.', 'a.topo', '--inspect=9229', 'a.topo', '--flag=b.topo'], { isPackaged: false, cwd: '/w' })).toEqual([path.resolve('/w/a.topo')]);
    expect(filesFromArgv(['/x/electron', 'dist/electron/main.cjs'], { isPackaged: false, cwd: '/w' })).toEqual([]);
  });

  it('accepts file:// URLs', () => {
    expect(filesFromArgv(['/exe', 'file:///d/my%20design.topo'], { isPackaged: true, cwd: '/' })).toEqual(['/d/my design.topo']);
  });
});

describe('OpenQueue', () => {
  it('holds files until ready, then delivers in order and immediately after', () => {
    const queue = new OpenQueue();
    const opened: string[] = [];
    queue.push('/a.topo');
    queue.push('/b.topo');
    queue.push('/a.topo');
    expect(queue.size).toBe(2);
    queue.ready((p) => opened.push(p));
    expect(opened).toEqual(['/a.topo', '/b.topo']);
    queue.push('/c.topo');
    expect(opened).toEqual(['/a.topo', '/b.topo', '/c.topo']);
    queue.pause();
    queue.push('/d.topo');
    expect(opened).toHaveLength(3);
    queue.ready((p) => opened.push(p));
    expect(opened.at(-1)).toBe('/d.topo');
  });
});

function fakeApp(locked: boolean) {
  const listeners: Record<string, (...args: never[]) => void> = {};
  const app = {
    requestSingleInstanceLock: () => locked,
    on: (event: string, listener: (...args: never[]) => void) => void (listeners[event] = listener),
    quit: vi.fn(),
  } as unknown as AppLike & { quit: ReturnType<typeof vi.fn> };
  return { app, listeners: listeners as Record<string, (...args: unknown[]) => void> };
}

describe('routeIncomingFiles', () => {
  it('quits a second instance (the first one gets its argv)', () => {
    const { app } = fakeApp(false);
    const queue = new OpenQueue();
    expect(routeIncomingFiles({ app, queue, argv: ['/exe', 'a.topo'], cwd: '/', isPackaged: true, focus: vi.fn() })).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(queue.size).toBe(0);
  });

  it('queues argv, second-instance argv (from its folder) and macOS open-file', () => {
    const { app, listeners } = fakeApp(true);
    const queue = new OpenQueue();
    const focus = vi.fn();
    expect(routeIncomingFiles({ app, queue, argv: ['/exe', 'first.topo'], cwd: '/home/ada', isPackaged: true, focus })).toBe(true);
    listeners['second-instance']!({}, ['/exe', '--flag', 'second.topo'], '/tmp/elsewhere');
    expect(focus).toHaveBeenCalledTimes(1);
    const preventDefault = vi.fn();
    listeners['open-file']!({ preventDefault }, '/Users/ada/third.topo');
    expect(preventDefault).toHaveBeenCalled();
    const opened: string[] = [];
    queue.ready((p) => opened.push(p));
    expect(opened).toEqual(['/home/ada/first.topo', '/tmp/elsewhere/second.topo', '/Users/ada/third.topo']);
  });
});
