/**
 * The what-if scenario editor: pick a scenario (or the healthy baseline), name it, and add faults —
 * type, target node/host/instance, from/until (simulated seconds), value. Scenarios are saved in the
 * document. A fault is checked by the schema and by the same rules the validator applies to a file
 * (`checkFault`), so the editor and `topo validate` say the same words.
 */
import { useState } from 'react';
import {
  FAULT_TYPES,
  checkFault,
  describeFault,
  faultSchema,
  formatError,
  formatPath,
  isDeployable,
  type Fault,
  type FaultType,
  type TopologyDocument,
} from '../../../shared/document';
import { useDocumentStore } from '../../store/documentStore';
import { addFault, createScenario, removeFault, removeScenario, renameScenario } from '../../store/designActions';
import { useSimulationStore } from '../../store/simulationStore';
import { TextField } from '../fields';

const FAULT_LABELS: Record<FaultType, string> = {
  'instance-down': 'Instance crashes',
  'node-down': 'Node down (every instance)',
  'host-down': 'Host down',
  'zone-down': 'Zone down (every host in it)',
  'region-down': 'Region down (every host in it)',
  partition: 'Network partition',
  latency: 'Added latency',
  'error-rate': 'Error rate',
  loss: 'Packet loss',
};

interface Draft {
  type: FaultType;
  target: string;
  instance: string;
  at: string;
  until: string;
  value: string;
  /** For a partition: the hosts cut off from the rest. */
  group: string[];
}

function emptyDraft(doc: TopologyDocument): Draft {
  return { type: 'host-down', target: doc.hosts[0]?.id ?? '', instance: '0', at: '10', until: '30', value: '', group: [] };
}

/**
 * The fault a draft describes, or the first problem with it (`path: message`, the path inside the
 * fault). Only what is particular to the form is worded here; the rules are `checkFault`'s.
 */
export function draftToFault(draft: Draft, doc: TopologyDocument): { fault: Fault } | { error: string } {
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const timing: { at?: number; until?: number } = {};
  const at = number(draft.at);
  const until = number(draft.until);
  if (at !== undefined) timing.at = at;
  if (until !== undefined) timing.until = until;
  let candidate: unknown;
  if (draft.type === 'partition') {
    // The form cuts the chosen hosts off from the rest: two groups, neither empty.
    if (draft.group.length === 0 || doc.hosts.every((h) => draft.group.includes(h.id))) {
      return { error: 'groups: pick some hosts, not all, to cut off from the rest' };
    }
    const rest = doc.hosts.map((h) => h.id).filter((id) => !draft.group.includes(id));
    candidate = { type: 'partition', groups: [draft.group, rest], ...timing };
  } else if (draft.target === '') {
    return { error: 'target: pick a target' };
  } else if (draft.type === 'instance-down') {
    candidate = { type: draft.type, target: draft.target, instance: number(draft.instance), ...timing };
  } else if (draft.type === 'latency' || draft.type === 'error-rate' || draft.type === 'loss') {
    candidate = { type: draft.type, target: draft.target, value: number(draft.value), ...timing };
  } else {
    candidate = { type: draft.type, target: draft.target, ...timing };
  }
  const parsed = faultSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: formatError({ path: issue.path.length === 0 ? 'fault' : formatPath(issue.path), message: issue.message }) };
  }
  const fault = parsed.data as Fault;
  const problem = checkFault(fault, doc)[0];
  return problem ? { error: formatError(problem) } : { fault };
}

