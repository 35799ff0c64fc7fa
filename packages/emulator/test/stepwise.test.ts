import { describe, expect, it } from 'vitest';
import { completed, completedInTurns, type Stepwise, TURN_MS } from '../src/query/stepwise.js';

/** `count` steps of a little more than a turn each, saying whether another callback ran before each. */
function* busySteps(
  count: number,
  othersSeen: boolean[],
  other: { ran: boolean },
): Stepwise<number> {
  for (let step = 0; step < count; step++) {
    othersSeen.push(other.ran);
    const until = performance.now() + TURN_MS + 5;
    while (performance.now() < until) {
      // busy, as a scan is
    }
    yield;
  }
  return count;
}

describe('a computation in steps', () => {
  it('completes at once, or turn after turn with other callbacks run in between', async () => {
    expect(completed(busySteps(2, [], { ran: false }))).toBe(2);
    const seen: boolean[] = [];
    const other = { ran: false };
    setImmediate(() => {
      other.ran = true;
    });
    expect(await completedInTurns(busySteps(3, seen, other), () => false)).toBe(3);
    expect(seen).toEqual([false, true, true]);
  });

  it('stops, its rest never computed, once nobody waits for it', async () => {
    const seen: boolean[] = [];
    expect(await completedInTurns(busySteps(5, seen, { ran: false }), () => true)).toBeUndefined();
    expect(seen).toHaveLength(1);
  });
});
