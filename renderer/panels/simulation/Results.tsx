/**
 * Run results: live totals, "Compare with baseline" side by side with deltas, and the failure
 * sweep worst-first (selecting a row highlights its target; single points of failure marked).
 */
import { FAILURE_CAUSES } from '../../../shared/document';
import type { ClientSloResult, SimulationReport, SweepRun } from '../../../shared/simulation/types';
import { useSimulationStore } from '../../store/simulationStore';
import { useDocumentStore } from '../../store/documentStore';
import { useUiStore } from '../../store/uiStore';
import { simulation } from '../../store/simulationController';

/** A single loss that drops availability below this is a single point of failure. */
export const SPOF_AVAILABILITY = 0.95;

/** An availability; null (no request finished) reads "–", never 100 %. */
const percent = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(x >= 0.9995 || x === 0 ? 1 : 2)}%`);
/** Below SPOF_AVAILABILITY, or no request finished at all. */
const isLow = (x: number | null) => x === null || x < SPOF_AVAILABILITY;
const signed = (x: number, digits = 1) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(digits)}`;

export function Totals() {
  const totals = useSimulationStore((s) => s.totals);
  if (!totals) return <p className="totals totals--empty muted small">Press Play to run the design; pick a scenario to break something on purpose.</p>;
  const availability = totals.total === 0 ? null : totals.ok / totals.total;
  return (
    <dl className="totals" aria-label="Totals">
      <div>
        <dt>Availability</dt>
        <dd className={availability === null ? 'muted' : availability < 0.99 ? 'is-bad' : 'is-ok'} title={availability === null ? 'no request finished yet' : undefined}>
          {percent(availability)}
        </dd>
      </div>
      <div>
        <dt>Requests</dt>
        <dd>
          {totals.ok.toLocaleString()} ok · <span className={totals.failed > 0 ? 'is-bad' : ''}>{totals.failed.toLocaleString()} failed</span>
        </dd>
      </div>
      <div>
        <dt>Latency</dt>
        <dd>
          p50 {totals.p50.toFixed(0)} ms · p99 {totals.p99.toFixed(0)} ms
        </dd>
      </div>
      {totals.failed > 0 && (
        <div>
          <dt>Failures</dt>
          <dd>
            {FAILURE_CAUSES.filter((c) => totals.failures[c] > 0)
              .map((c) => `${c} ${totals.failures[c].toLocaleString()}`)
              .join(' · ')}
          </dd>
        </div>
      )}
    </dl>
  );
}

function CompareRow<T extends number | null>({ label, baseline, scenario, format, delta, worseWhen }: { label: string; baseline: T; scenario: T; format(x: T): string; delta: string; worseWhen: 'lower' | 'higher' }) {
  // A side without a number (no request finished) is worse than any number.
  const worse = scenario === null ? baseline !== null : baseline === null ? false : worseWhen === 'lower' ? scenario < baseline : scenario > baseline;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{format(baseline)}</td>
      <td>{format(scenario)}</td>
      <td className={baseline === scenario ? '' : worse ? 'is-bad' : 'is-ok'}>{delta}</td>
    </tr>
  );
}

export function Compare() {
  const compare = useSimulationStore((s) => s.compare);
  const comparing = useSimulationStore((s) => s.comparing);
  const scenarioId = useSimulationStore((s) => s.options.scenarioId);
  return (
    <div className="results__block">
      <button type="button" className="button button--small" onClick={() => void simulation.compare()} disabled={!scenarioId || comparing} title={scenarioId ? '' : 'Pick a scenario first'}>
        {comparing ? 'Comparing…' : 'Compare with baseline'}
      </button>
      {compare && <CompareTable baseline={compare.baseline} scenario={compare.scenario} name={compare.scenarioName} />}
    </div>
  );
}

function CompareTable({ baseline, scenario, name }: { baseline: SimulationReport; scenario: SimulationReport; name: string }) {
  return (
    <table className="compare" aria-label="Comparison with baseline">
      <thead>
        <tr>
          <th />
          <th scope="col">Baseline</th>
          <th scope="col">{name}</th>
          <th scope="col">Δ</th>
        </tr>
      </thead>
      <tbody>
        <CompareRow label="Availability" baseline={baseline.availability} scenario={scenario.availability} format={percent} delta={scenario.availability === null || baseline.availability === null ? '–' : `${signed((scenario.availability - baseline.availability) * 100, 2)} pt`} worseWhen="lower" />
        <CompareRow label="Throughput" baseline={baseline.throughput.served} scenario={scenario.throughput.served} format={(x) => `${x.toFixed(1)}/s`} delta={`${signed(scenario.throughput.served - baseline.throughput.served)}/s`} worseWhen="lower" />
        <CompareRow label="p50 latency" baseline={baseline.latencyMs.p50} scenario={scenario.latencyMs.p50} format={(x) => `${x.toFixed(0)} ms`} delta={`${signed(scenario.latencyMs.p50 - baseline.latencyMs.p50, 0)} ms`} worseWhen="higher" />
        <CompareRow label="p99 latency" baseline={baseline.latencyMs.p99} scenario={scenario.latencyMs.p99} format={(x) => `${x.toFixed(0)} ms`} delta={`${signed(scenario.latencyMs.p99 - baseline.latencyMs.p99, 0)} ms`} worseWhen="higher" />
        <CompareRow label="Failed" baseline={baseline.requests.failed} scenario={scenario.requests.failed} format={(x) => x.toLocaleString()} delta={signed(scenario.requests.failed - baseline.requests.failed, 0)} worseWhen="higher" />
        {Object.entries(scenario.clients ?? {}).map(([id, client]) => (client.slo ? <SloCompareRow key={id} id={id} baseline={baseline.clients?.[id]?.slo} scenario={client.slo} /> : null))}
      </tbody>
    </table>
  );
}

