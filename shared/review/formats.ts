/**
 * `topo check` output for people and for CI systems: text, JSON, JUnit XML and SARIF 2.1.0. SARIF
 * and JUnit place each violation on the line of the file it is about: the first node (or host) it
 * names, found by its JSON path (`nodes[3]`) in the file's own text.
 */
import type { TopologyDocument } from '../document';
import type { CheckResult, Violation } from './check';
import { locateJsonPaths, type TextPosition } from './locate';

/** The JSON path of the element a violation is about: its first node, else its first host. */
export function violationPath(doc: TopologyDocument, violation: Violation): string | undefined {
  const node = violation.nodes[0];
  if (node !== undefined) {
    const index = doc.nodes.findIndex((n) => n.id === node);
    if (index >= 0) return `nodes[${index}]`;
  }
  const host = violation.hosts[0];
  if (host !== undefined) {
    const index = doc.hosts.findIndex((h) => h.id === host);
    if (index >= 0) return `hosts[${index}]`;
  }
  return undefined;
}

function positions(doc: TopologyDocument, text: string, result: CheckResult): { paths: (string | undefined)[]; at: Map<string, TextPosition> } {
  const paths = result.violations.map((v) => violationPath(doc, v));
  return { paths, at: locateJsonPaths(text, new Set(paths.filter((p): p is string => p !== undefined))) };
}

export function formatCheckText(file: string, result: CheckResult): string {
  if (result.violations.length === 0) return `${file}: no violations (${result.checked} rule${result.checked === 1 ? '' : 's'} checked)\n`;
  const lines = result.violations.map((v) => `${file}: ${v.severity}: ${v.rule}: ${v.message}`);
  lines.push(`${result.failing} violation${result.failing === 1 ? '' : 's'} failing the check, ${result.violations.length} listed, ${result.checked} rule${result.checked === 1 ? '' : 's'} checked`);
  return lines.join('\n') + '\n';
}

export function formatCheckJson(result: CheckResult): string {
  return JSON.stringify({ violations: result.violations, checked: result.checked, failing: result.failing }, null, 2) + '\n';
}

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters at all, escaped or not.
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** JUnit XML: one test case per rule checked (and per rule broken), a failure per violation. */
export function formatCheckJunit(file: string, doc: TopologyDocument, text: string, result: CheckResult, rules: readonly string[]): string {
  const { paths, at } = positions(doc, text, result);
  const byRule = new Map<string, { violation: Violation; where: string }[]>();
  for (const rule of rules) byRule.set(rule, []);
  result.violations.forEach((violation, i) => {
    const path = paths[i];
    const position = path !== undefined ? at.get(path) : undefined;
    const where = position ? `${file}:${position.line}:${position.column} (${path})` : file;
    const list = byRule.get(violation.rule) ?? [];
    list.push({ violation, where });
    byRule.set(violation.rule, list);
  });
  if (byRule.size === 0) byRule.set('findings', []);
  const failures = result.violations.length;
  const cases = [...byRule].map(([rule, found]) => {
    const body = found
      .map(({ violation, where }) => `      <failure type="${xml(violation.severity)}" message="${xml(violation.message)}">${xml(`${where}: ${violation.message}`)}</failure>`)
      .join('\n');
    return found.length === 0 ? `    <testcase classname="topo.check" name="${xml(rule)}"/>` : `    <testcase classname="topo.check" name="${xml(rule)}">\n${body}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="topo check" tests="${byRule.size}" failures="${failures}">`,
    `  <testsuite name="${xml(file)}" tests="${byRule.size}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** SARIF 2.1.0: one result per violation, located on the line of the element it names. */
export function formatCheckSarif(file: string, doc: TopologyDocument, text: string, result: CheckResult, version: string): string {
  const { paths, at } = positions(doc, text, result);
  const ruleIds = [...new Set(result.violations.map((v) => v.rule))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'topo check',
            informationUri: 'https://github.com/topology-designer/topology-designer',
            version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: id } })),
          },
        },
        artifacts: [{ location: { uri: file } }],
        results: result.violations.map((violation, i) => {
          const path = paths[i];
          const position = path !== undefined ? at.get(path) : undefined;
          return {
            ruleId: violation.rule,
            ruleIndex: ruleIds.indexOf(violation.rule),
            level: violation.severity,
            message: { text: violation.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file, index: 0 },
                  region: position ? { startLine: position.line, startColumn: position.column } : { startLine: 1, startColumn: 1 },
                },
                ...(path !== undefined ? { logicalLocations: [{ fullyQualifiedName: path, kind: 'element' }] } : {}),
              },
            ],
            properties: { nodes: violation.nodes, hosts: violation.hosts },
          };
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
