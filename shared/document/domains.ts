/**
 * Failure-domain rules of SPEC §7 that the schema cannot express: a zone lies in one region, so
 * two hosts naming the same zone cannot name different regions (a zone outage could not then be
 * told apart from a cross-region one).
 */
import type { ValidationError } from './errors';
import type { Host } from './schema';

/** One error per host whose region contradicts an earlier host of the same zone. */
export function checkFailureDomains(hosts: readonly Host[]): ValidationError[] {
  const errors: ValidationError[] = [];
  const regionOfZone = new Map<string, { region: string; index: number }>();
  hosts.forEach((host, index) => {
    if (host.zone === undefined || host.zone === '' || host.region === undefined || host.region === '') return;
    const first = regionOfZone.get(host.zone);
    if (!first) {
      regionOfZone.set(host.zone, { region: host.region, index });
    } else if (first.region !== host.region) {
      errors.push({
        path: `hosts[${index}].region`,
        message: `zone ${JSON.stringify(host.zone)} is already in region ${JSON.stringify(first.region)} (hosts[${first.index}]): a zone lies in one region`,
      });
    }
  });
  return errors;
}
