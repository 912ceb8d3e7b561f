/**
 * The Availability panel (SPEC §7): per client the exact availability and the Monte Carlo estimate
 * with its 95 % interval, the nines, the expected downtime, the failure units that cost the most
 * of it (hover or click one to find it on the canvas) and the verdict against the client's
 * availability objective. Computed in the reliability worker (reliabilityStore.ts).
 */
import { memo } from 'react';
import type { TopologyDocument } from '../../../shared/document';
import type { ClientAvailability, Contributor } from '../../../shared/reliability';
import { describeUnit, formatAvailability, formatDowntime } from '../../model/reliabilityView';
import { useDocumentStore } from '../../store/documentStore';
import { useReliabilityStore, YEARS_RANGE } from '../../store/reliabilityStore';
import { InlineNumber } from './InlineNumber';
import { useHighlightButton } from '../highlight';

function ContributorItem({ document, clientId, contributor }: { document: TopologyDocument; clientId: string; contributor: Contributor }) {
  const unit = describeUnit(document, contributor.unit);
  const { active, handlers } = useHighlightButton(unit, `availability:${clientId}:${contributor.unit}`);
  const percent = `${(contributor.share * 100).toFixed(1)} %`;
  return (
    <li>
      <button type="button" className={`contributor${active ? ' is-active' : ''}`} data-unit={contributor.unit} title={contributor.unit} {...handlers}>
        <span className="contributor__label">{unit.label}</span>
        <span className="contributor__share">{percent}</span>
        <span className="contributor__bar" aria-hidden="true">
          <span style={{ width: `${Math.max(1, contributor.share * 100)}%` }} />
        </span>
      </button>
    </li>
  );
}

function ClientCard({ document, id, report, units }: { document: TopologyDocument; id: string; report: ClientAvailability; units: number }) {
  const name = document.nodes.find((n) => n.id === id)?.name ?? id;
  const mc = report.monteCarlo;
  const headline = report.exact ?? mc.value;
  return (
    <article className="availability-client" aria-label={`Availability of ${name}`} data-client={id}>
      <h3 className="availability-client__name">{name}</h3>
      <p className="availability-client__headline">
        <span className="availability-client__value" aria-label="Availability">
          {formatAvailability(headline)}
        </span>
        <span className="availability-client__nines" aria-label="Nines" data-value={report.nines ?? ''}>
          {report.nines === null ? 'never down' : `${report.nines.toFixed(2)} nines`}
        </span>
      </p>
      <dl className="availability-client__facts">
        <dt>Exact</dt>
        <dd aria-label="Exact availability">
          {report.exact === null ? <span className="muted">not computed: {units} failure units (exact up to 24)</span> : formatAvailability(report.exact)}
        </dd>
        <dt>Monte Carlo</dt>
        <dd aria-label="Monte Carlo estimate">
          {formatAvailability(mc.value)}{' '}
          <span className="muted">
            (95 % interval <span data-testid="interval">{formatAvailability(mc.low)} – {formatAvailability(mc.high)}</span>, {mc.years.toLocaleString('en-US')} years)
          </span>
        </dd>
        <dt>Downtime</dt>
        <dd aria-label="Downtime">
          {formatDowntime(report.downtimeMinutesPerYear)} a year · {formatDowntime(report.downtimeMinutesPer30Days)} per 30 days
        </dd>
        <dt>Objective</dt>
        <dd aria-label="Availability objective">
          {report.slo === null ? (
            <span className="muted">none set (client ▸ SLO)</span>
          ) : report.slo.met ? (
            <span className="slo slo--met">✔ meets {(report.slo.availability * 100).toString()} %</span>
          ) : (
            <span className="slo slo--missed">✖ misses {(report.slo.availability * 100).toString()} %</span>
          )}
        </dd>
      </dl>
      <h4 className="classification__heading">Where the downtime comes from</h4>
      {report.contributors.length === 0 ? (
        <p className="muted">Nothing that can fail takes this client down.</p>
      ) : (
        <ol className="contributors" aria-label={`Downtime contributors of ${name}`}>
          {report.contributors.map((c) => (
            <ContributorItem key={c.unit} document={document} clientId={id} contributor={c} />
          ))}
        </ol>
      )}
    </article>
  );
}

function Options() {
  const options = useReliabilityStore((s) => s.options);
  const set = useReliabilityStore((s) => s.set);
  return (
    <div className="reliability__options">
      <label className="reliability__check" title="A node counts as up only with enough instances up to carry its load">
        <input type="checkbox" checked={options.capacityAware} onChange={(e) => set({ options: { ...options, capacityAware: e.target.checked } })} />
        Capacity-aware
      </label>
      <InlineNumber label="Years" value={options.years} min={YEARS_RANGE.min} max={YEARS_RANGE.max} onCommit={(years) => set({ options: { ...options, years } })} />
      <InlineNumber label="Seed" value={options.seed} min={0} max={2 ** 31 - 1} onCommit={(seed) => set({ options: { ...options, seed } })} />
    </div>
  );
}

function AvailabilityPanelImpl() {
  const document = useDocumentStore((s) => s.document);
  const result = useReliabilityStore((s) => s.result);
  const resultDocument = useReliabilityStore((s) => s.resultDocument);
  const computing = useReliabilityStore((s) => s.computing);
  const error = useReliabilityStore((s) => s.error);
  const hasClient = document.nodes.some((n) => n.kind === 'client');
  const report = result?.availability;
  const clients = report ? Object.entries(report.clients) : [];
  return (
    <section className={`reliability${computing ? ' is-computing' : ''}`} role="region" aria-label="Availability" aria-busy={computing}>
      <header className="reliability__header">
        <h2 className="panel-title">Availability</h2>
        <span className="reliability__status" role="status">
          {computing ? 'computing…' : report ? `${report.units} failure units` : ''}
        </span>
      </header>
      <Options />
      {error && (
        <p className="reliability__error" role="alert">
          {error}
        </p>
      )}
      {!hasClient ? (
        <p className="reliability__empty">No client in this design: add a Client and connect it to see how available the design is to it.</p>
      ) : !report || !resultDocument ? (
        <p className="muted">{computing ? 'Working out the availability…' : ''}</p>
      ) : (
        clients.map(([id, client]) => <ClientCard key={id} document={resultDocument} id={id} report={client} units={report.units} />)
      )}
    </section>
  );
}

export const AvailabilityPanel = memo(AvailabilityPanelImpl);
