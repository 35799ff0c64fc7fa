import { describe, expect, it } from 'vitest';
import { RecentTasks } from '../src/recent-tasks.js';

describe('RecentTasks', () => {
  it('tells a repeat among the last ones, forgets older ones, and takes a new end', () => {
    const recent = new RecentTasks(3);
    expect(recent.isRepeat('a', 10)).toBe(false);
    expect(recent.isRepeat('a', 10)).toBe(true);
    expect(recent.isRepeat('b', Number.POSITIVE_INFINITY)).toBe(false);
    // Running, then ended: new. Then running again: the older copy.
    expect(recent.isRepeat('b', 20)).toBe(false);
    expect(recent.isRepeat('b', Number.POSITIVE_INFINITY)).toBe(true);
    expect(recent.isRepeat('c', 30)).toBe(false);
    expect(recent.isRepeat('d', 40)).toBe(false);
    // Three slots: 'd' pushed 'a' out, and 'a' back in pushes 'b' out.
    expect(recent.isRepeat('a', 10)).toBe(false);
    expect(recent.isRepeat('c', 30)).toBe(true);
    expect(recent.isRepeat('b', 20)).toBe(false);
  });
});
