/**
 * Above the charts: each client's SLO standing while the run plays (met or missed, error budget
 * burned) and, once the run has its report, a stacked bar of where its time goes — one segment per
 * node on the critical path, its width the node's share of the mean latency.
 */
import { memo } from 'react';
import type { ClientReport, ClientSloResult, LatencyBreakdownEntry, LiveClientMetrics } from '../../../shared/simulation/types';
import { useDocumentStore } from '../../store/documentStore';
import { useSimulationStore } from '../../store/simulationStore';

/** Segment colours, in breakdown order (largest first); they repeat past eight nodes. */
const SEGMENT_COLORS = ['#2563eb', '#7c3aed', '#0891b2', '#d97706', '#db2777', '#16a34a', '#64748b', '#ea580c'];

const percent = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
const ms = (x: number) => `${x.toFixed(x >= 100 ? 0 : 1)} ms`;

function sloWord(met: boolean | null): { text: string; tone: string } {
  if (met === null) return { text: 'SLO unknown', tone: 'muted' };
  return met ? { text: 'SLO met', tone: 'is-ok' } : { text: 'SLO missed', tone: 'is-bad' };
}

function target(slo: ClientSloResult): string {
  const parts: string[] = [];
  if (slo.availability !== undefined) parts.push(percent(slo.availability, slo.availability >= 0.999 ? 2 : 1));
  if (slo.latencyMs !== undefined) parts.push(`p${slo.percentile ?? 99} ≤ ${ms(slo.latencyMs)}`);
  return parts.join(', ');
}

function Breakdown({ client, breakdown, mean, names }: { client: string; breakdown: readonly LatencyBreakdownEntry[]; mean: number; names: ReadonlyMap<string, string> }) {
  const total = breakdown.reduce((sum, e) => sum + e.queueMs + e.serviceMs + e.networkMs, 0);
  if (total <= 0) return null;
  const label = (e: LatencyBreakdownEntry) => `${names.get(e.node) ?? e.node}: ${ms(e.queueMs + e.serviceMs + e.networkMs)} (queue ${ms(e.queueMs)}, service ${ms(e.serviceMs)}, network ${ms(e.networkMs)})`;
  return (
    <div className="breakdown">
      <div className="breakdown__title muted">Where the time goes · mean {ms(mean)}</div>
      <div className="breakdown__bar" role="img" aria-label={`Where the time of ${client} goes: ${breakdown.map(label).join('; ')}`} data-testid={`breakdown-${client}`}>
        {breakdown.map((e, i) => (
          <span key={e.node} className="breakdown__segment" title={label(e)} style={{ flexGrow: e.queueMs + e.serviceMs + e.networkMs, background: SEGMENT_COLORS[i % SEGMENT_COLORS.length] }} />
        ))}
      </div>
      <ul className="breakdown__legend">
        {breakdown.slice(0, 4).map((e, i) => (
          <li key={e.node} title={label(e)}>
            <span className="breakdown__swatch" style={{ background: SEGMENT_COLORS[i % SEGMENT_COLORS.length] }} />
            {names.get(e.node) ?? e.node} {percent((e.queueMs + e.serviceMs + e.networkMs) / total, 0)}
          </li>
        ))}
        {breakdown.length > 4 && <li className="muted">+{breakdown.length - 4} more</li>}
      </ul>
    </div>
  );
}

function ClientCard({ id, name, live, report, names }: { id: string; name: string; live: LiveClientMetrics | undefined; report: ClientReport | undefined; names: ReadonlyMap<string, string> }) {
  const slo = report?.slo ?? live?.slo;
  const availability = report ? report.availability : (live?.availability ?? null);
  const requests = report ? report.requests : (live?.requests ?? 0);
  const word = slo ? sloWord(slo.met) : null;
  return (
    <section className="client-slo" aria-label={`Client ${name}`} data-testid={`client-slo-${id}`}>
      <header className="client-slo__head">
        <strong>{name}</strong>
        <span className="muted small">
          {availability === null ? '–' : percent(availability)} of {requests.toLocaleString()}
        </span>
      </header>
      {slo && word && (
        <p className="client-slo__verdict">
          <span className={word.tone} data-testid={`slo-status-${id}`}>
            {word.text}
          </span>
          <span className="muted"> ({target(slo)})</span>
          {slo.budgetBurned !== null && (
            <span className="client-slo__budget" title="Failed requests as a share of what the availability target allows in 30 days at the client's rate">
              {' '}· budget burned <span className={slo.budgetBurned >= 1 ? 'is-bad' : ''}>{percent(slo.budgetBurned)}</span>
            </span>
          )}
        </p>
      )}
      {report && report.latencyBreakdown.length > 0 && <Breakdown client={id} breakdown={report.latencyBreakdown} mean={report.latencyMs.mean} names={names} />}
    </section>
  );
}

function ClientSlosImpl() {
  const live = useSimulationStore((s) => s.clients);
  const reports = useSimulationStore((s) => s.clientReports);
  const runDocument = useSimulationStore((s) => s.runDocument);
  const document = useDocumentStore((s) => s.document);
  const nodes = (runDocument ?? document).nodes;
  const names = new Map(nodes.map((n) => [n.id, n.name.trim() || n.id]));
  const ids = Object.keys(reports ?? live ?? {});
  // Before a run the charts' own hint says what fills in here.
  if (ids.length === 0) return null;
  return (
    <aside className="client-slos" aria-label="Clients">
      {ids.map((id) => (
        <ClientCard key={id} id={id} name={names.get(id) ?? id} live={live?.[id]} report={reports?.[id]} names={names} />
      ))}
    </aside>
  );
}

export const ClientSlos = memo(ClientSlosImpl);
