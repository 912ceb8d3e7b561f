/** Inspector for one edge: call options of SPEC §2. */
import { DEFAULTS, REPLICATION_DEFAULTS, circuitBreakerSchema, edgeSchema, resolveEdge, resolveReplication, type TopologyEdge } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { deleteSelection, editEdge } from '../store/actions';
import { CheckboxField, NumberField, SelectField } from './fields';

const shape = edgeSchema.shape;

export function EdgeInspector({ edge }: { edge: TopologyEdge }) {
  const nodes = useDocumentStore((s) => s.document.nodes);
  const from = nodes.find((n) => n.id === edge.from);
  const to = nodes.find((n) => n.id === edge.to);
  const set = (patch: Partial<TopologyEdge>) => editEdge(edge.id, patch);
  const resolved = resolveEdge(edge, to?.kind);
  const breaker = edge.circuitBreaker;
  return (
    <section className="inspector__section" aria-label={`Edge ${from?.name ?? edge.from} to ${to?.name ?? edge.to}`}>
      <h3 className="inspector__heading">
        {from?.name ?? edge.from} → {to?.name ?? edge.to}
      </h3>
      <NumberField label="Weight" value={edge.weight} placeholder={String(DEFAULTS.edgeWeight)} schema={shape.weight} onCommit={(weight) => set({ weight })} hint="Share of calls when the caller picks one edge" />
      <NumberField label="Probability" value={edge.probability} placeholder="1" schema={shape.probability} onCommit={(probability) => set({ probability })} hint="0..1, chance of the call when the caller calls all edges" />
      <NumberField label="Timeout" unit="ms" value={edge.timeoutMs} placeholder="none" schema={shape.timeoutMs} onCommit={(timeoutMs) => set({ timeoutMs })} />
      <NumberField label="Retries" value={edge.retries} placeholder="0" schema={shape.retries} onCommit={(retries) => set({ retries })} hint="A retry goes to another instance where there is one" />
      <NumberField label="Retry backoff" unit="ms" value={edge.retryBackoffMs} placeholder="0" schema={shape.retryBackoffMs} onCommit={(retryBackoffMs) => set({ retryBackoffMs })} />
      <CheckboxField label="Optional (a failure does not fail the caller)" checked={edge.optional === true} onCommit={(optional) => set({ optional: optional || undefined })} />
      <SelectField
        label="Call mode"
        value={edge.async === undefined ? undefined : edge.async ? 'async' : 'sync'}
        defaultLabel={`default (${resolved.async ? 'async' : 'sync'})`}
        options={[
          { value: 'sync', label: 'sync (caller waits)' },
          { value: 'async', label: 'async (fire and forget)' },
        ]}
        onCommit={(mode) => set({ async: mode === undefined ? undefined : mode === 'async' })}
      />
      <SelectField
        label="Purpose"
        value={edge.purpose}
        defaultLabel="the caller's own work"
        options={[
          { value: 'session' as const, label: 'session store (session: shared)' },
          { value: 'lock' as const, label: 'lock service (distributed lock)' },
        ]}
        onCommit={(purpose) => set({ purpose })}
        hint="Called once per request besides the caller's own calls"
      />
      {((to && resolveReplication(to)) || edge.writeRatio !== undefined) && (
        <NumberField label="Write ratio" value={edge.writeRatio} placeholder={String(REPLICATION_DEFAULTS.writeRatio)} schema={shape.writeRatio} onCommit={(writeRatio) => set({ writeRatio })} hint="0..1, share of the calls into the replicated store that are writes" />
      )}
      <CheckboxField
        label="Circuit breaker"
        checked={breaker !== undefined}
        onCommit={(on) => set({ circuitBreaker: on ? { ...DEFAULTS.circuitBreaker } : undefined })}
      />
      {breaker && (
        <fieldset className="inspector__group">
          <legend>Circuit breaker</legend>
          <NumberField label="Failure rate" value={breaker.failureRate} schema={circuitBreakerSchema.shape.failureRate} required onCommit={(v) => v !== undefined && set({ circuitBreaker: { ...breaker, failureRate: v } })} hint="Opens when this share of the window failed" />
          <NumberField label="Window" unit="calls" value={breaker.window} schema={circuitBreakerSchema.shape.window} required onCommit={(v) => v !== undefined && set({ circuitBreaker: { ...breaker, window: v } })} />
          <NumberField label="Open for" unit="ms" value={breaker.openMs} schema={circuitBreakerSchema.shape.openMs} required onCommit={(v) => v !== undefined && set({ circuitBreaker: { ...breaker, openMs: v } })} />
        </fieldset>
      )}
      <button type="button" className="button button--danger" onClick={deleteSelection}>
        Delete edge
      </button>
    </section>
  );
}
