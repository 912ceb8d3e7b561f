/**
 * A team's review rules for `topo check` (SPEC §9), read from YAML or JSON:
 *
 * ```yaml
 * rules:
 *   no-spof: { severity: error, ignore: [legacy-db] }
 *   max-severity: { level: warning }          # any finding at warning or worse
 *   require-labels: { labels: [cluster] }
 *   forbid-labels: { labels: [monolith] }
 *   min-availability: { value: 0.999 }        # or { value: 0.95, under: sweep }
 *   slo-met: {}
 *   max-p99: { value: 300 }                   # ms, baseline simulation
 *   shared-database: { severity: warning }    # any finding rule by name
 * ```
 *
 * Every rule takes `severity` (`error` by default, or `warning`) and `ignore` (node or host ids
 * whose violations are not reported).
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { ValidationError } from '../document';
import { FINDING_RULES, LABELS, type FindingRule, type Label } from '../classification';

export const CHECK_RULES = ['no-spof', 'max-severity', 'require-labels', 'forbid-labels', 'min-availability', 'slo-met', 'max-p99'] as const;
export type CheckRuleName = (typeof CHECK_RULES)[number];
export type ViolationSeverity = 'error' | 'warning';

const base = {
  severity: z.enum(['error', 'warning']).optional(),
  ignore: z.array(z.string()).optional(),
};
const labels = z.array(z.enum(LABELS as unknown as [Label, ...Label[]])).min(1);

const RULE_SCHEMAS = {
  'no-spof': z.strictObject({ ...base }),
  'max-severity': z.strictObject({ ...base, level: z.enum(['error', 'warning', 'info']) }),
  'require-labels': z.strictObject({ ...base, labels }),
  'forbid-labels': z.strictObject({ ...base, labels }),
  'min-availability': z.strictObject({ ...base, value: z.number().min(0).max(1), under: z.enum(['analysis', 'sweep']).optional() }),
  'slo-met': z.strictObject({ ...base }),
  'max-p99': z.strictObject({ ...base, value: z.number().positive() }),
} satisfies Record<CheckRuleName, z.ZodType>;
const findingRuleSchema = z.strictObject({ ...base });

export type CheckRuleOptions = { [K in CheckRuleName]: z.infer<(typeof RULE_SCHEMAS)[K]> };

/** One configured rule: a check rule with its options, or a finding rule by name. */
export type ConfiguredRule =
  | { [K in CheckRuleName]: { readonly name: K; readonly options: CheckRuleOptions[K] } }[CheckRuleName]
  | { readonly name: FindingRule; readonly options: z.infer<typeof findingRuleSchema>; readonly finding: true };

export function severityOf(rule: ConfiguredRule): ViolationSeverity {
  return rule.options.severity ?? 'error';
}

const isCheckRule = (name: string): name is CheckRuleName => (CHECK_RULES as readonly string[]).includes(name);
const isFindingRule = (name: string): name is FindingRule => (FINDING_RULES as readonly string[]).includes(name);

/** Reads a rules file (YAML or JSON; JSON is YAML); problems come back with their path. */
export function parseRules(text: string): { rules: ConfiguredRule[] } | { errors: ValidationError[] } {
  const parsed = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (parsed.errors.length > 0) {
    const error = parsed.errors[0]!;
    const at = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '(file)';
    return { errors: [{ path: at, message: `invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` }] };
  }
  let root: unknown;
  try {
    root = parsed.toJS({ maxAliasCount: 1_000 });
  } catch (error) {
    return { errors: [{ path: '(file)', message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const isDict = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isDict(root) || !isDict(root.rules)) return { errors: [{ path: 'rules', message: 'is missing: expected a mapping of rule names to their options' }] };
  const errors: ValidationError[] = [];
  const rules: ConfiguredRule[] = [];
  for (const key of Object.keys(root)) if (key !== 'rules') errors.push({ path: key, message: 'unknown key (expected only "rules")' });
  for (const [name, value] of Object.entries(root.rules)) {
    const options = value ?? {};
    const schema = isCheckRule(name) ? RULE_SCHEMAS[name] : isFindingRule(name) ? findingRuleSchema : undefined;
    if (!schema) {
      errors.push({ path: `rules.${name}`, message: `unknown rule (expected one of ${[...CHECK_RULES, ...FINDING_RULES].join(', ')})` });
      continue;
    }
    const result = schema.safeParse(options);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = [`rules.${name}`, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/\.\[/g, '[');
        errors.push({ path, message: issue.message });
      }
      continue;
    }
    rules.push(isCheckRule(name) ? ({ name, options: result.data } as ConfiguredRule) : { name: name as FindingRule, options: result.data, finding: true });
  }
  return errors.length > 0 ? { errors } : { rules };
}