export function ScenarioEditor() {
  const document = useDocumentStore((s) => s.document);
  const scenarioId = useSimulationStore((s) => s.options.scenarioId);
  const setOptions = useSimulationStore((s) => s.setOptions);
  const scenario = document.scenarios?.find((s) => s.id === scenarioId) ?? null;
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(document));
  const [error, setError] = useState<string | null>(null);
  const deployable = document.nodes.filter((n) => isDeployable(n.kind));
  const targetsHosts = draft.type === 'host-down';
  // The draft's target may be gone (another design opened, the node deleted): fall back to the
  // first target the select shows, so what is shown is what gets added.
  const targets = targetsHosts ? document.hosts : deployable;
  const target = targets.some((t) => t.id === draft.target) ? draft.target : (targets[0]?.id ?? '');
  const group = draft.group.filter((id) => document.hosts.some((h) => h.id === id));

  const newScenario = () => setOptions({ scenarioId: createScenario('What if…') });

  const add = () => {
    if (!scenario) return;
    const result = draftToFault({ ...draft, target, group }, document);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    const added = addFault(scenario.id, result.fault);
    setError(added.ok ? null : formatError(added.problems[0]!));
  };

  const setType = (type: FaultType) => {
    const target = type === 'host-down' ? (document.hosts[0]?.id ?? '') : type === 'partition' ? '' : (deployable[0]?.id ?? '');
    setDraft({ ...draft, type, target, value: type === 'latency' ? '200' : type === 'error-rate' || type === 'loss' ? '0.5' : '' });
    setError(null);
  };

  return (
    <section className="scenario" aria-label="Scenario">
      <div className="scenario__picker">
        <label className="field">
          <span>Scenario</span>
          <select aria-label="Scenario" value={scenarioId ?? ''} onChange={(e) => setOptions({ scenarioId: e.target.value || null })}>
            <option value="">Baseline (no faults)</option>
            {(document.scenarios ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--small" onClick={newScenario}>
          New scenario
        </button>
      </div>
      {scenario && (
        <>
          <div className="scenario__row">
            <TextField label="Scenario name" value={scenario.name} validate={(t) => (t.trim() === '' ? 'must not be empty' : null)} onCommit={(name) => renameScenario(scenario.id, name)} />
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                removeScenario(scenario.id);
                setOptions({ scenarioId: null });
              }}
            >
              Delete scenario
            </button>
          </div>
          <ol className="fault-list" aria-label="Faults">
            {scenario.faults.length === 0 && <li className="muted">No faults yet: add one below, or right-click a node or host and choose “Fail at…”.</li>}
            {scenario.faults.map((fault, i) => (
              <li key={i} className="fault-list__item">
                <span>{describeFault(document, fault)}</span>
                <button type="button" className="link" aria-label={`Remove fault ${i + 1}`} onClick={() => removeFault(scenario.id, i)}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <fieldset className="fault-form">
            <legend>Add a fault</legend>
            <label className="field">
              <span>Fault</span>
              <select aria-label="Fault type" value={draft.type} onChange={(e) => setType(e.target.value as FaultType)}>
                {FAULT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {FAULT_LABELS[t]}
                  </option>
                ))}
              </select>
            </label>
            {draft.type === 'partition' ? (
              <div className="field">
                <span>Cut off these hosts from the rest</span>
                <div className="fault-form__hosts">
                  {document.hosts.map((h) => (
                    <label key={h.id} className="fault-form__host">
                      <input
                        type="checkbox"
                        checked={group.includes(h.id)}
                        onChange={(e) => setDraft({ ...draft, group: e.target.checked ? [...draft.group, h.id] : draft.group.filter((x) => x !== h.id) })}
                      />
                      {h.name}
                    </label>
                  ))}
                </div>
              </div>
            ) : (
              <label className="field">
                <span>Target</span>
                <select aria-label="Fault target" value={target} onChange={(e) => setDraft({ ...draft, target: e.target.value })}>
                  {(targetsHosts ? document.hosts : deployable).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {draft.type === 'instance-down' && (
              <label className="field">
                <span>Instance</span>
                <select aria-label="Instance" value={draft.instance} onChange={(e) => setDraft({ ...draft, instance: e.target.value })}>
                  {(document.nodes.find((n) => n.id === target)?.instances ?? [{}]).map((instance, i) => (
                    <option key={i} value={String(i)}>
                      {i + 1}
                      {instance.host ? ` on ${document.hosts.find((h) => h.id === instance.host)?.name ?? instance.host}` : ''}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {(draft.type === 'latency' || draft.type === 'error-rate' || draft.type === 'loss') && (
              <label className="field">
                <span>{draft.type === 'latency' ? 'Added ms' : 'Share (0..1)'}</span>
                <input type="text" inputMode="decimal" aria-label="Fault value" value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })} />
              </label>
            )}
            <label className="field">
              <span>From (s)</span>
              <input type="text" inputMode="decimal" aria-label="Fault from" value={draft.at} onChange={(e) => setDraft({ ...draft, at: e.target.value })} />
            </label>
            <label className="field">
              <span>Until (s)</span>
              <input type="text" inputMode="decimal" aria-label="Fault until" placeholder="end" value={draft.until} onChange={(e) => setDraft({ ...draft, until: e.target.value })} />
            </label>
            <button type="button" className="button button--small" onClick={add}>
              Add fault
            </button>
            {error && (
              <div className="field__error" role="alert">
                {error}
              </div>
            )}
          </fieldset>
        </>
      )}
    </section>
  );
}
