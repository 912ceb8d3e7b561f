/**
 * Context menus of the canvas: a server (rename, zone, Fail at…, delete) and a node or one of its
 * instances (duplicate, copy, delete, Place on ▸ with "New server…", Fail at…). What the canvas
 * cannot do itself — adding a fault to a scenario belongs to the simulation panels — the app
 * supplies through `CanvasMenusContext`, so the canvas never imports a panel.
 */
import { createContext, useContext, useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { create } from 'zustand';
import { useDocumentStore } from '../store/documentStore';
import { createServer, copyNode, deleteNode, deleteServer, duplicateNode, placeOnServer, renameServer, setServerZone, unplace } from '../store/placementActions';

/** What a menu is about: a server, or a node (one instance of it when `instance` is a number). */
export type MenuTarget =
  | { readonly kind: 'host'; readonly id: string }
  | { readonly kind: 'node'; readonly id: string; readonly instance: number | null };

/** Operations the app provides to the canvas's menus. */
export interface CanvasMenuActions {
  /** "Fail at…": add a node-down or host-down fault to the current scenario. */
  failAt(target: { kind: 'node' | 'host'; id: string; name: string }): void;
}

/** Provided by the app around the canvas; without it "Fail at…" is not offered. */
export const CanvasMenusContext = createContext<CanvasMenuActions | null>(null);

interface MenuState {
  readonly target: MenuTarget | null;
  readonly x: number;
  readonly y: number;
  open(target: MenuTarget, x: number, y: number): void;
  close(): void;
}

/** The open context menu (one at a time). */
export const useCanvasMenu = create<MenuState>()((set) => ({
  target: null,
  x: 0,
  y: 0,
  open: (target, x, y) => set({ target, x, y }),
  close: () => set({ target: null }),
}));

type Form = { kind: 'rename' | 'zone' | 'new-server'; value: string } | null;

function Item({ label, onSelect, disabled }: { label: string; onSelect: () => void; disabled?: boolean }) {
  return (
    <li role="none">
      <button type="button" role="menuitem" onClick={onSelect} disabled={disabled}>
        {label}
      </button>
    </li>
  );
}

/** The context menu itself, at the pointer; Esc or a click elsewhere closes it. */
export function CanvasContextMenu() {
  const { target, x, y, close } = useCanvasMenu();
  const actions = useContext(CanvasMenusContext);
  const document = useDocumentStore((s) => s.document);
  const [form, setForm] = useState<Form>(null);
  const [placing, setPlacing] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setForm(null);
    setPlacing(false);
    if (!target) return;
    requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('button, input')?.focus());
    const onDown = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && close();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [target, close]);
  useEffect(() => {
    if (form || placing) requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('input, button')?.focus());
  }, [form, placing]);
  if (!target) return null;
  const host = target.kind === 'host' ? document.hosts.find((h) => h.id === target.id) : undefined;
  const node = target.kind === 'node' ? document.nodes.find((n) => n.id === target.id) : undefined;
  if (!host && !node) return null;
  const name = host?.name ?? node!.name;
  const instance = target.kind === 'node' ? target.instance : null;
  const title = instance !== null && node ? `${name} instance ${instance + 1}` : name;
  const run = (action: () => void) => () => {
    action();
    close();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    if (form.kind === 'rename' && host) renameServer(host.id, form.value);
    if (form.kind === 'zone' && host) setServerZone(host.id, form.value);
    if (form.kind === 'new-server' && node) createServer({ name: form.value, place: { nodeId: node.id, instance } });
    close();
  };

  let body;
  if (form) {
    const label = form.kind === 'rename' ? 'Server name' : form.kind === 'zone' ? 'Zone (blank: none)' : 'New server name';
    body = (
      <form className="context-menu__form" onSubmit={submit}>
        <label>
          {label}
          <input value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} aria-label={label} />
        </label>
        <button type="submit">OK</button>
      </form>
    );
  } else if (placing && node) {
    const current = instance !== null ? (node.instances?.[instance]?.host ?? null) : null;
    body = (
      <ul role="menu" aria-label={`Place ${title} on`}>
        {document.hosts.map((h) => (
          <Item key={h.id} label={h.id === current ? `${h.name} ✓` : h.name} onSelect={run(() => placeOnServer(node.id, instance, h.id))} />
        ))}
        <Item label="New server…" onSelect={() => setForm({ kind: 'new-server', value: '' })} />
        <Item label="Unplace" onSelect={run(() => unplace(node.id, instance))} />
      </ul>
    );
  } else if (host) {
    body = (
      <ul role="menu" aria-label={`${name} actions`}>
        <Item label="Rename…" onSelect={() => setForm({ kind: 'rename', value: host.name })} />
        <Item label="Zone…" onSelect={() => setForm({ kind: 'zone', value: host.zone ?? '' })} />
        {actions && <Item label="Fail at… (host down)" onSelect={run(() => actions.failAt({ kind: 'host', id: host.id, name: host.name }))} />}
        <Item label="Delete server" onSelect={run(() => deleteServer(host.id))} />
      </ul>
    );
  } else {
    const deployable = node!.kind !== 'client';
    body = (
      <ul role="menu" aria-label={`${name} actions`}>
        <Item label="Duplicate" onSelect={run(() => duplicateNode(node!.id))} />
        <Item label="Copy" onSelect={run(() => copyNode(node!.id))} />
        {deployable && <Item label="Place on ▸" onSelect={() => setPlacing(true)} />}
        {deployable && actions && <Item label="Fail at… (node down)" onSelect={run(() => actions.failAt({ kind: 'node', id: node!.id, name: node!.name }))} />}
        <Item label="Delete" onSelect={run(() => deleteNode(node!.id))} />
      </ul>
    );
  }
  // On the body: the canvas contains its paint, which would make `position: fixed` relative to it.
  return createPortal(
    <div className="context-menu" ref={ref} style={{ left: x, top: y }}>
      {body}
    </div>,
    window.document.body,
  );
}
