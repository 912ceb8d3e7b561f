/** Inspector for one node: every field of SPEC §2 that applies to its kind. */
import {
  BALANCERS,
  CALL_MODES,
  DEFAULT_LATENCY_MS,
  DEFAULTS,
  FANOUTS,
  KIND_LABELS,
  LATENCY_DISTRIBUTIONS,
  LOCK_SCOPES,
  NODE_KINDS,
  PARTITION_CHOICES,
  READ_FROMS,
  REPLICATION_DEFAULTS,
  REPLICATION_MODES,
  REPLICATION_SYNCS,
  SESSION_MODES,
  STATE_DEFAULTS,
  TRANSACTION_MODES,
  defaultFanout,
  fieldApplies,
  healthCheckSchema,
  instanceSchema,
  isDeployable,
  lockSchema,
  nodeSchema,
  replicationSchema,
  resolveReplication,
  type Instance,
  type Lock,
  type Replication,
  type TopologyNode,
} from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { deleteSelection, editNode, removeNodeInstance } from '../store/actions';
import { NumberField, SelectField, TextField } from './fields';
import { failAt } from './simulation/failAt';
import { CallsField } from './CallsField';

const shape = nodeSchema.shape;
const leaderShape = replicationSchema.options[0].shape;
const quorumShape = replicationSchema.options[1].shape;
const options = <T extends string>(values: readonly T[]) => values.map((v) => ({ value: v, label: v }));

