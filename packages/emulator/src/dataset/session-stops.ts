import type { Dataset, JobSessionTable } from './dataset.js';
import { DatasetClock } from './dataset-clock.js';
import { FAILED, STOPPED, STOPPING } from './enum-ordinals.js';
import { progressAt } from './progress-at.js';
import { type TaskSessionSource, taskSessionSource } from './task-runs.js';
import { findTaskSession, generateTaskSessions } from './task-sessions.js';

/**
 * The job sessions stopped while an emulator runs (`POST /backupSessions/{id}?action=stop`), over
 * a generated dataset that stays as it was. The emulator serves `dataset`: the same, but with its
 * own copies of the EndTime, State, Result and Progress columns, which a stop writes, and task
 * sessions generated as before, then ended by the stop.
 */
export class SessionStops {
  readonly dataset: Dataset;
  /** Generates task sessions from the dataset as generated, then applies the stops. */
  readonly taskSource: TaskSessionSource;
  /** `dataset` at each reading of the emulator's clock. */
  readonly clock: DatasetClock;
  private readonly stops = new Map<number, number>();
  /** Sessions asked to stop whose stop task has not finished yet: State Stopping meanwhile. */
  private readonly stopping = new Set<number>();

  constructor(generated: Dataset) {
    const table = generated.jobSessions;
    const served: JobSessionTable = {
      ...table,
      endTime: table.endTime.slice(),
      state: table.state.slice(),
      result: table.result.slice(),
      progress: table.progress.slice(),
    };
    this.taskSource = {
      ...taskSessionSource(generated),
      stoppedAt: (row) => this.stops.get(row),
    };
    this.dataset = {
      ...generated,
      jobSessions: served,
      taskSessionsOf: (row) => generateTaskSessions(this.taskSource, row),
      taskSession: (id) => findTaskSession(this.taskSource, id),
    };
    this.clock = new DatasetClock(this.dataset, this.taskSource, this.stopping);
  }

  /** How many sessions stop requests have ended: what served figures computed earlier miss. */
  get count(): number {
    return this.stops.size;
  }

  /**
   * Marks the session of `row` running at `time` as asked to stop: State Stopping, still running,
   * until `stop()` ends it (its stop task finishes). False when it is not running then.
   */
  requestStop(row: number, time: number): boolean {
    const table = this.dataset.jobSessions;
    if ((table.endTime[row] as number) <= time) return false;
    this.stopping.add(row);
    // A session with no end shows its served State; one that ends later is rewound by the clock.
    if (Number.isNaN(table.endTime[row] as number)) table.state[row] = STOPPING;
    this.clock.changed(time);
    return true;
  }

  /**
   * Stops the session of `row` running at `time` (not before it started), as an immediate stop
   * in VBR ends it: State Stopped, Result Failed, the progress it had made. False when the session
   * is not running then: it has ended by `time`.
   */
  stop(row: number, time: number): boolean {
    const table = this.dataset.jobSessions;
    if (this.stopping.delete(row)) this.clock.changed(time);
    if ((table.endTime[row] as number) <= time) return false;
    const end = Math.max(time, table.creationTime[row] as number);
    table.progress[row] = progressAt(this.dataset, row, end);
    this.stops.set(row, end);
    table.endTime[row] = end;
    table.state[row] = STOPPED;
    table.result[row] = FAILED;
    this.clock.changed(end);
    return true;
  }
}
