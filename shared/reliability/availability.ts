/**
 * `topo availability` (SPEC §7): per client, the steady-state share of time its requests can be
 * served — exact where the design has at most 24 failure units, and by Monte Carlo always — with
 * the nines, the expected downtime, the units that cost the most of it, and the SLO verdict.
 */
import type { TopologyDocument } from '../document';
import { exactAvailability, type ExactResult } from './exact';
import { availabilityModel, type AvailabilityModel } from './model';
import { DEFAULT_YEARS, monteCarloAvailability } from './monteCarlo';

export const MINUTES_PER_YEAR = 365 * 24 * 60;
export const MINUTES_PER_30_DAYS = 30 * 24 * 60;

export interface AvailabilityOptions {
  readonly capacityAware?: boolean;
  /** Simulated years of Monte Carlo (default 1,000). */
  readonly years?: number;
  readonly seed?: number;
}

export interface Contributor {
  readonly unit: string;
  /** Share of the client's expected downtime this unit causes (shares sum to about 1). */
  readonly share: number;
}

export interface ClientAvailability {
  /** Null past 24 failure units. */
  readonly exact: number | null;
  readonly monteCarlo: { readonly value: number; readonly low: number; readonly high: number; readonly years: number };
  /** −log10(1 − A); null when nothing can take the client down. */
  readonly nines: number | null;
  readonly downtimeMinutesPerYear: number;
  readonly downtimeMinutesPer30Days: number;
  readonly contributors: readonly Contributor[];
  /** The client's availability target and whether the prediction meets it; null without one. */
  readonly slo: { readonly availability: number; readonly met: boolean } | null;
}

export interface AvailabilityReport {
  /** Failure units of the design. */
  readonly units: number;
  readonly clients: Readonly<Record<string, ClientAvailability>>;
}

/** Availability figures are rounded to 10 decimals: the 10th nine is past any input's precision. */
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export function analyzeAvailability(doc: TopologyDocument, options: AvailabilityOptions = {}): AvailabilityReport {
  const model = availabilityModel(doc, { capacityAware: options.capacityAware ?? false });
  const years = options.years ?? DEFAULT_YEARS;
  const exact = exactAvailability(model);
  const monteCarlo = monteCarloAvailability(model, { years, seed: options.seed ?? 1 });
  const clients: Record<string, ClientAvailability> = {};
  model.clients.forEach((client, i) => {
    const simulated = monteCarlo[i]!;
    const known: ExactResult | undefined = exact?.[i];
    // The exact figure where there is one; otherwise the Monte Carlo estimate.
    const availability = known?.availability ?? simulated.value;
    const unavailability = Math.max(0, 1 - availability);
    const target = doc.nodes.find((node) => node.id === client.id)?.slo?.availability;
    clients[client.id] = {
      exact: known === undefined ? null : round(known.availability, 10),
      monteCarlo: { value: round(simulated.value, 10), low: round(simulated.low, 10), high: round(simulated.high, 10), years },
      nines: unavailability <= 0 ? null : round(-Math.log10(unavailability), 2),
      downtimeMinutesPerYear: round(unavailability * MINUTES_PER_YEAR, 2),
      downtimeMinutesPer30Days: round(unavailability * MINUTES_PER_30_DAYS, 2),
      contributors: contributors(model, known?.saved ?? simulated.saved),
      slo: target === undefined ? null : { availability: target, met: availability >= target },
    };
  });
  return { units: model.units.length, clients };
}

/** Each unit's share of the downtime it alone would remove by never failing, normalised to sum 1. */
function contributors(model: AvailabilityModel, saved: Float64Array): Contributor[] {
  let total = 0;
  for (const value of saved) total += value;
  if (total <= 0) return [];
  return model.units
    .map((unit, u) => ({ unit: unit.name, share: round(saved[u]! / total, 3) }))
    .filter((entry) => entry.share > 0)
    .sort((a, b) => b.share - a.share || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}
