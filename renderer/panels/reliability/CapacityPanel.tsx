/**
 * The Capacity view (SPEC §7): the bottleneck, and per node its visits, slot-holding time, slots,
 * utilization and the largest client rate it sustains, with a headroom bar. The load slider
 * (×0.25 … ×4 of every client's rate) moves the analytic utilization live; on release it runs one
 * seeded simulation at that load (a scaled copy of the design) and says whether the knee is passed.
 * "Run ramp" runs the whole ramp of `topo capacity --ramp` on the app's simulation workers and
 * lists served, failed share and p99 per multiple, the knee marked beside the analytic maximum.
 * While the panel is open the bottleneck is highlighted on the canvas.
 */
import { memo, useEffect } from 'react';
import { DEFAULTS, type TopologyDocument } from '../../../shared/document';
import { DEFAULT_RAMP_STEPS, KNEE_FAILED_SHARE, type CapacityReport, type NodeCapacity } from '../../../shared/reliability';
import { capacityRows, utilizationAt } from '../../model/reliabilityView';
import { useDocumentStore } from '../../store/documentStore';
import { LOAD_RANGE, reliabilityController, useReliabilityStore } from '../../store/reliabilityStore';
import { useUiStore } from '../../store/uiStore';
import { useHighlightButton } from '../highlight';

const BOTTLENECK_SOURCE = 'capacity:bottleneck';

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function headroomClass(utilization: number): string {
  return utilization >= 1 ? 'bad' : utilization >= 0.7 ? 'busy' : 'ok';
}

function NodeRow({ document, id, node, bottleneck, multiple }: { document: TopologyDocument; id: string; node: NodeCapacity; bottleneck: boolean; multiple: number }) {
  const name = document.nodes.find((n) => n.id === id)?.name ?? id;
  const { active, handlers } = useHighlightButton({ nodes: [id], hosts: [] }, `capacity:${id}`);
  const utilization = utilizationAt(node, multiple);
  const level = headroomClass(utilization);
  return (
    <tr className={`${bottleneck ? 'is-bottleneck' : ''}${active ? ' is-active' : ''}`} data-node={id}>
      <th scope="row">
        <button type="button" className="capacity__node" {...handlers}>
          {bottleneck && (
            <span className="capacity__mark" title="Bottleneck">
              <span aria-hidden="true">◆ </span>
              <span className="visually-hidden">Bottleneck: </span>
            </span>
          )}
          {name}
        </button>
      </th>
      <td>{fmt(node.visits, 2)}</td>
      <td>{fmt(node.holdingMs, 1)}</td>
      <td>{node.slots}</td>
      <td className="capacity__util" aria-label={`Utilization of ${name}`}>
        <span className={`headroom headroom--${level}`} aria-hidden="true">
          <span style={{ width: `${Math.min(100, utilization * 100)}%` }} />
        </span>
        <span className={`capacity__percent capacity__percent--${level}`}>
          {utilization >= 1 ? '✖ ' : ''}
          {fmt(utilization * 100, utilization < 0.1 ? 1 : 0)} %
        </span>
      </td>
      <td>{node.maxRate === null ? '∞' : fmt(node.maxRate, 0)}</td>
    </tr>
  );
}

/** Pins the bottleneck's highlight while the panel shows it, unless something else is pinned; lets go after. */
function useBottleneckHighlight(bottleneck: string | null) {
  useEffect(() => {
    if (bottleneck === null) return;
    const ui = useUiStore.getState;
    const pinned = ui().highlight;
    if (pinned === null || pinned.source === BOTTLENECK_SOURCE) ui().setHighlight({ nodes: [bottleneck], hosts: [], source: BOTTLENECK_SOURCE });
    return () => {
      if (ui().highlight?.source === BOTTLENECK_SOURCE) ui().setHighlight(null);
    };
  }, [bottleneck]);
}

