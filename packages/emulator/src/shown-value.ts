/** A value as an error message shows it: strings quoted and cut at 80 characters. */
export const shownValue = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
