/**
 * How one docker-compose service maps onto a node: its kind (from the image), its instance count,
 * where it is placed, its health check, and the hosts it publishes. Each function returns what it
 * could map and a note for what it could not, so nothing is dropped silently.
 */
import type { HealthCheck } from '../document';

/** A Compose duration (`1m30s`, `500ms`, `10s`, `1h`) in ms, or null when it is not one. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value * 1000; // bare numbers are seconds
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || !/^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/.test(text)) return null;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(match[1]) * unit[match[2]!]!;
  return total;
}

/** The node's health check from a Compose `healthcheck` (interval, retries), with notes. */
export function healthCheckFrom(value: unknown, notes: string[]): HealthCheck | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const check = value as Record<string, unknown>;
  if (check.disable === true) return undefined;
  const interval = check.interval === undefined ? 30_000 : parseDuration(check.interval); // Compose's default interval is 30 s
  const retries = check.retries === undefined ? 3 : check.retries; // and its default retries 3
  if (interval === null || interval <= 0) {
    notes.push(`healthcheck interval ${JSON.stringify(check.interval)} is not a duration: health check not imported`);
    return undefined;
  }
  if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 1) {
    notes.push(`healthcheck retries ${JSON.stringify(retries)} is not a whole number ≥ 1: health check not imported`);
    return undefined;
  }
  return { intervalMs: interval, failures: retries };
}

/** A whole number ≥ 0 from YAML (which may give "3" as a string). */
function count(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

/** Instances from `deploy.replicas` or `scale` (replicas win), at least 1, with notes. */
export function replicaCount(service: Record<string, unknown>, deploy: Record<string, unknown>, notes: string[]): number {
  const replicas = deploy.replicas === undefined ? undefined : count(deploy.replicas);
  const scale = service.scale === undefined ? undefined : count(service.scale);
  if (replicas === null) notes.push(`deploy.replicas ${JSON.stringify(deploy.replicas)} is not a whole number: taken as 1`);
  if (scale === null) notes.push(`scale ${JSON.stringify(service.scale)} is not a whole number: taken as 1`);
  if (typeof replicas === 'number' && typeof scale === 'number' && replicas !== scale) {
    notes.push(`both deploy.replicas (${replicas}) and scale (${scale}) are set: used deploy.replicas`);
  }
  const chosen = typeof replicas === 'number' ? replicas : typeof scale === 'number' ? scale : 1;
  if (chosen === 0) {
    notes.push('has 0 replicas (not started by default): imported with 1 instance');
    return 1;
  }
  return chosen;
}

/**
 * The hostname a Swarm placement pins the service to (`node.hostname == db-1`), or null. Other
 * constraints (roles, labels, inequalities) cannot name a server and become notes.
 */
export function placementHost(deploy: Record<string, unknown>, notes: string[]): string | null {
  const placement = deploy.placement;
  if (typeof placement !== 'object' || placement === null) return null;
  const constraints = (placement as Record<string, unknown>).constraints;
  if (!Array.isArray(constraints)) return null;
  let host: string | null = null;
  const others: string[] = [];
  for (const constraint of constraints) {
    const text = String(constraint).trim();
    const match = /^node\.hostname\s*==\s*(\S+)$/.exec(text);
    if (match && host === null) host = match[1]!;
    else if (match) notes.push(`placement constraint "${text}" conflicts with node.hostname == ${host}: ignored`);
    else others.push(text);
  }
  for (const text of others) {
    notes.push(`placement constraint "${text}" does not name a server: ${host === null ? 'placed on the default host' : 'not imported'}`);
  }
  const preferences = (placement as Record<string, unknown>).preferences;
  if (preferences !== undefined) notes.push('placement preferences (spread) are not imported');
  return host;
}

/** True when a `ports` list publishes at least one port on the host. */
export function publishesPorts(ports: unknown): boolean {
  if (!Array.isArray(ports)) return false;
  return ports.some((port) => {
    if (typeof port === 'number') return true;
    if (typeof port === 'string') return port.trim() !== '';
    if (typeof port === 'object' && port !== null) return (port as Record<string, unknown>).target !== undefined;
    return false;
  });
}
