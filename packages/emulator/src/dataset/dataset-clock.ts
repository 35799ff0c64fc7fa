import { lowerBound } from '../query/sorted-range.js';
import type { Dataset, JobSessionTable, RestoreSessionRecord } from './dataset.js';
import { NO_RESULT, STOPPING, WORKING } from './enum-ordinals.js';
import { progressAt } from './progress-at.js';
import { generateTaskRuns, TaskRuns, type TaskSessionSource } from './task-runs.js';
import { findTaskSession, generateTaskSessions } from './task-sessions.js';

/** The served dataset as EM shows it at one reading of the emulator's clock. */
export interface DatasetAtClock {
  /** The clock reading, epoch milliseconds. */
  readonly reading: number;
  /**
   * The sessions created by the reading (EM shows none from the future, not even by its id), each
   * as it stood then: one that ends later still running, with no end, State Working, Result None.
   */
  readonly dataset: Dataset;
  /** Generates `dataset`'s task sessions as they stood at the reading. */
  readonly taskSource: TaskSessionSource;
  /** The same for two readings only if every session shows the same at both, progress included. */
  readonly key: string;
  /**
   * The same for two readings if every job and restore session has the same State, Result and
   * EndTime at both (what a query of them reads; progress aside), so that paging a result while
   * sessions run reuses its evaluation.
   */
  readonly sessionsKey: string;
  /** `sessionsKey`, for task sessions: the same if every task session shows the same at both. */
  readonly tasksKey: () => string;
}

type Shown = Omit<DatasetAtClock, 'reading'>;

/**
 * The served dataset at each reading of the emulator's clock: the one place that decides which
 * sessions exist at a reading and how they stand then, for lists, entities, queries, task
 * sessions and reports alike. A reading after the dataset's end and every stop shows the dataset
 * as served, at no cost; an earlier one copies the columns it changes, and is reused while the
 * readings show the same.
 */
export class DatasetClock {
  private readonly restoreTimes: Float64Array;
  /** The longest job session that has an end: one running at a reading started at most this long before. */
  private readonly longestRunMs: number;
  /**
   * The longest job session, one running at the dataset's end counted up to it: a task session
   * is created inside its session's run, so its session was created at most this long before it.
   */
  readonly longestSessionMs: number;
  private readonly longestRestoreMs: number;
  /** The job sessions that had no end when served first (running at the dataset's end). */
  private readonly unendedRows: readonly number[];
  /** From this time on, every session shows as served: the dataset's end, or a later stop. */
  private settledFrom: number;
  private changes = 0;
  private latest: Shown | undefined;

  /**
   * `taskSource` generates the served dataset's task sessions (with its stops applied);
   * `stopping` holds the rows asked to stop, shown Stopping while they run.
   */
  constructor(
    private readonly served: Dataset,
    private readonly taskSource: TaskSessionSource,
    private readonly stopping: ReadonlySet<number> = new Set(),
  ) {
    const { creationTime, endTime, count } = served.jobSessions;
    let longest = 0;
    let longestUnended = 0;
    const unended: number[] = [];
    const end = served.now.getTime();
    for (let row = 0; row < count; row++) {
      const duration = (endTime[row] as number) - (creationTime[row] as number);
      if (Number.isNaN(duration)) {
        unended.push(row);
        longestUnended = Math.max(longestUnended, end - (creationTime[row] as number));
      } else if (duration > longest) longest = duration;
    }
    this.longestRunMs = longest;
    this.longestSessionMs = Math.max(longest, longestUnended);
    this.unendedRows = unended;
    this.restoreTimes = Float64Array.from(
      served.restoreSessions,
      (restore) => restore.creationTime,
    );
    this.longestRestoreMs = served.restoreSessions.reduce(
      (longestRestore, restore) => Math.max(longestRestore, restore.endTime - restore.creationTime),
      0,
    );
    this.settledFrom = served.now.getTime();
  }

  /** The served sessions changed at `time` (a stop): a reading before it shows the session running. */
  changed(time: number): void {
    this.changes++;
    this.settledFrom = Math.max(this.settledFrom, time);
    this.latest = undefined;
  }

  at(reading: number): DatasetAtClock {
    const jobs = lowerBound(this.served.jobSessions.creationTime, reading, true);
    const restores = lowerBound(this.restoreTimes, reading, true);
    const settled = reading >= this.settledFrom;
    const runningRows = settled ? [] : this.rowsRunningAt(reading, jobs);
    const runningRestores = settled ? [] : this.restoresRunningAt(reading, restores);
    const rewound = runningRows.length > 0 || runningRestores.length > 0;
    const key = `${jobs}/${restores}/${this.changes}${rewound ? `@${reading}` : ''}`;
    if (this.latest?.key !== key) {
      this.latest =
        jobs === this.served.jobSessions.count &&
        restores === this.served.restoreSessions.length &&
        !rewound
          ? {
              dataset: this.served,
              taskSource: this.taskSource,
              key,
              sessionsKey: key,
              tasksKey: () => key,
            }
          : this.shownAt(reading, jobs, restores, runningRows, runningRestores, key);
    }
    return { reading, ...this.latest };
  }

