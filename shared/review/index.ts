/**
 * Design review (SPEC §9): `checkDesign` against a team's rules with text, JSON, JUnit and SARIF
 * output, and `diffDesigns` by id.
 */
export { checkDesign, checkExitCode, type CheckOptions, type CheckResult, type Violation } from './check';
export { parseRules, CHECK_RULES, type CheckRuleName, type ConfiguredRule, type ViolationSeverity } from './rules';
export { formatCheckJson, formatCheckJunit, formatCheckSarif, formatCheckText, violationPath } from './formats';
export { locateJsonPaths, type TextPosition } from './locate';
export { diffDesigns, designsDiffer, fieldChanges, formatDiffText, simulationDiff, SINGLE_POINT_AVAILABILITY, type DesignDiff, type ElementChanges, type FieldChange, type SimulationDiff, type SimulationSide } from './diff';
export { simulateDiff, simulationSide } from './diffSimulation';
