/**
 * Call depth: how many calls a node is from the design's entry points (clients, and nodes nothing
 * calls), by breadth-first search over the calls. Nodes only reachable around a cycle start a new
 * search of their own, in document order. Iterative and linear in nodes + calls.
 */
import type { TopologyDocument } from '../document';

/** Depth of every node, by document index. */
export function callDepths(doc: TopologyDocument): Int32Array {
  const count = doc.nodes.length;
  const index = new Map<string, number>();
  doc.nodes.forEach((node, i) => index.set(node.id, i));
  const outgoing: number[][] = Array.from({ length: count }, () => []);
  const called = new Uint8Array(count);
  for (const edge of doc.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    outgoing[from]!.push(to);
    called[to] = 1;
  }
  const depth = new Int32Array(count).fill(-1);
  const queue: number[] = [];
  for (let i = 0; i < count; i++) {
    if (doc.nodes[i]!.kind === 'client' || called[i] === 0) {
      depth[i] = 0;
      queue.push(i);
    }
  }
  let head = 0;
  const drain = () => {
    for (; head < queue.length; head++) {
      const node = queue[head]!;
      for (const to of outgoing[node]!) {
        if (depth[to] !== -1) continue;
        depth[to] = depth[node]! + 1;
        queue.push(to);
      }
    }
  };
  drain();
  for (let i = 0; i < count; i++) {
    if (depth[i] !== -1) continue;
    depth[i] = 0;
    queue.push(i);
    drain();
  }
  return depth;
}
