/** Failure domains, availability and capacity from the document alone (SPEC §7); see README.md. */
export { analyzeAvailability, MINUTES_PER_30_DAYS, MINUTES_PER_YEAR, type AvailabilityOptions, type AvailabilityReport, type ClientAvailability, type Contributor } from './availability';
export { analyzeCapacity, type CapacityReport, type NodeCapacity } from './capacity';
export { availabilityModel, type AvailabilityModel, type ModelOptions } from './model';
export { exactAvailability, MAX_EXACT_UNITS, type ExactResult } from './exact';
export { monteCarloAvailability, DEFAULT_YEARS, HOURS_PER_YEAR, type MonteCarloOptions, type MonteCarloResult } from './monteCarlo';
export { failureUnits, type FailureUnit, type FailureUnits, type UnitKind } from './units';
export {
  DEFAULT_RAMP_DURATION_S,
  DEFAULT_RAMP_STEPS,
  KNEE_FAILED_SHARE,
  findKnee,
  rampMultiples,
  rampStepOf,
  rampTasks,
  runRamp,
  runRampStep,
  scaledDocument,
  type RampOptions,
  type RampReport,
  type RampStep,
  type RampStepTask,
} from './ramp';
