/**
 * Actions on the design as a whole: its name and settings, its what-if scenarios and their
 * faults, and declaring the hosts a file names but does not list. Like `actions.ts`, each calls
 * one pure function from shared/document and sets the result once, as one undo step.
 */
import {
  addFaultToScenario,
  addScenario,
  applyPatch,
  declareMissingHosts,
  missingHosts,
  removeFault as removeFaultEdit,
  removeScenario as removeScenarioEdit,
  shareSessions,
  type DocumentPatch,
  type Fault,
  type FaultProblem,
  type Settings,
} from '../../shared/document';
import { useDocumentStore } from './documentStore';
import { useUiStore } from './uiStore';

const doc = () => useDocumentStore.getState();

/** An undo step: every action here is one. */
const RECORD = { record: true } as const;

/** Applies a typed patch (a node, edge, host, scenario, the settings or the design's name). */
export function applyDocumentPatch(patch: DocumentPatch): void {
  doc().edit((d) => applyPatch(d, patch), RECORD);
}

export function renameDesign(name: string): void {
  applyDocumentPatch({ kind: 'design', changes: { name } });
}

/** Sets settings; a setting given as `undefined` goes back to its default. */
export function editSettings(changes: Partial<Settings>): void {
  applyDocumentPatch({ kind: 'settings', changes });
}

/** Adds an empty scenario; returns its id. */
export function createScenario(name = 'What if…'): string {
  const result = addScenario(doc().document, name);
  doc().edit(() => result.document, RECORD);
  return result.id;
}

export function renameScenario(id: string, name: string): void {
  applyDocumentPatch({ kind: 'scenario', id, changes: { name } });
}

export function removeScenario(id: string): void {
  doc().edit((d) => removeScenarioEdit(d, id), RECORD);
}

export function removeFault(scenarioId: string, index: number): void {
  doc().edit((d) => removeFaultEdit(d, scenarioId, index), RECORD);
}

export type AddFaultOutcome = { readonly ok: true; readonly scenarioId: string } | { readonly ok: false; readonly problems: FaultProblem[] };

/**
 * Adds a fault to scenario `scenarioId`, or to a new scenario named `newScenarioName` when that
 * one does not exist. A fault that breaks a rule changes nothing and comes back with its problems.
 */
export function addFault(scenarioId: string | null, fault: Fault, newScenarioName?: string): AddFaultOutcome {
  const result = addFaultToScenario(doc().document, scenarioId, fault, newScenarioName);
  if (!result.ok) return result;
  doc().edit(() => result.document, RECORD);
  return { ok: true, scenarioId: result.scenarioId };
}

/** Declares every host the design's instances name but `hosts` does not list (one undo step). */
export function createMissingHosts(): void {
  const missing = missingHosts(doc().document);
  if (missing.length === 0) return;
  doc().edit(declareMissingHosts, RECORD);
  useUiStore.getState().notify('info', `Created ${missing.length === 1 ? 'a server' : `${missing.length} servers`}: ${missing.join(', ')}`, [
    'Each is named by its id; rename it in the inspector. Undo removes them again.',
  ]);
}

/**
 * "Fix it" on a `local-session-cluster` finding: a session cache on a server of its own, a session
 * edge to it and `session: "shared"` on the node, as one undo step.
 */
export function shareSessionsOf(nodeId: string): void {
  const result = shareSessions(doc().document, nodeId);
  if (result.cacheId === null) return;
  doc().edit(() => result.document, RECORD);
  useUiStore.getState().notify('info', `Sessions of ${nodeId} now live in ${result.cacheId}`, ['A cache on a server of its own, called once per request over a session edge. Undo puts them back in each instance.']);
}
