const SPECIAL = /\\|"|\r\n|\r|\n/g;

/**
 * A label value for the Prometheus text exposition format: `\` as `\\`, `"` as `\"` and a line
 * break as `\n`, the format's only escapes. CRLF and a lone CR count as one line break, so that
 * no raw CR reaches a line-oriented reader either.
 */
export const escapeLabelValue = (value: string): string =>
  value.replace(SPECIAL, (match) => (match === '\\' ? '\\\\' : match === '"' ? '\\"' : '\\n'));
