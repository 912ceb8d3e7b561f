/**
 * The rules a fault must follow against the design it is part of (SPEC §2 faults): its timing, and
 * that its target exists and can fail. One function, used by the validator (for every fault of a
 * file) and by the scenario editor (for the fault being added), so both say the same words.
 */
import { isDeployable } from './kinds';
import { UNKNOWN_HOST, type ValidationError } from './errors';
import { addScenario } from './scenarios';
import type { Fault, TopologyDocument } from './schema';

/**
 * A problem with a fault, located inside the fault (`target`, `until`, `groups[1][0]`…); its code
 * is `unknown-host` when instances name the host too, so declaring the host repairs it.
 */
export type FaultProblem = ValidationError;

/**
 * Problems of `fault` in `document`; empty when the fault is sound. Hosts count when `hosts`
 * declares them; a host that only instances name is reported with the `unknown-host` code.
 */
export function checkFault(fault: Fault, document: TopologyDocument): FaultProblem[] {
  const problems: FaultProblem[] = [];
  if (fault.until !== undefined && fault.until <= (fault.at ?? 0)) {
    problems.push({ path: 'until', message: `must be after at (${fault.at ?? 0} s)` });
  }
  const declared = new Set(document.hosts.map((host) => host.id));
  const unknownHost = (path: string, host: string): FaultProblem => {
    const problem = { path, message: `unknown host ${JSON.stringify(host)}` };
    return namedByInstances(document, host) ? { ...problem, code: UNKNOWN_HOST } : problem;
  };
  switch (fault.type) {
    case 'host-down':
      if (!declared.has(fault.target)) problems.push(unknownHost('target', fault.target));
      break;
    case 'zone-down':
      if (!document.hosts.some((host) => host.zone === fault.target)) {
        problems.push({ path: 'target', message: `unknown zone ${JSON.stringify(fault.target)}` });
      }
      break;
    case 'region-down':
      if (!document.hosts.some((host) => host.region === fault.target)) {
        problems.push({ path: 'target', message: `unknown region ${JSON.stringify(fault.target)}` });
      }
      break;
    case 'partition': {
      const seen = new Set<string>();
      fault.groups.forEach((group, g) =>
        group.forEach((host, h) => {
          const path = `groups[${g}][${h}]`;
          if (!declared.has(host)) problems.push(unknownHost(path, host));
          else if (seen.has(host)) problems.push({ path, message: `host ${JSON.stringify(host)} is in two groups` });
          seen.add(host);
        }),
      );
      break;
    }
    default: {
      const node = document.nodes.find((n) => n.id === fault.target);
      if (!node) {
        problems.push({ path: 'target', message: `unknown node ${JSON.stringify(fault.target)}` });
      } else if (!isDeployable(node.kind)) {
        problems.push({ path: 'target', message: `${JSON.stringify(fault.target)} is a client: faults apply to deployed nodes` });
      } else if (fault.type === 'instance-down') {
        const count = node.instances?.length ?? 1;
        if (fault.instance >= count) {
          problems.push({ path: 'instance', message: `${JSON.stringify(node.id)} has ${count} instance${count === 1 ? '' : 's'} (0–${count - 1})` });
        }
      }
    }
  }
  return problems;
}

function namedByInstances(document: TopologyDocument, host: string): boolean {
  return document.nodes.some((node) => node.instances?.some((instance) => instance.host === host));
}

export type AddFaultResult =
  | { readonly ok: true; readonly document: TopologyDocument; readonly scenarioId: string; readonly createdScenario: boolean }
  | { readonly ok: false; readonly problems: FaultProblem[] };

/**
 * Adds `fault` to the scenario `scenarioId`; when that scenario does not exist (none chosen, or it
 * was deleted) a new one named `newScenarioName` takes it. A fault that breaks a rule is refused
 * with its problems, so nothing unsound reaches the document.
 */
export function addFaultToScenario(
  document: TopologyDocument,
  scenarioId: string | null,
  fault: Fault,
  newScenarioName = 'What if…',
): AddFaultResult {
  const problems = checkFault(fault, document);
  if (problems.length > 0) return { ok: false, problems };
  let next = document;
  let id = scenarioId;
  const exists = id !== null && (document.scenarios ?? []).some((s) => s.id === id);
  if (!exists) {
    const created = addScenario(next, newScenarioName);
    next = created.document;
    id = created.id;
  }
  const scenarios = (next.scenarios ?? []).map((s) => (s.id === id ? { ...s, faults: [...s.faults, fault] } : s));
  return { ok: true, document: { ...next, scenarios }, scenarioId: id!, createdScenario: !exists };
}
