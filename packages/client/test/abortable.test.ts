import { describe, expect, it } from 'vitest';
import { attemptSignal, beforeDeadline, MAX_TIMER_MS, sleep } from '../src/transport/abortable.js';

describe('sleep', () => {
  it('resolves true after the time, false when aborted first', async () => {
    expect(await sleep(1, [])).toBe(true);
    const controller = new AbortController();
    const sleeping = sleep(60_000, [controller.signal]);
    controller.abort();
    expect(await sleeping).toBe(false);
  });
});

describe('waits past what a Node timer holds (2^31 - 1 ms)', () => {
  it('are clamped, not fired after 1 ms', async () => {
    const controller = new AbortController();
    const sleeping = sleep(MAX_TIMER_MS + 1_000, [controller.signal]);
    const attempt = attemptSignal([], 30 * 24 * 3600 * 1000, undefined);
    const settled = await Promise.race([
      sleeping.then(() => 'slept'),
      new Promise((resolve) => setTimeout(resolve, 50, 'still waiting')),
    ]);
    expect(settled).toBe('still waiting');
    expect(attempt.signal.aborted).toBe(false);
    attempt.dispose();
    controller.abort();
    expect(await sleeping).toBe(false);
  });
});

describe('attemptSignal', () => {
  it('is stopped at once, by the deadline, when the deadline has passed: nothing is to be sent', () => {
    const attempt = attemptSignal([], 30_000, Date.now() - 1);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.reason()).toBe('deadline');
    attempt.dispose();
  });
});

describe('beforeDeadline', () => {
  it("rejects at the deadline while the work goes on, and takes the work's outcome before it", async () => {
    let finish = (_value: string) => {};
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const timedOut = () => new Error('late');
    await expect(beforeDeadline(work, Date.now() + 20, timedOut)).rejects.toThrow('late');
    finish('done');
    expect(await beforeDeadline(work, Date.now() - 1, timedOut)).toBe('done');
    expect(await beforeDeadline(work, undefined, timedOut)).toBe('done');
  });
});
