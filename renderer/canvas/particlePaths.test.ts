import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import { pathIndexFor, pathsBetween, pointOnPath } from './particlePaths';

const route = (edgeId: string, from: string, to: string, points: { x: number; y: number }[]): Edge => ({
  id: `${edgeId}|${to}`,
  source: from,
  target: to,
  data: { edge: { id: edgeId, from: from.split('#')[0], to: to.split('#')[0] }, route: { edgeId, fromKey: from, toKey: to, points, label: points[0] } },
});

describe('particle paths', () => {
  it('group the routes of a call by caller and callee node: one path per instance reached', () => {
    const paths = pathsBetween([
      route('e1', 'gw', 'orders#0', [{ x: 0, y: 0 }, { x: 100, y: 0 }]),
      route('e1', 'gw', 'orders#1', [{ x: 0, y: 0 }, { x: 0, y: 50 }, { x: 100, y: 50 }]),
      route('e2', 'orders#0', 'db', [{ x: 0, y: 0 }]),
    ]);
    expect(paths.get('gw\u0000orders')).toHaveLength(2);
    expect(paths.has('orders\u0000db')).toBe(false);
  });

  it('find the point at a fraction of the way by length', () => {
    const [path] = pathsBetween([route('e1', 'a', 'b', [{ x: 0, y: 0 }, { x: 0, y: 50 }, { x: 150, y: 50 }])]).get('a\u0000b')!;
    const out = { x: 0, y: 0 };
    pointOnPath(path!, 0.5, out);
    expect(out).toEqual({ x: 50, y: 50 });
    pointOnPath(path!, 0, out);
    expect(out).toEqual({ x: 0, y: 0 });
    pointOnPath(path!, 1, out);
    expect(out).toEqual({ x: 150, y: 50 });
  });

  it('send a particle the engine placed on an instance to that instance card, others in rotation', () => {
    const choices = pathsBetween([
      route('e1', 'gw', 'db#0', [{ x: 0, y: 0 }, { x: 100, y: 0 }]),
      route('e1', 'gw', 'db#2', [{ x: 0, y: 0 }, { x: 100, y: 90 }]),
      route('e1', 'gw', 'db#1', [{ x: 0, y: 0 }, { x: 100, y: 50 }]),
    ]).get('gw\u0000db')!;
    expect(choices.map((c) => c.instance)).toEqual([0, 2, 1]);
    expect(pathIndexFor(choices, 1, 0)).toBe(2);
    expect(pathIndexFor(choices, 2, 0)).toBe(1);
    // No instance named, or one without a card of its own (collapsed): the rotation by start time.
    expect(pathIndexFor(choices, -1, 7.4)).toBe(1);
    expect(pathIndexFor(choices, 5, 7.4)).toBe(1);
    // A card for the whole node (the logical view) stands for every instance.
    const whole = pathsBetween([route('e1', 'gw', 'db', [{ x: 0, y: 0 }, { x: 100, y: 0 }])]).get('gw\u0000db')!;
    expect(whole[0]!.instance).toBe(-1);
    expect(pathIndexFor(whole, 1, 3)).toBe(0);
  });
});