export function NodeInspector({ node }: { node: TopologyNode }) {
  const hosts = useDocumentStore((s) => s.document.hosts);
  const allNames = useDocumentStore((s) => s.document.nodes);
  const set = (patch: Partial<TopologyNode>) => editNode(node.id, patch);
  const applies = (field: string) => fieldApplies(field, node.kind);
  const instances: Instance[] = node.instances ?? [{}];
  const setInstances = (next: Instance[]) => set({ instances: next });
  return (
    <section className="inspector__section" aria-label={`Node ${node.name}`}>
      <h3 className="inspector__heading">{KIND_LABELS[node.kind]}</h3>
      <TextField
        label="Name"
        value={node.name}
        validate={(text) => (text.trim() === '' ? 'must not be empty' : allNames.some((n) => n.id !== node.id && n.name === text) ? 'is used by another node' : null)}
        onCommit={(name) => set({ name })}
      />
      <TextField label="Id" value={node.id} readOnly onCommit={() => undefined} hint="Used in the file and the CLI" />
      <SelectField
        label="Kind"
        value={node.kind}
        options={NODE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        onCommit={(kind) => kind && set({ kind })}
        commitOnBlur
        hint="Applies when you leave the field: a new kind drops the fields it does not have"
      />
      {applies('rate') && (
        <NumberField label="Rate" unit="req/s" value={node.rate} placeholder={String(DEFAULTS.rate)} schema={shape.rate} onCommit={(rate) => set({ rate })} />
      )}
      {applies('users') && (
        <NumberField label="Users" value={node.users} placeholder={String(STATE_DEFAULTS.users)} schema={shape.users} onCommit={(users) => set({ users })} hint="Distinct users behind the requests; each request carries one" />
      )}
      {isDeployable(node.kind) && (
        <fieldset className="inspector__group">
          <legend>Instances</legend>
          <ol className="instance-list">
            {instances.map((instance, i) => (
              <li key={i} className="instance-row">
                <SelectField
                  label={`Instance ${i + 1} host`}
                  value={instance.host}
                  defaultLabel="(unplaced)"
                  options={hosts.map((h) => ({ value: h.id, label: h.name }))}
                  onCommit={(host) => setInstances(instances.map((x, j) => (j === i ? withHost(x, host) : x)))}
                />
                {node.balancer === 'weighted' && (
                  <NumberField
                    label="Weight"
                    value={instance.weight}
                    placeholder="1"
                    schema={instanceSchema.shape.weight}
                    onCommit={(weight) => setInstances(instances.map((x, j) => (j === i ? withWeight(x, weight) : x)))}
                  />
                )}
                <button
                  type="button"
                  className="button button--small"
                  disabled={instances.length <= 1}
                  aria-label={`Remove instance ${i + 1}`}
                  onClick={() => removeNodeInstance(node.id, i)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              // A new instance goes to the first host this node does not use yet: that is what scaling out means.
              const used = new Set(instances.map((x) => x.host));
              const free = hosts.find((h) => !used.has(h.id));
              setInstances([...instances, free ? { host: free.id } : {}]);
            }}
          >
            Add instance
          </button>
        </fieldset>
      )}
      {applies('capabilities') && (
        <TextField
          label="Capabilities"
          value={node.capabilities?.join(', ')}
          placeholder={node.layer ? '' : `(implicit: ${node.name})`}
          hint="Business capabilities it owns, comma-separated"
          onCommit={(text) => {
            const list = text.split(',').map((s) => s.trim()).filter(Boolean);
            set({ capabilities: list.length > 0 ? list : undefined });
          }}
        />
      )}
      {applies('layer') && (
        <TextField label="Layer" value={node.layer} placeholder="e.g. web, logic, data-access" hint="A technical layer instead of capabilities" onCommit={(layer) => set({ layer: layer.trim() || undefined })} />
      )}
      {applies('balancer') && (
        <SelectField label="Balancer" value={node.balancer} defaultLabel={`default (${DEFAULTS.balancer})`} options={options(BALANCERS)} onCommit={(balancer) => set({ balancer })} />
      )}
      {applies('latencyMs') && (
        <NumberField label="Latency" unit="ms" value={node.latencyMs} placeholder={String(DEFAULT_LATENCY_MS[node.kind])} schema={shape.latencyMs} onCommit={(latencyMs) => set({ latencyMs })} hint="Mean service time of one request" />
      )}
      {applies('latency') && (
        <SelectField label="Latency distribution" value={node.latency} defaultLabel={`default (${DEFAULTS.latency})`} options={options(LATENCY_DISTRIBUTIONS)} onCommit={(latency) => set({ latency })} />
      )}
      {applies('concurrency') && (
        <NumberField label="Concurrency" value={node.concurrency} placeholder={String(DEFAULTS.concurrency)} schema={shape.concurrency} onCommit={(concurrency) => set({ concurrency })} hint="Requests one instance serves at once" />
      )}
      {applies('queueLimit') && (
        <NumberField label="Queue limit" value={node.queueLimit} placeholder={String(DEFAULTS.queueLimit)} schema={shape.queueLimit} onCommit={(queueLimit) => set({ queueLimit })} />
      )}
      {applies('errorRate') && (
        <NumberField label="Error rate" value={node.errorRate} placeholder="0" schema={shape.errorRate} onCommit={(errorRate) => set({ errorRate })} hint="0..1, share of requests failing on their own" />
      )}
      {applies('rateLimit') && (
        <NumberField label="Rate limit" unit="req/s" value={node.rateLimit} placeholder="none" schema={shape.rateLimit} onCommit={(rateLimit) => set({ rateLimit })} />
      )}
      {applies('hitRate') && (
        <NumberField label="Hit rate" value={node.hitRate} placeholder={String(DEFAULTS.hitRate)} schema={shape.hitRate} onCommit={(hitRate) => set({ hitRate })} hint="0..1, answered without calling downstream" />
      )}
      {applies('keys') && (
        <NumberField label="Data keys" value={node.keys} placeholder={String(STATE_DEFAULTS.keys)} schema={shape.keys} onCommit={(keys) => set({ keys })} hint="Each call carries one key; shards and consistent hashing route by it" />
      )}
      {applies('shards') && (
        <NumberField
          label="Shards"
          value={node.shards}
          placeholder="1"
          schema={shape.shards.unwrap().refine((n) => n <= instances.length, { error: `must be ≤ ${instances.length}, the number of instances` })}
          onCommit={(shards) => set({ shards })}
          hint="Instance i serves shard i mod shards"
        />
      )}
      {applies('replication') && <ReplicationFields node={node} set={set} />}
      {applies('session') && (
        <SelectField
          label="Sessions"
          value={node.session}
          defaultLabel={`default (${STATE_DEFAULTS.session})`}
          options={options(SESSION_MODES)}
          onCommit={(session) => set({ session })}
          hint={node.session === 'shared' ? 'Needs one edge with purpose "session" to a cache or database' : 'local: in each instance; sticky: the balancer pins each user'}
        />
      )}
      {applies('lock') && (
        <>
          <SelectField
            label="Lock"
            value={node.lock === undefined ? undefined : (node.lock.scope ?? STATE_DEFAULTS.lock.scope)}
            defaultLabel="none"
            options={options(LOCK_SCOPES)}
            onCommit={(scope) => set({ lock: scope === undefined ? undefined : { ...node.lock, scope } })}
            hint={node.lock?.scope === 'distributed' ? 'Needs one edge with purpose "lock" to a cache or database' : 'Each request holds one lock key for its hold time'}
          />
          {node.lock && (
            <fieldset className="inspector__group">
              <legend>Lock</legend>
              <NumberField label="Lock keys" value={node.lock.keys} placeholder={String(STATE_DEFAULTS.lock.keys)} schema={lockSchema.shape.keys} onCommit={(keys) => set({ lock: lockWith(node.lock!, { keys }) })} />
              <NumberField label="Hold" unit="ms" value={node.lock.holdMs} placeholder={String(STATE_DEFAULTS.lock.holdMs)} schema={lockSchema.shape.holdMs} onCommit={(holdMs) => set({ lock: lockWith(node.lock!, { holdMs }) })} />
              <NumberField label="Lease" unit="ms" value={node.lock.leaseMs} placeholder={String(STATE_DEFAULTS.lock.leaseMs)} schema={lockSchema.shape.leaseMs} onCommit={(leaseMs) => set({ lock: lockWith(node.lock!, { leaseMs }) })} hint="How long a crashed holder keeps a distributed lock" />
            </fieldset>
          )}
        </>
      )}
      <CallsField node={node} />
      <SelectField label="Fan-out" value={node.fanout} defaultLabel={`default (${defaultFanout(node.kind)})`} options={options(FANOUTS)} onCommit={(fanout) => set({ fanout })} hint="one: pick one outgoing edge by weight; all: call every edge" />
      <SelectField
        label="Transaction"
        value={node.transaction}
        defaultLabel="none"
        options={TRANSACTION_MODES.map((value) => ({ value, label: value === '2pc' ? '2pc (prepare, then commit)' : 'saga (steps, compensations)' }))}
        onCommit={(transaction) => set({ transaction })}
        hint="With fan-out all: the calls, in edge order, are one business transaction"
      />
      <SelectField label="Calls" value={node.calls} defaultLabel={`default (${DEFAULTS.calls})`} options={options(CALL_MODES)} onCommit={(calls) => set({ calls })} />
      {applies('healthCheck') && (
        <fieldset className="inspector__group">
          <legend>Health check</legend>
          <NumberField
            label="Interval"
            unit="ms"
            value={node.healthCheck?.intervalMs}
            placeholder={String(DEFAULTS.healthCheck.intervalMs)}
            schema={healthCheckSchema.shape.intervalMs}
            onCommit={(intervalMs) => set({ healthCheck: healthCheck(node, { intervalMs }) })}
          />
          <NumberField
            label="Failures"
            value={node.healthCheck?.failures}
            placeholder={String(DEFAULTS.healthCheck.failures)}
            schema={healthCheckSchema.shape.failures}
            onCommit={(failures) => set({ healthCheck: healthCheck(node, { failures }) })}
            hint="Failed checks before an instance leaves balancing"
          />
        </fieldset>
      )}
      <div className="inspector__actions">
        {isDeployable(node.kind) && (
          <button type="button" className="button" onClick={() => failAt('node', node.id, node.name)} title="Add a node-down fault to the current scenario">
            Fail at…
          </button>
        )}
        <button type="button" className="button button--danger" onClick={deleteSelection}>
          Delete node
        </button>
      </div>
    </section>
  );
}

function withHost(instance: Instance, host: string | undefined): Instance {
  const { host: _old, ...rest } = instance;
  return host ? { ...rest, host } : rest;
}

function withWeight(instance: Instance, weight: number | undefined): Instance {
  const { weight: _old, ...rest } = instance;
  return weight === undefined ? rest : { ...rest, weight };
}

function healthCheck(node: TopologyNode, patch: { intervalMs?: number | undefined; failures?: number | undefined }) {
  const current = { ...DEFAULTS.healthCheck, ...node.healthCheck };
  const next = {
    intervalMs: 'intervalMs' in patch ? (patch.intervalMs ?? DEFAULTS.healthCheck.intervalMs) : current.intervalMs,
    failures: 'failures' in patch ? (patch.failures ?? DEFAULTS.healthCheck.failures) : current.failures,
  };
  return next.intervalMs === DEFAULTS.healthCheck.intervalMs && next.failures === DEFAULTS.healthCheck.failures ? undefined : next;
}

/** A database's or cache's replication: the mode, then the fields of that mode (SPEC §8). */
function ReplicationFields({ node, set }: { node: TopologyNode; set: (patch: Partial<TopologyNode>) => void }) {
  const replication = node.replication;
  const resolved = resolveReplication(node);
  const patch = (next: Record<string, unknown>) => set({ replication: replicationWith(replication!, next) });
  return (
    <>
      <SelectField
        label="Replication"
        value={replication?.mode}
        defaultLabel="none"
        options={options(REPLICATION_MODES)}
        onCommit={(mode) => set({ replication: mode === undefined ? undefined : replicationWith({ mode } as Replication, { lagMs: replication?.lagMs, onPartition: replication?.onPartition }) })}
        hint="The instances are replicas of the data; the findings read it, the simulation does not yet"
      />
      {replication?.mode === 'leader-follower' && resolved?.mode === 'leader-follower' && (
        <fieldset className="inspector__group">
          <legend>Leader-follower</legend>
          <SelectField label="Sync" value={replication.sync} defaultLabel={`default (${REPLICATION_DEFAULTS.sync})`} options={options(REPLICATION_SYNCS)} onCommit={(sync) => patch({ sync })} hint="When the leader acknowledges: after itself, one follower, all" />
          <SelectField label="Read from" value={replication.readFrom} defaultLabel={`default (${REPLICATION_DEFAULTS.readFrom})`} options={options(READ_FROMS)} onCommit={(readFrom) => patch({ readFrom })} />
          <NumberField label="Lag" unit="ms" value={replication.lagMs} placeholder={String(REPLICATION_DEFAULTS.lagMs)} schema={leaderShape.lagMs} onCommit={(lagMs) => patch({ lagMs })} hint="How long after the leader a follower applies a write" />
          <NumberField label="Election" unit="ms" value={replication.electionMs} placeholder={String(REPLICATION_DEFAULTS.electionMs)} schema={leaderShape.electionMs} onCommit={(electionMs) => patch({ electionMs })} />
          <SelectField label="On partition" value={replication.onPartition} defaultLabel={`default (${REPLICATION_DEFAULTS.onPartition})`} options={options(PARTITION_CHOICES)} onCommit={(onPartition) => patch({ onPartition })} />
        </fieldset>
      )}
      {replication?.mode === 'quorum' && resolved?.mode === 'quorum' && (
        <fieldset className="inspector__group">
          <legend>Quorum</legend>
          <NumberField label="Replicas (n)" value={replication.n} placeholder={String(resolved.replicas)} schema={quorumShape.n.unwrap().refine((n) => n <= resolved.replicas, { error: `must be ≤ ${resolved.replicas}, the number of instances` })} onCommit={(n) => patch({ n })} />
          <NumberField label="Write acks (w)" value={replication.w} placeholder={String(resolved.w)} schema={quorumShape.w.unwrap().refine((w) => w <= resolved.n, { error: `must be ≤ ${resolved.n}, n` })} onCommit={(w) => patch({ w })} />
          <NumberField label="Read replicas (r)" value={replication.r} placeholder={String(resolved.r)} schema={quorumShape.r.unwrap().refine((r) => r <= resolved.n, { error: `must be ≤ ${resolved.n}, n` })} onCommit={(r) => patch({ r })} hint={`r + w = ${resolved.r + resolved.w} ${resolved.r + resolved.w > resolved.n ? '>' : '≤'} n = ${resolved.n}${resolved.r + resolved.w > resolved.n ? ': every read meets the latest write' : ': reads can be stale'}`} />
          <NumberField label="Lag" unit="ms" value={replication.lagMs} placeholder={String(REPLICATION_DEFAULTS.lagMs)} schema={quorumShape.lagMs} onCommit={(lagMs) => patch({ lagMs })} />
          <SelectField label="On partition" value={replication.onPartition} defaultLabel={`default (${REPLICATION_DEFAULTS.onPartition})`} options={options(PARTITION_CHOICES)} onCommit={(onPartition) => patch({ onPartition })} />
        </fieldset>
      )}
    </>
  );
}

/** The replication with `patch` applied; a field given as undefined goes back to its default. */
function replicationWith(replication: Replication, patch: Record<string, unknown>): Replication {
  const next: Record<string, unknown> = { ...replication, ...patch };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next as Replication;
}

/** The lock with `patch` applied; a field given as undefined goes back to its default. */
function lockWith(lock: Lock, patch: Partial<Lock>): Lock {
  const next: Record<string, unknown> = { ...lock, ...patch };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next as Lock;
}
