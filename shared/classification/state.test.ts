import { describe, expect, it } from 'vitest';
import { classifyDesign } from './classify';
import { makeCache, makeClient, makeDatabase, makeDocument, makeEdge, makeService, type NodeFields } from '../document/testing/builders';
import type { FindingRule } from './types';
import type { TopologyDocument } from '../document';

const findingsOf = (doc: TopologyDocument, rule: FindingRule) => classifyDesign(doc).findings.filter((f) => f.rule === rule);

const unit = (fields: NodeFields) =>
  makeDocument({ nodes: [makeClient('users'), makeService('web', { name: 'Web', ...fields }), makeCache('store', { on: ['h9'] })], edges: [makeEdge('users', 'web')] });

describe('local-session-cluster', () => {
  it('warns about local sessions on several servers, with the fix', () => {
    const found = findingsOf(unit({ on: ['h1', 'h2'], session: 'local' }), 'local-session-cluster');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.nodes).toEqual(['web']);
    expect(found[0]!.hosts).toEqual(['h1', 'h2']);
    expect(found[0]!.message).toMatch(/shared store.*sticky/);
  });

  it('is silent on one server, and for sticky, shared or no sessions', () => {
    expect(findingsOf(unit({ on: ['h1', 'h1'], session: 'local' }), 'local-session-cluster')).toEqual([]);
    expect(findingsOf(unit({ on: ['h1', 'h2'], session: 'sticky' }), 'local-session-cluster')).toEqual([]);
    expect(findingsOf(unit({ on: ['h1', 'h2'] }), 'local-session-cluster')).toEqual([]);
  });
});

describe('local-lock-cluster', () => {
  it('warns about an in-process lock in several instances', () => {
    const found = findingsOf(unit({ on: ['h1', 'h2'], lock: {} }), 'local-lock-cluster');
    expect(found.map((f) => [f.severity, f.nodes])).toEqual([['warning', ['web']]]);
    expect(found[0]!.message).toMatch(/double booking.*lock service/);
  });

  it('is silent for one instance and for a distributed lock', () => {
    expect(findingsOf(unit({ on: ['h1'], lock: { scope: 'local' } }), 'local-lock-cluster')).toEqual([]);
    expect(findingsOf(unit({ on: ['h1', 'h2'], lock: { scope: 'distributed' } }), 'local-lock-cluster')).toEqual([]);
  });
});

describe('shard-single-replica', () => {
  const sharded = (instances: number, shards: number) =>
    makeDocument({
      nodes: [makeClient('users'), makeService('web', { on: ['h1'] }), makeDatabase('db', { name: 'DB', on: Array.from({ length: instances }, (_, i) => `d${i}`), shards })],
      edges: [makeEdge('users', 'web'), makeEdge('web', 'db')],
    });

  it('warns when a shard has one replica, counting them', () => {
    expect(findingsOf(sharded(3, 3), 'shard-single-replica')[0]!.message).toMatch(/^DB has 3 shards on 3 instances: every shard has a single replica/);
    expect(findingsOf(sharded(4, 3), 'shard-single-replica')[0]!.message).toMatch(/2 of its shards have a single replica/);
  });

  it('is silent when every shard has two replicas, and without shards', () => {
    expect(findingsOf(sharded(6, 3), 'shard-single-replica')).toEqual([]);
    expect(findingsOf(sharded(1, 1), 'shard-single-replica')).toEqual([]);
  });
});