const sloText = (slo: ClientSloResult | undefined) =>
  slo === undefined ? '–' : `${slo.met === null ? 'unknown' : slo.met ? 'met' : 'missed'}${slo.budgetBurned === null ? '' : ` · ${(slo.budgetBurned * 100).toFixed(2)}% budget`}`;

/** A client's SLO in both runs: met or missed, and the error budget each burned. */
function SloCompareRow({ id, baseline, scenario }: { id: string; baseline: ClientSloResult | undefined; scenario: ClientSloResult }) {
  const name = useDocumentStore((s) => s.document.nodes.find((n) => n.id === id)?.name ?? id);
  const burned = scenario.budgetBurned !== null && baseline?.budgetBurned != null ? scenario.budgetBurned - baseline.budgetBurned : null;
  const worse = (scenario.met === false && baseline?.met !== false) || (burned !== null && burned > 0);
  return (
    <tr data-testid={`compare-slo-${id}`}>
      <th scope="row">SLO {name}</th>
      <td>{sloText(baseline)}</td>
      <td className={scenario.met === false ? 'is-bad' : scenario.met ? 'is-ok' : ''}>{sloText(scenario)}</td>
      <td className={burned === 0 ? '' : worse ? 'is-bad' : 'is-ok'}>{burned === null ? '–' : `${signed(burned * 100, 2)} pt budget`}</td>
    </tr>
  );
}

/**
 * A single point of failure is one server or one process whose loss alone takes availability
 * below SPOF_AVAILABILITY. Stopping every instance of a replicated node is a whole service down,
 * not a single point: those rows show their numbers without the mark.
 */
function isSinglePoint(run: SweepRun, instanceCount: number): boolean {
  return isLow(run.availability) && (run.type === 'host-down' || instanceCount <= 1);
}

function SweepRow({ run, index }: { run: SweepRun; index: number }) {
  const source = `sweep:${index}`;
  const active = useUiStore((s) => s.highlight?.source === source);
  const instanceCount = useDocumentStore((s) => (run.type === 'node-down' ? (s.document.nodes.find((n) => n.id === run.target)?.instances?.length ?? 1) : 1));
  const spof = isSinglePoint(run, instanceCount);
  const select = () => {
    const ui = useUiStore.getState();
    if (active) return ui.setHighlight(null);
    ui.setHighlight(run.type === 'host-down' ? { nodes: [], hosts: [run.target], source } : { nodes: [run.target], hosts: [], source });
  };
  return (
    <tr className={`${active ? 'is-active' : ''}${spof ? ' is-spof' : ''}`} onClick={select} aria-selected={active}>
      <td>
        <button type="button" className="link" onClick={(e) => (e.stopPropagation(), select())}>
          {run.type === 'host-down' ? 'Host' : 'Node'} {run.name}
        </button>
      </td>
      <td className={isLow(run.availability) ? 'is-bad' : ''} title={run.partial?.message ?? (run.availability === null ? 'no request finished' : undefined)}>
        {percent(run.availability)}
        {spof && (
          <span className="spof-mark" title="Single point of failure: losing it alone drops availability below 95%">
            {' '}▲ SPOF<span className="visually-hidden"> — single point of failure</span>
          </span>
        )}
        {!spof && run.type === 'node-down' && instanceCount > 1 && isLow(run.availability) && (
          <span className="muted small" title={`All ${instanceCount} instances stopped: the whole service is down`}>
            {' '}(all {instanceCount})
          </span>
        )}
      </td>
      <td>{run.mainCause ?? '—'}</td>
    </tr>
  );
}

export function Sweep() {
  const sweep = useSimulationStore((s) => s.sweep);
  const progress = useSimulationStore((s) => s.sweepProgress);
  const documentName = useDocumentStore((s) => s.document.name);
  return (
    <div className="results__block">
      <button type="button" className="button button--small" onClick={() => void simulation.sweep()} disabled={progress !== null}>
        {progress ? 'Sweeping…' : 'Run failure sweep'}
      </button>
      {progress && (
        <progress className="sweep-progress" max={progress.total} value={progress.done} aria-label="Sweep progress">
          {progress.done}/{progress.total}
        </progress>
      )}
      {sweep && (
        <table className="sweep" aria-label="Failure sweep">
          <caption className="muted small">
            {documentName}: each host and node down for the whole run, worst first. Healthy: {percent(sweep.baseline)}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Down</th>
              <th scope="col">Availability</th>
              <th scope="col">Main cause</th>
            </tr>
          </thead>
          <tbody>
            {sweep.runs.map((run, i) => (
              <SweepRow key={`${run.type}:${run.target}`} run={run} index={i} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

