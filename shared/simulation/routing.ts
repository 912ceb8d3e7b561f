/**
 * Which outgoing edge a `fanout: one` node (or queue) takes: one pick by edge weight, shared by
 * requests and messages so that both draw the same way.
 */
import type { SimulationModel } from './model';
import type { Random } from './random';

/** An outgoing edge of `node` drawn by weight (the node has at least one). */
export function pickEdgeByWeight(model: SimulationModel, node: number, random: Random): number {
  const start = model.outStart[node]!;
  const end = model.outStart[node + 1]!;
  let pick = random.next() * model.nodeOutWeight[node]!;
  for (let k = start; k < end; k++) {
    pick -= model.edgeWeight[model.outEdges[k]!]!;
    if (pick < 0) return model.outEdges[k]!;
  }
  // Rounding can leave a sliver past the last edge: it belongs to the last edge.
  return model.outEdges[end - 1]!;
}
