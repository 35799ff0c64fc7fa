/** How many task sessions a stream is looked back over for a repeat. */
export const RECENT_TASK_COUNT = 256;

/**
 * The task sessions last seen in a stream, by UID, to tell a repeat: a crawl repeats an item where
 * two pages meet, so a repeat follows its first copy closely. A task seen running and then
 * finished (a crawl across its end) is no repeat the second time: its result is new. The UIDs are
 * held as given (slices of their pages): the items they come from are at most a few pages back.
 */
export class RecentTasks {
  /** End time in ms of each recent task; +Infinity while it ran. */
  private readonly endMsByUid = new Map<string, number>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(private readonly capacity = RECENT_TASK_COUNT) {
    this.ring = new Array(capacity);
  }

  /** Whether this copy of a task adds nothing to one seen among the recent ones; remembers it. */
  isRepeat(uid: string, endMs: number): boolean {
    const seenEndMs = this.endMsByUid.get(uid);
    if (seenEndMs !== undefined) {
      if (seenEndMs === endMs || endMs === Number.POSITIVE_INFINITY) return true;
      this.endMsByUid.set(uid, endMs);
      return false;
    }
    const oldest = this.ring[this.next];
    if (oldest !== undefined) this.endMsByUid.delete(oldest);
    this.ring[this.next] = uid;
    this.endMsByUid.set(uid, endMs);
    this.next = (this.next + 1) % this.capacity;
    return false;
  }
}
