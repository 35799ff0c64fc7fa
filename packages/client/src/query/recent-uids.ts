import { ownString } from '@vbem/model';

/**
 * The UIDs of the last `capacity` items a crawl handed out. When items appear before the cursor
 * while a crawl pages through a result, the next page starts with items already handed out, as
 * many as appeared; they are found here and skipped, however many pages back they came from.
 */
export class RecentUids {
  readonly #ring: (string | undefined)[];
  readonly #set = new Set<string>();
  #next = 0;

  constructor(capacity: number) {
    this.#ring = new Array<string | undefined>(Math.max(1, capacity));
  }

  has(uid: string): boolean {
    return this.#set.has(uid);
  }

  /** Remembers `uid`, forgetting the oldest one past the capacity. */
  add(uid: string): void {
    if (this.#set.has(uid)) return;
    // A copy: the UID is a slice of the page's document, which the set would keep alive.
    const own = ownString(uid);
    const oldest = this.#ring[this.#next];
    if (oldest !== undefined) this.#set.delete(oldest);
    this.#ring[this.#next] = own;
    this.#set.add(own);
    this.#next = (this.#next + 1) % this.#ring.length;
  }
}