  /** The job session rows created by `reading` (the first `jobs`) that end after it, or never. */
  private rowsRunningAt(reading: number, jobs: number): number[] {
    const { creationTime, endTime } = this.served.jobSessions;
    const rows = new Set<number>();
    for (let row = lowerBound(creationTime, reading - this.longestRunMs); row < jobs; row++)
      if ((endTime[row] as number) > reading) rows.add(row);
    // A stop may have ended one of these after the longest run above.
    for (const row of this.unendedRows)
      if (row < jobs && !((endTime[row] as number) <= reading)) rows.add(row);
    return [...rows];
  }

  /** The restore sessions created by `reading` (the first `restores`) that end after it. */
  private restoresRunningAt(reading: number, restores: number): number[] {
    const indexes: number[] = [];
    const sessions = this.served.restoreSessions;
    for (
      let index = lowerBound(this.restoreTimes, reading - this.longestRestoreMs);
      index < restores;
      index++
    )
      if ((sessions[index] as RestoreSessionRecord).endTime > reading) indexes.push(index);
    return indexes;
  }

  private shownAt(
    reading: number,
    jobs: number,
    restores: number,
    runningRows: readonly number[],
    runningRestores: readonly number[],
    key: string,
  ): Shown {
    const served = this.served.jobSessions;
    const rewound = runningRows.length > 0;
    const own = <Column extends Float64Array | Uint8Array>(column: Column): Column =>
      (rewound ? column.slice(0, jobs) : column.subarray(0, jobs)) as Column;
    const endTime = own(served.endTime);
    const state = own(served.state);
    const result = own(served.result);
    const progress = own(served.progress);
    for (const row of runningRows) {
      progress[row] = progressAt(this.served, row, reading);
      endTime[row] = Number.NaN;
      state[row] = this.stopping.has(row) ? STOPPING : WORKING;
      result[row] = NO_RESULT;
    }
    const jobSessions = { ...prefixOf(served, jobs), endTime, state, result, progress };
    const restoreSessions = this.served.restoreSessions.slice(0, restores);
    for (const index of runningRestores)
      restoreSessions[index] = {
        ...(restoreSessions[index] as RestoreSessionRecord),
        endTime: Number.NaN,
        state: WORKING,
        result: NO_RESULT,
      };
    const taskSource: TaskSessionSource = {
      ...this.taskSource,
      table: prefixOf(this.taskSource.table, jobs),
      ...(rewound && { clockMs: reading }),
    };
    // Of the sessions created by the reading, those running then are those not ended by it: with
    // the creations and stops the same, sets of ended sessions grow with the reading, so one of
    // the same size is the same set. Tasks alike, by their creations and ends by the reading.
    const sessionsKey = `${jobs}/${restores}/${this.changes}@${runningRows.length}/${runningRestores.length}`;
    let tasksKey: string | undefined;
    return {
      dataset: {
        ...this.served,
        jobSessions,
        restoreSessions,
        taskSessionsOf: (row) => generateTaskSessions(taskSource, row),
        taskSession: (id) => findTaskSession(taskSource, id),
      },
      taskSource,
      key,
      sessionsKey,
      tasksKey: () => {
        tasksKey ??= `${sessionsKey}/${this.taskEventsBy(reading, runningRows)}`;
        return tasksKey;
      },
    };
  }

  /** How many creations and ends of the task sessions of `rows` (as served) came by `reading`. */
  private taskEventsBy(reading: number, rows: readonly number[]): number {
    const runs = new TaskRuns();
    let events = 0;
    for (const row of rows) {
      generateTaskRuns(this.taskSource, row, runs);
      for (let vm = 0; vm < runs.count; vm++) {
        if ((runs.creationTime[vm] as number) <= reading) events++;
        if ((runs.endTime[vm] as number) <= reading) events++;
      }
    }
    return events;
  }
}

/** The first `count` rows of a job session table, sharing its columns; ids past them are none. */
function prefixOf(table: JobSessionTable, count: number): JobSessionTable {
  return {
    count,
    jobIndex: table.jobIndex.subarray(0, count),
    creationTime: table.creationTime.subarray(0, count),
    endTime: table.endTime.subarray(0, count),
    state: table.state.subarray(0, count),
    result: table.result.subarray(0, count),
    progress: table.progress.subarray(0, count),
    isRetry: table.isRetry.subarray(0, count),
    id(row: number): string {
      if (row >= count) throw new RangeError(`Job session row ${row} is outside 0..${count - 1}`);
      return table.id(row);
    },
    rowOf(id: string): number {
      const row = table.rowOf(id);
      return row < count ? row : -1;
    },
  };
}
