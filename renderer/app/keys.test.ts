// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { commandForKey, escapeClearsHighlight, menuCommandToField } from './shortcuts';
import { ownsSpace } from '../panels/simulation/SimulationControls';
import { draftToFault } from '../panels/simulation/ScenarioEditor';
import { findTemplate, instantiateTemplate } from '../../shared/document';

const stroke = (key: string, target: EventTarget | null, mods: { ctrl?: boolean; shift?: boolean; code?: string } = {}) => ({
  key,
  code: mods.code,
  ctrlKey: mods.ctrl ?? false,
  metaKey: false,
  shiftKey: mods.shift ?? false,
  altKey: false,
  target,
});

describe('keys in fields', () => {
  it('Shift+1 fits the view on the canvas but types "!" in a field', () => {
    const input = document.createElement('input');
    document.body.append(input);
    expect(commandForKey(stroke('!', document.body, { shift: true, code: 'Digit1' }))).toBe('fit');
    expect(commandForKey(stroke('!', input, { shift: true, code: 'Digit1' }))).toBeNull();
    // AZERTY: Shift+Digit1 types "1".
    expect(commandForKey(stroke('1', input, { shift: true, code: 'Digit1' }))).toBeNull();
    expect(commandForKey(stroke('Delete', input))).toBeNull();
    // Ctrl shortcuts that are not text editing still work from a field.
    expect(commandForKey(stroke('s', input, { ctrl: true }))).toBe('save');
  });

  it('Space belongs to focused controls, canvas nodes and edges, not to the simulation', () => {
    const node = document.createElement('div');
    node.className = 'react-flow__node';
    const inner = document.createElement('span');
    node.append(inner);
    const tab = document.createElement('div');
    tab.setAttribute('role', 'tab');
    expect(ownsSpace(inner)).toBe(true);
    expect(ownsSpace(tab)).toBe(true);
    expect(ownsSpace(document.createElement('button'))).toBe(true);
    expect(ownsSpace(document.body)).toBe(false);
  });
});

describe('Esc', () => {
  it('clears a pinned highlight from the canvas, but not from a field or a dialog, nor with modifiers', () => {
    const input = document.createElement('input');
    const dialog = document.createElement('dialog');
    const button = document.createElement('button');
    dialog.append(button);
    expect(escapeClearsHighlight(stroke('Escape', document.body))).toBe(true);
    expect(escapeClearsHighlight(stroke('Escape', input))).toBe(false);
    expect(escapeClearsHighlight(stroke('Escape', button))).toBe(false);
    expect(escapeClearsHighlight(stroke('Escape', document.body, { ctrl: true }))).toBe(false);
    expect(escapeClearsHighlight(stroke('Enter', document.body))).toBe(false);
  });
});

describe('draftToFault', () => {
  const doc = instantiateTemplate(findTemplate('monolith-cluster')!);
  const draft = { type: 'host-down' as const, target: 'h2', instance: '0', at: '10', until: '30', value: '', group: [] as string[] };

  it('accepts a fault on a host of the design', () => {
    expect(draftToFault(draft, doc)).toEqual({ fault: { type: 'host-down', target: 'h2', at: 10, until: 30 } });
  });

  it('refuses a target that is no longer in the design, in the validator\'s words', () => {
    expect(draftToFault({ ...draft, target: 'h99' }, doc)).toEqual({ error: 'target: unknown host "h99"' });
    expect(draftToFault({ ...draft, type: 'node-down', target: 'gone' }, doc)).toEqual({ error: 'target: unknown node "gone"' });
    expect(draftToFault({ ...draft, type: 'partition', group: ['h99'] }, doc)).toEqual({ error: 'groups[0][0]: unknown host "h99"' });
    expect(draftToFault({ ...draft, at: '30', until: '20' }, doc)).toEqual({ error: 'until: must be after at (30 s)' });
  });

  it('words what only the form can get wrong itself', () => {
    expect(draftToFault({ ...draft, type: 'partition', group: [] }, doc)).toEqual({ error: 'groups: pick some hosts, not all, to cut off from the rest' });
    expect(draftToFault({ ...draft, target: '' }, doc)).toEqual({ error: 'target: pick a target' });
    expect(draftToFault({ ...draft, type: 'latency', target: 'monolith', value: '-1' }, doc)).toMatchObject({ error: expect.stringMatching(/^value: /) });
  });
});

describe('desktop menu commands while a field has focus', () => {
  it('send the field its own editing commands and keep the design out of it', () => {
    const input = document.createElement('input');
    const edits: string[] = [];
    const edit = (name: string) => edits.push(name);
    expect(menuCommandToField('undo', input, edit)).toBe(true);
    expect(menuCommandToField('select-all', input, edit)).toBe(true);
    expect(edits).toEqual(['undo', 'selectAll']);
    // Commands that are no field's (save, zoom) and any command outside a field go to the app.
    expect(menuCommandToField('save', input, edit)).toBe(false);
    expect(menuCommandToField('undo', document.createElement('div'), edit)).toBe(false);
    expect(menuCommandToField('undo', null, edit)).toBe(false);
    expect(edits).toHaveLength(2);
  });
});
