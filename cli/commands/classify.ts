import { classificationJson, classifyDesign, LABEL_TITLES, RULE_TITLES, type Classification, type Severity } from '../../shared/classification';
import { EXIT_OK, parseCommandArgs, readDocument, singleFile, type Command } from '../command';

/** Markers and headings per severity, most severe first; plain text so it reads the same when piped. */
const SEVERITIES: readonly { severity: Severity; marker: string; heading: string }[] = [
  { severity: 'error', marker: '✖ error  ', heading: 'Errors' },
  { severity: 'warning', marker: '▲ warning', heading: 'Warnings' },
  { severity: 'info', marker: 'ℹ info   ', heading: 'Info' },
];

/** The readable report: summary, each label with its reasons, findings grouped by severity. */
export function formatClassification(file: string, c: Classification): string {
  const lines = [`${file}: ${c.summary}`, ''];
  if (c.labels.length === 0) {
    lines.push('Labels: none');
  } else {
    lines.push('Labels');
    for (const label of c.labels) {
      lines.push(`  ${LABEL_TITLES[label]}`);
      for (const reason of c.evidence.filter((e) => e.label === label)) lines.push(`    • ${reason.message}`);
    }
  }
  lines.push('');
  if (c.findings.length === 0) {
    lines.push('Findings: none');
  } else {
    const counts = SEVERITIES.map(({ severity }) => [severity, c.findings.filter((f) => f.severity === severity).length] as const)
      .filter(([, n]) => n > 0)
      .map(([severity, n]) => `${n} ${severity === 'info' ? 'info' : `${severity}${n === 1 ? '' : 's'}`}`);
    lines.push(`Findings: ${counts.join(', ')}`);
    for (const { severity, marker, heading } of SEVERITIES) {
      const findings = c.findings.filter((f) => f.severity === severity);
      if (findings.length === 0) continue;
      lines.push('', `${heading}`);
      for (const finding of findings) lines.push(`  ${marker}  ${RULE_TITLES[finding.rule]} (${finding.rule}): ${finding.message}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** `topo classify FILE [--json]`: what the design is (SPEC §3), with reasons and findings. */
export const classifyCommand: Command = {
  name: 'classify',
  summary: 'say whether a design is distributed, a cluster, microservices, a monolith — and why',
  usage:
    'topo classify FILE [--json]\n\n' +
    'Classifies the design in FILE: the labels (microservices, distributed, cluster, monolith) with the\n' +
    'nodes and servers that make each one apply, and findings by severity (single points of failure,\n' +
    'shared databases, cycles of synchronous calls, …).\n' +
    '--json prints { summary, labels, distributed, cluster, microservices, monolith, findings, evidence }.\n' +
    'Exit 0 when FILE was classified (whatever the findings), 1 when FILE is invalid, 2 on bad usage.',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(classifyCommand, args, { json: { type: 'boolean' } });
    const file = singleFile(classifyCommand, positionals);
    const classification = classifyDesign(readDocument(file, io));
    io.stdout(values.json === true ? JSON.stringify(classificationJson(classification), null, 2) + '\n' : formatClassification(file, classification));
    return EXIT_OK;
  },
};
