import type { JsonWarning } from './json-warning.js';

/**
 * The state of one `fromJson` call: the warnings so far, and the keys from the root to the object
 * being read. The path is a stack pushed and popped on the way down, so reading allocates nothing
 * for it; it becomes a string only when an error or a warning needs one.
 */
export interface ReadContext {
  readonly warnings: JsonWarning[];
  readonly path: (string | number)[];
  /** Most warnings kept; those past it are only counted. */
  readonly maxWarnings: number;
  omittedWarnings: number;
  /**
   * The raw values and keys that `readObject` found for the fields of the objects being read, a
   * slice per object from the root down, reused from one object to the next (no array per object).
   */
  readonly scratchValues: unknown[];
  readonly scratchKeys: string[];
  /** Where the slice of the next object starts. */
  scratchTop: number;
}

/**
 * Keeps a warning, or only counts it past `maxWarnings`: a document of a million unknown keys must
 * not hold a million copies of their values. `value` is read only when the warning is kept.
 */
export function addWarning(
  context: ReadContext,
  code: JsonWarning['code'],
  path: () => string,
  name: string,
  value: unknown,
): void {
  if (context.warnings.length >= context.maxWarnings) {
    context.omittedWarnings++;
    return;
  }
  context.warnings.push({ code, path: path(), name, value });
}

// A literal rather than a class instance: V8 keeps a literal's hidden class alive, whereas a
// class instance's can be collected with the last instance, and with it the optimized code of
// the readers (a full GC between two documents then costs a recompilation).
export const newReadContext = (maxWarnings: number): ReadContext => ({
  warnings: [],
  path: [],
  maxWarnings,
  omittedWarnings: 0,
  scratchValues: [],
  scratchKeys: [],
  scratchTop: 0,
});

/** `/Links/2` for the object being read, or for its `key` when given. */
export function pathString(context: ReadContext, key?: string | number): string {
  let text = '';
  for (const part of context.path) text += `/${part}`;
  return key === undefined ? text : `${text}/${key}`;
}