function LoadSlider({ report, totalRate }: { report: CapacityReport; totalRate: number }) {
  const multiple = useReliabilityStore((s) => s.multiple);
  const load = useReliabilityStore((s) => s.load);
  const set = useReliabilityStore((s) => s.set);
  const run = () => void reliabilityController().runLoad(useReliabilityStore.getState().multiple);
  const pastAnalytic = report.maxMultiple !== null && multiple >= report.maxMultiple;
  const verdict = load?.verdict;
  return (
    <div className="capacity__load">
      <label className="capacity__slider">
        <span>
          Load <strong>×{multiple.toFixed(2)}</strong> <span className="muted">({fmt(totalRate * multiple, 0)} requests/s)</span>
        </span>
        <input
          type="range"
          aria-label="Load multiple"
          min={LOAD_RANGE.min}
          max={LOAD_RANGE.max}
          step={0.25}
          value={multiple}
          aria-valuetext={`×${multiple.toFixed(2)}`}
          onChange={(e) => set({ multiple: Number(e.target.value) })}
          onPointerUp={run}
          onKeyUp={(e) => (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key === 'PageUp' || e.key === 'PageDown') && run()}
        />
      </label>
      {pastAnalytic && <p className="capacity__warning">✖ Past the analytic maximum (×{report.maxMultiple!.toFixed(2)}): the bottleneck is saturated.</p>}
      <div className="capacity__run" role="status" aria-label="Simulated load">
        {!load ? (
          <span className="muted">Release the slider to simulate the design at that load.</span>
        ) : load.running ? (
          <span>Simulating at ×{load.multiple.toFixed(2)}…</span>
        ) : load.error ? (
          <span className="reliability__error">{load.error}</span>
        ) : verdict ? (
          <>
            <span>
              At ×{verdict.multiple.toFixed(2)}: served <strong>{fmt(verdict.served, 0)}</strong> of {fmt(verdict.offered, 0)} requests/s, failed{' '}
              <strong>{fmt(verdict.failedShare * 100, 2)} %</strong>, p99 <strong>{fmt(verdict.p99, 0)} ms</strong>
              {verdict.sloLatencyMs !== null && <span className="muted"> (objective {verdict.sloLatencyMs} ms)</span>}
            </span>
            <span className={`knee ${verdict.pastKnee ? 'knee--past' : 'knee--below'}`} data-knee={verdict.pastKnee ? 'past' : 'below'}>
              {verdict.pastKnee ? `✖ Past the knee: ${verdict.reason}` : '✔ Below the knee'}
            </span>
          </>
        ) : null}
      </div>
    </div>
  );
}

