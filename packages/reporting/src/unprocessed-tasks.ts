import type { SuccessPolicy } from './report.js';
import type { ReportTaskSession } from './report-input.js';
import type { VmAggregate } from './vm-aggregate.js';

/**
 * Tasks held back at most: past this many, the one held longest counts. A crawl gives a task's
 * finished copy within a page or two of its running one, so this is far more than needed; it
 * bounds memory on input where every task is left unfinished.
 */
export const MAX_HELD_TASKS = 10_000;

interface HeldTask {
  readonly vm: VmAggregate;
  /** The task as the failed run it counts as (see taskOfFinishedSession). */
  readonly run: ReportTaskSession;
}

/**
 * Tasks that had not finished when their job session had, held back until the end of the stream
 * before they count as failed runs of their VMs: a crawl that caught a task running may give it
 * again, finished (where two pages meet, or later), and then only that copy counts. Memory is
 * bounded by MAX_HELD_TASKS.
 */
export class UnprocessedTasks {
  /** By UID, in the order they were held (a Map keeps insertion order). */
  private readonly held = new Map<string, HeldTask>();

  constructor(private readonly policy: SuccessPolicy) {}

  /** Holds a task not finished in a finished session (again: its latest copy). */
  hold(uid: string, vm: VmAggregate, run: ReportTaskSession): void {
    this.held.delete(uid);
    this.held.set(uid, { vm, run });
    if (this.held.size > MAX_HELD_TASKS) {
      const [oldest] = this.held.keys();
      this.release(oldest as string);
    }
  }

  /** A finished copy of the task came: the copy held does not count. */
  drop(uid: string): void {
    this.held.delete(uid);
  }

  /** At the end of the stream: every task still held counts, in the order they were held. */
  releaseAll(): void {
    for (const { vm, run } of this.held.values()) vm.add(run, this.policy);
    this.held.clear();
  }

  private release(uid: string): void {
    const task = this.held.get(uid);
    if (task === undefined) return;
    this.held.delete(uid);
    task.vm.add(task.run, this.policy);
  }
}
