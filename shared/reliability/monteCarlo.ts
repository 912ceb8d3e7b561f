/**
 * Monte Carlo availability: simulated years in which every failure unit alternates between up and
 * down with exponential times (means MTBF and MTTR, in hours), starting from its steady state.
 * The served share of `served.ts` is evaluated after each change; its downtime is integrated over
 * time. The 95 % interval comes from batch means (the run cut into equal batches, at least 30).
 */
import { Random } from '../simulation/random';
import type { AvailabilityModel } from './model';
import { reachableFrom, ServedPlan } from './served';

export const HOURS_PER_YEAR = 8760;
export const DEFAULT_YEARS = 1000;

export interface MonteCarloResult {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly years: number;
  /** Per unit: the estimated A(unit never down) − A (see exact.ts). */
  readonly saved: Float64Array;
}

export interface MonteCarloOptions {
  readonly years: number;
  readonly seed: number;
}

/** Results per client, in `model.clients` order. */
export function monteCarloAvailability(model: AvailabilityModel, options: MonteCarloOptions): MonteCarloResult[] {
  const { units, design } = model;
  const unitCount = units.length;
  const random = new Random(options.seed);
  const horizon = options.years * HOURS_PER_YEAR;
  const batches = Math.min(1000, Math.max(30, Math.floor(options.years)));
  const batchHours = horizon / batches;

  // Instances flattened; each counts how many of its units are down.
  const instanceNode: number[] = [];
  const instancesOfUnit: number[][] = units.map(() => []);
  model.instanceUnits.forEach((instances, node) =>
    instances.forEach((unitList) => {
      for (const u of unitList) instancesOfUnit[u]!.push(instanceNode.length);
      instanceNode.push(node);
    }),
  );
  const instanceDown = new Int32Array(instanceNode.length);
  const nodeUpCount = Int32Array.from(design.nodes, (node) => node.instances.length);
  const nodeUp = new Uint8Array(design.nodes.length);
  /** Set when some node's up-ness flips: until then no served share can have changed. */
  let flipped: boolean;
  const refreshNode = (n: number): void => {
    const value = nodeUpCount[n]! >= model.needed[n]! ? 1 : 0;
    if (nodeUp[n] !== value) flipped = true;
    nodeUp[n] = value;
  };
  design.nodes.forEach((_, n) => refreshNode(n));

  const up = new Uint8Array(unitCount).fill(1);
  const setUnit = (u: number, isUp: boolean): void => {
    if ((up[u] === 1) === isUp) return;
    up[u] = isUp ? 1 : 0;
    for (const instance of instancesOfUnit[u]!) {
      const before = instanceDown[instance]!;
      const after = before + (isUp ? -1 : 1);
      instanceDown[instance] = after;
      const node = instanceNode[instance]!;
      if (before === 0 && after === 1) nodeUpCount[node]!--;
      else if (before === 1 && after === 0) nodeUpCount[node]!++;
      refreshNode(node);
    }
  };

  const clients = model.clients.map(({ index }) => {
    const relevant = new Uint8Array(unitCount);
    for (const node of reachableFrom(design, index)) for (const list of model.instanceUnits[node]!) for (const u of list) relevant[u] = 1;
    return { index, plan: new ServedPlan(design, index), relevant, served: 1, deltas: [] as { unit: number; delta: number }[], batchDown: new Float64Array(batches), saved: new Float64Array(unitCount) };
  });
  const evaluate = (client: (typeof clients)[number]): void => {
    client.served = client.plan.evaluate(nodeUp);
    client.deltas = [];
    if (client.served >= 1) return;
    for (let u = 0; u < unitCount; u++) {
      if (up[u] === 1 || client.relevant[u] === 0) continue;
      setUnit(u, true);
      const delta = client.plan.evaluate(nodeUp) - client.served;
      setUnit(u, false);
      if (delta > 0) client.deltas.push({ unit: u, delta });
    }
  };

  // Steady-state start: each unit up with its availability; exponential times are memoryless.
  const nextChange = new Float64Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const unit = units[u]!;
    const isUp = random.next() < unit.availability;
    setUnit(u, isUp);
    nextChange[u] = random.exponential(isUp ? unit.mtbfHours : unit.mttrHours);
  }
  for (const client of clients) evaluate(client);

  let now = 0;
  for (;;) {
    let next = -1;
    let at = horizon;
    for (let u = 0; u < unitCount; u++) {
      if (nextChange[u]! < at) {
        at = nextChange[u]!;
        next = u;
      }
    }
    if (at > now) for (const client of clients) if (client.served < 1) account(client, now, at);
    now = at;
    if (next < 0) break;
    const unit = units[next]!;
    const nowUp = up[next] === 0;
    flipped = false;
    setUnit(next, nowUp);
    nextChange[next] = now + random.exponential(nowUp ? unit.mtbfHours : unit.mttrHours);
    const nodesChanged = flipped;
    // Fully served and no node changed: nothing to do. While downtime lasts, any change may change
    // what restoring each down unit would give back, so the shares are evaluated again.
    for (const client of clients) if (client.relevant[next] === 1 && (nodesChanged || client.served < 1)) evaluate(client);
  }

  function account(client: (typeof clients)[number], from: number, to: number): void {
    const missing = 1 - client.served;
    for (const { unit, delta } of client.deltas) client.saved[unit]! += delta * (to - from);
    let start = from;
    while (start < to) {
      const batch = Math.min(batches - 1, Math.floor(start / batchHours));
      // Rounding can put `start` on a boundary floor() does not see: the rest goes to this batch.
      const boundary = (batch + 1) * batchHours;
      const end = boundary > start ? Math.min(to, boundary) : to;
      client.batchDown[batch]! += missing * (end - start);
      start = end;
    }
  }

  return clients.map((client) => {
    // Statistics of the downtime share, not of A ≈ 1, so that no precision is lost to cancellation.
    let sum = 0;
    for (const down of client.batchDown) sum += down / batchHours;
    const meanDown = sum / batches;
    let squares = 0;
    for (const down of client.batchDown) squares += (down / batchHours - meanDown) ** 2;
    const halfWidth = studentT975(batches - 1) * Math.sqrt(squares / (batches - 1) / batches);
    const mean = 1 - meanDown;
    const saved = client.saved.map((value) => value / horizon);
    return { value: mean, low: Math.max(0, mean - halfWidth), high: Math.min(1, mean + halfWidth), years: options.years, saved };
  });
}

/** The 97.5 % quantile of Student's t with `df` degrees of freedom (Cornish–Fisher, ample for df ≥ 29). */
function studentT975(df: number): number {
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}
