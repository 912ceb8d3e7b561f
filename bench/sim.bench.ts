/**
 * Simulation engine speed, one core (SPEC §4 performance targets):
 * - sim1MRequestsMs: 1,000,000 requests (4,000/s for 250 simulated s) through the 12-unit reference
 *   microservice design in bench/reference-microservices.topo, batch mode (target ≤ 5,000 ms);
 * - simEventsPerSec: events processed per wall second in that run (target ≥ 3,000,000);
 * - sim1MScenarioMs: the same run with its host-down scenario (retries, breaker, timeouts);
 * - sim1MPeakRssMB: the process's peak resident memory after those runs;
 * - simStateEventsPerSec: events per wall second of a design using sticky and shared sessions, a
 *   distributed lock and a sharded database (SPEC §8; target ≥ 2,000,000), 4,000/s for 60 s;
 * - simReplicatedEventsPerSec: the reference design with each database replicated three ways
 *   (leader-follower, async, reads from any replica; SPEC §8; target ≥ 2,000,000), 4,000/s for 60 s.
 * Median of three runs after a warm-up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentText, type TopologyDocument } from '../shared/document';
import { createSimulation } from '../shared/simulation';
import { allFeatures } from '../shared/simulation/testing/stateDesign';

const REQUESTS_PER_SECOND = 4000;
const DURATION_S = 1_000_000 / REQUESTS_PER_SECOND;

function loadReference(): TopologyDocument {
  const text = readFileSync(join(process.cwd(), 'bench', 'reference-microservices.topo'), 'utf8');
  const parsed = parseDocumentText(text);
  if (!parsed.ok) throw new Error(`reference design invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.document;
}

/** The reference design with every database on three servers, leader-follower, reads spread over the replicas. */
function replicated(doc: TopologyDocument): TopologyDocument {
  const copy = structuredClone(doc) as TopologyDocument & { hosts: { id: string; name: string }[] };
  for (const node of copy.nodes) {
    if (node.kind !== 'database') continue;
    const first = node.instances?.[0]?.host ?? 'db';
    const extra = [`${first}-r1`, `${first}-r2`];
    for (const id of extra) copy.hosts.push({ id, name: `replica ${id}` });
    node.instances = [{ host: first }, ...extra.map((host) => ({ host }))];
    node.replication = { mode: 'leader-follower', sync: 'async', lagMs: 100, readFrom: 'any' };
  }
  return copy;
}

function timed(doc: TopologyDocument, scenario?: string): { ms: number; events: number; requests: number } {
  const start = performance.now();
  const simulation = createSimulation(doc, { durationS: DURATION_S, seed: 1, ...(scenario ? { scenario } : {}) });
  simulation.runToEnd();
  const report = simulation.report();
  const ms = performance.now() - start;
  return { ms, events: simulation.eventsProcessed, requests: report.requests.total + report.requests.inFlight };
}

function median<T>(values: T[], key: (value: T) => number): T {
  return [...values].sort((a, b) => key(a) - key(b))[Math.floor(values.length / 2)]!;
}

export async function run(): Promise<Record<string, number | string>> {
  const doc = loadReference();
  const warm = createSimulation(doc, { durationS: 20, seed: 2 });
  warm.runToEnd();
  const healthy = median([timed(doc), timed(doc), timed(doc)], (r) => r.ms);
  const faulty = median([timed(doc, 'payments-down'), timed(doc, 'payments-down'), timed(doc, 'payments-down')], (r) => r.ms);
  const state = allFeatures(REQUESTS_PER_SECOND);
  const stateRun = () => {
    const start = performance.now();
    const simulation = createSimulation(state, { durationS: 60, seed: 1 });
    simulation.runToEnd();
    return { ms: performance.now() - start, events: simulation.eventsProcessed };
  };
  const stateful = median([stateRun(), stateRun(), stateRun()], (r) => r.ms);
  const copies = replicated(doc);
  const replicatedRun = () => {
    const start = performance.now();
    const simulation = createSimulation(copies, { durationS: 60, seed: 1 });
    simulation.runToEnd();
    return { ms: performance.now() - start, events: simulation.eventsProcessed };
  };
  const replicas = median([replicatedRun(), replicatedRun(), replicatedRun()], (r) => r.ms);
  return {
    simStateEventsPerSec: Math.round(stateful.events / (stateful.ms / 1000)),
    simReplicatedEventsPerSec: Math.round(replicas.events / (replicas.ms / 1000)),
    sim1MRequestsMs: Math.round(healthy.ms),
    simEventsPerSec: Math.round(healthy.events / (healthy.ms / 1000)),
    sim1MRequests: healthy.requests,
    sim1MEvents: healthy.events,
    sim1MScenarioMs: Math.round(faulty.ms),
    sim1MPeakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
