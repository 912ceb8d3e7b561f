/** Test-only designs that push the simulator to its work budget. */
import { makeClient, makeDocument, makeEdge, makeService } from '../../document/testing/builders';
import type { TopologyDocument } from '../../document';

/**
 * users → a `size` × `size` lattice of instant services (latencyMs 0), each calling the one to
 * its right and the one below: 2^(2·size−2) paths, every one at the same simulated instant.
 */
export function zeroLatencyLattice(size = 12, rate = 10): TopologyDocument {
  const id = (row: number, column: number) => `n${row}x${column}`;
  const nodes = [makeClient('users', { rate })];
  const edges = [makeEdge('users', id(0, 0))];
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      nodes.push(makeService(id(row, column), { on: ['h1'], latencyMs: 0 }));
      if (column + 1 < size) edges.push(makeEdge(id(row, column), id(row, column + 1)));
      if (row + 1 < size) edges.push(makeEdge(id(row, column), id(row + 1, column)));
    }
  }
  return makeDocument({ nodes, edges });
}
