/**
 * The simulation (SPEC §4): one deterministic discrete-event engine for the CLI and the Web
 * Worker. Batch: `simulate`, `sweep`; live: `createSimulation` + `LiveSession`; the service the
 * worker offers: `service.ts`, its messages: `protocol.ts`.
 */
export {
  createSimulation,
  simulate,
  findScenario,
  Simulation,
  SimulationInputError,
  DEFAULT_DURATION_S,
  DEFAULT_SEED,
  type SimulationOptions,
} from './simulation';
export {
  sweep, sweepTargets, runSweepTarget, sortSweepRuns, sweepBaseline, sweepReport, planSweep, runSweepShare, finishSweepShare, mergeSweep,
  sweepTasks, sweepOnWorkers, runSweepTask, type PooledSweepOptions,
  type SweepOptions, type SweepShare, type SweepShareResult, type SweepProgress,
} from './sweep';
export { LivePacer, LiveSession, MAX_FRAME_HZ, type LiveFrame, type LiveSessionOptions } from './live';
export { failureCauseLabel } from './causes';
export { SimulationCancelledError } from './service';
export type * from './service';
export { SIMULATION_EVENTS } from './protocol';
export { HARD_EVENT_LIMIT, IN_FLIGHT_LIMIT, STALL_EVENT_LIMIT, type BudgetStop, type BudgetReason } from './budget';
export { NO_REQUEST_FINISHED } from './report';
export { BUDGET_WINDOW_S, sloResult } from './clients';
export type * from './protocol';
export type * from './types';
