/**
 * Pure edits of a document's what-if scenarios (SPEC §2 faults). Scenarios are saved in the
 * document, so they travel with the design and diff like the rest of it.
 */
import type { Fault, Scenario, TopologyDocument } from './schema';

function withScenarios(doc: TopologyDocument, scenarios: Scenario[]): TopologyDocument {
  return { ...doc, scenarios };
}

/** Adds an empty scenario named `name` (made unique); returns its id. */
export function addScenario(doc: TopologyDocument, name = 'What if…'): { document: TopologyDocument; id: string } {
  const scenarios = doc.scenarios ?? [];
  const ids = new Set(scenarios.map((s) => s.id));
  let n = scenarios.length + 1;
  while (ids.has(`s${n}`)) n += 1;
  const names = new Set(scenarios.map((s) => s.name));
  let unique = name;
  for (let i = 2; names.has(unique); i += 1) unique = `${name} ${i}`;
  const scenario: Scenario = { id: `s${n}`, name: unique, faults: [] };
  return { document: withScenarios(doc, [...scenarios, scenario]), id: scenario.id };
}

export function renameScenario(doc: TopologyDocument, id: string, name: string): TopologyDocument {
  return withScenarios(doc, (doc.scenarios ?? []).map((s) => (s.id === id ? { ...s, name } : s)));
}

export function removeScenario(doc: TopologyDocument, id: string): TopologyDocument {
  const scenarios = (doc.scenarios ?? []).filter((s) => s.id !== id);
  if (scenarios.length > 0) return withScenarios(doc, scenarios);
  const { scenarios: _none, ...rest } = doc;
  return rest as TopologyDocument;
}

export function addFault(doc: TopologyDocument, scenarioId: string, fault: Fault): TopologyDocument {
  return withScenarios(doc, (doc.scenarios ?? []).map((s) => (s.id === scenarioId ? { ...s, faults: [...s.faults, fault] } : s)));
}

export function updateFault(doc: TopologyDocument, scenarioId: string, index: number, fault: Fault): TopologyDocument {
  return withScenarios(
    doc,
    (doc.scenarios ?? []).map((s) => (s.id === scenarioId ? { ...s, faults: s.faults.map((f, i) => (i === index ? fault : f)) } : s)),
  );
}

export function removeFault(doc: TopologyDocument, scenarioId: string, index: number): TopologyDocument {
  return withScenarios(doc, (doc.scenarios ?? []).map((s) => (s.id === scenarioId ? { ...s, faults: s.faults.filter((_, i) => i !== index) } : s)));
}

/** A plain-language line for a fault: "server-2 down from 10 s to 30 s". */
export function describeFault(doc: TopologyDocument, fault: Fault): string {
  const nodeName = (id: string) => doc.nodes.find((n) => n.id === id)?.name ?? id;
  const hostName = (id: string) => doc.hosts.find((h) => h.id === id)?.name ?? id;
  const when = `${fault.until === undefined ? `from ${fault.at ?? 0} s` : `from ${fault.at ?? 0} s to ${fault.until} s`}`;
  switch (fault.type) {
    case 'instance-down':
      return `${nodeName(fault.target)} instance ${fault.instance + 1} crashed ${when}`;
    case 'node-down':
      return `${nodeName(fault.target)} down ${when}`;
    case 'host-down':
      return `${hostName(fault.target)} down ${when}`;
    case 'zone-down':
      return `zone ${fault.target} down ${when}`;
    case 'region-down':
      return `region ${fault.target} down ${when}`;
    case 'partition':
      return `network split ${fault.groups.map((g) => `[${g.map(hostName).join(', ')}]`).join(' | ')} ${when}`;
    case 'latency':
      return `${nodeName(fault.target)} +${fault.value} ms ${when}`;
    case 'error-rate':
      return `${nodeName(fault.target)} fails ${Math.round(fault.value * 100)}% ${when}`;
    case 'loss':
      return `${nodeName(fault.target)} loses ${Math.round(fault.value * 100)}% of calls ${when}`;
  }
}
