/** The latency faults still waiting, so that `close()` can end them instead of outliving it. */
export class PendingDelays {
  private readonly waiting = new Map<ReturnType<typeof setTimeout>, () => void>();

  /** Resolves true after `ms`, or false if cancelled first (the request is then dropped). */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve(true);
      }, ms);
      this.waiting.set(timer, () => resolve(false));
    });
  }

  cancelAll(): void {
    for (const [timer, cancel] of this.waiting) {
      clearTimeout(timer);
      cancel();
    }
    this.waiting.clear();
  }
}
