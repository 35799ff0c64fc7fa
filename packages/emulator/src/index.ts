export { ClockReadingError } from './clock-reading-error.js';
export type {
  BackupServerRecord,
  Dataset,
  DatasetOptions,
  JobRecord,
  JobSessionTable,
  ResolvedDatasetOptions,
  RestoreSessionRecord,
  TaskSessionRecord,
} from './dataset/dataset.js';
export { DatasetOptionsError } from './dataset/dataset-options-error.js';
export { DEFAULT_DATASET_OPTIONS, generateDataset } from './dataset/generate-dataset.js';
export { DEFAULT_USER, type EmulatorOptions, type EmulatorUser } from './emulator-options.js';
export { EmulatorOptionsError } from './emulator-options-error.js';
export type { EmulatorStats } from './emulator-stats.js';
export {
  type FlagProblem,
  type FlagProblemContext,
  flagProblemOf,
} from './flag-message.js';
export { faultRuleOfFlag } from './http/fault-flag.js';
export { FaultFlagError } from './http/fault-flag-error.js';
export type { FaultPlan } from './http/fault-plan.js';
export type { AnswerFault, Fault, FaultRule } from './http/fault-rule.js';
export { FaultRuleError } from './http/fault-rule-error.js';
export { QUERY_TYPES, type QueryTypeName } from './query/query-service.js';
export { type RunningEmulator, startEmulator } from './start-emulator.js';
export type { TlsOption, TlsVersion } from './tls-option.js';
