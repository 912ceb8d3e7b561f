import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from './hostApi';
import { matchShortcut, SHORTCUTS, shortcutFor, type KeyStroke } from './shortcuts';

function stroke(key: string, modifiers: Partial<KeyStroke> = {}): KeyStroke {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...modifiers };
}

/** Reads an Electron accelerator back into modifiers and a key, to check the table agrees with itself. */
function parseAccelerator(accelerator: string): { ctrlOrMeta: boolean; shift: boolean; alt: boolean; key: string } {
  const parts = accelerator.split('+');
  // "CmdOrCtrl+Plus" and "CmdOrCtrl+=" both end with a real key part.
  const key = parts.pop()!;
  return {
    ctrlOrMeta: parts.includes('CmdOrCtrl'),
    // "+" is typed with Shift, so a Plus accelerator implies it.
    shift: parts.includes('Shift') || key === 'Plus',
    alt: parts.includes('Alt'),
    key: key === 'Plus' ? '+' : key.length === 1 ? key.toLowerCase() : key,
  };
}

describe('SHORTCUTS', () => {
  it('uses only known commands and gives each command one primary binding', () => {
    const primaries = SHORTCUTS.filter((s) => !s.alternate).map((s) => s.command);
    expect(new Set(primaries).size).toBe(primaries.length);
    for (const s of SHORTCUTS) expect(MENU_COMMANDS).toContain(s.command);
    for (const s of SHORTCUTS.filter((x) => x.alternate)) expect(primaries).toContain(s.command);
  });

  it('has no two bindings on the same keys', () => {
    const seen = new Set(SHORTCUTS.map((s) => JSON.stringify(s.keys)));
    expect(seen.size).toBe(SHORTCUTS.length);
    const accelerators = new Set(SHORTCUTS.map((s) => s.accelerator));
    expect(accelerators.size).toBe(SHORTCUTS.length);
  });

  it('agrees between the Electron accelerator and the web key matcher', () => {
    for (const s of SHORTCUTS) {
      const parsed = parseAccelerator(s.accelerator);
      expect({ c: s.command, m: s.keys.ctrlOrMeta, s: s.keys.shift, a: s.keys.alt }).toEqual({ c: s.command, m: parsed.ctrlOrMeta, s: parsed.shift, a: parsed.alt });
      // Shift+1 types "!", which the matcher also finds by its code Digit1.
      if (s.keys.code === 'Digit1') expect(parsed.key).toBe('1');
      else expect(s.keys.key.toLowerCase()).toBe(parsed.key.toLowerCase());
    }
  });

  it('binds the issue’s shortcuts', () => {
    expect(shortcutFor('save')?.accelerator).toBe('CmdOrCtrl+S');
    expect(shortcutFor('save-as')?.accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(shortcutFor('redo')?.accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(shortcutFor('fit')?.accelerator).toBe('Shift+1');
    expect(shortcutFor('auto-layout')?.accelerator).toBe('CmdOrCtrl+L');
    expect(shortcutFor('about')).toBeUndefined();
  });
});

describe('matchShortcut', () => {
  it('uses Ctrl off the Mac and ⌘ on it', () => {
    expect(matchShortcut(stroke('s', { ctrlKey: true }), false)).toBe('save');
    expect(matchShortcut(stroke('s', { metaKey: true }), true)).toBe('save');
    expect(matchShortcut(stroke('s', { ctrlKey: true }), true)).toBeNull();
    expect(matchShortcut(stroke('s', { metaKey: true }), false)).toBeNull();
  });

  it('tells Shift apart and ignores the letter case Shift produces', () => {
    expect(matchShortcut(stroke('S', { ctrlKey: true, shiftKey: true }), false)).toBe('save-as');
    expect(matchShortcut(stroke('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(matchShortcut(stroke('y', { ctrlKey: true }), false)).toBe('redo');
    expect(matchShortcut(stroke('z', { ctrlKey: true }), false)).toBe('undo');
  });

  it('matches by code where the layout changes the key', () => {
    expect(matchShortcut(stroke('!', { shiftKey: true }), false)).toBe('fit');
    expect(matchShortcut(stroke('§', { shiftKey: true, code: 'Digit1' }), false)).toBe('fit');
    expect(matchShortcut(stroke('1'), false)).toBeNull();
  });

  it('zooms with = and with Shift+= (+)', () => {
    expect(matchShortcut(stroke('=', { ctrlKey: true }), false)).toBe('zoom-in');
    expect(matchShortcut(stroke('+', { ctrlKey: true, shiftKey: true }), false)).toBe('zoom-in');
    expect(matchShortcut(stroke('-', { ctrlKey: true }), false)).toBe('zoom-out');
  });

  it('rejects extra modifiers and plain letters', () => {
    expect(matchShortcut(stroke('s', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(matchShortcut(stroke('s'), false)).toBeNull();
    expect(matchShortcut(stroke('Delete'), false)).toBe('delete');
  });
});
