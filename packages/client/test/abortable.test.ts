import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../src/transport/abortable.js';

describe('waitFor', () => {
  it('resolves true when the gate opens', async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const waiting = waitFor(gate, [new AbortController().signal, undefined]);
    open();
    expect(await waiting).toBe(true);
  });

  it('resolves false as soon as a signal aborts, the gate still closed', async () => {
    const controller = new AbortController();
    const waiting = waitFor(new Promise<void>(() => {}), [controller.signal]);
    controller.abort();
    expect(await waiting).toBe(false);
  });

  it('resolves false at once for a signal aborted before, and when the gate fails', async () => {
    expect(await waitFor(new Promise<void>(() => {}), [AbortSignal.abort()])).toBe(false);
    expect(await waitFor(Promise.reject(new Error('no')), [])).toBe(false);
  });
});

describe('sleep', () => {
  it('resolves true after the time, false when aborted first', async () => {
    expect(await sleep(1, [])).toBe(true);
    const controller = new AbortController();
    const sleeping = sleep(60_000, [controller.signal]);
    controller.abort();
    expect(await sleeping).toBe(false);
  });
});
