import { describe, expect, it } from 'vitest';
import { generateDesign } from '../../bench/generateDesign';
import { geometryProblems } from './check';
import { deploymentGeometry } from './deployment';
import { ChannelGrid } from './channels';

describe('channel routing', () => {
  it('routes around a wall of obstacles instead of through it', () => {
    const grid = new ChannelGrid([{ x: 40, y: -100, width: 20, height: 200 }]);
    const path = grid.search({ x: 0, y: 0 }, { x: 100, y: 0 }, 40)!;
    expect(path).not.toBeNull();
    for (let i = 1; i < path.length; i++) expect(grid.segmentClear(path[i - 1]!, path[i]!)).toBe(true);
    expect(grid.segmentClear({ x: 0, y: 0 }, { x: 100, y: 0 })).toBe(false);
  });

  it('draws no route through a card on the 1,000-node bench design, the same way every time', () => {
    const design = generateDesign(1000, 1500, 1, { hostCount: 200 });
    const geometry = deploymentGeometry(design);
    expect(geometry.edges.length).toBeGreaterThan(3000);
    expect(geometryProblems(design, geometry).filter((p) => p.includes('crosses'))).toEqual([]);
    expect(deploymentGeometry(design).edges).toEqual(geometry.edges);
  }, 60_000);
});
