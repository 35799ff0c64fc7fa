import { RECENT_TASK_COUNT } from './recent-tasks.js';
import type { SuccessPolicy } from './report.js';
import type { ReportTaskSession } from './report-input.js';
import type { VmAggregate } from './vm-aggregate.js';

interface HeldTask {
  readonly uid: string;
  readonly vm: VmAggregate;
  /** The task as the failed run it counts as (see taskOfFinishedSession). */
  readonly run: ReportTaskSession;
}

/**
 * Tasks that had not finished when their job session had, held back for as many tasks as
 * RecentTasks remembers before they count as failed runs of their VMs: a crawl that caught a task
 * running may give it again, finished, where two pages meet, and then it counts once, as finished.
 * Memory is bounded by that count, as RecentTasks' is.
 */
export class UnprocessedTasks {
  private readonly held: (HeldTask | undefined)[] = new Array(RECENT_TASK_COUNT);
  private readonly slotByUid = new Map<string, number>();
  private next = 0;

  constructor(private readonly policy: SuccessPolicy) {}

  /** Moves on by one task of the stream: the task held that many tasks ago counts now. */
  advance(): void {
    this.next = (this.next + 1) % RECENT_TASK_COUNT;
    this.release(this.next);
  }

  /** Holds the current task (call advance first), not finished in a finished session. */
  hold(uid: string, vm: VmAggregate, run: ReportTaskSession): void {
    this.held[this.next] = { uid, vm, run };
    this.slotByUid.set(uid, this.next);
  }

  /** A finished copy of the task came: the copy held does not count. */
  drop(uid: string): void {
    const slot = this.slotByUid.get(uid);
    if (slot === undefined) return;
    this.held[slot] = undefined;
    this.slotByUid.delete(uid);
  }

  /** At the end of the stream: every task still held counts. */
  releaseAll(): void {
    for (let step = 1; step <= RECENT_TASK_COUNT; step++) {
      this.release((this.next + step) % RECENT_TASK_COUNT);
    }
  }

  private release(slot: number): void {
    const task = this.held[slot];
    if (task === undefined) return;
    this.held[slot] = undefined;
    this.slotByUid.delete(task.uid);
    task.vm.add(task.run, this.policy);
  }
}
