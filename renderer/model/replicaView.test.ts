import { describe, expect, it } from 'vitest';
import type { TopologyNode } from '../../shared/document';
import { configuredLag, declaredRole, lagShare, liveExtras, roleBadge, sameExtras, samePartitions, transactionText } from './replicaView';

const instances = [{ host: 'a' }, { host: 'b' }, { host: 'c' }];
const leaderFollower: TopologyNode = { id: 'db', kind: 'database', name: 'DB', instances, replication: { mode: 'leader-follower', lagMs: 200 } };
const quorum: TopologyNode = { id: 'kv', kind: 'database', name: 'KV', instances, replication: { mode: 'quorum', w: 2, r: 1 } };
const plain: TopologyNode = { id: 'web', kind: 'service', name: 'Web', instances };

describe('replica roles on the cards', () => {
  it('a leader-follower node: instance 0 leads, the others follow; the snapshot moves the leader', () => {
    expect([0, 1, 2].map((i) => declaredRole(leaderFollower, i))).toEqual(['leader', 'follower', 'follower']);
    expect(roleBadge(leaderFollower, 0)?.text).toBe('♛ L');
    expect(roleBadge(leaderFollower, 1)?.text).toBe('F');
    expect(roleBadge(leaderFollower, 0, 'follower')?.text).toBe('F');
    expect(roleBadge(leaderFollower, 2, 'leader')?.text).toBe('♛ L');
    expect(roleBadge(leaderFollower, null)?.text).toBe('L + 2F');
  });

  it('a quorum shows its n/w/r, majority defaults filled in', () => {
    expect(declaredRole(quorum, 1)).toBe('replica');
    expect(roleBadge(quorum, 1)?.text).toBe('n/w/r 3/2/1');
    expect(roleBadge(quorum, 1)?.title).toContain('r + w ≤ n');
    expect(roleBadge({ ...quorum, replication: { mode: 'quorum' } }, null)?.text).toBe('n/w/r 3/2/2');
  });

  it('a node without replication has no role and no badge', () => {
    expect(declaredRole(plain, 0)).toBeNull();
    expect(roleBadge(plain, 0)).toBeNull();
    expect(configuredLag(plain)).toBeNull();
    expect(configuredLag(leaderFollower)).toBe(200);
    expect(configuredLag(quorum)).toBe(100);
  });
});

describe('lag gauge', () => {
  it('puts the configured lag at the middle and grows towards full under a partition', () => {
    expect(lagShare(0, 200)).toBe(0);
    expect(lagShare(200, 200)).toBe(0.5);
    expect(lagShare(600, 200)).toBe(0.75);
    expect(lagShare(20_000, 200)).toBeGreaterThan(0.99);
    expect(lagShare(20_000, 200)).toBeLessThan(1);
  });
});

describe('live extras', () => {
  const snapshot = { id: 'db', status: 'healthy' as const, utilization: 0, queueLength: 0, instances: [{ host: null, up: true, inRotation: true, busy: 0, queued: 0, role: 'leader' as const, lagMs: 0 }, { host: null, up: true, inRotation: true, busy: 0, queued: 0, role: 'follower' as const, lagMs: 101.6 }], replication: { leader: 0, electing: false } };

  it('takes roles, rounded lag, leader and election from a replicated node; nothing from others', () => {
    expect(liveExtras(snapshot)).toEqual({ leader: 0, electing: false, roles: ['leader', 'follower'], lagMs: [0, 102] });
    expect(liveExtras({ ...snapshot, replication: undefined, instances: [{ host: null, up: true, inRotation: true, busy: 0, queued: 0 }] })).toEqual({});
    expect(liveExtras({ ...snapshot, replication: undefined, transactions: { inDoubt: 3, inconsistent: 0 } })).toEqual({ inDoubt: 3, inconsistent: 0 });
  });

  it('counts lag moves of a few percent as the same, a leader change or an election as different', () => {
    const a = liveExtras(snapshot);
    expect(sameExtras(a, { ...a, lagMs: [1, 105] })).toBe(true);
    expect(sameExtras(a, { ...a, lagMs: [0, 130] })).toBe(false);
    expect(sameExtras(a, { ...a, leader: 1 })).toBe(false);
    expect(sameExtras(a, { ...a, electing: true })).toBe(false);
    expect(sameExtras(a, { ...a, roles: ['follower', 'leader'] })).toBe(false);
    expect(sameExtras({}, {})).toBe(true);
  });

  it('compares partitions side by side', () => {
    expect(samePartitions([[['a'], ['b', 'c']]], [[['a'], ['b', 'c']]])).toBe(true);
    expect(samePartitions([[['a'], ['b', 'c']]], [[['a', 'b'], ['c']]])).toBe(false);
    expect(samePartitions([], [[['a'], ['b']]])).toBe(false);
  });
});

describe('transaction coordinators', () => {
  const coordinator = (transaction: '2pc' | 'saga'): TopologyNode => ({ id: 'c', kind: 'service', name: 'Checkout', fanout: 'all', transaction });
  it('a 2PC coordinator counts participants in doubt, a saga its open windows', () => {
    expect(transactionText(coordinator('2pc'), { inDoubt: 2, inconsistent: 0 })).toBe('2 in doubt');
    expect(transactionText(coordinator('2pc'), { inDoubt: 0, inconsistent: 0 })).toBeNull();
    expect(transactionText(coordinator('saga'), { inDoubt: 0, inconsistent: 1 })).toBe('1 open window');
    expect(transactionText(coordinator('saga'), { inDoubt: 0, inconsistent: 3 })).toBe('3 open windows');
    expect(transactionText(plain, { inDoubt: 2 })).toBeNull();
  });
});
