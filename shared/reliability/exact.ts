/**
 * Exact availability: the served share of `served.ts` as a decision diagram over the failure
 * units, then its expectation with each unit up with its own availability.
 */
import { DecisionDiagram, DiagramTooLarge } from './diagram';
import type { AvailabilityModel } from './model';
import { servedShare, type Algebra } from './served';

/** SPEC §7: the exact figure is given for designs of at most this many failure units. */
export const MAX_EXACT_UNITS = 24;

export interface ExactResult {
  readonly availability: number;
  /**
   * Per unit: how much availability would rise if that unit never failed, A(unit up) − A. Summed
   * over time this is the downtime the unit causes (see README: contributors).
   */
  readonly saved: Float64Array;
}

/** Exact results per client (in `model.clients` order), or null past MAX_EXACT_UNITS units. */
export function exactAvailability(model: AvailabilityModel): ExactResult[] | null {
  if (model.units.length > MAX_EXACT_UNITS) return null;
  const diagram = new DecisionDiagram(model.units.length);
  const upCache = new Map<number, number>();
  const nodeUp = (n: number): number => {
    const known = upCache.get(n);
    if (known !== undefined) return known;
    const instances = model.instanceUnits[n]!.map((units) => units.reduce((up, unit) => diagram.times(up, diagram.variableUp(unit)), diagram.one));
    const result = atLeast(diagram, instances, model.needed[n]!);
    upCache.set(n, result);
    return result;
  };
  const algebra: Algebra<number> = {
    one: diagram.one,
    constant: (value) => diagram.leaf(value),
    nodeUp,
    times: (a, b) => diagram.times(a, b),
    plus: (a, b) => diagram.plus(a, b),
    scale: (a, factor) => diagram.scale(a, factor),
  };
  const up = Float64Array.from(model.units, (unit) => unit.availability);
  try {
    return model.clients.map(({ index }) => {
      const root = servedShare(model.design, index, algebra);
      const { value: availability, derivative } = diagram.expectation(root, up);
      const saved = derivative.map((slope, u) => Math.max(0, (1 - up[u]!) * slope));
      return { availability, saved };
    });
  } catch (error) {
    if (error instanceof DiagramTooLarge) return null;
    throw error;
  }
}

/** "At least k of these 0/1 diagrams are 1", by the usual count recursion. */
function atLeast(diagram: DecisionDiagram, items: readonly number[], k: number): number {
  if (k > items.length) return diagram.zero;
  // reach[j]: at least j of the items seen so far are up (reach[0] is always true).
  let reach = [diagram.one, ...new Array<number>(k).fill(diagram.zero)];
  for (const item of items) {
    const next = [diagram.one];
    for (let j = 1; j <= k; j++) {
      // next[j] = item ? reach[j − 1] : reach[j]  =  reach[j] + item × (reach[j − 1] − reach[j])
      const difference = diagram.plus(reach[j - 1]!, diagram.scale(reach[j]!, -1));
      next.push(diagram.plus(reach[j]!, diagram.times(item, difference)));
    }
    reach = next;
  }
  return reach[k]!;
}