function RampSection({ report }: { report: CapacityReport }) {
  const ramp = useReliabilityStore((s) => s.ramp);
  const running = ramp !== null && ramp.report === null && ramp.error === null;
  const result = ramp?.report ?? null;
  const analytic = report.maxMultiple === null ? 'no analytic maximum' : `analytic maximum ×${report.maxMultiple.toFixed(2)}`;
  return (
    <div className="capacity__ramp" role="group" aria-label="Capacity ramp">
      <div className="capacity__ramp-bar">
        {running ? (
          <>
            <span role="status" aria-label="Ramp progress">
              Ramp: step {Math.min(ramp.done + 1, ramp.total)} of {ramp.total}…
            </span>
            <button type="button" className="button button--small" onClick={() => reliabilityController().cancelRamp()}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button--small" onClick={() => void reliabilityController().runRamp()} title="Simulate growing multiples of every client's rate, as topo capacity --ramp does">
              Run ramp
            </button>
            {!ramp && <span className="muted">{DEFAULT_RAMP_STEPS} multiples up to 1.5 × the analytic maximum.</span>}
          </>
        )}
      </div>
      {ramp?.error && <p className="reliability__error">{ramp.error}</p>}
      {result && ramp && (
        <>
          <p className="capacity__ramp-verdict" aria-label="Ramp knee">
            {result.knee === null ? (
              <span className="knee knee--below" data-knee="none">
                ✔ No knee
              </span>
            ) : (
              <span className="knee knee--past" data-knee={result.knee}>
                ◀ Knee at ×{result.knee.toFixed(2)}
              </span>
            )}{' '}
            <span className="muted">
              ({analytic}; seed {ramp.seed}, {ramp.durationS} s a step)
            </span>
          </p>
          <table className="capacity__table capacity__ramp-table" aria-label="Ramp by multiple">
            <thead>
              <tr>
                <th scope="col">Load</th>
                <th scope="col" title="Requests per second served">Served/s</th>
                <th scope="col" title="Failed ÷ finished requests">Failed</th>
                <th scope="col" title="p99 latency of the successful requests">p99</th>
                <th scope="col">
                  <span className="visually-hidden">Knee</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.ramp.map((step) => {
                const knee = step.multiple === result.knee;
                return (
                  <tr key={step.multiple} className={knee ? 'is-knee' : undefined} data-multiple={step.multiple}>
                    <th scope="row">×{step.multiple.toFixed(2)}</th>
                    <td>{fmt(step.served, 0)}</td>
                    <td className={step.failedShare > KNEE_FAILED_SHARE ? 'capacity__percent--bad' : undefined}>{fmt(step.failedShare * 100, 2)} %</td>
                    <td className={step.latencySloMet === false ? 'capacity__percent--bad' : undefined}>{fmt(step.p99, 0)} ms</td>
                    <td>{knee ? <span className="knee knee--past">◀ knee</span> : step.partial ? <span className="muted">partial</span> : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function CapacityPanelImpl() {
  const document = useDocumentStore((s) => s.document);
  const result = useReliabilityStore((s) => s.result);
  const resultDocument = useReliabilityStore((s) => s.resultDocument);
  const computing = useReliabilityStore((s) => s.computing);
  const error = useReliabilityStore((s) => s.error);
  const multiple = useReliabilityStore((s) => s.multiple);
  const report = result?.capacity;
  useBottleneckHighlight(report?.bottleneck ?? null);
  const hasClient = document.nodes.some((n) => n.kind === 'client');
  const shown = resultDocument ?? document;
  const bottleneckName = report?.bottleneck ? (shown.nodes.find((n) => n.id === report.bottleneck)?.name ?? report.bottleneck) : null;
  const totalRate = shown.nodes.reduce((sum, n) => sum + (n.kind === 'client' ? (n.rate ?? DEFAULTS.rate) : 0), 0);
  return (
    <section className={`reliability${computing ? ' is-computing' : ''}`} role="region" aria-label="Capacity" aria-busy={computing}>
      <header className="reliability__header">
        <h2 className="panel-title">Capacity</h2>
        <span className="reliability__status" role="status">
          {computing ? 'computing…' : ''}
        </span>
      </header>
      {error && (
        <p className="reliability__error" role="alert">
          {error}
        </p>
      )}
      {!hasClient ? (
        <p className="reliability__empty">No client in this design: add a Client with a rate to see where the design saturates.</p>
      ) : !report ? (
        <p className="muted">{computing ? 'Working out the capacity…' : ''}</p>
      ) : (
        <>
          <p className="capacity__bottleneck" aria-label="Bottleneck">
            {bottleneckName === null ? (
              'No bottleneck: nothing on the way of a request saturates.'
            ) : (
              <>
                Bottleneck: <strong>{bottleneckName}</strong>, saturating at {fmt(report.maxRate!, 0)} requests/s
                {report.maxMultiple !== null && <> (×{report.maxMultiple.toFixed(2)} the design's load)</>}
              </>
            )}
          </p>
          <LoadSlider report={report} totalRate={totalRate} />
          <RampSection report={report} />
          <div className="capacity__table-wrap">
            <table className="capacity__table" aria-label="Capacity by node">
              <thead>
                <tr>
                  <th scope="col">Node</th>
                  <th scope="col" title="Calls per client request">Visits</th>
                  <th scope="col" title="Time a call holds a slot, ms">Hold</th>
                  <th scope="col" title="Instances × concurrency">Slots</th>
                  <th scope="col" title={`Utilization at ×${multiple.toFixed(2)} the design's load`}>Util.</th>
                  <th scope="col" title="Client requests per second at which the node saturates">Max/s</th>
                </tr>
              </thead>
              <tbody>
                {capacityRows(report).map(({ id, node }) => (
                  <NodeRow key={id} document={shown} id={id} node={node} bottleneck={id === report.bottleneck} multiple={multiple} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export const CapacityPanel = memo(CapacityPanelImpl);
