/** What the call throws, or what its promise, crawl or iterable fails with on the first read. */
export async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    const result = call();
    if (result instanceof Promise) await result;
    else if (typeof result === 'object' && result !== null && Symbol.asyncIterator in result) {
      await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().next();
    }
  } catch (error) {
    return error;
  }
  return undefined;
}
