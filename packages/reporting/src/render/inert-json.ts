// What JSON.stringify leaves raw that a terminal acts on: DEL and the C1 controls, the line and
// paragraph separators, and the bidi controls (it escapes the C0 controls itself).
const RAW_IN_JSON = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * `JSON.stringify`, with every control and bidi character in a string written as a `\u` escape:
 * a parser reads the same value, and a terminal shown the text sees only ASCII for them.
 */
export const inertJson = (value: unknown, indent?: number): string =>
  JSON.stringify(value, null, indent).replace(
    RAW_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
