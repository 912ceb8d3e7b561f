/**
 * Design review (SPEC §9): `checkDesign` against a team's rules with text, JSON, JUnit and SARIF
 * output, and `diffDesigns` by id.
 */
export { checkDesign, checkExitCode, type CheckOptions, type CheckResult, type Violation } from './check';
export { parseRules, CHECK_RULES, type CheckRuleName, type ConfiguredRule, type ViolationSeverity } from './rules';
export { formatCheckJson, formatCheckJunit, formatCheckSarif, formatCheckText, violationPath } from './formats';
export { locateJsonPaths, type TextPosition } from './locate';
