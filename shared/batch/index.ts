/** The batch worker pool shared by the CLI and the app (see README.md). */
export { runBatch, inThreadWorker, BatchCancelledError, type BatchSignal, type BatchWorker, type BatchTaskControl, type BatchOptions } from './pool';
