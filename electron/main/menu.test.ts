import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/host/hostApi';
import { testFileRef } from '../../shared/host/testing/testFileRef';
import { buildMenuTemplate, type MenuContext } from './menu';

function makeContext(overrides: Partial<MenuContext> = {}) {
  const sent: MenuCommand[] = [];
  const context: MenuContext = {
    platform: 'linux',
    appName: 'Topology Designer',
    templates: [{ id: 'monolith', name: 'Monolith' }, { id: 'microservices', name: 'Microservices' }],
    recent: [
      { file: testFileRef('shop.topo', 'file-1'), path: '/d/shop.topo' },
      { file: testFileRef('R&D.topo', 'file-2'), path: '/d/R&D.topo' },
    ],
    developer: false,
    send: (c) => sent.push(c),
    closeWindow: vi.fn(),
    clearRecent: vi.fn(),
    ...overrides,
  };
  return { context, sent };
}

/** Every item, depth first, with its path of labels. */
function flatten(items: MenuItemConstructorOptions[], trail: string[] = []): { path: string; item: MenuItemConstructorOptions }[] {
  return items.flatMap((item) => {
    const here = [...trail, item.label ?? item.role ?? item.type ?? '?'];
    const children = Array.isArray(item.submenu) ? flatten(item.submenu, here) : [];
    return [{ path: here.join(' > '), item }, ...children];
  });
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('buildMenuTemplate', () => {
  it('has the menus of the issue, in order, per platform', () => {
    expect(buildMenuTemplate(makeContext().context).map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Simulation', '&Help']);
    expect(buildMenuTemplate(makeContext({ platform: 'darwin' }).context).map((m) => m.label)).toEqual([
      'Topology Designer', '&File', '&Edit', '&View', '&Simulation', 'Window', '&Help',
    ]);
  });

  it('lists every item with its accelerator', () => {
    const items = flatten(buildMenuTemplate(makeContext().context))
      .filter(({ item }) => item.type !== 'separator' && item.visible !== false)
      .map(({ path, item }) => `${path}${item.accelerator ? ` [${item.accelerator}]` : ''}`);
    expect(items).toEqual([
      '&File',
      '&File > New [CmdOrCtrl+N]',
      '&File > New from Template',
      '&File > New from Template > Monolith',
      '&File > New from Template > Microservices',
      '&File > Open… [CmdOrCtrl+O]',
      '&File > Open Recent',
      '&File > Open Recent > &1 shop.topo',
      '&File > Open Recent > &2 R&&D.topo',
      '&File > Open Recent > Clear Recently Opened',
      '&File > Save [CmdOrCtrl+S]',
      '&File > Save As… [CmdOrCtrl+Shift+S]',
      '&File > Export',
      '&File > Export > Export Diagram… [CmdOrCtrl+E]',
      '&File > Import…',
      '&File > Compare with File…',
      '&File > Compare with Last Saved Version',
      '&File > Close [CmdOrCtrl+W]',
      '&File > Quit [CmdOrCtrl+Q]',
      '&Edit',
      '&Edit > Undo [CmdOrCtrl+Z]',
      '&Edit > Redo [CmdOrCtrl+Shift+Z]',
      '&Edit > Cut [CmdOrCtrl+X]',
      '&Edit > Copy [CmdOrCtrl+C]',
      '&Edit > Paste [CmdOrCtrl+V]',
      '&Edit > Duplicate [CmdOrCtrl+D]',
      '&Edit > Delete [Delete]',
      '&Edit > Select All [CmdOrCtrl+A]',
      '&View',
      '&View > Zoom In [CmdOrCtrl+=]',
      '&View > Zoom Out [CmdOrCtrl+-]',
      '&View > Fit to Window [Shift+1]',
      '&View > Auto-layout [CmdOrCtrl+L]',
      '&View > Show or Hide Minimap [CmdOrCtrl+Shift+M]',
      '&View > Toggle Dark Theme [CmdOrCtrl+Shift+L]',
      '&View > Availability [CmdOrCtrl+Shift+Y]',
      '&View > Capacity [CmdOrCtrl+Shift+K]',
      '&View > Toggle Full Screen',
      '&Simulation',
      '&Simulation > Play / Pause [CmdOrCtrl+Enter]',
      '&Simulation > Reset [CmdOrCtrl+Shift+Enter]',
      '&Simulation > Sweep… [CmdOrCtrl+Shift+P]',
      '&Help',
      '&Help > Documentation [F1]',
      '&Help > About Topology Designer',
    ]);
  });

  it('binds the second shortcuts on hidden items that still work', () => {
    const hidden = flatten(buildMenuTemplate(makeContext().context)).filter(({ item }) => item.visible === false);
    expect(hidden.map(({ item }) => item.accelerator)).toEqual(['CmdOrCtrl+Y', 'Backspace', 'CmdOrCtrl+Plus']);
    expect(hidden.every(({ item }) => item.acceleratorWorksWhenHidden)).toBe(true);
    const { context, sent } = makeContext();
    for (const { item } of flatten(buildMenuTemplate(context)).filter(({ item }) => item.visible === false)) click(item);
    expect(sent).toEqual(['redo', 'delete', 'zoom-in']);
  });

  it('never binds one accelerator twice', () => {
    const accelerators = flatten(buildMenuTemplate(makeContext().context)).flatMap(({ item }) => (item.accelerator ? [item.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('sends each command it shows; every MenuCommand but close is reachable', () => {
    const { context, sent } = makeContext();
    const clickable = flatten(buildMenuTemplate(context)).filter(({ item }) => item.click && item.visible !== false);
    for (const { item } of clickable) click(item);
    expect(context.closeWindow).toHaveBeenCalledTimes(1);
    expect(context.clearRecent).toHaveBeenCalledTimes(1);
    expect(sent).toContain('template:monolith');
    expect(sent).toContain('template:microservices');
    // The page gets tokens, never the paths the tooltips show.
    expect(sent).toContain('open-recent:file-1');
    expect(sent).toContain('open-recent:file-2');
    expect(sent.some((c) => c.includes('/d/'))).toBe(false);
    expect(MENU_COMMANDS.filter((c) => c !== 'close' && !sent.includes(c))).toEqual([]);
  });

  it('shows an empty Open Recent, the macOS app menu, and developer tools only when asked', () => {
    const empty = flatten(buildMenuTemplate(makeContext({ recent: [] }).context)).find(({ item }) => item.id === 'open-recent:none');
    expect(empty?.item.enabled).toBe(false);
    const mac = flatten(buildMenuTemplate(makeContext({ platform: 'darwin' }).context));
    expect(mac.filter(({ item }) => item.id === 'about').map(({ path }) => path)).toEqual(['Topology Designer > About Topology Designer']);
    expect(mac.some(({ item }) => item.id === 'quit')).toBe(false);
    expect(mac.some(({ item }) => item.role === 'quit')).toBe(true);
    expect(flatten(buildMenuTemplate(makeContext({ developer: true }).context)).some(({ item }) => item.role === 'toggleDevTools')).toBe(true);
  });
});
