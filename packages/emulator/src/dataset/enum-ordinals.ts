import {
  type EnumTypeDescriptor,
  JobSessionState,
  JobSessionStateDescriptor,
  SessionResult,
  SessionResultDescriptor,
  TaskSessionState,
  TaskSessionStateDescriptor,
} from '@vbem/model';

/** A value's position in its @vbem/model enum, which is what the dataset stores. */
function ordinalOf(descriptor: EnumTypeDescriptor, value: string): number {
  const ordinal = descriptor.values.indexOf(value);
  if (ordinal < 0) throw new Error(`@vbem/model's ${descriptor.name} has no value ${value}`);
  return ordinal;
}

export const WORKING = ordinalOf(JobSessionStateDescriptor, JobSessionState.Working);
export const STOPPING = ordinalOf(JobSessionStateDescriptor, JobSessionState.Stopping);
export const STOPPED = ordinalOf(JobSessionStateDescriptor, JobSessionState.Stopped);
export const SUCCESS = ordinalOf(SessionResultDescriptor, SessionResult.Success);
export const WARNING = ordinalOf(SessionResultDescriptor, SessionResult.Warning);
export const FAILED = ordinalOf(SessionResultDescriptor, SessionResult.Failed);
/** The result of a session or task still running: none yet. */
export const NO_RESULT = ordinalOf(SessionResultDescriptor, SessionResult.None);
export const TASK_IN_PROGRESS = ordinalOf(TaskSessionStateDescriptor, TaskSessionState.InProgress);
export const TASK_PENDING = ordinalOf(TaskSessionStateDescriptor, TaskSessionState.Pending);
export const TASK_COMPLETED = ordinalOf(TaskSessionStateDescriptor, TaskSessionState.Completed);
