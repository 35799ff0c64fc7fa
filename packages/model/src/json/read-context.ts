import type { JsonWarning } from './json-warning.js';

/**
 * The state of one `fromJson` call: the warnings so far, and the keys from the root to the object
 * being read. The path is a stack pushed and popped on the way down, so reading allocates nothing
 * for it; it becomes a string only when an error or a warning needs one.
 */
export interface ReadContext {
  readonly warnings: JsonWarning[];
  readonly path: (string | number)[];
}

// A literal rather than a class instance: V8 keeps a literal's hidden class alive, whereas a
// class instance's can be collected with the last instance, and with it the optimized code of
// the readers (a full GC between two documents then costs a recompilation).
export const newReadContext = (): ReadContext => ({ warnings: [], path: [] });

/** `/Links/2` for the object being read, or for its `key` when given. */
export function pathString(context: ReadContext, key?: string | number): string {
  let text = '';
  for (const part of context.path) text += `/${part}`;
  return key === undefined ? text : `${text}/${key}`;
}
