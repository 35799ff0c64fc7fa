import { NO_RESULT, TASK_IN_PROGRESS, TASK_PENDING } from './enum-ordinals.js';
import type { TaskRuns } from './task-runs.js';

/**
 * Rewinds one session's task runs to how they stood at `time`, while the session ran: a task that
 * ended later was in progress, one that began later was pending, queued when its session started
 * (`sessionStart`), so that no task is from after `time`; neither has a result or a reason yet.
 */
export function rewindTaskRuns(runs: TaskRuns, time: number, sessionStart: number): void {
  for (let vm = 0; vm < runs.count; vm++) {
    if ((runs.creationTime[vm] as number) > time) {
      runs.creationTime[vm] = sessionStart;
      runs.state[vm] = TASK_PENDING;
    } else if ((runs.endTime[vm] as number) > time) {
      runs.state[vm] = TASK_IN_PROGRESS;
    } else continue;
    runs.endTime[vm] = Number.NaN;
    runs.result[vm] = NO_RESULT;
    runs.reason[vm] = '';
  }
}
